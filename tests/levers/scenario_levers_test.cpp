// The levers engine bound to scenarios: parameters and their ranges, targets, the levers and
// what-it-takes analyses. Expected values are computed by hand from
// tests/data/scenarios/two-issues.yaml (border issue: north 100 with capability 60 and
// salience 0.8, south 10 with 40 and 0.9, broker 50 with 100 and 0.3).
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "truce/io/scenario_file.hpp"
#include "truce/levers/levers_analysis.hpp"
#include "truce/levers/scenario_parameters.hpp"
#include "truce/levers/targets.hpp"

namespace truce::levers {
namespace {

using nlohmann::json;

const Scenario& two_issues() {
  static const Scenario s = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/tests/data/scenarios/two-issues.yaml");
  return s;
}

const ScenarioParameter& named(const std::vector<ScenarioParameter>& ps, const std::string& name) {
  for (const auto& p : ps)
    if (p.parameter.name == name) return p;
  throw std::runtime_error("no parameter " + name);
}

TEST(ScenarioParameters, GiveEveryCapabilityPositionAndSalienceAPlusMinusSpreadRange) {
  const auto ps = scenario_parameters(two_issues(), 10);
  // 3 capabilities; border: 3 stances x (position, salience) plus north's red line min (50) and
  // south's max (60); monitors (options): 3 saliences.
  ASSERT_EQ(ps.size(), 14u);
  const auto& north_line = named(ps, "red_line_min.north.border");
  EXPECT_DOUBLE_EQ(north_line.parameter.low, 40.0);
  EXPECT_DOUBLE_EQ(north_line.parameter.high, 60.0);
  EXPECT_THROW(named(ps, "red_line_max.north.border"), std::runtime_error);  // at 100: no constraint to move
  EXPECT_DOUBLE_EQ(named(ps, "red_line_max.south.border").parameter.base, 60.0);
  EXPECT_EQ(ps[0].parameter.name, "capability.north");
  EXPECT_DOUBLE_EQ(ps[0].parameter.low, 54.0);
  EXPECT_DOUBLE_EQ(ps[0].parameter.high, 66.0);
  const auto& north = named(ps, "position.north.border");  // 100 +- 10 points, clamped to the scale
  EXPECT_DOUBLE_EQ(north.parameter.low, 90.0);
  EXPECT_DOUBLE_EQ(north.parameter.high, 100.0);
  const auto& sal = named(ps, "salience.south.border");  // 0.9 x (1 +- 0.1), clamped to 1
  EXPECT_DOUBLE_EQ(sal.parameter.low, 0.81);
  EXPECT_DOUBLE_EQ(sal.parameter.high, 0.99);
  EXPECT_THROW(named(ps, "position.north.monitors"), std::runtime_error);
  const auto wide = scenario_parameters(two_issues(), 50);
  EXPECT_DOUBLE_EQ(named(wide, "salience.south.border").parameter.high, 1.0);
  EXPECT_THROW(scenario_parameters(two_issues(), -1), std::invalid_argument);
}

TEST(ScenarioParameters, AreSelectedByNamePatternAndOwnRange) {
  const auto all = scenario_parameters(two_issues(), 10);
  const auto border = select_parameters(all, {"position.*.border"});
  ASSERT_EQ(border.size(), 3u);
  EXPECT_EQ(border[1].parameter.name, "position.south.border");
  const auto own = select_parameters(all, {"position.broker.border=0:100"});
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].parameter.low, 0.0);
  EXPECT_EQ(own[0].parameter.range_from, "command line");
  EXPECT_THROW(select_parameters(all, {"position.nobody.*"}), std::invalid_argument);
  EXPECT_THROW(select_parameters(all, {"position.broker.border=60:100"}), std::invalid_argument);  // base 50 outside
  EXPECT_THROW(select_parameters(all, {"position.broker.border=0-100"}), std::invalid_argument);
  EXPECT_TRUE(matches_pattern("a*c*", "abxcd"));
  EXPECT_FALSE(matches_pattern("a*c", "abxcd"));
  const auto moved = with_values(two_issues(), border, {95, 12, 44});
  EXPECT_EQ(find_stance(moved, 1, 0)->position, 12);  // south on border
  EXPECT_EQ(find_stance(moved, 2, 0)->position, 44);
  EXPECT_EQ(find_stance(two_issues(), 1, 0)->position, 10);  // the original is untouched
}

TEST(Targets, ForecastTargetsEvaluateTheNamedModel) {
  // Compromise: (60*0.8*100 + 40*0.9*10 + 100*0.3*50) / (48 + 36 + 30) = 6660 / 114.
  const auto t = bind_target(two_issues(), "forecast.compromise.border", json::object());
  EXPECT_EQ(t.model, "compromise");
  EXPECT_NEAR(t.evaluate(two_issues()), 6660.0 / 114.0, 1e-12);
  const auto d = bind_target(two_issues(), "forecast.border", json::object());
  EXPECT_EQ(d.model, "eum");
  const auto m = bind_target(two_issues(), "forecast.border", json{{"model", "median"}});
  // Weighted median: sorted 10 (36), 50 (30), 100 (48); half of 114 = 57 reached at 50.
  EXPECT_EQ(m.evaluate(two_issues()), 50.0);
}

