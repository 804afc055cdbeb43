// Ranges that fit the parameter (issue #14): a lever's probability is a policy choice and is
// studied over its whole natural range 0..1; physical quantities keep +-spread around the
// scenario's value. With +-10% the US guarantee (0.2) moved 0.18..0.22 and read a swing of 0;
// over 0..1 it moves p_ceasefire@12 from 0.5% to 7.5%, the largest lever probability. A tornado whose swings
// are all 0, or all within the Monte Carlo error, ranks nothing and says so.
// Scenario: scenarios/ukraine-ceasefire-2025.yaml.
#include <gtest/gtest.h>

#include "truce/io/scenario_file.hpp"
#include "truce/levers/levers_analysis.hpp"
#include "truce/levers/parameter_registry.hpp"
#include "truce/levers/scenario_parameters.hpp"

namespace truce::levers {
namespace {

using nlohmann::json;

const Scenario& reference() {
  static const Scenario s = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  return s;
}

const Parameter& named(const std::vector<ScenarioParameter>& ps, const std::string& name) {
  for (const auto& p : ps)
    if (p.parameter.name == name) return p.parameter;
  throw std::runtime_error("no parameter " + name);
}

TEST(NaturalRanges, OnlyLeverProbabilitiesDeclareTheirWholeRange) {
  for (const auto& entry : parameter_registry())
    EXPECT_EQ(entry.default_range == DefaultRange::natural, entry.kind == ParameterKind::lever_probability) << entry.form;
}

TEST(NaturalRanges, ALeversProbabilitySpansZeroToOneAndPhysicalQuantitiesKeepTheSpread) {
  const auto natural = scenario_parameters(reference(), 10);
  const auto& guarantee = named(natural, "lever_probability.united-states.guarantee.ukraine");
  EXPECT_EQ(guarantee.low, 0.0);
  EXPECT_EQ(guarantee.base, 0.2);  // the scenario's expectation stays the base
  EXPECT_EQ(guarantee.high, 1.0);
  EXPECT_EQ(guarantee.range_kind, RangeKind::natural);
  EXPECT_EQ(guarantee.range_from, "natural range 0..1 (a policy choice)");
  // The European aid the scenario gives as certain (1) now has a range to move over: 0..1.
  EXPECT_EQ(named(natural, "lever_probability.european-states.aid.ukraine").low, 0.0);
  const auto& aid = named(natural, "war.ukraine.external_aid");  // fixed 1: +-10%
  EXPECT_DOUBLE_EQ(aid.low, 0.9);
  EXPECT_DOUBLE_EQ(aid.high, 1.1);
  EXPECT_EQ(aid.range_kind, RangeKind::spread);
  EXPECT_EQ(named(natural, "war.russia.forces").range_kind, RangeKind::scenario);
  // ranges = spread: the behaviour before, +-10% of 0.2.
  const auto& old = named(scenario_parameters(reference(), 10, Ranges::spread),
                          "lever_probability.united-states.guarantee.ukraine");
  EXPECT_DOUBLE_EQ(old.low, 0.18);
  EXPECT_DOUBLE_EQ(old.high, 0.22);
  EXPECT_EQ(old.range_kind, RangeKind::spread);
  // The spread still sets the physical quantities' ranges, not the policies'.
  const auto wide = scenario_parameters(reference(), 50);
  EXPECT_DOUBLE_EQ(named(wide, "war.ukraine.external_aid").low, 0.5);
  EXPECT_EQ(named(wide, "lever_probability.united-states.guarantee.ukraine").high, 1.0);
}

// Over their natural ranges the lever probabilities are ranked (issue #14: +-10% hid them).
// Figures of the war model with breaking points, a front beyond the four oblasts and draws that
// fit the op-ed's manpower war (before them the guarantee went 3.5% -> 42%).
TEST(NaturalRanges, TheLeverProbabilitiesAreRankedOverTheirWholeRange) {
  const auto r = levers_analysis(reference(), json{{"target", "p_ceasefire@12"},
                                                   {"methods", {"tornado"}},
                                                   {"parameters", {"lever_probability.*"}}});
  ASSERT_TRUE(r.tornado);
  EXPECT_TRUE(r.tornado->ranked);
  const auto& top = r.tornado->bars.front();
  EXPECT_EQ(top.parameter, "lever_probability.united-states.guarantee.ukraine");
  EXPECT_EQ(top.rank, 1u);
  EXPECT_EQ(top.low, 0.0);
  EXPECT_EQ(top.high, 1.0);
  EXPECT_DOUBLE_EQ(top.output_at_low, 0.005);  // never given: 1 of 200 runs
  EXPECT_DOUBLE_EQ(top.output_at_high, 0.075);  // certain: 15 of 200
  EXPECT_FALSE(top.within_noise());
  EXPECT_DOUBLE_EQ(r.base_output, 0.02);
  // Its Monte Carlo error: 1.96 sqrt((0.005 x 0.995 + 0.075 x 0.925) / 200).
  EXPECT_NEAR(top.noise, 1.96 * std::sqrt((0.005 * 0.995 + 0.075 * 0.925) / 200), 1e-15);
  EXPECT_EQ(r.tornado->bars[1].parameter, "lever_probability.united-states.pressure.ukraine.territory");
  const json j = to_json(r);
  EXPECT_EQ(j["tornado"]["ranked"], true);
  EXPECT_EQ(j["tornado"]["bars"][0]["rank"], 1);
  EXPECT_EQ(j["tornado"]["bars"][0]["within_noise"], false);
  EXPECT_EQ(j["options"]["ranges"], "natural");
  // The headline `truce runs list` shows: the base 2%, the guarantee, its swing 0.075 - 0.005.
  const Headline h = levers_headline(r);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].name, "base_output");
  EXPECT_DOUBLE_EQ(std::get<double>(h[0].value), 0.02);
  EXPECT_EQ(h[0].unit, "probability");
  EXPECT_EQ(h[1].name, "top_lever");
  EXPECT_EQ(std::get<std::string>(h[1].value), "lever_probability.united-states.guarantee.ukraine");
  EXPECT_EQ(h[2].name, "top_lever_swing");
  EXPECT_NEAR(std::get<double>(h[2].value), 0.075 - 0.005, 1e-15);
  EXPECT_EQ(j["headline"], headline_to_json(h));
  for (const auto& p : j["parameters"])
    if (p["name"] == "lever_probability.united-states.guarantee.ukraine") EXPECT_EQ(p["range_kind"], "natural");

