// One small file per class of bad input (tests/data/scenarios/invalid), each with the exact
// first diagnostic the loader must give (EXPECTED.txt: file, line:column, message).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/io/scenario_yaml.hpp"
#include "../support/first_problem.hpp"

namespace truce {
namespace {

const std::string invalid_dir = std::string(TRUCE_SOURCE_DIR) + "/tests/data/scenarios/invalid/";

struct Expected {
  std::string file;
  std::string location;
  std::string message;
};

std::vector<Expected> expectations() {
  std::ifstream in(invalid_dir + "EXPECTED.txt");
  std::vector<Expected> all;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab1 = line.find('\t');
    const auto tab2 = line.find('\t', tab1 + 1);
    all.push_back({line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
  }
  return all;
}

TEST(InvalidScenarios, EachFileGivesItsExactFirstDiagnostic) {
  const auto all = expectations();
  ASSERT_GE(all.size(), 20u);
  for (const auto& e : all) {
    try {
      load_scenario_file(invalid_dir + e.file);
      ADD_FAILURE() << e.file << " loaded";
    } catch (const InputError& error) {
      const Diagnostic& d = error.diagnostics().front();
      EXPECT_EQ(std::to_string(d.line) + ":" + std::to_string(d.column), e.location) << e.file;
      EXPECT_EQ(d.message, e.message) << e.file;
      EXPECT_EQ(d.file, invalid_dir + e.file);
    }
  }
}

std::string first_problem(const std::string& text) { return testing::first_yaml_problem(text); }

const std::string head =
    "truce: 1\nname: t\nsources: [{id: s, title: T, publisher: P, date: DATE}]\n"
    "actors: [{id: a, name: A, capability: 1}]\n"
    "issues:\n  - {id: x, name: X, kind: scale, low: l, high: h}\n"
    "  - {id: o, name: O, kind: options, options: [{id: p, label: P}, {id: q, label: Q}]}\n";

std::string with(const std::string& date, const std::string& stances) {
  std::string text = head;
  text.replace(text.find("DATE"), 4, date);
  return text + (stances.empty() ? "stances: []\n" : "stances:\n" + stances);
}

TEST(InvalidScenarios, RejectsDatesThatDoNotExist) {
  EXPECT_EQ(first_problem(with("2025-02-29", "")),
            "s.yaml:3:49: error: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found '2025-02-29'");
  EXPECT_EQ(first_problem(with("2024-02-29", "")), "no problem");  // a leap year
  EXPECT_EQ(first_problem(with("2025-04-31", "")).find("found '2025-04-31'") != std::string::npos, true);
  EXPECT_EQ(first_problem(with("2025", "")), "no problem");
}

TEST(InvalidScenarios, RejectsAnEmptyRedLine) {
  EXPECT_EQ(first_problem(with("2025", "  - {actor: a, issue: x, position: 10, salience: 1, red_line: {}}\n")),
            "s.yaml:9:63: error: expected a red line with 'min' and/or 'max', found neither");
}

TEST(InvalidScenarios, RejectsAnOptionsPositionWithoutTheHighestUtility) {
  EXPECT_EQ(first_problem(with("2025", "  - {actor: a, issue: o, position: p, salience: 1, utilities: {p: 0.2, q: 0.9}}\n")),
            "s.yaml:9:36: error: expected the position to be an option with the actor's highest utility (0.9), found "
            "'p' with 0.2");
  EXPECT_EQ(first_problem(with("2025", "  - {actor: a, issue: o, position: q, salience: 1, utilities: {p: 0.2, q: 0.9}}\n")),
            "no problem");
}

}  // namespace
}  // namespace truce
