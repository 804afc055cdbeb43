// Monte Carlo: estimates against exact answers within their confidence interval, the
// samplers against their distributions' means, and identical bytes for any thread count.

#include <gtest/gtest.h>

#include <cmath>

#include "dynamics_scenarios.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/analysis/reference_data.hpp"
#include "truce/dynamics/random_stream.hpp"
#include "truce/dynamics/simulate.hpp"
#include "truce/dynamics/war_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce::dynamics {
namespace {

// A case with a known answer. One issue with two packages, 'none' (0) and 'deal' (60). A
// advances at a constant `rate` points a month from 50 (forces never change, so the trend
// is constant); both are myopic (discount 0). Normalised utilities: U_A(x) = x/60, U_B(x) =
// (0.6 - x/100)/0.6. B (no cost) accepts 'deal' once its war is worth no more than the deal,
// U_B(front) <= 0, i.e. front >= 60; A (cost 0.1) accepts it while front/60 - 0.1 <= 1, i.e.
// front <= 66, which holds in that month for rate <= 2; 'none' A never accepts. So the deal
// month is M(rate) = ceil(10 / rate), and for rate ~ uniform(0.5, 2):
// P(deal by month m) = P(rate >= 10/m) = (2 - max(0.5, 10/m)) / 1.5 for m >= 5, else 0.
Scenario known_case() {
  testing::DyadSpec spec;
  spec.points = "      - {id: none, label: none, position: 0}\n      - {id: deal, label: deal, position: 60}\n";
  spec.rate = "{distribution: uniform, min: 0.5, max: 2}";
  spec.cost_a = "0.1";
  return testing::dyad(spec);
}

double exact_by_month(int m) {
  if (m < 5) return 0.0;
  return (2.0 - std::max(0.5, 10.0 / m)) / 1.5;
}

TEST(MonteCarlo, DealMonthIsTheKnownFunctionOfTheRateInEveryRun) {
  const Scenario s = known_case();
  const WarModel model(s);
  for (std::uint64_t run = 0; run < 300; ++run) {
    const RunParameters p = model.sample(3, run);
    const RunResult r = model.run(p, 36);
    ASSERT_EQ(r.outcome, Outcome::ceasefire);
    // Float sums of the front can land a hair off an integer where 10/rate is one; skip those.
    const double months = 10.0 / p.rate;
    if (std::abs(months - std::round(months)) < 1e-9) continue;
    EXPECT_EQ(r.month, static_cast<int>(std::ceil(months))) << "rate " << p.rate;
    EXPECT_EQ(r.package, 1u);  // 'deal'
  }
}

TEST(MonteCarlo, ProbabilityByMonthIsWithinItsIntervalOfTheExactAnswer) {
  SimulateOptions o;
  o.runs = 20000;
  o.months = 24;
  o.seed = 11;
  const auto result = simulate(known_case(), o);
  int outside = 0;
  for (const auto& row : result["ceasefire_by_month"]) {
    const int m = row["month"];
    const double exact = exact_by_month(m);
    const double p = row["probability"];
    // 4 standard errors: a 1-in-15,000 chance per month of a false alarm.
    const double se = std::sqrt(std::max(exact * (1 - exact), 1e-12) / static_cast<double>(o.runs));
    EXPECT_NEAR(p, exact, 4 * se + 1e-12) << "month " << m;
    outside += (exact < row["low"].get<double>() || exact > row["high"].get<double>()) ? 1 : 0;
  }
  EXPECT_LE(outside, 3);  // the 95% intervals cover the exact answer in most of the 25 months
  // The median deal month among deals: P(M <= m) = 1/2 at rate 1.25: ceil(10/1.25) = 8.
  EXPECT_EQ(result["median_month"]["of_ceasefires"], 8);
}

TEST(MonteCarlo, SamplersHaveTheirDistributionsMeans) {
  const RunStream stream(42, 0);
  const int n = 200000;
  struct Case {
    Quantity q;
    double mean, sd;
  };
  Quantity uniform, normal, triangular, lognormal;
  uniform.distribution = Distribution::uniform, uniform.a = 2, uniform.b = 5;
  normal.distribution = Distribution::normal, normal.a = -1, normal.b = 3;
  triangular.distribution = Distribution::triangular, triangular.a = 0, triangular.b = 1, triangular.c = 4;
  lognormal.distribution = Distribution::lognormal, lognormal.a = 2, lognormal.b = 0.5;
  // Means and standard deviations from the textbook formulas.
  const double tri_var = (0 + 1 + 16 - 0 - 0 - 4) / 18.0;
  const double ln_mean = 2 * std::exp(0.125), ln_var = (std::exp(0.25) - 1) * 4 * std::exp(0.25);
  const Case cases[] = {{uniform, 3.5, std::sqrt(9 / 12.0)},
                        {normal, -1, 3},
                        {triangular, 5 / 3.0, std::sqrt(tri_var)},
                        {lognormal, ln_mean, std::sqrt(ln_var)}};
  for (const auto& c : cases) {
    EXPECT_NEAR(mean_of(c.q), c.mean, 1e-12);
    double sum = 0;
    for (int i = 0; i < n; ++i) {
      const auto [u1, u2] = stream.uniforms(static_cast<std::uint32_t>(i));
      sum += sample(c.q, u1, u2);
    }
    EXPECT_NEAR(sum / n, c.mean, 4 * c.sd / std::sqrt(n)) << distribution_name(c.q.distribution);
  }
}

TEST(MonteCarlo, ResultsAreIdenticalBytesForAnyThreadCount) {
  const Scenario s = load_scenario_file(testing::reference_path());
  SimulateOptions o;
  o.runs = 3000;
  o.threads = 1;
  const std::string one = simulate(s, o).dump();
  o.threads = 2;
  const std::string two = simulate(s, o).dump();
  o.threads = 5;
  const std::string five = simulate(s, o).dump();
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, five);
  o.seed = 2;
  EXPECT_NE(simulate(s, o).dump(), one);  // and the seed matters
}

