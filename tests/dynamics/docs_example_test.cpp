// The complete example in docs/dynamics.md loads and simulates, so the documentation cannot
// drift from the loader.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "truce/dynamics/simulate.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"

namespace truce {
namespace {

std::string example() {
  std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/docs/dynamics.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  const auto section = doc.find("### A complete example");
  const auto start = doc.find("```yaml\n", section);
  const auto end = doc.find("```\n", start + 8);
  EXPECT_NE(section, std::string::npos);
  EXPECT_NE(start, std::string::npos);
  return doc.substr(start + 8, end - start - 8);
}

TEST(DocsExample, LoadsRoundTripsAndSimulates) {
  const Scenario s = parse_scenario_yaml(example(), "docs/dynamics.md");
  ASSERT_TRUE(s.dynamics.has_value());
  EXPECT_EQ(s.dynamics->third_parties.at(0).levers.size(), 4u);
  EXPECT_TRUE(s.dynamics->belligerents[1].red_line_follows_front);
  EXPECT_EQ(parse_scenario_yaml(canonical_scenario_json(s), "example.json"), s);
  dynamics::SimulateOptions o;
  o.runs = 500;
  const auto r = dynamics::simulate(s, o);
  const double p = r["probability_of_ceasefire"];
  EXPECT_GT(p, 0.0);  // the red lines meet at 'line', so deals do happen
  EXPECT_LE(p, 1.0);
}

}  // namespace
}  // namespace truce
