// Bueno de Mesquita's expected-utility model as reconstructed by Scholz, Calbert & Smith
// (2011): hand-computed dyads, and the paper's worked example (BDM 1994, EU car emission
// standards, ../shared/data/bdm; the paper's Table 2).
#include "truce/forecast/expected_utility.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <utility>

#include "truce/forecast/compromise.hpp"
#include "truce/forecast/forecast_analysis.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/io/scenario_file.hpp"
#include "../support/shared_data.hpp"

namespace truce {
namespace {

const std::string bdm_file = ::truce::testing::shared_path("data/bdm/eu_emission_standards_bdm1994.csv");

// Scholz et al., Table 2: the median voter position and the mean position after rounds 1..8
// (years; "No value for Q was given. We chose Q=1.0.").
const double published_median[8] = {8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6};
const double published_mean[8] = {7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6};

// Whether v (0..100 units, the table was loaded x10) prints as the published value in years.
bool prints_as(double v, double published) { return std::abs(v / 10 - published) < 0.05 + 1e-9; }
// Whether v prints as the published value when cut (not rounded) to one decimal.
bool truncates_to(double v, double published) { return std::floor(v / 10 * 10 + 1e-9) == std::round(published * 10); }

std::string fmt_pair(double median, double mean) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6f/%.6f ", median / 10, mean / 10);
  return buf;
}

// A statistic after round k of a run that may have stopped early: a converged run stays put, a
// run stopped on a cycle repeats it.
double at_round(const ExpectedUtilityRun& run, const std::vector<double>& v, int k) {
  if (k <= run.rounds) return v[k];
  if (run.cycle) return v[run.cycle->first_round + (k - run.cycle->first_round) % run.cycle->length];
  return v.back();
}

ExpectedUtilityOptions textbook() {
  ExpectedUtilityOptions o;
  o.q = 1.0;  // Q = 1: the status-quo term is U_sq, which is 0 when r = 1
  o.risk = EumRisk::neutral;
  o.range = EumRange::scale;  // R = 100 throughout, so the hand computations stay simple
  o.tolerance = 0;
  return o;
}

TEST(ExpectedUtility, TwoActorsCompromiseByHand) {
  // A at 0 (c 1, s 1), B at 100 (c 1, s 0.5), R = 100, r = 1, Q = 1.
  // d = 1: U_s = 2 - 4 (0.5 - 0.5) = 2 (eq. 15), U_f = 2 - 4 (1) = -2 (eq. 16), U_sq = 0 (eq. 24).
  // P^A = (1 * 100) / (1 * 100 + 0.5 * 100) = 2/3 (eq. 31: only A itself votes for A).
  // E^A(U_AB) = 0.5 [2/3 * 2 + 1/3 * (-2)] + 0.5 * 2 = 4/3 (eqs. 5-7).
  // E^B(U_BA) = 1 [1/3 * 2 + 2/3 * (-2)] + 0 = -2/3.
  // E^A > 0 > E^B and |E^A| > |E^B|: compromise, B moves (0 - 100) * (2/3)/(4/3) = -50 to 50 (eq. 35).
  // Round 2: d = 0.5, U_s = 1, U_f = -1, P^A = 50 / (50 + 25) = 2/3, E^A = 0.5 * 1/3 + 0.5 = 2/3,
  // E^B = 1/3 - 2/3 = -1/3: B moves half way again, to 25.
  auto o = textbook();
  o.max_rounds = 2;
  const auto run = run_expected_utility({0, 100}, {1, 1}, {1, 0.5}, o);
  ASSERT_EQ(run.rounds, 2);
  EXPECT_NEAR(run.positions[1][0], 0.0, 1e-12);
  EXPECT_NEAR(run.positions[1][1], 50.0, 1e-12);
  EXPECT_NEAR(run.positions[2][1], 25.0, 1e-12);
  // The cap ended the run with positions still moving and no repetition: said so, and the
  // forecast is the last round's median (A's 0 carries 1 of the weight 1.5).
  EXPECT_FALSE(run.converged);
  EXPECT_FALSE(run.cycle.has_value());
  EXPECT_EQ(run.forecast, 0.0);
}

// Issue #13's reproducer: three actors with equal weights c s = 1, A at 0 (c 1, s 1), B at 10
// (c 2, s 0.5), C at 30 (c 1, s 1), every option at its default. B, who cares half as much as
// A and C, gives in to whichever of them it is not standing with: round 1 takes it to C at 30,
// round 2 to A at 0, round 3 back to 30 (found by DISABLED_SearchThreeActorCycles). The median
// of three equal weights is the middle actor, B: 30, 0, 30, ... so before the cycle test the
// forecast was 30 for an odd round cap and 0 for an even one (still so for caps 1 and 2, which
// end the run before the repetition shows). The cycle's mean, (30 + 0) / 2 = 15, is the
// forecast for every cap from 3 on.
TEST(ExpectedUtility, CyclesAreReportedAndForecastAsTheirMean) {
  const std::vector<double> x{0, 10, 30}, c{1, 2, 1}, s{1, 0.5, 1};
  ExpectedUtilityOptions o;
  for (int cap : {499, 500, 501, 3}) {
    o.max_rounds = cap;
    const auto run = run_expected_utility(x, c, s, o);
    ASSERT_TRUE(run.cycle.has_value()) << cap;
    EXPECT_FALSE(run.converged);
    EXPECT_EQ(run.cycle->length, 2);
    EXPECT_EQ(run.cycle->first_round, 1);
    EXPECT_EQ(run.rounds, 3);  // the positions after round 3 are those after round 1
    EXPECT_EQ(run.positions[3], run.positions[1]);
    EXPECT_EQ(run.cycle->actor_positions, (std::vector<std::vector<double>>{{0, 30, 30}, {0, 0, 30}}));
    EXPECT_EQ(run.cycle->forecast_positions, (std::vector<double>{30, 0}));
    EXPECT_EQ(run.forecast, 15.0);
  }
  // Caps that fall before the repetition: the old dependence on the cap's parity, reported
  // as not converged and without a cycle.
  for (const auto& [cap, last] : {std::pair{1, 30.0}, std::pair{2, 0.0}}) {
    o.max_rounds = cap;
    const auto run = run_expected_utility(x, c, s, o);
    EXPECT_FALSE(run.cycle.has_value()) << cap;
    EXPECT_FALSE(run.converged);
    EXPECT_EQ(run.forecast, last) << cap;
  }
  // With the weighted mean as the forecast statistic: (0 + 30 + 30)/3 = 20 and (0 + 0 + 30)/3
  // = 10, mean 15.
  o.max_rounds = 500;
  o.forecast = EumForecast::weighted_mean;
  const auto run = run_expected_utility(x, c, s, o);
  ASSERT_TRUE(run.cycle.has_value());
  EXPECT_EQ(run.cycle->forecast_positions, (std::vector<double>{20, 10}));
  EXPECT_EQ(run.forecast, 15.0);
}

// Through the forecast analysis and the levers' per-issue path: the same cycle, the same
// number, the cycle in the result by scenario actor (D has no stance: NaN).
TEST(ExpectedUtility, TheForecastAnalysisCarriesTheCycle) {
  Scenario sc;
  for (const auto& [id, capability] : {std::pair{"a", 1.0}, std::pair{"b", 2.0}, std::pair{"d", 5.0}, std::pair{"c", 1.0}}) {
    Actor actor;
    actor.id = id;
    actor.capability = capability;
    sc.actors.push_back(actor);
  }
  Issue issue;
  issue.id = "x";
  sc.issues = {issue};
  for (const auto& [actor, position, salience] :
       {std::tuple{0, 0.0, 1.0}, std::tuple{1, 10.0, 0.5}, std::tuple{3, 30.0, 1.0}}) {
    Stance st;
    st.actor = static_cast<std::size_t>(actor);
    st.issue = 0;
    st.position = position;
    st.salience = salience;
    sc.stances.push_back(st);
  }
  const ForecastOptions options = forecast_options(sc, {{"models", {"eum"}}});
  const ForecastResult r = forecast_expected_utility(sc, options.eum);
  EXPECT_EQ(r.position_by_issue[0], 15.0);
  ASSERT_EQ(r.converged_by_issue.size(), 1u);
  EXPECT_EQ(r.converged_by_issue[0], false);
  ASSERT_TRUE(r.cycle_by_issue.at(0).has_value());
  const RoundCycle& cycle = *r.cycle_by_issue[0];
  EXPECT_EQ(cycle.length, 2);
  EXPECT_EQ(cycle.first_round, 1);
  ASSERT_EQ(cycle.actor_positions.size(), 2u);
  EXPECT_EQ(cycle.actor_positions[1][1], 0.0);   // b, in the second round of the cycle
  EXPECT_EQ(cycle.actor_positions[1][3], 30.0);  // c
  EXPECT_TRUE(std::isnan(cycle.actor_positions[0][2]));  // d has no stance
  bool noted = false;
  for (const auto& n : r.notes) noted = noted || n.find("issue x: the rounds cycle (2 rounds from round 1: 30.0 <-> 0.0); forecast = cycle mean 15.0") == 0;
  EXPECT_TRUE(noted);
  const auto one = find_forecast_model("eum")->position_on_issue(sc, 0, options);
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(*one, 15.0);
  // The analysis result and its JSON.
  const ForecastAnalysisResult a = forecast_analysis(sc, options);
  const IssueForecast& f = a.issues.at(0).forecasts.at(0);
  EXPECT_EQ(f.converged, false);
  ASSERT_TRUE(f.cycle.has_value());
  const nlohmann::json j = to_json(a).at("issues").at(0).at("forecasts").at(0);
  EXPECT_EQ(j.at("position"), 15.0);
  EXPECT_EQ(j.at("converged"), false);
  EXPECT_EQ(j.at("cycle").at("length"), 2);
  EXPECT_EQ(j.at("cycle").at("first_round"), 1);
  EXPECT_EQ(j.at("cycle").at("forecast_positions"), nlohmann::json({30.0, 0.0}));
  EXPECT_TRUE(j.at("cycle").at("actor_positions").at(0).at(2).is_null());
}

TEST(ExpectedUtility, CapitulationWhenTheTargetExpectsToLoseMore) {
  // A at 0 (c 3, s 1), B at 100 (c 1, s 1): P^A = 300 / 400 = 3/4.
  // E^A = 1 [3/4 * 2 + 1/4 * (-2)] = 1; E^B = 1 [1/4 * 2 + 3/4 * (-2)] = -1.
  // |E^B| >= |E^A|: B capitulates (fig. 6, compel), moving all the way to 0; then nobody moves.
  const auto run = run_expected_utility({0, 100}, {3, 1}, {1, 1}, textbook());
  ASSERT_EQ(run.rounds, 1);
  EXPECT_DOUBLE_EQ(run.positions[1][1], 0.0);
  EXPECT_TRUE(run.converged);
  EXPECT_DOUBLE_EQ(run.mean_by_round.back(), 0.0);
}

TEST(ExpectedUtility, ConflictTheLowerExpectationGivesIn) {
  // A at 0 (c 1, s 0.5), B at 100 (c 1, s 0.4): P^A = 0.5 / 0.9 = 5/9, U_s = 2, U_f = -2.
  // E^A(U_AB) = s_B [5/9 * 2 - 4/9 * 2] + (1 - s_B) 2 = 0.4 * 2/9 + 1.2 = 1.2889;
  // E^B(U_BA) = s_A [4/9 * 2 - 5/9 * 2] + (1 - s_A) 2 = -0.5 * 2/9 + 1 = 0.8889.
  // Both positive (fig. 6, conflict) and E^A > E^B: B gives in and moves to 0 (loser_moves);
  // with conflict = no_move nobody moves.
  const auto run = run_expected_utility({0, 100}, {1, 1}, {0.5, 0.4}, textbook());
  ASSERT_EQ(run.rounds, 1);
  EXPECT_DOUBLE_EQ(run.positions[1][1], 0.0);
  auto o = textbook();
  o.conflict = EumConflict::no_move;
  EXPECT_EQ(run_expected_utility({0, 100}, {1, 1}, {0.5, 0.4}, o).rounds, 0);
}

TEST(ExpectedUtility, EqualActorsDoNotMove) {
  // Symmetric dyad, s = 1: P = 1/2, E = 1/2 * 2 + 1/2 * (-2) = 0 for both: stalemate.
  const auto run = run_expected_utility({20, 80}, {1, 1}, {1, 1}, textbook());
  EXPECT_EQ(run.rounds, 0);
  EXPECT_TRUE(run.converged);
}

TEST(ExpectedUtility, BetterOrWorseByThePapersCases) {
  // Q = 0, r = 1, R = 100, three actors: A at 0 (c 1, s 1), B at 100 (c 1, s 1), C at 10
  // (c 2, s 1): mu = 10 (weighted median). For A challenging B: |x_A - mu| = 10 < 100, so
  // B's expected move to mu helps A (case 1, T = 1): the no-challenge term is U_b (eq. 22) =
  // 2 - 4 (0.5 - 0.25 * 110/100) = 2 - 4 * 0.225 = 1.1. With t_rule = fixed and T = 0 it is
  // U_w (eq. 23) = 2 - 4 (0.5 + 0.275) = -1.1. P^A: C votes 2 (100 - 10) = 180 for A, A votes
  // 100, B votes 100 for B: P^A = 280 / 380. E^A(U_AB) = 1 [P^A 2 + (1 - P^A)(-2)] - U_b.
  // The two readings differ by exactly 2.2 in E^A. With T = 1, E^A = (4 * 280/380 - 2) - 1.1
  // = -0.153 < 0, so A makes B no offer; B's own E^B(U_BA) = (4 * 100/380 - 2) - 1.9 < 0 (its
  // case is 1 too: U_b = 2 - 4 (0.5 - 0.25 * 190/100) = 1.9), and C offers B nothing it takes:
  // B stays at 100. With T = 0, E^A = 0.947 + 1.1 = 2.047 > 0 and B moves toward A.
  ExpectedUtilityOptions o = textbook();
  o.q = 0;
  o.max_rounds = 1;
  const std::vector<double> x = {0, 100, 10}, c = {1, 1, 2}, s = {1, 1, 1};
  EXPECT_EQ(run_expected_utility(x, c, s, o).positions.back()[1], 100.0);
  o.t_rule = EumTRule::fixed;
  o.t = 0;
  const auto moved = run_expected_utility(x, c, s, o);
  ASSERT_EQ(moved.rounds, 1);
  EXPECT_LT(moved.positions[1][1], 100.0);
}

TEST(ExpectedUtility, RiskExponentsFollowTheSecurityLevels) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  // Eq. 33: r_i = (1 - R_i/3) / (1 + R_i/3) with R_i in [-1, 1] (eqs. 32, 34): every r lies in
  // [0.5, 2], the most exposed actor (R = 1) gets 0.5 and the least (R = -1) gets 2.
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

// The worked example, read the paper's way: every option at its default (each the paper's
// reading of its step) and Q = 1 as the paper chose for this example. Table 2 is not
// reproduced: the confrontation octants (conflict = loser_moves) with the strongest offer
// taken make the whole 10-year bloc give in to the 4-year bloc in round 2 and back, so the
// mean swings (8.7, 7.4, 10, ...) where the paper's stays within 7.3..7.6. Round 0 (the data)
// and the Table 2 values this run prints are pinned; docs/forecast.md says why.
TEST(ExpectedUtility, ScholzEtAlWorkedExampleThePapersReading) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  ExpectedUtilityOptions o;
  o.q = 1.0;
  o.max_rounds = 8;
  o.tolerance = 0;
  const auto run = run_expected_utility(a.position, a.capability, a.salience, o);
  // Round 0 is the data: weighted median 7 years, weighted mean 5.003 / 0.677.
  EXPECT_DOUBLE_EQ(run.median_by_round[0], 70.0);
  EXPECT_NEAR(run.mean_by_round[0], 10 * 5.003 / 0.677, 1e-9);
  // Everyone at 10 years from round 3 on (converged: nobody moves any more).
  EXPECT_EQ(run.rounds, 3);
  EXPECT_TRUE(run.converged);
  const double median[8] = {10, 10, 10, 10, 10, 10, 10, 10};
  const double mean[8] = {8.723781, 7.420975, 10, 10, 10, 10, 10, 10};
  int printed_as_published = 0;
  for (int k = 0; k < 8; ++k) {
    const std::size_t at = std::min<std::size_t>(k + 1, run.rounds);  // a converged state stays
    EXPECT_NEAR(run.median_by_round[at] / 10, median[k], 1e-6) << "round " << k + 1;
    EXPECT_NEAR(run.mean_by_round[at] / 10, mean[k], 1e-6) << "round " << k + 1;
    printed_as_published += prints_as(run.median_by_round[at], published_median[k]) +
                            prints_as(run.mean_by_round[at], published_mean[k]);
  }
  EXPECT_EQ(printed_as_published, 0);  // of Table 2's 16 numbers
}