TEST(MonteCarlo, ARunsDrawsDoNotDependOnOtherRuns) {
  const Scenario s = load_scenario_file(testing::reference_path());
  const WarModel model(s);
  const RunParameters a = model.sample(1, 1234), b = model.sample(1, 1234);
  EXPECT_EQ(a.side[0].forces, b.side[0].forces);
  EXPECT_NE(model.sample(1, 1235).side[0].forces, a.side[0].forces);
  // Fixed quantities are their value; uncertain ones stay in their range.
  EXPECT_DOUBLE_EQ(a.side[0].equipment, 1.0);
  EXPECT_GE(a.side[0].forces, 500000);
  EXPECT_LE(a.side[0].forces, 750000);
}

TEST(MonteCarlo, RegistryOptionsAreCompleteAndLeaveThreadsOut) {
  const Scenario s = testing::dyad({});
  const auto o = complete_simulate_options(s, nlohmann::json{{"runs", 10}, {"threads", 4}});
  EXPECT_EQ(o, (nlohmann::json{{"months", 36}, {"runs", 10}, {"seed", 1}}));
  EXPECT_THROW(complete_simulate_options(s, nlohmann::json{{"runs", 0}}), std::invalid_argument);
  EXPECT_THROW(complete_simulate_options(s, nlohmann::json{{"horizon", 3}}), std::invalid_argument);
}

}  // namespace
}  // namespace truce::dynamics

namespace truce::dynamics {
namespace {

TEST(MonteCarlo, TheRegistrysSimulateIsTheSameAnalysis) {
  const Analysis* a = find_analysis("simulate");
  ASSERT_NE(a, nullptr);
  const Scenario s = load_scenario_file(testing::reference_path());
  const nlohmann::json options = a->complete_options(s, nlohmann::json{{"runs", 400}, {"months", 12}});
  EXPECT_EQ(options, (nlohmann::json{{"months", 12}, {"runs", 400}, {"seed", 1}}));
  SimulateOptions o;
  o.runs = 400;
  o.months = 12;
  o.threads = 1;
  // The registry passes the UCDP table compiled into truce (the base rate beside the curve).
  EXPECT_EQ(a->run(s, options).dump(), simulate(s, o, &ucdp_conflict_termination()).dump());
  EXPECT_THROW(a->run(parse_scenario_yaml("truce: 1\nname: n\nactors: [{id: a, name: a, capability: 1}]\nissues: [{id: i, name: i, kind: scale, low: l, high: h}]\n", "n.yaml"), options), std::invalid_argument);
}

}  // namespace
namespace {

// The Wilson interval holds its estimate: at 0 ceasefires its lower end is exactly 0 (not a
// rounding residual of 1e-19 above the estimate), and low <= p <= high in every month.
TEST(MonteCarlo, EveryMonthsIntervalHoldsItsEstimateAndZeroIsExact) {
  const auto r = simulate_summary(load_scenario_file(testing::reference_path()), SimulateOptions{24, 2000, 1, 1});
  bool saw_zero = false;
  for (const auto& m : r.ceasefire_by_month) {
    EXPECT_LE(m.low, m.probability) << m.month;
    EXPECT_GE(m.high, m.probability) << m.month;
    if (m.probability == 0) {
      saw_zero = true;
      EXPECT_EQ(m.low, 0.0) << m.month;
    }
  }
  EXPECT_TRUE(saw_zero);  // month 0: no deal before any fighting (the ZOPA is empty)
}

// Structural uncertainty: the analysis also runs the same runs with the scenario's switch
// flipped, and each structure's figures are simulate's on that scenario. On the reference
// scenario (10,000 runs, seed 1): P(ceasefire by 36) 4.55% as coded, 2.54% when the winner
// imposes its terms, 91.05% without breaking points (the armies fight to nothing, as before
// issue #14: 31.7% and 1.8% then).
TEST(MonteCarlo, TheAnalysisReportsEveryModelStructureOnTheSameRuns) {
  const Scenario reference = load_scenario_file(testing::reference_path());
  const SimulateOptions o{36, 10000, 1, 0};
  const auto r = simulate_with_structures(reference, o);
  ASSERT_EQ(r.structures.size(), 3u);
  EXPECT_TRUE(r.structures[0].as_coded);
  EXPECT_EQ(r.structures[2].structure, "no breaking points");
  EXPECT_EQ(r.structures[1].structure, "winner_imposes_terms: true");
  Scenario flipped = reference;
  flipped.dynamics->territory.winner_imposes_terms = true;
  const auto direct = simulate_summary(flipped, o);
  ASSERT_EQ(r.structures[1].at.size(), 2u);  // months 12 and 36
  EXPECT_EQ(r.structures[1].at[1].probability, direct.ceasefire_by_month[36].probability);
  EXPECT_EQ(r.structures[0].at[1].probability, r.ceasefire_by_month[36].probability);
  EXPECT_NEAR(r.structures[0].at[1].probability, 0.0455, 1e-9);
  EXPECT_NEAR(r.structures[1].at[1].probability, 0.0254, 1e-9);
  EXPECT_NEAR(r.structures[2].at[1].probability, 0.9105, 1e-9);
  EXPECT_EQ(to_json(r)["structures"][1]["structure"], "winner_imposes_terms: true");
  // simulate_summary alone (the levers' and policies' evaluations) runs no other structure.
  EXPECT_TRUE(simulate_summary(reference, SimulateOptions{12, 500, 1, 0}).structures.empty());
}

}  // namespace
}  // namespace truce::dynamics
