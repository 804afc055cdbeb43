// The YAML scenario loader: what it accepts, the canonical JSON round trip, and every class
// of bad input with its exact message and location.
#include "truce/io/scenario_yaml.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <sstream>

#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

std::string seed_text() {
  std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/tests/data/scenarios/seed.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Replaces the first occurrence of `from` in the seed scenario.
std::string seed_with(const std::string& from, const std::string& to) {
  std::string text = seed_text();
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

std::vector<Diagnostic> problems(const std::string& text) {
  try {
    parse_scenario_yaml(text, "s.yaml");
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

std::string first_problem(const std::string& text) {
  const auto all = problems(text);
  return all.empty() ? "no problem" : format_diagnostic(all.front());
}

TEST(ScenarioYaml, LoadsEveryFieldOfTheSeedScenario) {
  const Scenario s = parse_scenario_yaml(seed_text(), "seed.yaml");
  ASSERT_EQ(s.actors.size(), 2u);
  EXPECT_EQ(s.actors[0].id, "A");
  EXPECT_DOUBLE_EQ(s.actors[0].capability, 10);
  EXPECT_TRUE(s.actors[0].veto);
  EXPECT_EQ(s.actors[0].risk_attitude, 0.5);
  EXPECT_FALSE(s.actors[1].veto);
  EXPECT_FALSE(s.actors[1].risk_attitude.has_value());
  ASSERT_EQ(s.issues.size(), 2u);
  EXPECT_EQ(s.issues[0].kind, IssueKind::scale);
  EXPECT_EQ(s.issues[1].kind, IssueKind::options);
  const Stance* land = find_stance(s, 0, 0);
  ASSERT_NE(land, nullptr);
  EXPECT_DOUBLE_EQ(land->position, 50);  // the named point 'half'
  EXPECT_DOUBLE_EQ(land->salience, 0.5);
  ASSERT_TRUE(land->acceptable_range.has_value());
  EXPECT_DOUBLE_EQ(land->acceptable_range->min, 25);
  EXPECT_DOUBLE_EQ(land->acceptable_range->max, 100);
  ASSERT_EQ(land->evidence.size(), 1u);
  EXPECT_EQ(land->evidence[0].source, "s1");
  const Stance* pick = find_stance(s, 1, 1);
  ASSERT_NE(pick, nullptr);
  EXPECT_EQ(pick->option, 1u);
  EXPECT_EQ(pick->option_utilities, (std::vector<double>{0.2, 1.0}));
  EXPECT_EQ(pick->acceptable_options, (std::vector<std::size_t>{1}));
  EXPECT_EQ(find_stance(s, 0, 1), nullptr);  // A has no stake in 'pick'
}

TEST(ScenarioYaml, CanonicalJsonRoundTripGivesAnEqualScenario) {
  const Scenario first = parse_scenario_yaml(seed_text(), "seed.yaml");
  const std::string json = canonical_scenario_json(first);
  const Scenario second = parse_scenario_yaml(json, "seed.json");
  EXPECT_EQ(first, second);
  EXPECT_EQ(canonical_scenario_json(second), json);
}

TEST(ScenarioYaml, OptionUtilitiesDefaultToOneForThePositionAndZeroElsewhere) {
  const Scenario s = parse_scenario_yaml(seed_with("utilities: {x: 0.2, y: 1}, ", ""), "s.yaml");
  EXPECT_EQ(find_stance(s, 1, 1)->option_utilities, (std::vector<double>{0.0, 1.0}));
}

TEST(ScenarioYaml, RejectsUnknownKeysListingTheAllowedOnes) {
  EXPECT_EQ(first_problem(seed_with("veto: true", "veto: true, vetoes: 2")),
            "s.yaml:6:54: error: expected one of the keys id, name, description, capability, risk_attitude, veto, revisions, "
            "found 'vetoes'");
}

TEST(ScenarioYaml, RejectsDuplicateIdsAndKeys) {
  EXPECT_EQ(first_problem(seed_with("id: B, name: Beta", "id: A, name: Beta")),
            "s.yaml:7:10: error: expected each actor id once, found 'A' again");
  EXPECT_EQ(first_problem(seed_with("name: Beta", "name: Beta, name: Gamma")),
            "s.yaml:7:25: error: expected each key once, found 'name' again");
}

TEST(ScenarioYaml, RejectsReferencesToUnknownIds) {
  EXPECT_EQ(first_problem(seed_with("source: s1", "source: s9")),
            "s.yaml:20:111: error: expected the id of a source declared in this file, found 's9'");
  EXPECT_EQ(first_problem(seed_with("{actor: B,", "{actor: Z,")),
            "s.yaml:21:13: error: expected the id of an actor declared in this file, found 'Z'");
  EXPECT_EQ(first_problem(seed_with("position: half", "position: quarter")),
            "s.yaml:20:39: error: expected 'position' on issue 'land' (a number from 0 to 100 or one of none, half), "
            "found 'quarter'");
}

TEST(ScenarioYaml, RejectsOutOfRangeAndNonFiniteNumbers) {
  EXPECT_EQ(first_problem(seed_with("salience: 0.5", "salience: 1.5")),
            "s.yaml:20:55: error: expected 'salience' between 0 and 1, found 1.5");
  EXPECT_EQ(first_problem(seed_with("capability: 10", "capability: .nan")),
            "s.yaml:6:38: error: expected 'capability' (a finite number), found '.nan'");
  EXPECT_EQ(first_problem(seed_with("capability: 10", "capability: .inf")),
            "s.yaml:6:38: error: expected 'capability' (a finite number), found '.inf'");
  EXPECT_EQ(first_problem(seed_with("capability: 10", "capability: 0")),
            "s.yaml:6:38: error: expected 'capability' greater than 0, found 0");
  EXPECT_EQ(first_problem(seed_with("capability: 10", "capability: \"10\"")),
            "s.yaml:6:38: error: expected 'capability' (a finite number), found '10'");
}

TEST(ScenarioYaml, RejectsAPositionOutsideTheActorsOwnRedLine) {
  EXPECT_EQ(first_problem(seed_with("position: half", "position: 10")),
            "s.yaml:20:39: error: expected the position inside the actor's own red line [25, 100], found 10");
  EXPECT_EQ(first_problem(seed_with("red_line: [y]", "red_line: [x]")),
            "s.yaml:21:39: error: expected the position inside the actor's own red line, found 'y'");
}

TEST(ScenarioYaml, RejectsMissingRequiredKeysAndWrongTypes) {
  EXPECT_EQ(first_problem(seed_with("title: T, ", "")),
            "s.yaml:4:5: error: expected the key 'title', found it missing");
  EXPECT_EQ(first_problem(seed_with("veto: true", "veto: yes please")),
            "s.yaml:6:48: error: expected 'veto' to be true or false, found 'yes please'");
  EXPECT_EQ(first_problem("truce: 1\nname: x\nactors: 3\nissues: []\n"),
            "s.yaml:3:9: error: expected the list of actors (a list), found '3'");
}

TEST(ScenarioYaml, ReportsEveryProblemNotJustTheFirst) {
  std::string bad = seed_with("capability: 10", "capability: -1");
  bad.replace(bad.find("salience: 1,"), 12, "salience: 7,");
  const auto all = problems(bad);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].line, 6);
  EXPECT_EQ(all[1].line, 21);
}

TEST(ScenarioYaml, RejectsEmptyNonUtf8AndOversizedInput) {
  EXPECT_EQ(first_problem(""), "s.yaml: error: expected a scenario, found an empty file");
  EXPECT_EQ(first_problem("  \n\n"), "s.yaml: error: expected a scenario, found an empty file");
  EXPECT_EQ(first_problem("name: ok\nname2: \xff\n"), "s.yaml:2:8: error: expected UTF-8 text, found the byte 0xFF");
  EXPECT_EQ(first_problem("name: \xC0\xAF\n"), "s.yaml:1:7: error: expected UTF-8 text, found the byte 0xC0");
  EXPECT_EQ(first_problem(std::string(10 * 1024 * 1024 + 1, '#')),
            "s.yaml: error: expected a file of at most 10485760 bytes, found 10485761 bytes");
}

TEST(ScenarioYaml, RejectsAnchorsAliasesAndBombs) {
  EXPECT_EQ(first_problem("a: &x [1, 2]\nb: *x\n"),
            "s.yaml:1:4: error: expected plain data, found a YAML anchor (anchors and aliases are not accepted)");
  // The classic "billion laughs": nine levels of ten aliases each.
  std::string bomb = "a0: &a0 [lol]\n";
  for (int i = 1; i < 10; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) bomb += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
    bomb += "]\n";
  }
  EXPECT_EQ(first_problem(bomb),
            "s.yaml:1:5: error: expected plain data, found a YAML anchor (anchors and aliases are not accepted)");
}

TEST(ScenarioYaml, RejectsSyntaxErrorsSecondDocumentsAndDeepNesting) {
  EXPECT_EQ(first_problem("truce: 1\nissues: [\n"),
            "s.yaml:3:1: error: expected valid YAML, found a syntax error: end of sequence flow not found");
  EXPECT_EQ(first_problem("truce: 1\n---\ntruce: 1\n"),
            "s.yaml:2:1: error: expected one YAML document, found a second one");
  EXPECT_EQ(first_problem(std::string(100, '[') + std::string(100, ']')),
            "s.yaml:1:65: error: expected at most 64 levels of nesting, found more");
}

TEST(ScenarioYaml, RejectsAWrongFormatVersion) {
  EXPECT_EQ(first_problem(seed_with("truce: 1", "truce: 2")), "s.yaml:1:8: error: expected the format version 1, found 2");
}

TEST(ScenarioFile, ReportsAMissingFile) {
  try {
    load_scenario_file("/nonexistent/x.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(format_diagnostic(e.diagnostics().at(0)),
              "/nonexistent/x.yaml: error: expected a readable file, found none at this path");
  }
}

}  // namespace
}  // namespace truce