// The closest any combination of the options comes (DISABLED_SearchAmbiguityChoices below,
// Q = 1, 864 distinct runs before the reimplementation's readings were options; with them see
// ScholzEtAlWorkedExampleReimplementationReading): 4 of Table 2's 16 numbers print as published, the round-2 median
// (9.9) and the round-2, 3 and 8 means (7.5, 7.6, 7.6); no run prints more than 4, and none
// reproduces the round-6 dip of the median to 7.4. Its choices: R = the whole scale, security
// from i's own challenges, P^i net (BDM 1994's print), the offer that moves the actor least;
// the rest at the paper's reading.
TEST(ExpectedUtility, ScholzEtAlWorkedExampleClosestCombination) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  ExpectedUtilityOptions o;
  o.q = 1.0;
  o.max_rounds = 8;
  o.tolerance = 0;
  o.range = EumRange::scale;
  o.security = EumSecurity::own_challenges;
  o.probability = EumProbability::net_clamped;
  o.offer_choice = EumOfferChoice::least_move;
  const auto run = run_expected_utility(a.position, a.capability, a.salience, o);
  ASSERT_EQ(run.rounds, 8);
  const double median[8] = {9.516411, 9.946153, 9.997227, 9.999876, 9.999995, 10, 10, 10};
  const double mean[8] = {7.524902, 7.548993, 7.554919, 7.556671, 7.557489, 7.557905, 7.558118, 7.558228};
  for (int k = 0; k < 8; ++k) {
    EXPECT_NEAR(run.median_by_round[k + 1] / 10, median[k], 1e-6) << "round " << k + 1;
    EXPECT_NEAR(run.mean_by_round[k + 1] / 10, mean[k], 1e-6) << "round " << k + 1;
    EXPECT_EQ(prints_as(run.median_by_round[k + 1], published_median[k]), k == 1) << "round " << k + 1;
    EXPECT_EQ(prints_as(run.mean_by_round[k + 1], published_mean[k]), k == 1 || k == 2 || k == 7) << "round " << k + 1;
  }
}

