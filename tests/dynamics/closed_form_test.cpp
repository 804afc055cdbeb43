// Closed-form checks of the war model's parts: Lanchester's square law, the discounted
// continuation value against its geometric series, and Fearon's bargaining range.

#include <gtest/gtest.h>

#include <cmath>

#include "dynamics_scenarios.hpp"
#include "truce/dynamics/continuation_value.hpp"
#include "truce/dynamics/lanchester.hpp"
#include "truce/dynamics/war_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce::dynamics {
namespace {

// --- Lanchester (1916) square law: dA/dt = -b B, dB/dt = -a A keeps a A^2 - b B^2 constant.

TEST(Lanchester, ExactStepKeepsTheSquareLawInvariantOverThreeYears) {
  const double a = 0.038, b = 0.061 * 0.9;  // the reference scenario's central coefficients
  Forces f{650000, 550000};
  const double invariant = square_law_invariant(a, b, f);
  const LanchesterStep step = lanchester_step(a, b);
  for (int month = 0; month < 36; ++month) f = advance(step, f, 0, 0);
  // Exact flow: only rounding moves it (relative 1e-12 of a A0^2 ~ 1.6e10).
  EXPECT_NEAR(square_law_invariant(a, b, f), invariant, 1e-12 * a * 650000.0 * 650000.0);
  EXPECT_LT(f.b, 550000);  // and the forces did change
}

TEST(Lanchester, ExplicitEulerWouldDriftWhereTheExactStepDoesNot) {
  // Why the exact step: Euler multiplies the invariant by (1 - a b dt^2) each step, a drift
  // of a b = 0.0021 a month, 7% over 36 months: far more than any test tolerance.
  const double a = 0.038, b = 0.0549;
  double A = 650000, B = 550000;
  const double invariant = a * A * A - b * B * B;
  for (int month = 0; month < 36; ++month) {
    const double nA = A - b * B, nB = B - a * A;
    A = nA, B = nB;
  }
  EXPECT_NEAR((a * A * A - b * B * B) / invariant, std::pow(1 - a * b, 36), 1e-9);
}

TEST(Lanchester, WithRecruitmentMatchesAFineRungeKuttaIntegration) {
  const double a = 0.038, b = 0.0549, ra = 32000, rb = 22000;
  Forces exact{650000, 550000};
  const LanchesterStep step = lanchester_step(a, b);
  for (int m = 0; m < 12; ++m) exact = advance(step, exact, ra, rb);
  // RK4 with 1000 steps a month: error ~ (1e-3)^4, far below the tolerance.
  double A = 650000, B = 550000;
  const double h = 1e-3;
  const auto fa = [&](double, double y) { return -b * y + ra; };
  const auto fb = [&](double x, double) { return -a * x + rb; };
  for (int i = 0; i < 12000; ++i) {
    const double k1a = fa(A, B), k1b = fb(A, B);
    const double k2a = fa(A + h / 2 * k1a, B + h / 2 * k1b), k2b = fb(A + h / 2 * k1a, B + h / 2 * k1b);
    const double k3a = fa(A + h / 2 * k2a, B + h / 2 * k2b), k3b = fb(A + h / 2 * k2a, B + h / 2 * k2b);
    const double k4a = fa(A + h * k3a, B + h * k3b), k4b = fb(A + h * k3a, B + h * k3b);
    A += h / 6 * (k1a + 2 * k2a + 2 * k3a + k4a);
    B += h / 6 * (k1b + 2 * k2b + 2 * k3b + k4b);
  }
  EXPECT_NEAR(exact.a, A, 1e-3);
  EXPECT_NEAR(exact.b, B, 1e-3);
}

TEST(Lanchester, OneSidedFireIsLinearLaw) {
  // a = 0: B takes no losses and A loses b B per month: A(t) = A0 - b B0 t (+ recruitment t).
  const LanchesterStep step = lanchester_step(0.0, 0.05);
  const Forces f = advance(step, {1000, 400}, 10, 0);
  EXPECT_NEAR(f.a, 1000 - 0.05 * 400 + 10, 1e-9);
  EXPECT_NEAR(f.b, 400, 1e-9);
}

// --- The continuation value: (1 - delta) sum_k delta^k u(clamp(T0 + k d)).

TEST(ContinuationValue, GeometricSeriesSumsMatchTheirFormulas) {
  // sum_{k=0}^inf 0.9^k = 10; sum_{k=0}^inf k 0.9^k = 0.9 / 0.01 = 90; sum_{k=2}^{4} 0.5^k = 0.4375.
  EXPECT_NEAR(geometric_sum(0.9, 0, -1), 10.0, 1e-12);
  EXPECT_NEAR(arithmetico_geometric_sum(0.9, 0, -1), 90.0, 1e-9);
  EXPECT_NEAR(geometric_sum(0.5, 2, 5), 0.4375, 1e-15);
  EXPECT_NEAR(arithmetico_geometric_sum(0.5, 2, 5), 2 * 0.25 + 3 * 0.125 + 4 * 0.0625, 1e-15);
}

TEST(ContinuationValue, LinearStretchEqualsTheArithmeticoGeometricClosedForm) {
  // Position 100, the line starts at 20 and gains 0.5 a month, never reaching 100 before
  // delta^k is negligible... except that it does at k = 160: V = (T0 + d delta/(1 - delta))/100
  // up to delta^160 ~ 5e-8 (delta = 0.9).
  const double v = discounted_territory_utility(20, 0.5, 100, 0.9);
  EXPECT_NEAR(v, (20 + 0.5 * 0.9 / 0.1) / 100.0, 1e-7);
}

TEST(ContinuationValue, EqualsTheBruteForceSumAcrossKinksAndBounds) {
  // Crossing the actor's own position (the kink of 1 - |T - x|/100), hitting 0 or 100, both,
  // fractional break months, no drift, and no discounting.
  struct Case {
    double t0, drift, position, delta;
  };
  const Case cases[] = {{50, 0.9, 65, 0.99},  {50, -0.9, 20, 0.98}, {50, 3.7, 100, 0.95}, {50, -2.3, 20, 0.97},
                        {10, -1.5, 20, 0.99}, {95, 2.0, 0, 0.999},  {50, 0, 20, 0.98},    {50, 1, 20, 0},
                        {64.5, 0.5, 65, 0.9}, {0, 5, 50, 0.8},      {100, 1, 50, 0.9},    {33.3, -0.7, 33.3, 0.99}};
  for (const auto& c : cases) {
    const double closed = discounted_territory_utility(c.t0, c.drift, c.position, c.delta);
    const double summed = discounted_territory_utility_by_summing(c.t0, c.drift, c.position, c.delta, 40000);
    EXPECT_NEAR(closed, summed, 1e-10) << "t0 " << c.t0 << " drift " << c.drift << " x " << c.position << " delta " << c.delta;
  }
}

TEST(ContinuationValue, NoDiscountingIsTheCurrentMonthOnly) {
  EXPECT_DOUBLE_EQ(discounted_territory_utility(50, 3, 20, 0.0), 1 - 30 / 100.0);
}

// --- Fearon (1995): with war won by A with probability p at costs c_A, c_B, the packages
// both prefer to war are x in [p - c_A, p + c_B] (share of the issue to A).

struct FearonCase {
  double p, ca, cb;
};

TEST(Fearon, OneShotBargainingRangeIsPMinusCaToPPlusCb) {
  // One-shot: discount 0 (only this month counts), the front at 100 p is the war's expected
  // outcome, costs in utility. Packages: every integer point of the issue.
  for (const FearonCase c : {FearonCase{0.5, 0.1, 0.1}, FearonCase{0.3, 0.05, 0.21}, FearonCase{0.72, 0.13, 0.05}}) {
    testing::DyadSpec spec;
    spec.start = fmt::format("{}", 100 * c.p);
    spec.cost_a = fmt::format("{}", c.ca);
    spec.cost_b = fmt::format("{}", c.cb);
    const Scenario s = testing::dyad(spec);
    const WarModel model(s);
    const RunParameters params = model.central();
    const MonthTrace now = model.month_zero(params);
    // Acceptance thresholds: A accepts x/100 >= p - c_A, B accepts 1 - x/100 >= 1 - p - c_B.
    EXPECT_NEAR(now.acceptance[0], c.p - c.ca, 1e-12);
    EXPECT_NEAR(now.acceptance[1], 1 - c.p - c.cb, 1e-12);
    int lowest = 101, highest = -1;
    for (int x = 0; x <= 100; ++x) {
      const double ua = model.package_utility(0, static_cast<std::uint64_t>(x));
      const double ub = model.package_utility(1, static_cast<std::uint64_t>(x));
      EXPECT_NEAR(ua, x / 100.0, 1e-12);
      if (ua >= now.acceptance[0] - 1e-12 && ub >= now.acceptance[1] - 1e-12) lowest = std::min(lowest, x), highest = x;
    }
    EXPECT_EQ(lowest, static_cast<int>(std::ceil(100 * (c.p - c.ca) - 1e-9)));
    EXPECT_EQ(highest, static_cast<int>(std::floor(100 * (c.p + c.cb) + 1e-9)));
    // The deal: the Nash point maximises (x - p + c_A)(p + c_B - x): x* = p + (c_B - c_A)/2,
    // on the integer grid the nearest point (no ties in these cases). (The ZOPA is strict, as
    // in the agreement space: the range's end points, where one side gains nothing, are not in
    // it; the closed range above is the set each side weakly prefers.)
    ASSERT_TRUE(now.deal.has_value());
    EXPECT_EQ(static_cast<int>(now.deal->package), static_cast<int>(std::lround(100 * (c.p + (c.cb - c.ca) / 2))));
  }
}

TEST(Fearon, WithoutCostsTheRangeIsOnePointAndNobodyGainsFromIt) {
  // c_A = c_B = 0: the range [p, p] is the war's own expected outcome; with the strict ZOPA of
  // the agreement space (every party strictly better off) there is no deal to be had.
  testing::DyadSpec spec;
  const Scenario s = testing::dyad(spec);
  const WarModel model(s);
  const MonthTrace now = model.month_zero(model.central());
  EXPECT_NEAR(now.acceptance[0] + now.acceptance[1], 1.0, 1e-12);
  EXPECT_FALSE(now.deal.has_value());
}

TEST(Fearon, MutualOptimismEmptiesTheRange) {
  // Each side believes the front moves its way by 2 points a month (optimism 2), patient
  // (delta 0.9): each adds about 2 x 0.9 / 0.1 = 18 points to its expected share, more than
  // the costs (0.05 each) leave room for: no deal although a deal exists under true beliefs.
  testing::DyadSpec spec;
  spec.cost_a = "0.05";
  spec.cost_b = "0.05";
  spec.discount_a = "0.9";
  spec.discount_b = "0.9";
  const Scenario honest = testing::dyad(spec);
  EXPECT_TRUE(WarModel(honest).month_zero(WarModel(honest).central()).deal.has_value());
  spec.extra_b = "      optimism: 2";
  std::string text = testing::dyad_yaml(spec);
  text.replace(text.find("      discount: 0.9\n"), 0, "      optimism: 2\n");  // A's optimism too
  const Scenario optimists = parse_scenario_yaml(text, "optimists.yaml");
  const WarModel model(optimists);
  const MonthTrace now = model.month_zero(model.central());
  EXPECT_FALSE(now.deal.has_value());
  // A: 0.5 + 0.02 x 0.9/0.1 = 0.68 for a line that never stops, less what stopping at 100 in
  // month 25 takes away: 0.9^25 x (0.02 x 25 - 0.5 + 0.02 x 0.9/0.1) = 0.9^25 x 0.18. B alike.
  const double believed = discounted_territory_utility(50, 2, 100, 0.9);
  EXPECT_NEAR(believed, 0.68 - std::pow(0.9, 25) * 0.18, 1e-12);
  EXPECT_NEAR(now.acceptance[0], believed - 0.05, 1e-12);
  EXPECT_NEAR(now.acceptance[1], believed - 0.05, 1e-12);
  EXPECT_GT(now.acceptance[0] + now.acceptance[1], 1.2);
}

}  // namespace
}  // namespace truce::dynamics

