// What-it-takes on models whose minimal change is known in closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "truce/levers/minimal_change.hpp"

namespace truce::levers {
namespace {

std::vector<Parameter> unit_box(std::size_t k) {
  std::vector<Parameter> p;
  for (std::size_t i = 0; i < k; ++i) p.push_back({"x" + std::to_string(i + 1), 0, 0, 1, "", "", Distribution::uniform});
  return p;
}

TEST(MinimalChange, FindsTheCheapestSingleLever) {
  // y = x1 + 2 x2 >= 1 from (0, 0) on [0,1]^2 with the L1 range norm: x2 = 0.5 costs 0.5,
  // x1 alone costs 1, and every mix costs more than 0.5 (the norm per unit of y is 1 for
  // x1 and 0.5 for x2). Minimum: 0.5 on x2 alone.
  const Model m = [](const std::vector<double>& x) { return x[0] + 2 * x[1]; };
  const Goal goal{Comparison::at_least, 1.0};
  MinimalChangeOptions options;
  options.tolerance = 1e-4;
  const auto r = minimal_change(unit_box(2), m, goal, options);
  ASSERT_TRUE(r.reachable);
  EXPECT_FALSE(r.base_meets_goal);
  EXPECT_NEAR(r.norm, 0.5, 2e-4);
  EXPECT_NEAR(r.changes[1].to, 0.5, 2e-4);
  EXPECT_EQ(r.changes[0].to, 0.0);
  EXPECT_EQ(r.found_by, "single lever");
  EXPECT_TRUE(goal.met(r.output));
  EXPECT_NEAR(r.single_lever_norm[0], 1.0, 2e-4);
  EXPECT_NEAR(r.single_lever_norm[1], 0.5, 2e-4);
}

TEST(MinimalChange, FindsACombinationWhenNoLeverAloneSuffices) {
  // y = min(x1, x2) >= 0.5 needs both levers at 0.5 at least: minimal norm 1.0 exactly,
  // at (0.5, 0.5); neither lever alone reaches it.
  const Model m = [](const std::vector<double>& x) { return std::min(x[0], x[1]); };
  MinimalChangeOptions options;
  options.tolerance = 1e-4;
  const auto r = minimal_change(unit_box(2), m, {Comparison::at_least, 0.5}, options);
  ASSERT_TRUE(r.reachable);
  EXPECT_EQ(r.found_by, "combination");
  EXPECT_NEAR(r.norm, 1.0, 1e-3);
  EXPECT_NEAR(r.changes[0].to, 0.5, 1e-3);
  EXPECT_NEAR(r.changes[1].to, 0.5, 1e-3);
  EXPECT_TRUE(std::isnan(r.single_lever_norm[0]));
}

TEST(MinimalChange, WeighsChangesByEachLeversRange) {
  // Lever a on [0, 10] and b on [-1, 1], base (2, 0); y = a + 10 b >= 6.
  // a alone: +4 of a range 10 = 0.4. b alone: +0.4 of a range 2 = 0.2. Minimum 0.2 on b.
  const std::vector<Parameter> p = {{"a", 2, 0, 10, "", "", Distribution::uniform},
                                    {"b", 0, -1, 1, "", "", Distribution::uniform}};
  const Model m = [](const std::vector<double>& x) { return x[0] + 10 * x[1]; };
  MinimalChangeOptions options;
  options.tolerance = 1e-4;
  const auto r = minimal_change(p, m, {Comparison::at_least, 6.0}, options);
  ASSERT_TRUE(r.reachable);
  EXPECT_NEAR(r.norm, 0.2, 2e-4);
  EXPECT_NEAR(r.changes[1].to, 0.4, 4e-4);
  EXPECT_NEAR(r.changes[1].change_in_range_units, 0.2, 2e-4);
}

TEST(MinimalChange, ReportsTheBindingLeversWhenTheGoalIsOutOfReach) {
  // y = x1 + x2 >= 3 on [0,1]^2: at most 2, at the corner (1, 1) where both levers bind.
  const Model m = [](const std::vector<double>& x) { return x[0] + x[1]; };
  const auto r = minimal_change(unit_box(2), m, {Comparison::at_least, 3.0}, {});
  EXPECT_FALSE(r.reachable);
  EXPECT_DOUBLE_EQ(r.closest_output, 2.0);
  ASSERT_EQ(r.binding.size(), 2u);
  EXPECT_EQ(r.closest_point, (std::vector<double>{1.0, 1.0}));
}

TEST(MinimalChange, SaysNoChangeWhenTheBaseMeetsTheGoalAndHandlesDecreasingGoals) {
  const Model m = [](const std::vector<double>& x) { return x[0]; };
  auto p = unit_box(1);
  p[0].base = 0.8;
  const auto none = minimal_change(p, m, {Comparison::at_least, 0.5}, {});
  EXPECT_TRUE(none.base_meets_goal);
  EXPECT_EQ(none.norm, 0.0);
  MinimalChangeOptions options;
  options.tolerance = 1e-5;
  const auto down = minimal_change(p, m, {Comparison::less_than, 0.25}, options);
  ASSERT_TRUE(down.reachable);
  EXPECT_NEAR(down.changes[0].to, 0.25, 2e-5);
  EXPECT_LT(down.changes[0].to, 0.25);
}

TEST(MinimalChange, IsTheSameForAnyThreadCount) {
  const Model m = [](const std::vector<double>& x) { return x[0] * x[1] + 0.3 * x[2]; };
  MinimalChangeOptions options;
  options.threads = 1;
  const auto one = minimal_change(unit_box(3), m, {Comparison::at_least, 0.6}, options);
  options.threads = 3;
  const auto three = minimal_change(unit_box(3), m, {Comparison::at_least, 0.6}, options);
  ASSERT_TRUE(one.reachable);
  EXPECT_EQ(one.norm, three.norm);
  EXPECT_EQ(one.model_runs, three.model_runs);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(one.changes[i].to, three.changes[i].to);
}

}  // namespace
}  // namespace truce::levers