namespace truce {
namespace {

// A policy (truce policies): its changes read in order, round-tripped through the canonical
// JSON; a parameter set twice and an empty list are located errors.
TEST(ScenarioYaml, PoliciesReadInOrderRoundTripAndRejectRepeatsWithTheirLine) {
  const std::string policies =
      "\npolicies:\n"
      "  - id: p1\n"
      "    name: First\n"
      "    set:\n"
      "      - {parameter: capability.A, value: 2}\n"
      "      - {parameter: salience.A.x, value: 0.5}\n";
  const std::string text = seed_text() + policies;
  const Scenario s = parse_scenario_yaml(text, "s.yaml");
  ASSERT_EQ(s.policies.size(), 1u);
  EXPECT_EQ(s.policies[0].set, (std::vector<PolicyChange>{{"capability.A", 2}, {"salience.A.x", 0.5}}));
  const std::string json = canonical_scenario_json(s);
  EXPECT_EQ(parse_scenario_yaml(json, "s.json"), s);
  // The line of the repeated parameter: the seed's lines, then the policies block's 7th.
  const std::string seed = seed_text();
  const auto seed_lines = static_cast<int>(std::count(seed.begin(), seed.end(), '\n'));
  const std::string repeated = seed_text() + policies + "      - {parameter: capability.A, value: 3}\n";
  EXPECT_EQ(first_problem(repeated), fmt::format("s.yaml:{}:21: error: expected each parameter once in a policy, found "
                                                 "'capability.A' again",
                                                 seed_lines + 8));
  EXPECT_NE(first_problem(seed_text() + "\npolicies:\n  - {id: p2, name: Empty, set: []}\n").find(
                "expected at least one change, found an empty list"),
            std::string::npos);
}

}  // namespace
}  // namespace truce
