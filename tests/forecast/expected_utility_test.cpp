// Bueno de Mesquita's expected-utility model as reconstructed by Scholz, Calbert & Smith
// (2011): hand-computed dyads, and the paper's worked example (BDM 1994, EU car emission
// standards, /work/shared/data/bdm).
#include "truce/forecast/expected_utility.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "truce/forecast/compromise.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

const std::string bdm_file = std::string(TRUCE_SHARED_DIR) + "/data/bdm/eu_emission_standards_bdm1994.csv";

ExpectedUtilityOptions textbook() {
  ExpectedUtilityOptions o;
  o.q = 1.0;  // Q = 1: the status-quo term is U_sq, which is 0 when r = 1
  o.risk = EumRisk::neutral;
  o.tolerance = 0;
  return o;
}

TEST(ExpectedUtility, TwoActorsCompromiseByHand) {
  // A at 0 (c 1, s 1), B at 100 (c 1, s 0.5), R = 100, r = 1, Q = 1.
  // d = 1: U_s = 2 - 4 (0.5 - 0.5) = 2, U_f = 2 - 4 (1) = -2, U_sq = 0.
  // P_A = (1 * 100) / (1 * 100 + 0.5 * 100) = 2/3 (only A itself supports A).
  // E^A(challenge B) = 0.5 [2/3 * 2 + 1/3 * (-2)] + 0.5 * 2 = 4/3.
  // E^B(challenge A) = 1 [1/3 * 2 + 2/3 * (-2)] + 0 = -2/3.
  // E^A > 0 > E^B and |E^A| > |E^B|: compromise, B moves (0 - 100) * (2/3)/(4/3) = -50 to 50.
  // Round 2: d = 0.5, U_s = 1, U_f = -1, P_A = 50 / (50 + 25) = 2/3, E^A = 0.5 * 1/3 + 0.5 = 2/3,
  // E^B = 1/3 - 2/3 = -1/3: B moves half way again, to 25.
  auto o = textbook();
  o.max_rounds = 2;
  const auto run = run_expected_utility({0, 100}, {1, 1}, {1, 0.5}, o);
  ASSERT_EQ(run.rounds, 2);
  EXPECT_NEAR(run.positions[1][0], 0.0, 1e-12);
  EXPECT_NEAR(run.positions[1][1], 50.0, 1e-12);
  EXPECT_NEAR(run.positions[2][1], 25.0, 1e-12);
  EXPECT_FALSE(run.converged);
}

TEST(ExpectedUtility, CapitulationWhenTheTargetExpectsToLoseMore) {
  // A at 0 (c 3, s 1), B at 100 (c 1, s 1): P_A = 300 / 400 = 3/4.
  // E^A = 1 [3/4 * 2 + 1/4 * (-2)] = 1; E^B = 1 [1/4 * 2 + 3/4 * (-2)] = -1.
  // |E^B| >= |E^A|: B capitulates, moving all the way to 0; then nobody moves (converged).
  const auto run = run_expected_utility({0, 100}, {3, 1}, {1, 1}, textbook());
  ASSERT_EQ(run.rounds, 1);
  EXPECT_DOUBLE_EQ(run.positions[1][1], 0.0);
  EXPECT_TRUE(run.converged);
  EXPECT_DOUBLE_EQ(run.mean_by_round.back(), 0.0);
}

TEST(ExpectedUtility, EqualActorsDoNotMove) {
  // Symmetric dyad, s = 1: P = 1/2, E = 1/2 * 2 + 1/2 * (-2) = 0 for both: stalemate.
  const auto run = run_expected_utility({20, 80}, {1, 1}, {1, 1}, textbook());
  EXPECT_EQ(run.rounds, 0);
  EXPECT_TRUE(run.converged);
}

TEST(ExpectedUtility, RiskExponentsFollowTheSecurityLevels) {
  // r_i = (1 - R_i/3) / (1 + R_i/3) with R_i in [-1, 1]: every r lies in [0.5, 2], the most
  // exposed actor (R = 1) gets 0.5 and the least (R = -1) gets 2.
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  ExpectedUtilityOptions o;
  o.max_rounds = 1;
  const auto run = run_expected_utility(a.position, a.capability, a.salience, o);
  double lo = 10, hi = 0;
  for (double r : run.risk_exponent) {
    lo = std::min(lo, r);
    hi = std::max(hi, r);
  }
  EXPECT_DOUBLE_EQ(lo, 0.5);
  EXPECT_DOUBLE_EQ(hi, 2.0);
}