// The reading of a public Python reimplementation, jmckib/bdm-scholz-expected-utility-model
// (bdm_scholz_model.py, commit 55f63e9; it says it is "faithful to BDM's original formulation as
// well as Scholz's replication", and its ExampleActors.csv is our data file), in our options:
// Q = 1, R the initial positions' range, P^i over every vote on every pair of positions
// (all_votes), the receiver's r pricing both sides of a dyad (receiver_risk), conflicts before
// compromises and no capitulation (scholz_code), simultaneous moves, the rest at our defaults.
// docs/forecast.md "EUM: a reimplementation's reading" lists where it differs from ours.
ExpectedUtilityOptions reimplementation_reading() {
  ExpectedUtilityOptions o;
  o.q = 1.0;
  o.max_rounds = 8;
  o.tolerance = 0;
  o.range = EumRange::initial_positions;
  o.probability = EumProbability::all_votes;
  o.perspective = EumPerspective::receiver_risk;
  o.offer_choice = EumOfferChoice::scholz_code;
  return o;
}

// Its run on the worked example (values from this run, 8 rounds): the closest any combination
// of our options comes to Table 2, and the only one with the round-6 dip of the median. Rounded
// to one decimal 7 of the 16 numbers print as published (medians of rounds 1 and 7, means of 3,
// 5, 6, 7, 8); cut (truncated) to one decimal 13 do: every median but round 2's (9.61 against
// 9.9) and every mean but rounds 3 and 8 (7.59, 7.57 against 7.6). It does not reproduce the
// table, so it stays a named comparison and the defaults stay the paper's reading.
TEST(ExpectedUtility, ScholzEtAlWorkedExampleReimplementationReading) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  const auto run = run_expected_utility(a.position, a.capability, a.salience, reimplementation_reading());
  ASSERT_EQ(run.rounds, 8);
  const double median[8] = {8.415932, 9.610859, 9.961980, 9.961980, 9.961980, 7.472046, 8.824594, 9.671130};
  const double mean[8] = {7.461314, 7.552501, 7.590145, 7.358131, 7.349174, 7.414878, 7.510457, 7.572447};
  int rounded = 0, cut = 0;
  for (int k = 0; k < 8; ++k) {
    EXPECT_NEAR(run.median_by_round[k + 1] / 10, median[k], 1e-6) << "round " << k + 1;
    EXPECT_NEAR(run.mean_by_round[k + 1] / 10, mean[k], 1e-6) << "round " << k + 1;
    rounded += prints_as(run.median_by_round[k + 1], published_median[k]) +
               prints_as(run.mean_by_round[k + 1], published_mean[k]);
    cut += truncates_to(run.median_by_round[k + 1], published_median[k]) +
           truncates_to(run.mean_by_round[k + 1], published_mean[k]);
  }
  EXPECT_EQ(rounded, 7);
  EXPECT_EQ(cut, 13);
  // Who moves (positions in years): Belgium, Luxembourg and Ireland chase one another between
  // 7 and 10 while the 4s (NL, DE, DK), the 10s (FR, IT, UK) and Greece stay put.
  const std::size_t belgium = 1, luxembourg = 2, ireland = 7;
  EXPECT_NEAR(run.positions[8][belgium] / 10, 9.671130, 1e-6);
  EXPECT_NEAR(run.positions[8][luxembourg] / 10, 8.824594, 1e-6);
  EXPECT_NEAR(run.positions[8][ireland] / 10, 8.824594, 1e-6);
  for (std::size_t i : {0u, 3u, 4u, 5u, 6u, 8u, 9u}) EXPECT_EQ(run.positions[8][i], run.positions[0][i]) << i;
}

