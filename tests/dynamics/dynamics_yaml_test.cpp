// The dynamics section of the scenario format: what it accepts, the canonical JSON round
// trip, and located errors for what it refuses.

#include <gtest/gtest.h>

#include "dynamics_scenarios.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"
#include "../support/first_problem.hpp"

namespace truce {
namespace {

std::string first_problem(const std::string& text) { return testing::first_yaml_problem(text); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(DynamicsYaml, ReadsTheReferenceScenariosSection) {
  const Scenario s = load_scenario_file(testing::reference_path());
  ASSERT_TRUE(s.dynamics.has_value());
  const auto& d = *s.dynamics;
  ASSERT_EQ(d.belligerents.size(), 2u);
  EXPECT_EQ(s.actors[d.belligerents[0].actor].id, "russia");
  EXPECT_EQ(d.belligerents[0].recruitment.distribution, dynamics::Distribution::triangular);
  EXPECT_DOUBLE_EQ(d.belligerents[0].recruitment.b, 32000);  // the mode
  ASSERT_EQ(d.belligerents[0].recruitment.evidence.size(), 1u);
  EXPECT_EQ(d.belligerents[0].recruitment.evidence[0].source, "oped-2025-10");
  EXPECT_TRUE(d.belligerents[1].red_line_follows_front);
  EXPECT_DOUBLE_EQ(d.territory.start.a, 50);  // the named point 'freeze'
  EXPECT_EQ(d.status_quo.size(), s.issues.size() - 1);
  ASSERT_EQ(d.third_parties.size(), 2u);
  EXPECT_EQ(d.third_parties[0].levers.size(), 5u);
  const auto& pressure = d.third_parties[0].levers[4];
  EXPECT_EQ(pressure.kind, dynamics::LeverKind::red_line_pressure);
  ASSERT_TRUE(pressure.range.has_value());
  EXPECT_DOUBLE_EQ(pressure.range->max, 65);  // 'donbas'
}

TEST(DynamicsYaml, CanonicalJsonRoundTripGivesAnEqualScenario) {
  const Scenario first = load_scenario_file(testing::reference_path());
  const std::string json = canonical_scenario_json(first);
  const Scenario second = parse_scenario_yaml(json, "reference.json");
  EXPECT_EQ(first, second);
  EXPECT_EQ(canonical_scenario_json(second), json);
}

TEST(DynamicsYaml, RoundTripKeepsEveryDistributionKind) {
  testing::DyadSpec spec;
  spec.rate = "{distribution: lognormal, median: 1.5, sigma: 0.4}";
  spec.cost_a = "{distribution: normal, mean: 0.01, sd: 0.002, note: guess}";
  spec.cost_b = "{distribution: uniform, min: 0.01, max: 0.02}";
  spec.breakdown_b = "{value: 0.2, evidence: [{source: s, quote: q}]}";
  spec.extra_b = "      optimism: {distribution: triangular, min: -1, mode: 0, max: 2}";
  const Scenario first = testing::dyad(spec);
  EXPECT_EQ(first.dynamics->territory.rate.distribution, dynamics::Distribution::lognormal);
  const Scenario second = parse_scenario_yaml(canonical_scenario_json(first), "dyad.json");
  EXPECT_EQ(first, second);
}

TEST(DynamicsYaml, RejectsUnknownKeysWithTheirLocation) {
  const std::string text = replaced(testing::dyad_yaml({}), "      forces: 1000\n      lethality: 0\n      cost: {economy: 0}\n      discount: 0\n    - actor: B",
                                    "      forces: 1000\n      lethality: 0\n      cost: {economy: 0}\n      discount: 0\n      morale: 3\n    - actor: B");
  EXPECT_EQ(first_problem(text).substr(0, 61), "s.yaml:128:7: error: expected one of the keys actor, forces, ");
  EXPECT_NE(first_problem(text).find("found 'morale'"), std::string::npos);
}

TEST(DynamicsYaml, RejectsOutOfRangeNumbersAndBadDistributions) {
  const std::string base = testing::dyad_yaml({});
  EXPECT_EQ(first_problem(replaced(base, "      forces: 1000\n      lethality: 0\n      cost: {economy: 0}\n      discount: 0\n    - actor: B",
                                   "      forces: 0\n      lethality: 0\n      cost: {economy: 0}\n      discount: 0\n    - actor: B")),
            "s.yaml:124:15: error: expected 'forces' greater than 0, found 0");
  EXPECT_EQ(first_problem(replaced(base, "      discount: 0\n    - actor: B", "      discount: 1.5\n    - actor: B")),
            "s.yaml:127:17: error: expected 'discount' between 0 and 0.9999, found 1.5");
  EXPECT_EQ(first_problem(replaced(base, "    rate: 0\n", "    rate: {distribution: uniform, min: 3, max: 1}\n")),
            "s.yaml:139:11: error: expected the uniform's min (3) at most its max (1)");
  EXPECT_EQ(first_problem(replaced(base, "    rate: 0\n", "    rate: {distribution: gamma, shape: 2}\n")),
            "s.yaml:139:26: error: expected a distribution (uniform, normal, triangular or lognormal), found 'gamma'");
  EXPECT_EQ(first_problem(replaced(base, "    rate: 0\n", "    rate: {distribution: normal, mean: 1}\n")),
            "s.yaml:139:11: error: expected the key 'sd', found it missing");
}

TEST(DynamicsYaml, RejectsReferencesThatNameNothingOrTheWrongKind) {
  const std::string base = testing::dyad_yaml({});
  EXPECT_EQ(first_problem(replaced(base, "    advancing: A\n", "    advancing: C\n")),
            "s.yaml:138:16: error: expected one of the belligerents, found 'C'");
  EXPECT_EQ(first_problem(replaced(base, "    - actor: B\n", "    - actor: Z\n")),
            "s.yaml:128:14: error: expected the id of an actor declared in this file, found 'Z'");
  EXPECT_EQ(first_problem(replaced(base, "  - {id: B, name: B, capability: 1, veto: true}", "  - {id: B, name: B, capability: 1}")),
            "s.yaml:128:14: error: expected a belligerent with a veto (veto: true on actor 'B'): no ceasefire without it, "
            "found an actor without one");
  EXPECT_EQ(first_problem(replaced(base, "  third_parties: []",
                                   "  third_parties: [{actor: C, levers: [{kind: aid, target: C, effect: 0.1}]}]")),
            "s.yaml:142:59: error: expected a belligerent as the target of aid lever, found 'C'");
  EXPECT_EQ(first_problem(replaced(base, "  third_parties: []",
                                   "  third_parties: [{actor: C, levers: [{kind: bribe, target: A}]}]")),
            "s.yaml:142:46: error: expected a lever kind (aid, sanctions, guarantee or red_line_pressure), found 'bribe'");
}

TEST(DynamicsYaml, DatesTheWarWithEvidenceAndRoundTripsTheDates) {
  const Scenario reference = load_scenario_file(testing::reference_path());
  ASSERT_TRUE(reference.dynamics->dates);
  EXPECT_EQ(reference.dynamics->dates->started, "2022-02-24");
  EXPECT_EQ(reference.dynamics->dates->as_of, "2025-10-15");
  ASSERT_EQ(reference.dynamics->dates->evidence.size(), 1u);
  EXPECT_EQ(reference.dynamics->dates->evidence[0].source, "yomiuri-2025-08-17");
  // A plain date, without evidence, round-trips as one too.
  const Scenario plain = parse_scenario_yaml(
      replaced(testing::dyad_yaml({}), "dynamics:\n", "dynamics:\n  war_started: 2020-01-31\n  as_of: 2020-03-01\n"), "s.yaml");
  ASSERT_TRUE(plain.dynamics->dates);
  EXPECT_EQ(plain.dynamics->dates->started, "2020-01-31");
  EXPECT_EQ(parse_scenario_yaml(canonical_scenario_json(plain), "s.json"), plain);
}

TEST(DynamicsYaml, RejectsDatesThatDoNotExistOrComeInTheWrongOrder) {
  const std::string base = testing::dyad_yaml({});
  auto with = [&](const std::string& lines) { return first_problem(replaced(base, "dynamics:\n", "dynamics:\n" + lines)); };
  EXPECT_EQ(with("  war_started: 2022-02-24\n"),
            "s.yaml:122:16: error: expected both 'war_started' and 'as_of' (together how long the war has lasted at "
            "month 0), found only 'war_started'");
  EXPECT_EQ(with("  war_started: 2022-02-30\n  as_of: 2025-10-15\n"),
            "s.yaml:122:16: error: expected 'war_started' as a date YYYY-MM-DD that exists, found '2022-02-30'");
  EXPECT_EQ(with("  war_started: {date: 2022-02, note: n}\n  as_of: 2025-10-15\n"),
            "s.yaml:122:23: error: expected 'war_started' as a date YYYY-MM-DD that exists, found '2022-02'");
  EXPECT_EQ(with("  war_started: 2022-02-24\n  as_of: 2021-10-15\n"),
            "s.yaml:123:10: error: expected 'as_of' (the day month 0 stands for) on or after 'war_started' "
            "(2022-02-24), found 2021-10-15");
}

TEST(DynamicsYaml, RequiresAStatusQuoForEveryOtherIssue) {
  std::string text = testing::dyad_yaml({});
  text = replaced(text, "stances:\n", "  - {id: nato, name: NATO, kind: scale, low: a, high: b}\nstances:\n");
  EXPECT_EQ(first_problem(text),
            "s.yaml:142:15: error: expected a status quo for every issue but the territory, found none for nato");
}

}  // namespace
}  // namespace truce
