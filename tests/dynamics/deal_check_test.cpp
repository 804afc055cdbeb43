// The precomputed deal check against brute force over every package of the reference
// scenario (194,400 packages): the ZOPA, the Nash package and the blocking constraints.

#include <gtest/gtest.h>

#include <limits>

#include "dynamics_scenarios.hpp"
#include "truce/dynamics/deal_check.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/space/package_space.hpp"

namespace truce::dynamics {
namespace {

struct Brute {
  bool any = false;
  double best = -1;
  std::uint64_t best_package = 0;
};

class DealCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = load_scenario_file(testing::reference_path());
    table_ = package_table_of(scenario_);
    lines_ = veto_red_lines(scenario_, table_);
    for (std::size_t a = 0; a < scenario_.actors.size(); ++a)
      if (scenario_.actors[a].veto) bargainers_.push_back(a);
    space_ = space::package_space_of(scenario_);
  }

  double utility(std::size_t actor, const std::vector<std::size_t>& values) const {
    double s = 0;
    for (std::size_t j = 0; j < values.size(); ++j) s += table_.raw[j][values[j] * table_.actors + actor];
    return table_.normalise(actor, s);
  }

  // Every package: crossing none of `lines` except `skip`, every bargainer (but `free`) above
  // its reservation value; the largest Nash product.
  Brute brute(const double* r, std::size_t skip = SIZE_MAX, std::size_t free = SIZE_MAX) const {
    Brute b;
    for (std::uint64_t p = 0; p < table_.packages(); ++p) {
      const auto values = table_.values_of(p);
      bool ok = true;
      for (std::size_t l = 0; l < lines_.size() && ok; ++l)
        ok = l == skip || !lines_[l].forbidden[values[lines_[l].issue]];
      if (!ok) continue;
      double product = 1;
      for (std::size_t k = 0; k < bargainers_.size() && ok; ++k) {
        const double gain = utility(bargainers_[k], values) - r[k];
        ok = k == free || gain > 0;
        product *= gain;
      }
      if (!ok) continue;
      if (!b.any || product > b.best) b.best = product, b.best_package = p;
      b.any = true;
    }
    return b;
  }

  Scenario scenario_;
  PackageTable table_;
  std::vector<RedLine> lines_;
  std::vector<std::size_t> bargainers_;
  space::PackageSpace space_;
};

TEST_F(DealCheckTest, PackageTableScoresPackagesAsTheAgreementSpaceDoes) {
  // The war model's table and space::package_space_of must agree on every utility, or the
  // war's reservation values and the deal check would be on different scales.
  ASSERT_EQ(space_.size(), table_.packages());
  for (std::uint64_t p = 0; p < table_.packages(); p += 97) {
    const auto values = table_.values_of(p);
    EXPECT_EQ(values, space_.values_of(p));
    const auto u = space_.utilities_of(p);
    for (std::size_t a = 0; a < table_.actors; ++a) EXPECT_NEAR(utility(a, values), u[a], 1e-12) << p << " " << a;
  }
  for (std::size_t j = 0; j < table_.issues.size(); ++j)
    for (std::size_t v = 0; v < table_.issues[j].ids.size(); ++v) EXPECT_EQ(table_.issues[j].ids[v], space_.issues[j].values[v].id);
}

TEST_F(DealCheckTest, ReferenceHasTheRedLinesTheScenarioCodes) {
  EXPECT_EQ(table_.packages(), 194400u);  // 5 x 4 x 3 x 5 x 3 x 4 x 3 x 3 x 3 x 2
  EXPECT_EQ(lines_.size(), 10u);         // Russia: 6 red lines, Ukraine: 4
  ASSERT_EQ(bargainers_.size(), 2u);
}

TEST_F(DealCheckTest, NashPackageAndZopaMatchBruteForce) {
  // The territorial red lines (Russia >= donbas, Ukraine <= freeze) exclude every package, so
  // relax Ukraine's to get a non-empty space, as the pressure lever does.
  for (auto& l : lines_)
    if (scenario_.actors[l.actor].id == "ukraine" && scenario_.issues[l.issue].id == "territory")
      l.forbidden = forbidden_values(scenario_, table_, l.issue, AcceptableRange{0, 65}, {});
  std::vector<std::size_t> ids(lines_.size());
  for (std::size_t l = 0; l < ids.size(); ++l) ids[l] = 2 + l;
  const DealSpace space(space_, table_, bargainers_, lines_, ids);
  EXPECT_GT(space.packages_passing_red_lines(), 0u);
  const double reservations[][2] = {{0.0, 0.0}, {0.5, 0.3}, {0.6, 0.4}, {0.3, 0.6}, {0.7, 0.5}, {0.9, 0.9}, {0.55, 0.45}};
  for (const auto& r : reservations) {
    const Brute b = brute(r);
    const auto deal = space.nash(r);
    ASSERT_EQ(deal.has_value(), b.any) << r[0] << ", " << r[1];
    EXPECT_EQ(space.zopa_empty(r), !b.any);
    if (!b.any) continue;
    EXPECT_NEAR(deal->nash_product, b.best, 1e-12) << r[0] << ", " << r[1];
    const auto values = table_.values_of(deal->package);
    EXPECT_NEAR(deal->utility[0], utility(bargainers_[0], values), 1e-12);
    EXPECT_NEAR(deal->utility[1], utility(bargainers_[1], values), 1e-12);
  }
}

TEST_F(DealCheckTest, BlockersAreExactlyTheSingleConstraintsWhoseRemovalOpensTheZopa) {
  std::vector<std::size_t> ids(lines_.size());
  for (std::size_t l = 0; l < ids.size(); ++l) ids[l] = 2 + l;
  const DealSpace space(space_, table_, bargainers_, lines_, ids);
  const double reservations[][2] = {{0.0, 0.0}, {0.5, 0.3}, {0.3, 0.6}, {0.45, 0.45}};
  for (const auto& r : reservations) {
    ASSERT_TRUE(space.zopa_empty(r));  // the territorial red lines exclude everything
    std::vector<std::uint64_t> counts(2 + lines_.size(), 0);
    space.blockers(r, counts);
    for (std::size_t k = 0; k < 2; ++k) EXPECT_EQ(counts[k], brute(r, SIZE_MAX, k).any ? 1u : 0u) << "bargainer " << k;
    for (std::size_t l = 0; l < lines_.size(); ++l)
      EXPECT_EQ(counts[2 + l], brute(r, l).any ? 1u : 0u)
          << scenario_.actors[lines_[l].actor].id << "." << scenario_.issues[lines_[l].issue].id;
  }
}

}  // namespace
}  // namespace truce::dynamics