// Why the round-2 median (9.9) is out of this reading's reach. After round 1 the median is
// Belgium's 8.42 (as published); in round 2 Belgium compromises with France and concedes the
// fraction |E^B/E^F| of the 1.58 years left to 10. With Q = 1 and P^i near 0 (all_votes) that
// fraction is set by Belgium's risk exponent: r_B = 0.82 gives 9.61; printing 9.9 needs
// r_B of about 0.95-1.0. r_B comes from every actor's security after round 1, and only
// Luxembourg and Ireland move in round 1; yet wherever they stand (4 to 10 years, every 0.25),
// Belgium ends round 2 at 9.63 years at most unless it jumps to 10, which makes the median 10.0. Run
// the same round with every r = 1 and Belgium reaches 9.95: the gap is in the risk step of
// Scholz's code, which neither the paper nor the reimplementation spells out.
TEST(ExpectedUtility, ScholzCodeReadingCannotReachTheRoundTwoMedian) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  ExpectedUtilityOptions o = expected_utility_reading(EumReading::scholz_code);
  o.max_rounds = 1;
  const std::vector<double> after_round_1 = run_expected_utility(a.position, a.capability, a.salience, o).positions[1];
  const std::size_t belgium = 1, luxembourg = 2, ireland = 7;
  ASSERT_NEAR(after_round_1[belgium] / 10, 8.415932, 1e-6);
  double highest_below_10 = 0;
  for (int l = 0; l <= 24; ++l)
    for (int i = 0; i <= 24; ++i) {
      std::vector<double> x = after_round_1;
      x[luxembourg] = 40 + 2.5 * l;
      x[ireland] = 40 + 2.5 * i;
      const double b = run_expected_utility(x, a.capability, a.salience, o).positions[1][belgium];
      if (b < 100) highest_below_10 = std::max(highest_below_10, b);
    }
  EXPECT_NEAR(highest_below_10 / 10, 9.63, 0.005);  // far from 9.85 (rounded) or 9.9 (cut)
  o.risk = EumRisk::neutral;
  const double risk_neutral = run_expected_utility(after_round_1, a.capability, a.salience, o).positions[1][belgium];
  EXPECT_NEAR(risk_neutral / 10, 9.95, 0.005);
  EXPECT_TRUE(truncates_to(risk_neutral, published_median[1]));
}