TEST(Targets, RefuseUnknownTargetsOptionsIssuesAndMissingAnalyses) {
  auto message = [](const std::string& name) {
    try {
      bind_target(two_issues(), name, json::object());
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("forecast.monitors").find("has options, not a scale"), std::string::npos);
  EXPECT_NE(message("forecast.nowhere").find("expected an issue of the scenario (border, monitors)"), std::string::npos);
  EXPECT_NE(message("forecast.oracle.border").find("expected a forecasting model"), std::string::npos);
  EXPECT_NE(message("p_ceasefire@0").find("expected a number of months >= 1"), std::string::npos);
  EXPECT_NE(message("happiness").find("unknown target 'happiness'"), std::string::npos);
}

TEST(LeversAnalysis, TornadoOfTheCompromiseMatchesHandComputedSwings) {
  const json r = run_levers(two_issues(), {{"target", "forecast.compromise.border"}, {"methods", {"tornado"}}});
  EXPECT_NEAR(r["base_output"].get<double>(), 6660.0 / 114.0, 1e-12);
  // capability.north at 54 and 66: (43.2*100 + 360 + 1500) / 109.2 and (52.8*100 + 1860) / 118.8.
  for (const auto& bar : r["tornado"]["bars"])
    if (bar["parameter"] == "capability.north") {
      EXPECT_NEAR(bar["output_at_low"].get<double>(), 6180.0 / 109.2, 1e-9);
      EXPECT_NEAR(bar["output_at_high"].get<double>(), 7140.0 / 118.8, 1e-9);
    }
  // Largest swing: south's position, 10 +- 10 on weight 36: 36 * 20 / 114 = 6.316.
  EXPECT_EQ(r["tornado"]["bars"][0]["parameter"], "position.south.border");
  EXPECT_NEAR(r["tornado"]["bars"][0]["swing"].get<double>(), 720.0 / 114.0, 1e-9);
  EXPECT_FALSE(r.contains("sobol"));
}

TEST(LeversAnalysis, SobolOfTheCompromiseOverPositionsMatchesTheLinearClosedForm) {
  // With weights fixed the compromise is linear in the positions: S_i = a_i^2 var_i / sum with
  // a = (48, 36, 30)/114 and widths 10 (north, clamped at 100), 20, 20: a^2 var proportional to
  // 48^2*100, 36^2*400, 30^2*400 = 230400, 518400, 360000 of 1108800.
  const json r = run_levers(two_issues(), {{"target", "forecast.compromise.border"},
                                           {"parameters", {"position.*.border"}},
                                           {"methods", {"sobol"}},
                                           {"samples", 8192},
                                           {"bootstrap", 0}});
  std::map<std::string, double> expected = {{"position.north.border", 230400.0 / 1108800},
                                            {"position.south.border", 518400.0 / 1108800},
                                            {"position.broker.border", 360000.0 / 1108800}};
  ASSERT_EQ(r["sobol"]["indices"].size(), 3u);
  for (const auto& ix : r["sobol"]["indices"]) {
    EXPECT_NEAR(ix["first_order"].get<double>(), expected.at(ix["parameter"]), 0.03) << ix["parameter"];
    EXPECT_NEAR(ix["total"].get<double>(), expected.at(ix["parameter"]), 0.03) << ix["parameter"];
    EXPECT_TRUE(ix["total_low"].is_null());
  }
  EXPECT_EQ(r["sobol"]["indices"][0]["parameter"], "position.south.border");
}

TEST(LeversAnalysis, GivesIdenticalBytesForAnyThreadCount) {
  json options = {{"target", "forecast.eum.border"}, {"samples", 64}, {"bootstrap", 20}, {"threads", 1}};
  const json one = run_levers(two_issues(), options);
  options["threads"] = 2;
  const json two = run_levers(two_issues(), options);
  EXPECT_EQ(one.dump(), two.dump());  // byte for byte: --threads is not echoed into the result
}

TEST(WhatItTakes, FindsTheBrokerMoveThatBringsTheCompromiseTo55OrSaysItIsOutOfRange) {
  // (4800 + 360 + 30 x) / 114 <= 55 needs x <= 37: out of reach within 50 +- 10, where the
  // closest point is x = 40 (output 6360/114 = 55.79) with the lever at its low end.
  const json out = run_what_it_takes(
      two_issues(), {{"goal", "forecast.compromise.border <= 55"}, {"levers", {"position.broker.border"}}});
  EXPECT_FALSE(out["reachable"].get<bool>());
  EXPECT_NEAR(out["closest"]["output"].get<double>(), 6360.0 / 114, 1e-9);
  ASSERT_EQ(out["binding"].size(), 1u);
  EXPECT_EQ(out["binding"][0]["at"], "low");
  // Over the whole scale: 50 -> 37, a change of 13 on a range of 100 = 0.13.
  const json in = run_what_it_takes(two_issues(), {{"goal", "forecast.compromise.border <= 55"},
                                                   {"levers", {"position.broker.border=0:100"}},
                                                   {"tolerance", 1e-5}});
  ASSERT_TRUE(in["reachable"].get<bool>());
  EXPECT_NEAR(in["norm_value"].get<double>(), 0.13, 2e-5);
  EXPECT_NEAR(in["changes"][0]["to"].get<double>(), 37.0, 2e-3);
  EXPECT_LE(in["output"].get<double>(), 55.0);
}

// The agreement space of two-issues.yaml by hand: north's red line (border >= 50) and south's
// (border <= 60) leave only border = 50; on monitors north accepts none or un, south un or
// regional, leaving un. One package, (50, un), and both veto actors gain from it over the
// default reservation 0 (north 0.7/1.3, south 0.89/1.6 of their best): ZOPA 1, Nash border 50.
TEST(SpaceTargets, CountTheZopaAndFindTheNashPointAsComputedByHand) {
  const auto zopa = bind_target(two_issues(), "zopa_size", json::object());
  EXPECT_EQ(zopa.analysis, "space");
  EXPECT_EQ(zopa.options["max_blocking_set"], 0);
  EXPECT_EQ(zopa.evaluate(two_issues()), 1.0);
  const auto nash = bind_target(two_issues(), "nash.border", json::object());
  EXPECT_EQ(nash.evaluate(two_issues()), 50.0);
  // Relaxing north's red line admits border = 0 (south's claim): two packages.
  const auto relaxed = bind_target(two_issues(), "zopa_size", json{{"relax", {"north.border"}}});
  EXPECT_EQ(relaxed.evaluate(two_issues()), 2.0);
  EXPECT_THROW(bind_target(two_issues(), "zopa_size", json{{"relax", {"nobody.border"}}}), std::invalid_argument);
  EXPECT_THROW(bind_target(two_issues(), "nash.monitors", json::object()), std::invalid_argument);
}

TEST(SpaceTargets, TornadoAndWhatItTakesMoveTheRedLines) {
  // North's red line at 60 (its high end) excludes 50: no package left. Nothing else in the
  // +-10% ranges changes the count (south's line at 50 still admits 50: red lines are closed).
  const json r = run_levers(two_issues(), {{"target", "zopa_size"}, {"methods", {"tornado"}}});
  const auto& bars = r["tornado"]["bars"];
  EXPECT_EQ(bars[0]["parameter"], "red_line_min.north.border");
  EXPECT_EQ(bars[0]["output_at_low"], 1.0);
  EXPECT_EQ(bars[0]["output_at_high"], 0.0);
  EXPECT_EQ(bars[1]["swing"], 0.0);
  // Two packages need north to accept border = 0: its red line from 50 down to 0, half its
  // range 0..100: norm 0.5, found at the end of the scan (the goal holds only at 0).
  const json w = run_what_it_takes(two_issues(),
                                   {{"goal", "zopa_size >= 2"}, {"levers", {"red_line_min.north.border=0:100"}}});
  ASSERT_TRUE(w["reachable"].get<bool>());
  EXPECT_EQ(w["norm_value"].get<double>(), 0.5);
  EXPECT_EQ(w["changes"][0]["to"].get<double>(), 0.0);
  EXPECT_EQ(w["output"].get<double>(), 2.0);
}

TEST(WhatItTakes, ParsesGoals) {
  const auto z = parse_goal("zopa  nonempty");
  EXPECT_EQ(z.target, "zopa_size");
  EXPECT_EQ(z.goal.comparison, Comparison::more_than);
  const auto p = parse_goal("p_ceasefire@12 >= 0.5");
  EXPECT_EQ(p.target, "p_ceasefire@12");
  EXPECT_EQ(p.goal.comparison, Comparison::at_least);
  EXPECT_EQ(p.goal.threshold, 0.5);
  EXPECT_EQ(parse_goal("nash.territory<60").goal.comparison, Comparison::less_than);
  EXPECT_THROW(parse_goal("zopa wide"), std::invalid_argument);
  EXPECT_THROW(parse_goal("forecast.x >= lots"), std::invalid_argument);
  // No levers named and no third-party levers in the scenario: an error saying so.
  EXPECT_THROW(run_what_it_takes(two_issues(), {{"goal", "forecast.border >= 1"}}), std::invalid_argument);
}

}  // namespace
}  // namespace truce::levers
