// Comparative statics on the reference scenario. A belligerent accepts a package when the
// package crosses none of its red lines and its utility is at least the belligerent's
// acceptance threshold (reservation value / (1 - breakdown risk)); red lines do not depend on
// aid, guarantees or the trend at month 0, so "accepts fewer packages" is "a higher threshold".
//
// What the model implies (and these tests hold it to):
// - a credible guarantee to Ukraine never raises Ukraine's threshold (it accepts at least the
//   packages it accepted before);
// - more aid to Ukraine improves its war, so it never lowers Ukraine's threshold (Ukraine does
//   not accept more; Fearon: a better war option narrows what one accepts) and never raises
//   Russia's (Russia accepts at least as much);
// - a better trend for Russia never lowers Russia's threshold: it is not more willing to
//   settle now.

#include <gtest/gtest.h>

#include "dynamics_scenarios.hpp"
#include "truce/dynamics/war_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce::dynamics {
namespace {

class Monotonicity : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = load_scenario_file(testing::reference_path());
    model_ = std::make_unique<WarModel>(scenario_);
    for (std::size_t b = 0; b < model_->bargainers().size(); ++b) {
      const std::string& id = scenario_.actors[model_->bargainers()[b]].id;
      if (id == "russia") russia_ = b;
      if (id == "ukraine") ukraine_ = b;
    }
    // Parameter sets: the central one and 200 Monte Carlo draws.
    sets_.push_back(model_->central());
    for (std::uint64_t run = 0; run < 200; ++run) sets_.push_back(model_->sample(7, run));
  }

  // The lever index of the first lever of this kind aimed at this actor.
  std::size_t lever(LeverKind kind, const std::string& target) const {
    std::size_t i = 0;
    for (const auto& p : scenario_.dynamics->third_parties)
      for (const auto& l : p.levers) {
        if (l.kind == kind && scenario_.actors[l.target].id == target && l.from_month == 0) return i;
        ++i;
      }
    ADD_FAILURE() << "no lever";
    return 0;
  }

  Scenario scenario_;
  std::unique_ptr<WarModel> model_;
  std::size_t russia_ = 0, ukraine_ = 0;
  std::vector<RunParameters> sets_;
};

TEST_F(Monotonicity, AGuaranteeNeverRaisesUkrainesThreshold) {
  const std::size_t g = lever(LeverKind::guarantee, "ukraine");
  for (auto p : sets_) {
    double previous = std::numeric_limits<double>::infinity();
    p.levers[g].used = true;
    for (double credibility : {0.0, 0.2, 0.4, 0.67, 0.9, 1.0}) {
      p.levers[g].effect = credibility;
      const double threshold = model_->month_zero(p).acceptance[ukraine_];
      EXPECT_LE(threshold, previous + 1e-12) << "credibility " << credibility;
      previous = threshold;
    }
  }
}

TEST_F(Monotonicity, AGuaranteeNeverShrinksTheSetOfPackagesUkraineAccepts) {
  // The same on the packages themselves, for the central parameters: every package Ukraine
  // accepts without the guarantee it accepts with it.
  const std::size_t g = lever(LeverKind::guarantee, "ukraine");
  RunParameters without = model_->central(), with = model_->central();
  without.levers[g].used = false;
  with.levers[g].used = true;
  const double t0 = model_->month_zero(without).acceptance[ukraine_];
  const double t1 = model_->month_zero(with).acceptance[ukraine_];
  const std::size_t actor = model_->bargainers()[ukraine_];
  std::uint64_t accepted_without = 0, accepted_with = 0;
  for (std::uint64_t package = 0; package < model_->package_space().size(); ++package) {
    const double u = model_->package_utility(actor, package);
    const bool a0 = u >= t0 && model_->within_red_lines(actor, package, without);
    const bool a1 = u >= t1 && model_->within_red_lines(actor, package, with);
    EXPECT_TRUE(!a0 || a1) << package;
    accepted_without += a0, accepted_with += a1;
  }
  EXPECT_GT(accepted_with, accepted_without);  // and it does widen it (the test can fail)
}

TEST_F(Monotonicity, MoreAidToUkraineNeverLowersUkrainesThresholdNorRaisesRussias) {
  // Aid moves the trend toward Ukraine. Ukraine's own position on territory is 20, not 0: a
  // believed front carried past 20 toward 0 would be worth less to it, so the claim holds
  // while Ukraine believes the front stays on Russia's side of 20, which the draws below check.
  const std::size_t aid = lever(LeverKind::aid, "ukraine");
  std::size_t checked = 0;
  for (auto p : sets_) {
    p.levers[aid].used = true;
    double prev_ukraine = -std::numeric_limits<double>::infinity(), prev_russia = std::numeric_limits<double>::infinity();
    bool crosses = false;
    for (double effect : {0.0, 0.05, 0.1, 0.2, 0.4}) {
      p.levers[aid].effect = effect;
      const MonthTrace m = model_->month_zero(p);
      const double believed = m.trend * p.side[1].trend_belief - p.side[1].optimism;
      crosses = crosses || believed < 0;
      if (crosses) break;
      EXPECT_GE(m.acceptance[ukraine_], prev_ukraine - 1e-12) << "aid " << effect;
      EXPECT_LE(m.acceptance[russia_], prev_russia + 1e-12) << "aid " << effect;
      prev_ukraine = m.acceptance[ukraine_];
      prev_russia = m.acceptance[russia_];
    }
    checked += crosses ? 0 : 1;
  }
  EXPECT_GT(checked, 150u);  // most draws have Russia advancing
}

TEST_F(Monotonicity, ABetterTrendForRussiaNeverMakesItMoreWillingToSettleNow) {
  for (auto p : sets_) {
    // Better equipment raises Russia's effective strength and so the trend; it leaves Russia's
    // own losses (which Ukraine inflicts) unchanged.
    double previous = -std::numeric_limits<double>::infinity();
    for (double equipment : {0.5, 0.8, 1.0, 1.3, 2.0, 4.0}) {
      p.side[0].equipment = equipment;
      const double threshold = model_->month_zero(p).acceptance[russia_];
      EXPECT_GE(threshold, previous - 1e-12) << "equipment " << equipment;
      previous = threshold;
    }
    // More optimism about a trend that runs its way (a trend against it it would, believed
    // stronger, be worse).
    if (model_->month_zero(p).trend < 0) continue;
    previous = -std::numeric_limits<double>::infinity();
    for (double belief : {0.5, 1.0, 1.5, 2.5, 4.0}) {
      p.side[0].trend_belief = belief;
      const double threshold = model_->month_zero(p).acceptance[russia_];
      EXPECT_GE(threshold, previous - 1e-12) << "belief " << belief;
      previous = threshold;
    }
  }
}

}  // namespace
}  // namespace truce::dynamics
