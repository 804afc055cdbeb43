// The precomputed deal check against brute force over every package of the reference
// scenario (194,400 packages): the ZOPA, the Nash package and the blocking constraints.

#include <gtest/gtest.h>

#include <algorithm>
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
    space_ = space::package_space_of(scenario_);
    lines_ = veto_red_lines(space_);
    for (std::size_t a = 0; a < scenario_.actors.size(); ++a)
      if (scenario_.actors[a].veto) bargainers_.push_back(a);
  }

  // The war model's form of the utility: raw weights summed, then normalised once.
  double utility(std::size_t actor, const std::vector<std::size_t>& values) const {
    const auto& u = space_.utility;
    double s = 0;
    for (std::size_t j = 0; j < values.size(); ++j) s += u.weight[j][values[j] * space_.actors.size() + actor];
    return u.normalise(actor, s);
  }

  // Every package: crossing none of `lines` except `skip`, every bargainer (but `free`) above
  // its reservation value; the largest Nash product.
  Brute brute(const double* r, std::size_t skip = SIZE_MAX, std::size_t free = SIZE_MAX) const {
    Brute b;
    for (std::uint64_t p = 0; p < space_.size(); ++p) {
      const auto values = space_.values_of(p);
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
  space::PackageSpace space_;
  std::vector<space::RedLine> lines_;
  std::vector<std::size_t> bargainers_;
};

TEST_F(DealCheckTest, RawUtilitiesScorePackagesAsTheNormalisedContributionsDo) {
  // The war model sums raw weights and normalises once; the agreement space sums contributions
  // normalised issue by issue. They must agree on every utility, or the war's reservation
  // values and the deal check would be on different scales.
  const std::size_t actors = space_.actors.size();
  ASSERT_EQ(space_.utility.weight.size(), space_.issues.size());
  for (std::uint64_t p = 0; p < space_.size(); p += 97) {
    const auto values = space_.values_of(p);
    const auto u = space_.utilities_of(p);
    for (std::size_t a = 0; a < actors; ++a) EXPECT_NEAR(utility(a, values), u[a], 1e-12) << p << " " << a;
  }
  // Every actor's worst and ideal package are 0 and 1 in both forms (sums of per-issue extremes).
  for (std::size_t a = 0; a < actors; ++a) {
    EXPECT_NEAR(space_.min_utility(a), 0.0, 1e-12);
    EXPECT_NEAR(space_.max_utility(a), 1.0, 1e-12);
  }
}

TEST_F(DealCheckTest, ScaleValuesCarryTheirPositions) {
  // territory: none 0, freeze 50, donbas 65, four-oblasts 85, recognition 100
  // (scenarios/ukraine-ceasefire-2025.yaml, issues.territory.points).
  const auto territory = std::find_if(space_.issues.begin(), space_.issues.end(), [](const auto& i) { return i.id == "territory"; });
  ASSERT_NE(territory, space_.issues.end());
  std::vector<double> positions;
  for (const auto& v : territory->values) positions.push_back(v.position.value());
  EXPECT_EQ(positions, (std::vector<double>{0, 50, 65, 85, 100}));
  // Options issues have none.
  for (std::size_t j = 0; j < space_.issues.size(); ++j)
    if (scenario_.issues[j].kind == IssueKind::options)
      for (const auto& v : space_.issues[j].values) EXPECT_FALSE(v.position.has_value()) << space_.issues[j].id;
}

TEST_F(DealCheckTest, ReferenceHasTheRedLinesTheScenarioCodes) {
  EXPECT_EQ(space_.size(), 194400u);  // 5 x 4 x 3 x 5 x 3 x 4 x 3 x 3 x 3 x 2
  EXPECT_EQ(lines_.size(), 10u);         // Russia: 6 red lines, Ukraine: 4
  ASSERT_EQ(bargainers_.size(), 2u);
}

TEST_F(DealCheckTest, NashPackageAndZopaMatchBruteForce) {
  // The territorial red lines (Russia >= donbas, Ukraine <= freeze) exclude every package, so
  // relax Ukraine's to get a non-empty space, as the pressure lever does.
  for (auto& l : lines_)
    if (scenario_.actors[l.actor].id == "ukraine" && scenario_.issues[l.issue].id == "territory")
      l.forbidden = space::forbidden_values(space_.issues[l.issue], AcceptableRange{0, 65}, {});
  std::vector<std::size_t> ids(lines_.size());
  for (std::size_t l = 0; l < ids.size(); ++l) ids[l] = 2 + l;
  const DealSpace space(space_, bargainers_, lines_, ids);
  EXPECT_GT(space.packages_passing_red_lines(), 0u);
  const double reservations[][2] = {{0.0, 0.0}, {0.5, 0.3}, {0.6, 0.4}, {0.3, 0.6}, {0.7, 0.5}, {0.9, 0.9}, {0.55, 0.45}};
  for (const auto& r : reservations) {
    const Brute b = brute(r);
    const auto deal = space.nash(r);
    ASSERT_EQ(deal.has_value(), b.any) << r[0] << ", " << r[1];
    EXPECT_EQ(space.zopa_empty(r), !b.any);
    if (!b.any) continue;
    EXPECT_NEAR(deal->nash_product, b.best, 1e-12) << r[0] << ", " << r[1];
    const auto values = space_.values_of(deal->package);
    EXPECT_NEAR(deal->utility[0], utility(bargainers_[0], values), 1e-12);
    EXPECT_NEAR(deal->utility[1], utility(bargainers_[1], values), 1e-12);
  }
}

TEST_F(DealCheckTest, BlockersAreExactlyTheSingleConstraintsWhoseRemovalOpensTheZopa) {
  std::vector<std::size_t> ids(lines_.size());
  for (std::size_t l = 0; l < ids.size(); ++l) ids[l] = 2 + l;
  const DealSpace space(space_, bargainers_, lines_, ids);
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
