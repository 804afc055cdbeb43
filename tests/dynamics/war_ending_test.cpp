// How a war ends in the model (issue #14, item 3): breaking points, the front line as its own
// quantity, ceasefires that can break down, and one outcome definition whatever the switches.

#include <gtest/gtest.h>

#include <cmath>

#include "dynamics_scenarios.hpp"
#include "truce/dynamics/continuation_value.hpp"
#include "truce/dynamics/dynamics_json.hpp"
#include "truce/dynamics/simulate.hpp"
#include "truce/dynamics/war_model.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"

namespace truce::dynamics {
namespace {

Scenario reference() { return load_scenario_file(testing::reference_path()); }

// The scenario with every breaking point taken away (the model before breaking points).
Scenario without_breaking_points(Scenario s) {
  for (auto& b : s.dynamics->belligerents) b.breaking_point = Quantity::fixed(0);
  return s;
}

// Over many runs and two seeds of the reference scenario: every month a run records, each
// side still has more than its breaking point (a side that falls to it collapses that month
// and the run ends), so no side ever fights on below it.
TEST(WarEnding, NoSideFightsOnBelowItsBreakingPoint) {
  const Scenario s = reference();
  const WarModel model(s);
  int collapses = 0;
  for (std::uint64_t seed : {1u, 7u})
    for (std::uint64_t run = 0; run < 600; ++run) {
      const RunParameters p = model.sample(seed, run);
      ASSERT_GT(p.side[0].breaking_point, 0.0);
      ASSERT_GT(p.side[1].breaking_point, 0.0);
      std::vector<MonthTrace> trace;
      const RunResult r = model.run(p, 60, nullptr, &trace);
      for (const auto& m : trace)
        for (std::size_t side = 0; side < 2; ++side)
          ASSERT_GT(m.forces[side], p.side[side].breaking_point * p.side[side].forces)
              << "seed " << seed << " run " << run << " month " << m.month;
      if (r.outcome == Outcome::collapse) {
        ++collapses;
        EXPECT_EQ(r.winner, 1 - r.collapsed);
        EXPECT_EQ(r.month, trace.back().month + 1);
      }
    }
  EXPECT_GT(collapses, 0);  // the check above ran on runs that reach a breaking point
}

// A side losing the war values fighting on less with a breaking point than without, and its
// value of fighting on keeps falling month by month as its forces shrink (the reference's
// central run without third-party levers, which would change the war when they start:
// Ukraine loses men every month), until a deal is made.
TEST(WarEnding, TheValueOfFightingOnFallsAsASideLoses) {
  const Scenario with = reference();
  const Scenario without = without_breaking_points(with);
  const WarModel a(with), b(without);
  const auto no_levers = [](RunParameters p) {
    for (auto& l : p.levers) l.used = false;
    return p;
  };
  std::vector<MonthTrace> ta, tb;
  a.run(no_levers(a.central()), 24, nullptr, &ta);
  b.run(no_levers(b.central()), 24, nullptr, &tb);
  const std::size_t ukraine = 1;
  ASSERT_EQ(with.actors[with.dynamics->belligerents[ukraine].actor].id, "ukraine");
  std::size_t compared = 0;
  for (std::size_t m = 0; m < std::min(ta.size(), tb.size()); ++m) {
    if (ta[m].deal || tb[m].deal || ta[m].ceasefire || tb[m].ceasefire) break;
    EXPECT_GT(tb[m].reservation[ukraine], ta[m].reservation[ukraine]) << "month " << m;
    if (m > 0) {
      EXPECT_LT(ta[m].forces[ukraine], ta[m - 1].forces[ukraine]) << "month " << m;
      EXPECT_LT(ta[m].reservation[ukraine], ta[m - 1].reservation[ukraine]) << "month " << m;
    }
    ++compared;
  }
  EXPECT_GE(compared, 3u);
}

// One outcome definition whatever the switches: in every structure, a run still fighting or
// in a ceasefire at the horizon has its front strictly inside the front's scale and both
// sides above their breaking points; a victory has the front at an end; a collapse names a
// side and its winner.
TEST(WarEnding, OutcomesMeanTheSameUnderEverySwitch) {
  const Scenario coded = reference();
  Scenario flipped = coded;
  flipped.dynamics->territory.winner_imposes_terms = !flipped.dynamics->territory.winner_imposes_terms;
  for (const Scenario* s : {&coded, static_cast<const Scenario*>(&flipped)}) {
    for (const Scenario& variant : {*s, without_breaking_points(*s)}) {
      const WarModel model(variant);
      const double front_max = variant.dynamics->territory.front_max;
      for (std::uint64_t run = 0; run < 300; ++run) {
        const RunParameters p = model.sample(3, run);
        const RunResult r = model.run(p, 48);
        switch (r.outcome) {
          case Outcome::ceasefire:
          case Outcome::no_deal:
            EXPECT_GT(r.final_front, 0.0);
            EXPECT_LT(r.final_front, front_max);
            break;
          case Outcome::victory:
            EXPECT_TRUE(r.final_front >= front_max || r.final_front <= 0.0);
            break;
          case Outcome::collapse:
            EXPECT_TRUE(r.collapsed == 0 || r.collapsed == 1);
            EXPECT_EQ(r.winner, 1 - r.collapsed);
            break;
        }
      }
    }
  }
}

// The summary's outcome counts add up to the runs, and the structures include the breaking
// point's absence beside the switch.
TEST(WarEnding, OutcomeCountsAddUpAndTheBreakingPointIsAStructure) {
  SimulateOptions o;
  o.runs = 400;
  o.months = 36;
  const SimulateResult r = simulate_with_structures(reference(), o);
  EXPECT_EQ(r.ceasefire_holding_at_horizon + r.no_deal_by_horizon + r.collapses[0] + r.collapses[1] + r.victories[0] +
                r.victories[1],
            o.runs);
  ASSERT_EQ(r.structures.size(), 3u);
  EXPECT_EQ(r.structures[2].structure, "no breaking points");
}

// Closed form of the monthly hazard: (1 - h)^n = 1 - P.
TEST(WarEnding, MonthlyHazardGivesTheProbabilityWithinItsMonths) {
  for (double p : {0.05, 0.18, 0.5, 0.9})
    for (int n : {1, 12, 24}) EXPECT_NEAR(std::pow(1.0 - monthly_hazard(p, n), n), 1.0 - p, 1e-12);
  EXPECT_EQ(monthly_hazard(0.0, 24), 0.0);
  EXPECT_EQ(monthly_hazard(1.0, 24), 1.0);
}

// The dyad of monte_carlo_test with a deal at 60 that A (cost 0.1) and B accept once A has
// advanced past it (1 point a month), and, with `breaks_down`, a ceasefire that breaks down
// for sure within a month; `third_parties` as in DyadSpec.
testing::DyadSpec deal_at_60(const std::string& third_parties = "") {
  testing::DyadSpec spec;
  spec.points = "      - {id: none, label: none, position: 0}\n      - {id: deal, label: deal, position: 60}\n";
  spec.rate = "1";
  spec.cost_a = "0.1";
  spec.third_parties = third_parties;
  return spec;
}

Scenario breaking_down(const testing::DyadSpec& spec) {
  std::string yaml = testing::dyad_yaml(spec);
  yaml.replace(yaml.find("  status_quo: []"), 0, "  ceasefire_breakdown: {probability: 1, within_months: 1}\n");
  return parse_scenario_yaml(yaml, "dyad.yaml");
}

SimulateOptions sixty_four_runs_of_twenty_months() {
  SimulateOptions o;
  o.runs = 64;
  o.months = 20;
  return o;
}

// A ceasefire that breaks down for sure (probability 1 within 1 month) lasts the month it is
// signed: the next month the fighting resumes. In the dyad (see monte_carlo_test) A advances
// 1 point a month and B accepts 'deal' once its war is worth strictly less than the deal,
// front > 60, so the deal comes at month 11; it breaks down at 12, and from then on both
// price the risk (1), so no new ceasefire follows: P(holding at m) is 1 at month 11 only,
// P(signed by m) 1 from month 11.
TEST(WarEnding, ACeasefireCanBreakDownAndTheHoldingCurveShowsIt) {
  const testing::DyadSpec spec = deal_at_60();
  const SimulateOptions o = sixty_four_runs_of_twenty_months();
  const SimulateResult r = simulate_summary(breaking_down(spec), o);
  ASSERT_EQ(r.ceasefire_holding_by_month.size(), 21u);
  for (int m = 0; m <= 20; ++m) {
    EXPECT_EQ(r.ceasefire_by_month[m].probability, m >= 11 ? 1.0 : 0.0) << m;
    EXPECT_EQ(r.ceasefire_holding_by_month[m].probability, m == 11 ? 1.0 : 0.0) << m;
  }
  EXPECT_EQ(r.runs_with_breakdown, o.runs);
  EXPECT_EQ(r.no_deal_by_horizon, o.runs);
  // Without a breakdown risk there is no holding curve: a signed ceasefire holds.
  EXPECT_TRUE(simulate_summary(testing::dyad(spec), o).ceasefire_holding_by_month.empty());
}

// A guarantee that removes all of the breakdown risk keeps every ceasefire.
TEST(WarEnding, AGuaranteeInForceKeepsTheCeasefire) {
  const Scenario s = breaking_down(deal_at_60("{actor: C, levers: [{kind: guarantee, target: B, effect: 1}]}"));
  const SimulateResult r = simulate_summary(s, sixty_four_runs_of_twenty_months());
  EXPECT_EQ(r.runs_with_breakdown, 0u);
  EXPECT_EQ(r.ceasefire_holding_by_month[20].probability, 1.0);
}

// The front line's value: on the issue's own scale it is the closed form of before, to the
// bit; on a front scale it matches the brute-force sum.
TEST(WarEnding, TheFrontLinesValueMatchesItsSum) {
  const FrontScale issue_scale;
  for (double drift : {-3.0, -0.4, 0.0, 0.9, 2.5})
    EXPECT_EQ(discounted_front_utility(50, drift, 20, 0.98, issue_scale), discounted_territory_utility(50, drift, 20, 0.98));
  const FrontScale front{85, 280};
  for (double position : {20.0, 50.0, 85.0, 100.0})
    for (double drift : {-3.0, -0.4, 0.0, 0.9, 2.5, 7.0})
      for (double delta : {0.9, 0.98, 0.995})
        EXPECT_NEAR(discounted_front_utility(50, drift, position, delta, front),
                    discounted_front_utility_by_summing(50, drift, position, delta, front, 20000), 1e-9)
            << position << " " << drift << " " << delta;
  // Beyond the control point more ground is worth less to a side that wants less ceded and
  // more (up to its ideal) to one that wants more than ground gives.
  EXPECT_NEAR(front_utility(150, 20, front), 1 - 0.65 - 0.65, 1e-12);
  EXPECT_NEAR(front_utility(90, 100, front), 0.9, 1e-12);
  EXPECT_EQ(front_utility(150, 100, front), 1.0);
}

// A front beyond the four oblasts does not put recognition behind it: Ukraine's red line,
// which follows the front, allows at most what holding ground gives, so a front at 200 allows
// exactly what a front at the control point (85) allows, and no package with recognition.
TEST(WarEnding, AFrontBeyondControlDoesNotReachRecognition) {
  const Scenario s = reference();
  const WarModel model(s);
  RunParameters far = model.central(), at_control = model.central();
  far.start = 200;
  at_control.start = 85;
  const auto& space = model.package_space();
  const std::size_t ukraine = *find_actor(s, "ukraine"), terr = s.dynamics->territory.issue;
  const std::uint64_t step = std::max<std::uint64_t>(1, space.size() / 3000);
  int allowed = 0;
  for (std::uint64_t package = 0; package < space.size(); package += step) {
    const bool ok = model.within_red_lines(ukraine, package, far);
    EXPECT_EQ(ok, model.within_red_lines(ukraine, package, at_control)) << package;
    if (ok) {
      ++allowed;
      EXPECT_NE(space.issues[terr].values[space.values_of(package)[terr]].id, "recognition") << package;
    }
  }
  EXPECT_GT(allowed, 0);
}

// The new fields load, are checked, and round-trip through the canonical JSON.
TEST(WarEnding, TheNewFieldsLoadAndRoundTrip) {
  const Scenario s = reference();
  EXPECT_EQ(s.dynamics->territory.control_max, 85);
  EXPECT_EQ(s.dynamics->territory.front_max, 280);
  ASSERT_TRUE(s.dynamics->ceasefire_breakdown);
  EXPECT_EQ(s.dynamics->ceasefire_breakdown->within_months, 24);
  const Scenario back = parse_scenario_yaml(scenario_to_json(s).dump(), "round-trip.json");
  EXPECT_EQ(*back.dynamics, *s.dynamics);

  testing::DyadSpec spec;
  std::string yaml = testing::dyad_yaml(spec);
  const auto with = [&](const std::string& before, const std::string& text) {
    std::string y = yaml;
    y.replace(y.find(before), 0, text);
    return y;
  };
  EXPECT_THROW(parse_scenario_yaml(with("    stalemate_ratio", "    front_max: 50\n"), "d.yaml"), std::exception);
  EXPECT_THROW(parse_scenario_yaml(with("    stalemate_ratio", "    front_max: 120\n    control_max: 130\n"), "d.yaml"),
               std::exception);
  EXPECT_THROW(parse_scenario_yaml(with("  status_quo: []", "  ceasefire_breakdown: {probability: 0.2, within_months: 2.5}\n"),
                                   "d.yaml"),
               std::exception);
  EXPECT_NO_THROW(parse_scenario_yaml(with("    stalemate_ratio", "    front_max: 150\n    control_max: 60\n"), "d.yaml"));
}

}  // namespace
}  // namespace truce::dynamics
