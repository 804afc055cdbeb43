// Nash bargaining solution on one issue, u_i(x) = 1 - |x - x_i|/100, status quo q.
//
// Closed form for two actors x1 < x2 with q <= x1 (weights w1, w2). Gains: for x in
// [x1, x2], g1 = (2 x1 - q - x)/100 and g2 = (x - q)/100; left of x1 both gains are x - q
// (rising), right of x2 both fall. First-order condition on [x1, x2]:
//   w1 / (2 x1 - q - x) = w2 / (x - q)  =>  x = q + 2 w2 (x1 - q) / (w1 + w2),
// clamped to [x1, x2]. With equal weights x = q + (x1 - q) = x1: the actor nearer the
// status quo, NOT the midpoint. (The midpoint would need both actors to gain equally from
// every step, i.e. a disagreement point equidistant from both; on the line that point lies
// between them, where one of them loses from every move, so the feasible set is empty.)
// The mirror image holds for q >= x2.
#include "truce/forecast/nash_bargaining.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace truce {
namespace {

TEST(NashBargaining, TwoActorsEqualWeightsSettleAtTheActorNearerTheStatusQuo) {
  const auto s = nash_bargaining_position({40, 60}, {1, 1}, 0);
  EXPECT_TRUE(s.feasible);
  EXPECT_DOUBLE_EQ(s.position, 40.0);  // q + 2 * 1 * 40 / 2 = 40
}

TEST(NashBargaining, TwoActorsAsymmetricWeightsInterior) {
  // x = 0 + 2 * 3 * (40 - 0) / (1 + 3) = 60, inside [40, 80].
  const auto s = nash_bargaining_position({40, 80}, {1, 3}, 0);
  EXPECT_TRUE(s.feasible);
  EXPECT_NEAR(s.position, 60.0, 1e-12);
  // With q = 10: x = 10 + 2 * 3 * 30 / 4 = 55.
  EXPECT_NEAR(nash_bargaining_position({40, 80}, {1, 3}, 10).position, 55.0, 1e-12);
}

TEST(NashBargaining, TwoActorsHeavierNearActorStaysAtItsPosition) {
  // x = 0 + 2 * 1 * 40 / 4 = 20 < x1: clamped to x1 = 40 (a kink maximum).
  EXPECT_DOUBLE_EQ(nash_bargaining_position({40, 80}, {3, 1}, 0).position, 40.0);
}

TEST(NashBargaining, StatusQuoAboveEveryoneMirrorsTheFormula) {
  // Mirror: x = q - 2 w_far (q - x_near) / (w_far + w_near) = 100 - 2 * 3 * 40 / 4 = 40.
  const auto s = nash_bargaining_position({20, 60}, {3, 1}, 100);
  EXPECT_TRUE(s.feasible);
  EXPECT_NEAR(s.position, 40.0, 1e-12);
}

TEST(NashBargaining, ThreeActors) {
  // x = 20, 40, 60 with weights 1, 1.5, 0.5 and q = 0. Feasible set (0, 40) (actor 1's gain
  // 40 - x vanishes at 40). On (20, 40): F' = (1.5 + 0.5)/x - 1/(40 - x) = 0 => x = 80/3.
  EXPECT_NEAR(nash_bargaining_position({20, 40, 60}, {1, 1.5, 0.5}, 0).position, 80.0 / 3.0, 1e-12);
  // Equal weights 1, 1, 1: 2/x = 1/(40 - x) => x = 80/3 as well; weights 1, 0.5, 0.5:
  // 1/x = 1/(40 - x) => x = 20, exactly the kink at actor 1.
  EXPECT_NEAR(nash_bargaining_position({20, 40, 60}, {1, 1, 1}, 0).position, 80.0 / 3.0, 1e-12);
  EXPECT_NEAR(nash_bargaining_position({20, 40, 60}, {1, 0.5, 0.5}, 0).position, 20.0, 1e-12);
}

TEST(NashBargaining, StatusQuoBetweenTheActorsLeavesNoDeal) {
  const auto s = nash_bargaining_position({20, 80}, {1, 1}, 50);
  EXPECT_FALSE(s.feasible);
  EXPECT_FALSE(s.degenerate);
  EXPECT_DOUBLE_EQ(s.position, 50.0);
  // An actor (with weight) standing on the status quo gains from no move either: degenerate,
  // the product is 0 everywhere but at q, and no position is given (NaN).
  const auto on = nash_bargaining_position({0, 80}, {1, 1}, 0);
  EXPECT_FALSE(on.feasible);
  EXPECT_TRUE(on.degenerate);
  EXPECT_TRUE(std::isnan(on.position));
  EXPECT_EQ(on.on_status_quo, (std::vector<std::size_t>{0}));
  // Degenerate too when q also lies between the others; every actor on q is named.
  const auto two = nash_bargaining_position({50, 20, 50, 80}, {1, 1, 2, 1}, 50);
  EXPECT_TRUE(two.degenerate);
  EXPECT_EQ(two.on_status_quo, (std::vector<std::size_t>{0, 2}));
  // ... unless its weight is zero: then it does not bargain.
  EXPECT_TRUE(nash_bargaining_position({0, 40, 80}, {0, 1, 3}, 0).feasible);
  EXPECT_FALSE(nash_bargaining_position({0, 40, 80}, {0, 1, 3}, 0).degenerate);
  EXPECT_NEAR(nash_bargaining_position({0, 40, 80}, {0, 1, 3}, 0).position, 60.0, 1e-12);
}

}  // namespace
}  // namespace truce

namespace truce {
namespace {

double log_objective(const std::vector<double>& x, const std::vector<double>& w, double q, double at) {
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double gain = std::abs(q - x[i]) - std::abs(at - x[i]);
    if (w[i] > 0 && !(gain > 0)) return -1e300;
    if (w[i] > 0) sum += w[i] * std::log(gain);
  }
  return sum;
}

TEST(NashBargaining, NoGridPointBeatsTheExactMaximiser) {
  // Deterministic pseudo-random configurations (a fixed LCG), status quo at 0 or 100; the
  // exact solution must be at least as good as every point of a 0.001-step grid.
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
  };
  for (int trial = 0; trial < 50; ++trial) {
    const std::size_t n = 2 + trial % 5;
    std::vector<double> x(n), w(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = 1 + 98 * next();
      w[i] = 0.05 + next();
    }
    const double q = trial % 2 ? 0.0 : 100.0;
    const auto s = nash_bargaining_position(x, w, q);
    ASSERT_TRUE(s.feasible);
    const double best = log_objective(x, w, q, s.position);
    for (int k = 1; k < 100000; ++k) ASSERT_LE(log_objective(x, w, q, k * 0.001), best + 1e-9) << "trial " << trial;
  }
}

}  // namespace
}  // namespace truce
