// The levers engine on the war model: parameters from the dynamics section, the p_ceasefire@M
// target, and its agreement with `truce simulate`. Scenario: tests/levers/data/war.yaml.
#include <gtest/gtest.h>

#include <cmath>

#include "truce/dynamics/simulate.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/levers/levers_analysis.hpp"
#include "truce/levers/scenario_parameters.hpp"
#include "truce/levers/targets.hpp"

namespace truce::levers {
namespace {

using nlohmann::json;

const Scenario& war() {
  static const Scenario s = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/tests/levers/data/war.yaml");
  return s;
}

const ScenarioParameter& named(const std::vector<ScenarioParameter>& ps, const std::string& name) {
  for (const auto& p : ps)
    if (p.parameter.name == name) return p;
  throw std::runtime_error("no parameter " + name);
}

TEST(WarParameters, TakeTheirRangesFromTheScenariosDistributions) {
  const auto ps = scenario_parameters(war(), 10);
  const auto& forces = named(ps, "war.north.forces");  // uniform 90..110: mean 100
  EXPECT_TRUE(forces.random);
  EXPECT_EQ(forces.parameter.low, 90.0);
  EXPECT_EQ(forces.parameter.high, 110.0);
  EXPECT_EQ(forces.parameter.base, 100.0);
  const auto& lethality = named(ps, "war.north.lethality");  // triangular 0.02, 0.03, 0.05: mean 0.1/3
  EXPECT_EQ(lethality.parameter.low, 0.02);
  EXPECT_EQ(lethality.parameter.high, 0.05);
  EXPECT_NEAR(lethality.parameter.base, 0.1 / 3, 1e-15);
  // Its Sobol draws follow the triangular: F(mode) = (0.03 - 0.02) / (0.05 - 0.02) = 1/3.
  EXPECT_NEAR(quantile(lethality.parameter, 1.0 / 3), 0.03, 1e-12);
  const auto& south = named(ps, "war.south.forces");  // fixed 80: +-10%
  EXPECT_FALSE(south.random);
  EXPECT_DOUBLE_EQ(south.parameter.low, 72.0);
  EXPECT_DOUBLE_EQ(south.parameter.high, 88.0);
  // Discount 0.97: +-10% of its rate 0.03, i.e. 0.967 .. 0.973.
  EXPECT_NEAR(named(ps, "war.north.discount").parameter.low, 0.967, 1e-12);
  EXPECT_NEAR(named(ps, "war.north.discount").parameter.high, 0.973, 1e-12);
  // Draws of every distribution stay in the parameter's range (regression: a draw once read
  // its bounds through a dangling reference).
  for (const auto& p : ps)
    for (double u : {1e-6, 0.25, 0.5, 0.75, 1 - 1e-6}) {
      const double x = quantile(p.parameter, u);
      EXPECT_GE(x, p.parameter.low) << p.parameter.name;
      EXPECT_LE(x, p.parameter.high) << p.parameter.name;
    }
  EXPECT_EQ(named(ps, "lever.broker.sanctions.north").parameter.high, 0.004);
  // A lever's probability (0.5) spans its natural range 0..1; +-10% (0.45..0.55) with ranges = spread.
  EXPECT_EQ(named(ps, "lever_probability.broker.sanctions.north").parameter.low, 0.0);
  EXPECT_DOUBLE_EQ(named(scenario_parameters(war(), 10, Ranges::spread), "lever_probability.broker.sanctions.north")
                       .parameter.low,
                   0.45);
  EXPECT_EQ(named(ps, "lever_probability.broker.aid.south").parameter.high, 1.0);
  // Aliases name the levers' effects.
  const auto aid = select_parameters(ps, {"aid"});
  ASSERT_EQ(aid.size(), 1u);
  EXPECT_EQ(aid[0].parameter.name, "lever.broker.aid.south");
  const auto sanctions = select_parameters(ps, {"sanctions=0:0.01"});
  ASSERT_EQ(sanctions.size(), 1u);
  EXPECT_EQ(sanctions[0].parameter.high, 0.01);
  EXPECT_THROW(select_parameters(ps, {"pressure"}), std::invalid_argument);  // no pressure lever here
}

TEST(StandardNormalQuantile, MatchesTabulatedValues) {
  // Phi^-1(0.975) = 1.959963984540054, Phi^-1(0.01) = -2.326347874040841 (e.g. scipy.stats.norm.ppf).
  EXPECT_NEAR(standard_normal_quantile(0.975), 1.959963984540054, 1e-13);
  EXPECT_NEAR(standard_normal_quantile(0.01), -2.326347874040841, 1e-13);
  EXPECT_NEAR(standard_normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(standard_normal_quantile(1e-10), -6.361340902404056, 1e-9);
}

TEST(CeasefireTarget, AtTheBaseIsWhatTrucesSimulateReports) {
  // The same seed and runs: the share of ceasefires by month 12 must be simulate's figure.
  const auto t = bind_target(war(), "p_ceasefire@12", json{{"runs", 400}, {"seed", 3}});
  const json sim = dynamics::run_simulate_analysis(war(), {{"runs", 400}, {"seed", 3}, {"months", 12}});
  double expected = -1;
  for (const auto& m : sim["ceasefire_by_month"])
    if (m["month"] == 12) expected = m["probability"].get<double>();
  EXPECT_GT(expected, 0.0);
  EXPECT_LT(expected, 1.0);
  EXPECT_DOUBLE_EQ(t.evaluate(war()), expected);
  // The levers analysis' base output leaves every distribution random: the same number.
  const json r = run_levers(war(), {{"target", "p_ceasefire@12"},
                                    {"target_options", {{"runs", 400}, {"seed", 3}}},
                                    {"methods", {"tornado"}}});
  EXPECT_DOUBLE_EQ(r["base_output"].get<double>(), expected);
}

TEST(CeasefireTarget, ReusedWarModelGivesTheValuesOfARebuiltOne) {
  // War-only parameters share one war model; adding a stance parameter rebuilds it for each
  // evaluation. At the stance parameter's base value the two must agree run for run.
  const auto t = bind_target(war(), "p_ceasefire@12", json{{"runs", 100}});
  const auto all = scenario_parameters(war(), 10);
  const auto war_only = select_parameters(all, {"war.north.forces", "lever_probability.broker.sanctions.north"});
  const auto mixed = select_parameters(all, {"capability.north", "war.north.forces", "lever_probability.broker.sanctions.north"});
  const Model fast = t.prepare(war_only), slow = t.prepare(mixed);
  for (const auto& x : std::vector<std::vector<double>>{{95, 0.5}, {105, 0.45}, {90, 0.55}})
    EXPECT_EQ(fast(x), slow({60, x[0], x[1]})) << x[0] << " " << x[1];
  // A stance parameter at its base must not touch the runs' war numbers (regression: it once
  // set the first belligerent's forces to its own value).
  const auto lever_only = select_parameters(all, {"lever_probability.broker.sanctions.north"});
  const auto with_salience = select_parameters(all, {"salience.north.border", "lever_probability.broker.sanctions.north"});
  EXPECT_EQ(t.prepare(lever_only)({0.5}), t.prepare(with_salience)({0.8, 0.5}));
  // The lever's probability decides its use from one uniform per run: certain use vs never.
  EXPECT_NE(fast({100, 1.0}), fast({100, 0.0}));
}

TEST(CeasefireTarget, LeversAndWhatItTakesAreTheSameForAnyThreadCount) {
  json options = {{"target", "p_ceasefire@6"}, {"target_options", {{"runs", 50}}}, {"samples", 32},
                  {"bootstrap", 10},           {"threads", 1}};
  const json one = run_levers(war(), options);
  options["threads"] = 2;
  const json two = run_levers(war(), options);
  EXPECT_EQ(one.dump(), two.dump());  // byte for byte: --threads is not echoed into the result
  // Default parameters of a war target: the war model's numbers only.
  for (const auto& p : one["parameters"]) {
    const std::string name = p["name"];
    EXPECT_TRUE(name.rfind("war.", 0) == 0 || name.rfind("lever", 0) == 0) << name;
  }
  json w = {{"goal", "p_ceasefire@12 >= 0.5"}, {"levers", {"sanctions=0:0.02"}}, {"target_options", {{"runs", 50}}},
            {"probes", 16}, {"threads", 1}};
  const json w1 = run_what_it_takes(war(), w);
  w["threads"] = 2;
  const json w2 = run_what_it_takes(war(), w);
  EXPECT_EQ(w1.dump(), w2.dump());
  EXPECT_TRUE(w1["reachable"].get<bool>());
  EXPECT_GE(w1["output"].get<double>(), 0.5);
}

TEST(WhatItTakes, DefaultsToTheThirdPartiesLevers) {
  // war.yaml has the broker's aid (to south) and sanctions (on north) levers, no guarantee or
  // pressure: the default levers are their effects and whether each is used (0..1).
  const json o = complete_what_it_takes_options(war(), {{"goal", "p_ceasefire@12 >= 0.5"}});
  EXPECT_EQ(o["levers"], json({"aid", "sanctions", "lever_probability.*"}));
}

TEST(CeasefireTarget, RefusesScenariosWithoutDynamicsAndBadOptions) {
  const Scenario plain = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/tests/data/scenarios/two-issues.yaml");
  try {
    bind_target(plain, "p_ceasefire@12", json::object());
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("the scenario has no dynamics section"), std::string::npos) << e.what();
  }
  EXPECT_THROW(bind_target(war(), "p_ceasefire@12", json{{"runs", 0}}), std::invalid_argument);
  EXPECT_THROW(bind_target(war(), "p_ceasefire@12", json{{"months", 3}}), std::invalid_argument);
}

}  // namespace
}  // namespace truce::levers