  // At 36 months, the guarantee made certain: 12% (24 of 200).
  const auto r36 = levers_analysis(reference(), json{{"target", "p_ceasefire@36"},
                                                     {"methods", {"tornado"}},
                                                     {"parameters", {"lever_probability.united-states.guarantee.ukraine"}}});
  EXPECT_DOUBLE_EQ(r36.tornado->bars.front().output_at_high, 0.12);
}

TEST(NaturalRanges, WithTheOldSpreadEveryLeverProbabilityIsWithinNoiseAndNothingIsRanked) {
  const auto r = levers_analysis(reference(), json{{"target", "p_ceasefire@12"},
                                                   {"methods", {"tornado"}},
                                                   {"ranges", "spread"},
                                                   {"parameters", {"lever_probability.*"}}});
  ASSERT_TRUE(r.tornado);
  EXPECT_FALSE(r.tornado->ranked);
  ASSERT_EQ(r.tornado->bars.size(), 6u);
  // Listed in parameter order, unranked: the guarantee's swing is 0 (0.1 at both ends).
  for (std::size_t i = 0; i < r.parameters.size(); ++i) {
    EXPECT_EQ(r.tornado->bars[i].parameter, r.parameters[i].name);
    EXPECT_EQ(r.tornado->bars[i].rank, 0u);
    EXPECT_TRUE(r.tornado->bars[i].within_noise());
  }
  EXPECT_EQ(r.tornado->bars[3].parameter, "lever_probability.united-states.guarantee.ukraine");
  // Both within the noise of 200 runs: the guarantee 1 run of 200 apart, the pressure lever none
  // (the European guarantee, probability 0 as coded, has a range of width 0 and no bar).
  EXPECT_NEAR(r.tornado->bars[3].swing, 0.005, 1e-15);
  EXPECT_EQ(r.tornado->bars[4].swing, 0.0);
  EXPECT_EQ(r.tornado->conclusion.substr(0, 77),
            "no parameter moves the output beyond the Monte Carlo error: every swing is wi");
  const json j = to_json(r);
  EXPECT_EQ(j["tornado"]["ranked"], false);
  EXPECT_TRUE(j["tornado"]["bars"][0]["rank"].is_null());
  EXPECT_EQ(j["tornado"]["conclusion"], r.tornado->conclusion);
  // No top lever to name: the headline says none stands out rather than naming bar 0.
  const Headline h = levers_headline(r);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(std::get<std::string>(h[1].value), "none stands out");
}