// The worked example. Scholz et al. report the weighted median by round as
// 8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6 (years). No combination of the ambiguity options
// reproduces all eight: the search (DISABLED_SearchAmbiguityChoices below; docs/forecast.md)
// finds at most 4 of 8 rounds to the published digit. The defaults are a combination that
// reaches 4 and follows MODELS.md's reading of every step: the weighted mean after rounds
// 1..8 is 8.2, 9.9, 9.9, 9.9, 9.9, 9.9, 9.9, 9.9, matching rounds 2-5 and missing round 1 by
// 0.2 and rounds 6-8 (the paper's swing back to 7.4) by 2.5, 1.1 and 0.3. The paper's 9.9 is
// the state "everyone at 10 but Luxembourg at 4 and Ireland at 7" (mean 6.719 / 0.677 = 9.92),
// which is also where our run sits in rounds 2-5; so the paper's "weighted median" is the
// capability x salience weighted mean of the positions (the weighted median would be 10).
// This test pins what we reproduce and what we compute.
TEST(ExpectedUtility, ScholzEtAlWorkedExample) {
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  ExpectedUtilityOptions o;  // the defaults
  o.max_rounds = 8;
  const auto run = run_expected_utility(a.position, a.capability, a.salience, o);
  ASSERT_EQ(run.rounds, 8);
  const double published[8] = {8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6};
  const double ours[8] = {8.227474, 9.924668, 9.926093, 9.927508, 9.928903, 9.930273, 9.931612, 9.932916};
  for (int k = 0; k < 8; ++k) {
    const double years = run.mean_by_round[k + 1] / 10;  // positions were loaded x10
    EXPECT_NEAR(years, ours[k], 1e-6) << "round " << k + 1;
    if (k >= 1 && k <= 4) EXPECT_DOUBLE_EQ(std::round(years * 10) / 10, published[k]) << "round " << k + 1;
  }
  // Round 0 is the data: weighted median 7 years, weighted mean 5.003 / 0.677.
  EXPECT_DOUBLE_EQ(run.median_by_round[0], 70.0);
  EXPECT_NEAR(run.mean_by_round[0], 10 * 5.003 / 0.677, 1e-9);
}

TEST(ExpectedUtility, EveryAmbiguityChoiceRunsAndStaysOnTheScale) {
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  for (int variant = 0; variant < 2; ++variant) {
    ExpectedUtilityOptions o;
    o.max_rounds = 20;
    if (variant == 1) {
      o.centre = EumCentre::weighted_mean;
      o.range = EumRange::current_positions;
      o.risk = EumRisk::once;
      o.security = EumSecurity::own_challenges;
      o.probability = EumProbability::net_clamped;
      o.offer_choice = EumOfferChoice::strongest_sender;
      o.perspective = EumPerspective::challenger_risk;
      o.update = EumUpdate::sequential;
    }
    const auto run = run_expected_utility(a.position, a.capability, a.salience, o);
    for (const auto& round : run.positions)
      for (double x : round) {
        EXPECT_GE(x, 40.0);  // moves are toward other actors: the hull [40, 100] never grows
        EXPECT_LE(x, 100.0);
      }
  }
}

// The search behind the defaults (slow: ~20 s; run with --gtest_also_run_disabled_tests
// --gtest_filter='*Search*'). Prints the closest combinations: sum of |ours - published|
// over rounds 1..8 (weighted mean, in years) and how many rounds match to the published digit.
TEST(ExpectedUtility, DISABLED_SearchAmbiguityChoices) {
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  const double published[8] = {8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6};
  struct Row {
    double error;
    int exact;
    std::string choices;
  };
  std::vector<Row> rows;
  int best_exact = 0;
  for (int centre = 0; centre < 2; ++centre)
    for (int range = 0; range < 3; ++range)
      for (int risk = 0; risk < 3; ++risk)
        for (int security = 0; security < 2; ++security)
          for (int probability = 0; probability < 2; ++probability)
            for (int choice = 0; choice < 2; ++choice)
              for (int perspective = 0; perspective < 2; ++perspective)
                for (int update = 0; update < 2; ++update)
                  for (int compromise = 0; compromise < 2; ++compromise)
                    for (double q : {1.0, 0.75, 0.5, 0.25, 0.0})
                      for (double t : {1.0, 0.75, 0.5, 0.25, 0.0}) {
                        if ((q == 1.0 && t != 1.0) || (risk == 0 && security == 1)) continue;
                        ExpectedUtilityOptions o;
                        o.max_rounds = 8;
                        o.q = q;
                        o.t = t;
                        o.centre = EumCentre(centre);
                        o.range = EumRange(range);
                        o.risk = EumRisk(risk);
                        o.security = EumSecurity(security);
                        o.probability = EumProbability(probability);
                        o.offer_choice = EumOfferChoice(choice);
                        o.perspective = EumPerspective(perspective);
                        o.update = EumUpdate(update);
                        o.compromise = EumCompromise(compromise);
                        const auto run = run_expected_utility(a.position, a.capability, a.salience, o);
                        Row row{0, 0, ""};
                        for (int k = 0; k < 8; ++k) {
                          const double years = run.mean_by_round[std::min<std::size_t>(k + 1, run.rounds)] / 10;
                          row.error += std::abs(years - published[k]);
                          row.exact += std::round(years * 10) / 10 == published[k];
                        }
                        for (const auto& [name, value] : o.describe()) row.choices += name + "=" + value + " ";
                        best_exact = std::max(best_exact, row.exact);
                        rows.push_back(row);
                      }
  std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.error < y.error; });
  for (std::size_t i = 0; i < 10; ++i) std::printf("%.3f %d %s\n", rows[i].error, rows[i].exact, rows[i].choices.c_str());
  std::printf("%zu combinations; most rounds matched: %d of 8\n", rows.size(), best_exact);
  EXPECT_EQ(best_exact, 4);
}

TEST(ExpectedUtility, RejectsBadOptions) {
  ExpectedUtilityOptions o;
  o.q = 1.5;
  EXPECT_THROW(run_expected_utility({0, 1}, {1, 1}, {1, 1}, o), std::invalid_argument);
  EXPECT_THROW(run_expected_utility({0, 1}, {1}, {1, 1}, ExpectedUtilityOptions{}), std::invalid_argument);
}

}  // namespace
}  // namespace truce