// The named reading `scholz_code` is exactly the list above (field by field, via the options'
// JSON), so `--eum-reading scholz_code` runs the pinned trajectory.
TEST(ExpectedUtility, ScholzCodeReadingIsTheReimplementationsOptions) {
  ExpectedUtilityOptions listed = reimplementation_reading();
  listed.reading = EumReading::scholz_code;
  EXPECT_EQ(expected_utility_options_to_json(expected_utility_reading(EumReading::scholz_code)),
            expected_utility_options_to_json(listed));
  EXPECT_EQ(expected_utility_options_to_json(expected_utility_reading(EumReading::paper)),
            expected_utility_options_to_json(ExpectedUtilityOptions{}));
}

TEST(ExpectedUtility, EveryAmbiguityChoiceRunsAndStaysOnTheScale) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  for (int variant = 0; variant < 3; ++variant) {
    ExpectedUtilityOptions o;
    o.max_rounds = 20;
    if (variant == 2) {  // the reimplementation's readings, with sequential moves and T by case
      o = reimplementation_reading();
      o.q = 0.5;
      o.max_rounds = 20;
      o.update = EumUpdate::sequential;
    }
    if (variant == 1) {
      o.centre = EumCentre::weighted_mean;
      o.range = EumRange::scale;
      o.risk = EumRisk::once;
      o.security = EumSecurity::own_challenges;
      o.probability = EumProbability::net_clamped;
      o.t_rule = EumTRule::fixed;
      o.t = 0.5;
      o.conflict = EumConflict::no_move;
      o.offer_choice = EumOfferChoice::least_move;
      o.perspective = EumPerspective::challenger_risk;
      o.update = EumUpdate::sequential;
      o.compromise = EumCompromise::keep_ratio;
    }
    const auto run = run_expected_utility(a.position, a.capability, a.salience, o);
    for (const auto& round : run.positions)
      for (double x : round) {
        EXPECT_GE(x, 40.0);  // moves are toward other actors: the hull [40, 100] never grows
        EXPECT_LE(x, 100.0);
      }
  }
}