TEST(NaturalRanges, WhatItTakesSearchesALeversProbabilityOverItsWholeRange) {
  const json goal = {{"goal", "p_ceasefire@12 >= 0.05"}, {"levers", {"lever_probability.united-states.guarantee.ukraine"}}};
  const auto r = what_it_takes_analysis(reference(), goal);
  ASSERT_TRUE(r.search.reachable);
  ASSERT_EQ(r.search.changes.size(), 1u);
  EXPECT_EQ(r.search.changes[0].from, 0.2);
  EXPECT_NEAR(r.search.changes[0].to, 0.738, 0.001);  // the guarantee given in about 74% of runs
  EXPECT_GE(r.search.output, 0.05);
  // The headline: the goal, not met at the base (1.5%: the search's own runs), reachable, the
  // change and the output.
  const Headline h = what_it_takes_headline(r);
  ASSERT_EQ(h.size(), 6u);
  EXPECT_EQ(std::get<std::string>(h[0].value), "p_ceasefire@12 >= 0.05");
  EXPECT_FALSE(std::get<bool>(h[1].value));
  EXPECT_TRUE(std::get<bool>(h[2].value));
  EXPECT_DOUBLE_EQ(std::get<double>(h[3].value), r.search.base_output);
  EXPECT_DOUBLE_EQ(std::get<double>(h[3].value), 0.015);
  EXPECT_EQ(h[4].name, "smallest_change");
  EXPECT_DOUBLE_EQ(std::get<double>(h[4].value), r.search.norm);
  EXPECT_NEAR(std::get<double>(h[4].value), 0.538, 0.001);  // 0.2 -> 0.738 of a 0..1 range
  EXPECT_EQ(h[5].name, "output_at_change");
  EXPECT_GE(std::get<double>(h[5].value), 0.05);
  // Within +-10% of 0.2 it cannot: the old ranges.
  json old = goal;
  old["ranges"] = "spread";
  EXPECT_FALSE(what_it_takes_analysis(reference(), old).search.reachable);
  // By default the search includes every lever's probability.
  EXPECT_EQ(complete_what_it_takes_options(reference(), {{"goal", "p_ceasefire@12 >= 0.3"}})["levers"],
            json({"aid", "sanctions", "guarantee", "lever_probability.*"}));
}

TEST(NaturalRanges, AnExactTargetThatNoParameterMovesRanksNothing) {
  // The zone of possible agreement does not depend on capabilities (clout in the talks).
  const auto r = levers_analysis(reference(), json{{"target", "zopa_size"},
                                                   {"methods", {"tornado"}},
                                                   {"parameters", {"capability.*"}}});
  ASSERT_TRUE(r.tornado);
  EXPECT_FALSE(r.tornado->ranked);
  for (const auto& b : r.tornado->bars) {
    EXPECT_EQ(b.swing, 0.0);
    EXPECT_EQ(b.noise, 0.0);  // computed exactly: no Monte Carlo error
  }
  EXPECT_EQ(r.tornado->conclusion,
            "no parameter moves the output: every swing is 0 over these ranges, so none is largest (the 5 parameters "
            "are listed in their order)");
  EXPECT_FALSE(to_json(r)["tornado"]["bars"][0].contains("noise"));
}

}  // namespace
}  // namespace truce::levers