namespace truce::dynamics {
namespace {

// --- A war the advancing side can win: the value of fighting on counts the imposed terms
// from the month the believed front reaches 100.

TEST(WinnerImposesTerms, ValueOfFightingOnIsTheStreamUntilVictoryThenTheImposedTerms) {
  Scenario s = load_scenario_file(testing::reference_path());
  s.dynamics->territory.winner_imposes_terms = true;
  // The front on the issue's own scale (ends at 100) and no breaking points: victory is the
  // only end the sides foresee.
  s.dynamics->territory.control_max = s.dynamics->territory.front_max = 100;
  for (auto& b : s.dynamics->belligerents) b.breaking_point = Quantity::fixed(0);
  const WarModel model(s);
  const RunParameters p = model.central();
  const MonthTrace now = model.month_zero(p);
  const SideParameters& russia = p.side[0];
  const std::size_t actor = s.dynamics->belligerents[0].actor;
  const double believed = now.trend * russia.trend_belief + russia.optimism;
  ASSERT_GT(believed, 0.5);  // Russia believes it advances
  // Brute force: (1 - delta) sum_{k<K} delta^k U(status quo at T + k b) + delta^K U(imposed) - cost.
  double value = 0, weight = 1;
  int k = 0;
  for (; now.front + k * believed < 100; ++k, weight *= russia.discount)
    value += (1 - russia.discount) * weight * model.war_status_quo_utility(actor, now.front + k * believed);
  value += weight * model.imposed_terms_utility(actor, 0);
  EXPECT_NEAR(now.reservation[0], value - now.cost[0], 1e-12);
  EXPECT_NEAR(model.imposed_terms_utility(actor, 0), 1.0, 1e-12);  // Russia imposes its ideal package
  EXPECT_GT(k, 20);                                                // years away, heavily discounted
}

TEST(WinnerImposesTerms, ARunEndsInVictoryWhenTheFrontReachesTheEnd) {
  testing::DyadSpec spec;
  spec.rate = "10";  // 5 months from 50 to 100
  std::string text = testing::dyad_yaml(spec);
  text.replace(text.find("    stalemate_ratio:"), 0, "    winner_imposes_terms: true\n");
  const Scenario s = parse_scenario_yaml(text, "dyad.yaml");
  const WarModel model(s);
  const RunResult r = model.run(model.central(), 36);
  EXPECT_EQ(r.outcome, Outcome::victory);
  EXPECT_EQ(r.month, 5);
  EXPECT_EQ(r.winner, 0);
}

}  // namespace
}  // namespace truce::dynamics
