// Compromise model (weighted mean) and capability x salience weighted median: closed forms.
#include "truce/forecast/compromise.hpp"

#include <gtest/gtest.h>

#include "truce/io/scenario_file.hpp"
#include "../support/shared_data.hpp"

namespace truce {
namespace {

const std::string bdm_file = ::truce::testing::shared_path("data/bdm/eu_emission_standards_bdm1994.csv");

TEST(WeightedMean, IsTheWeightedAverage) {
  // (1 * 0 + 3 * 100) / 4 = 75.
  EXPECT_DOUBLE_EQ(*weighted_mean({1, 3}, {0, 100}), 75.0);
  EXPECT_FALSE(weighted_mean({0, 0}, {10, 20}).has_value());
}

TEST(WeightedMedian, IsThePositionWhereTheRunningWeightReachesHalf) {
  EXPECT_DOUBLE_EQ(*weighted_median({1, 1, 1}, {30, 10, 20}), 20.0);
  // One heavy actor outweighs the rest: total 6, half 3, reached at 90.
  EXPECT_DOUBLE_EQ(*weighted_median({1, 1, 4}, {10, 20, 90}), 90.0);
  // Exactly half at 10 (1 of 2): the lower weighted median is 10, not 30 or 20.
  EXPECT_DOUBLE_EQ(*weighted_median({1, 1}, {30, 10}), 10.0);
  // 0.1 + 0.2 is not exactly 0.3 in binary; the tolerance makes it count as half of 0.6.
  EXPECT_DOUBLE_EQ(*weighted_median({0.1, 0.2, 0.3}, {10, 20, 30}), 20.0);
  // Zero-weight actors do not count, wherever they stand.
  EXPECT_DOUBLE_EQ(*weighted_median({0, 1, 1, 0}, {0, 40, 60, 100}), 40.0);
  EXPECT_FALSE(weighted_median({0}, {10}).has_value());
}

TEST(Compromise, EmissionStandardsExample) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  // Bueno de Mesquita (1994) Table 1 as in ../shared/data/bdm (positions x10 on load).
  // w = c s: NL .064, BE .032, LU .006, DE .128, FR .096, IT .096, UK .144, IE .005, DK .05,
  // GR .056; sum .677. Mean = 10 x 5.003 / .677. Cumulative weight at 4 years .248 < .3385,
  // at 7 years .341 >= .3385, so the weighted median is 7 years (70).
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  ASSERT_EQ(a.size(), 10u);
  EXPECT_NEAR(*weighted_mean(a.weights(), a.position), 10 * 5.003 / 0.677, 1e-9);
  EXPECT_DOUBLE_EQ(*weighted_median(a.weights(), a.position), 70.0);
}

TEST(IssueActors, LeavesOutActorsWithoutAStance) {
  Scenario sc;
  sc.actors = {{"a", "A", "", 2.0, {}, false}, {"b", "B", "", 1.0, {}, false}, {"c", "C", "", 4.0, {}, false}};
  sc.issues.resize(1);
  Stance s0;
  s0.actor = 0;
  s0.position = 10;
  s0.salience = 0.5;
  Stance s2;
  s2.actor = 2;
  s2.position = 70;
  s2.salience = 0.25;
  sc.stances = {s0, s2};
  const IssueActors a = issue_actors(sc, 0);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a.actor, (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(a.weights(), (std::vector<double>{1.0, 1.0}));
  EXPECT_DOUBLE_EQ(*weighted_mean(a.weights(), a.position), 40.0);  // (10 + 70) / 2
}

}  // namespace
}  // namespace truce