// The search over every combination of the options with Q = 1 (as the paper; 2808 distinct runs, a
// few seconds; also prints the run with the most numbers that cut (truncate) to the published; run with --gtest_also_run_disabled_tests --gtest_filter='*Search*'). Prints the
// closest combinations by how many of Table 2's 16 numbers (8 medians, 8 means) they print,
// then by the summed distance.
TEST(ExpectedUtility, DISABLED_SearchAmbiguityChoices) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  const Scenario sc = load_scenario_file(bdm_file);
  const IssueActors a = issue_actors(sc, 0);
  struct Row {
    int matched;
    int medians;
    int truncated;
    double error;
    std::string choices;
    std::string values;
  };
  std::vector<Row> rows;
  for (int range = 0; range < 3; ++range)
    for (int risk = 0; risk < 3; ++risk)
      for (int security = 0; security < 2; ++security)
        for (int probability = 0; probability < 3; ++probability)
          for (int conflict = 0; conflict < 2; ++conflict)
            for (int choice = 0; choice < 3; ++choice)
              for (int perspective = 0; perspective < 3; ++perspective)
                for (int update = 0; update < 2; ++update)
                  for (int compromise = 0; compromise < 2; ++compromise) {
                    if (risk == 0 && (security == 1 || perspective >= 1)) continue;  // no r: same runs
                    ExpectedUtilityOptions o;
                    o.max_rounds = 8;
                    o.tolerance = 0;
                    o.q = 1.0;
                    o.range = EumRange(range);
                    o.risk = EumRisk(risk);
                    o.security = EumSecurity(security);
                    o.probability = EumProbability(probability);
                    o.conflict = EumConflict(conflict);
                    o.offer_choice = EumOfferChoice(choice);
                    o.perspective = EumPerspective(perspective);
                    o.update = EumUpdate(update);
                    o.compromise = EumCompromise(compromise);
                    const auto run = run_expected_utility(a.position, a.capability, a.salience, o);
                    Row row{0, 0, 0, 0, "", ""};
                    for (int k = 0; k < 8; ++k) {
                      const double med = at_round(run, run.median_by_round, k + 1);
                      const double mean = at_round(run, run.mean_by_round, k + 1);
                      row.error += std::abs(med / 10 - published_median[k]) + std::abs(mean / 10 - published_mean[k]);
                      row.medians += prints_as(med, published_median[k]);
                      row.truncated += truncates_to(med, published_median[k]) + truncates_to(mean, published_mean[k]);
                      row.matched += prints_as(med, published_median[k]) + prints_as(mean, published_mean[k]);
                      row.values += fmt_pair(med, mean);
                    }
                    for (const auto& [name, value] : o.describe()) row.choices += name + "=" + value + " ";
                    rows.push_back(row);
                  }
  std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
    return x.matched != y.matched ? x.matched > y.matched : x.error < y.error;
  });
  const auto best_cut = std::max_element(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
    return x.truncated != y.truncated ? x.truncated < y.truncated : x.error > y.error;
  });
  std::printf("most cut to the published: %d %s\n   %s\n", best_cut->truncated, best_cut->choices.c_str(),
              best_cut->values.c_str());
  for (std::size_t i = 0; i < 12; ++i)
    std::printf("%d (%d medians, %d cut) %.3f %s\n   %s\n", rows[i].matched, rows[i].medians, rows[i].truncated, rows[i].error,
                rows[i].choices.c_str(), rows[i].values.c_str());
  std::printf("%zu combinations\n", rows.size());
}

