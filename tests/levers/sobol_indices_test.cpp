// Sobol indices against closed forms: the Ishigami function and a linear model.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "truce/levers/sobol_indices.hpp"

namespace truce::levers {
namespace {

// Ishigami & Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi).
// With a = 7, b = 0.1 the analytic indices are (Sobol' & Levitan 1999; Saltelli et al.
// 2008, "Global Sensitivity Analysis: The Primer", sect. 4.1; also SALib's test values)
// S1 = 0.3139, 0.4424, 0 and ST = 0.5576, 0.4424, 0.2437.
double ishigami(const std::vector<double>& x) {
  const double a = 7.0, b = 0.1;
  return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) + b * std::pow(x[2], 4) * std::sin(x[0]);
}

std::vector<Parameter> ishigami_parameters() {
  const double pi = std::numbers::pi;
  return {{"x1", 0.0, -pi, pi, "", "", Distribution::uniform},
          {"x2", 0.0, -pi, pi, "", "", Distribution::uniform},
          {"x3", 0.0, -pi, pi, "", "", Distribution::uniform}};
}

TEST(SobolIndices, MatchTheAnalyticValuesOfTheIshigamiFunction) {
  SobolOptions options;
  options.samples = 1 << 15;
  options.bootstrap = 100;
  options.seed = 42;
  const auto r = sobol_indices(ishigami_parameters(), ishigami, options);
  const double s1[] = {0.3139, 0.4424, 0.0};
  const double st[] = {0.5576, 0.4424, 0.2437};
  ASSERT_EQ(r.indices.size(), 3u);
  EXPECT_EQ(r.model_runs, options.samples * 5);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& ix = r.indices[i];
    EXPECT_NEAR(ix.first_order, s1[i], 0.02) << "S1 of x" << i + 1;
    EXPECT_NEAR(ix.total, st[i], 0.02) << "ST of x" << i + 1;
    // The 95% intervals are tight at this N, and bracket the estimate.
    EXPECT_LT(ix.first_order_interval.high - ix.first_order_interval.low, 0.06);
    EXPECT_LT(ix.total_interval.high - ix.total_interval.low, 0.06);
    EXPECT_LE(ix.first_order_interval.low, ix.first_order);
    EXPECT_GE(ix.first_order_interval.high, ix.first_order);
    EXPECT_LE(ix.total_interval.low, ix.total);
    EXPECT_GE(ix.total_interval.high, ix.total);
  }
  // Output variance: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.8446 (the Primer, sect. 4.1).
  EXPECT_NEAR(r.output_variance, 13.8446, 0.3);
}

TEST(SobolIndices, MatchTheClosedFormOfALinearModel) {
  // y = sum a_i x_i with independent x_i: S1_i = ST_i = a_i^2 var_i / sum_j a_j^2 var_j.
  // x1 ~ U(0, 1) (var 1/12), x2 ~ U(0, 2) (var 4/12), x3 ~ U(-3, 3) (var 36/12); a = (2, 1, 0.5).
  // Shares of a_i^2 var_i = 4/12, 4/12, 9/12: S = 4/17, 4/17, 9/17.
  const std::vector<Parameter> p = {{"x1", 0.5, 0, 1, "", "", Distribution::uniform},
                                    {"x2", 1, 0, 2, "", "", Distribution::uniform},
                                    {"x3", 0, -3, 3, "", "", Distribution::uniform}};
  const Model model = [](const std::vector<double>& x) { return 2 * x[0] + x[1] + 0.5 * x[2]; };
  SobolOptions options;
  options.samples = 1 << 14;
  options.seed = 7;
  const auto r = sobol_indices(p, model, options);
  const double expected[] = {4.0 / 17, 4.0 / 17, 9.0 / 17};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.indices[i].first_order, expected[i], 0.02) << i;
    EXPECT_NEAR(r.indices[i].total, expected[i], 0.02) << i;
  }
  // Variance: 4/12 + 4/12 + 9/12 = 17/12.
  EXPECT_NEAR(r.output_variance, 17.0 / 12, 0.03);
}

TEST(SobolIndices, AreTheSameForAnyThreadCountAndChangeWithTheSeed) {
  SobolOptions options;
  options.samples = 500;  // not a multiple of the block size, on purpose
  options.bootstrap = 50;
  options.threads = 1;
  const auto one = sobol_indices(ishigami_parameters(), ishigami, options);
  for (unsigned threads : {2u, 3u, 7u}) {
    options.threads = threads;
    const auto many = sobol_indices(ishigami_parameters(), ishigami, options);
    for (std::size_t i = 0; i < 3; ++i) {
      // Bit-for-bit equality, not closeness: the merge is in index order.
      EXPECT_EQ(one.indices[i].first_order, many.indices[i].first_order);
      EXPECT_EQ(one.indices[i].total, many.indices[i].total);
      EXPECT_EQ(one.indices[i].total_interval.low, many.indices[i].total_interval.low);
      EXPECT_EQ(one.indices[i].first_order_interval.high, many.indices[i].first_order_interval.high);
    }
  }
  options.seed = 2;
  const auto other = sobol_indices(ishigami_parameters(), ishigami, options);
  EXPECT_NE(one.indices[0].first_order, other.indices[0].first_order);
}

TEST(SobolIndices, AreUndefinedForAConstantOutput) {
  const std::vector<Parameter> p = {{"x", 0.5, 0, 1, "", "", Distribution::uniform}};
  SobolOptions options;
  options.samples = 64;
  const auto r = sobol_indices(p, [](const std::vector<double>&) { return 3.0; }, options);
  EXPECT_EQ(r.output_variance, 0.0);
  EXPECT_TRUE(std::isnan(r.indices[0].first_order));
  EXPECT_TRUE(std::isnan(r.indices[0].total_interval.low));
}

TEST(SobolIndices, RejectBadOptionsAndParameters) {
  const std::vector<Parameter> bad = {{"x", 2, 0, 1, "", "", Distribution::uniform}};
  const Model m = [](const std::vector<double>& x) { return x[0]; };
  EXPECT_THROW(sobol_indices(bad, m, {}), std::invalid_argument);
  const std::vector<Parameter> ok = {{"x", 0.5, 0, 1, "", "", Distribution::uniform}};
  SobolOptions options;
  options.confidence = 1.0;
  EXPECT_THROW(sobol_indices(ok, m, options), std::invalid_argument);
  EXPECT_THROW(sobol_indices({}, m, {}), std::invalid_argument);
}

TEST(Quantile, TriangularHasItsModeAtTheBaseValue) {
  // Triangular on [0, 4] with mode 1: F(1) = 1/4, so the quantile at u = 0.25 is 1, and the
  // median solves 1 - (4 - x)^2 / 12 = 0.5: x = 4 - sqrt(6).
  const Parameter p{"x", 1, 0, 4, "", "", Distribution::triangular};
  EXPECT_NEAR(quantile(p, 0.25), 1.0, 1e-12);
  EXPECT_NEAR(quantile(p, 0.5), 4.0 - std::sqrt(6.0), 1e-12);
  EXPECT_NEAR(quantile(p, 1e-9), 0.0, 1e-3);
}

}  // namespace
}  // namespace truce::levers