// How the three-actor cycle of CyclesAreReportedAndForecastAsTheirMean was found: every input
// on a grid (positions 0..100 by 10, capabilities 1..4, saliences 0.25..1 by 0.25; actor 0 at
// 0, actor 1 below actor 2, by symmetry), default options, printing the runs whose rounds
// fall into a two-round cycle in which one actor alone alternates and the forecast (the
// median) differs between the two rounds. Run with --gtest_also_run_disabled_tests
// --gtest_filter='*SearchThreeActorCycles*'.
TEST(ExpectedUtility, DISABLED_SearchThreeActorCycles) {
  int found = 0, cycles = 0, runs = 0;
  const double sal[] = {0.25, 0.5, 0.75, 1.0};
  for (int x1 = 10; x1 <= 100; x1 += 10)
    for (int x2 = x1 + 10; x2 <= 100; x2 += 10)
      for (int c0 = 1; c0 <= 4; ++c0)
        for (int c1 = 1; c1 <= 4; ++c1)
          for (int c2 = 1; c2 <= 4; ++c2)
            for (double s0 : sal)
              for (double s1 : sal)
                for (double s2 : sal) {
                  const std::vector<double> x{0, double(x1), double(x2)}, c{double(c0), double(c1), double(c2)},
                      s{s0, s1, s2};
                  const auto run = run_expected_utility(x, c, s, ExpectedUtilityOptions{});
                  ++runs;
                  if (!run.cycle) continue;
                  ++cycles;
                  const auto& cy = *run.cycle;
                  if (cy.length != 2 || cy.forecast_positions[0] == cy.forecast_positions[1]) continue;
                  int moving = 0;
                  for (std::size_t i = 0; i < 3; ++i) moving += cy.actor_positions[0][i] != cy.actor_positions[1][i];
                  if (moving != 1 || found++ >= 40) continue;
                  const auto& p = cy.actor_positions;
                  std::printf("x 0 %d %d  c %d %d %d  s %.2f %.2f %.2f  from round %d: %.6f %.6f %.6f | %.6f %.6f %.6f"
                              "  median %.6f, %.6f\n",
                              x1, x2, c0, c1, c2, s0, s1, s2, cy.first_round, p[0][0], p[0][1], p[0][2], p[1][0],
                              p[1][1], p[1][2], cy.forecast_positions[0], cy.forecast_positions[1]);
                }
  std::printf("%d runs, %d cycles, %d with one actor alternating and the forecast changing\n", runs, cycles, found);
}

TEST(ExpectedUtility, RejectsBadOptions) {
  ExpectedUtilityOptions o;
  o.q = 1.5;
  EXPECT_THROW(run_expected_utility({0, 1}, {1, 1}, {1, 1}, o), std::invalid_argument);
  EXPECT_THROW(run_expected_utility({0, 1}, {1}, {1, 1}, ExpectedUtilityOptions{}), std::invalid_argument);
}

}  // namespace
}  // namespace truce
