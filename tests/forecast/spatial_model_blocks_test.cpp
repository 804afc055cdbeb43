// Building blocks of KTAB's SMP and PCE, by hand and closed form; KTAB's "prob" and stop
// statistics; effective power; options and the mapping from a Scenario.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "truce/forecast/condorcet_election.hpp"
#include "truce/forecast/spatial_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

const std::string ktab_dir = std::string(TRUCE_SOURCE_DIR) + "/data/ktab/";

// ------------------------------------------------------------------ utility and distance

// U(d, R) = (1 - d)(1 + d R): risk averse (R > 0) is concave, risk seeking (R < 0) convex.
TEST(SpatialModelBlocks, UtilityIsOneMinusDTimesOnePlusDR) {
  EXPECT_EQ(spatial_utility(0.25, 0.5), 0.75 * 1.125);  // 0.84375, exact in binary
  EXPECT_EQ(spatial_utility(0.0, -0.5), 1.0);
  EXPECT_EQ(spatial_utility(1.0, 1.0), 0.0);
  EXPECT_EQ(spatial_utility(0.5, -0.5), 0.375);
  EXPECT_EQ(spatial_utility(0.5, 0.0), 0.5);            // risk neutral: 1 - d
  EXPECT_EQ(spatial_utility(1.5, 1.0), -1.0);           // beyond 1: (1 - d)(1 + R)
}

// delta = sqrt(sum (s_d (y_d - z_d))^2 / sum s_d^2).
TEST(SpatialModelBlocks, DistanceIsSalienceWeightedAndNormalised) {
  // (0.18^2 + 0.12^2) / (0.6^2 + 0.3^2) = 0.0468 / 0.45 = 0.104
  EXPECT_NEAR(spatial_distance({0.2, 0.8}, {0.5, 0.4}, {0.6, 0.3}), std::sqrt(0.104), 1e-15);
  // one dimension: the salience cancels
  EXPECT_NEAR(spatial_distance({0.7}, {0.2}, {0.3}), 0.5, 1e-15);
  // a dimension the actor does not care about does not count
  EXPECT_NEAR(spatial_distance({0.7, 0.0}, {0.2, 1.0}, {0.3, 0.0}), 0.5, 1e-15);
}

// ------------------------------------------------------------------ votes and PCE

TEST(CondorcetElection, VoteRules) {
  // w = 2, u_a = 0.7, u_b = 0.4: du = 0.3
  EXPECT_NEAR(condorcet_vote(VoteRule::proportional, 2, 0.7, 0.4), 0.6, 1e-15);
  EXPECT_EQ(condorcet_vote(VoteRule::binary, 2, 0.7, 0.4), 2.0);
  EXPECT_EQ(condorcet_vote(VoteRule::binary, 2, 0.4, 0.7), -2.0);
  EXPECT_NEAR(condorcet_vote(VoteRule::binary, 2, 0.5 + 5e-9, 0.5), 1.0, 1e-7);  // linear inside 1e-8
  EXPECT_NEAR(condorcet_vote(VoteRule::prop_bin, 2, 0.7, 0.4), 2 * (0.8 * 0.3 + 0.2), 1e-15);
  EXPECT_NEAR(condorcet_vote(VoteRule::prop_cubic, 2, 0.7, 0.4), 2 * (0.5 * 0.3 + 0.5 * 0.027), 1e-15);
  EXPECT_NEAR(condorcet_vote(VoteRule::cubic, 2, 0.7, 0.4), 2 * 0.027, 1e-15);
  EXPECT_NEAR(condorcet_vote(VoteRule::asymmetric_prospect, 2, 0.7, 0.4), 2 * 2 * 0.3 / 3, 1e-15);
  EXPECT_NEAR(condorcet_vote(VoteRule::asymmetric_prospect, 2, 0.4, 0.7), -0.6, 1e-15);
  EXPECT_EQ(condorcet_vote(VoteRule::asymmetric_prospect, 2, 0.5, 0.5), 0.0);
  EXPECT_THROW(condorcet_vote(VoteRule::proportional, 0, 0.7, 0.4), std::invalid_argument);  // KTAB throws too
}

TEST(CondorcetElection, VictoryProbabilityModels) {
  EXPECT_EQ(victory_probability(VictoryProbability::linear, 3, 1), std::make_pair(0.75, 0.25));
  EXPECT_NEAR(victory_probability(VictoryProbability::square, 3, 1).first, 0.9, 1e-15);
  EXPECT_NEAR(victory_probability(VictoryProbability::quartic, 3, 1).first, 81.0 / 82.0, 1e-15);
  EXPECT_NEAR(victory_probability(VictoryProbability::octic, 3, 1).first, 6561.0 / 6562.0, 1e-15);
  // Binary: a 10% edge wins (1 against 1e-6); below, a ramp through 1/2 at equal strength.
  EXPECT_NEAR(victory_probability(VictoryProbability::binary, 1.1, 1).first, 1 / (1 + 1e-6), 1e-15);
  EXPECT_NEAR(victory_probability(VictoryProbability::binary, 1, 1).first, 0.5, 1e-15);
  EXPECT_NEAR(victory_probability(VictoryProbability::binary, 1.05, 1).first, (1.05 / 2.05 * 2.1 - 1) / 0.1, 1e-12);
}

OptionMatrix matrix(std::vector<std::vector<double>> rows) {
  OptionMatrix m(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows.size(); ++j) m.at(i, j) = rows[i][j];
  return m;
}

// Conditional PCE: p_i proportional to prod_j P(i > j).
TEST(CondorcetElection, ConditionalPceTwoOptionsIsThePairwiseProbability) {
  const auto p = conditional_pce(matrix({{0.5, 0.7}, {0.3, 0.5}}));  // 0.35 : 0.15
  EXPECT_NEAR(p[0], 0.7, 1e-15);
  EXPECT_NEAR(p[1], 0.3, 1e-15);
}

TEST(CondorcetElection, ConditionalPceThreeOptionsByHand) {
  // P(0>1) = 0.6, P(0>2) = 0.8, P(1>2) = 0.7: products 0.24, 0.14, 0.03, total 0.41
  const auto p = conditional_pce(matrix({{0.5, 0.6, 0.8}, {0.4, 0.5, 0.7}, {0.2, 0.3, 0.5}}));
  EXPECT_NEAR(p[0], 24.0 / 41.0, 1e-15);
  EXPECT_NEAR(p[1], 14.0 / 41.0, 1e-15);
  EXPECT_NEAR(p[2], 3.0 / 41.0, 1e-15);
}

// Two options: both Markov chains settle where p_0 / p_1 = P(0>1) / P(1>0).
TEST(CondorcetElection, MarkovPcesTwoOptions) {
  const auto uniform = markov_uniform_pce(matrix({{0.5, 0.7}, {0.3, 0.5}}));
  EXPECT_NEAR(uniform[0], 0.7, 2e-6);  // stops when a step changes p by <= 1e-6
  const auto incentive = markov_incentive_pce(matrix({{1e-8, 0.7}, {0.3, 1e-8}}), VictoryProbability::linear);
  EXPECT_NEAR(incentive[0], 0.7, 1e-6);
  EXPECT_NEAR(incentive[0] + incentive[1], 1.0, 1e-12);
}

// Coalitions: C(i,j) = 1e-8 + the positive votes for i over j.
TEST(CondorcetElection, CoalitionsAndScalarPce) {
  // voter 0 (w 1): options (1, 0); voter 1 (w 1): options (0, 0.5)
  const std::vector<double> w = {1, 1}, u = {1, 0, 0, 0.5};
  const auto c = coalition_strengths(VoteRule::proportional, w, u, 2);
  EXPECT_NEAR(c.at(0, 1), 1 + 1e-8, 1e-15);
  EXPECT_NEAR(c.at(1, 0), 0.5 + 1e-8, 1e-15);
  EXPECT_EQ(c.at(0, 0), 1e-8);
  const auto p = scalar_pce(VoteRule::proportional, VictoryProbability::linear, CondorcetElection::conditional, w, u, 2);
  EXPECT_NEAR(p[0], 2.0 / 3.0, 1e-8);
  EXPECT_THROW(coalition_strengths(VoteRule::proportional, {1, 0}, u, 2), std::invalid_argument);
}

// ------------------------------------------------------------------ risk attitudes, bargains

TEST(SpatialModelBlocks, RiskAttitudesFromProbabilities) {
  const std::vector<double> p = {0.2, 0.3, 0.5};
  const auto mid = risk_attitudes_from_probabilities(p, BigRRange::mid);  // (3p - pmax - 2pmin) / (2 (pmax - pmin))
  EXPECT_NEAR(mid[0], -0.5, 1e-15);
  EXPECT_NEAR(mid[1], 0.0, 1e-15);
  EXPECT_NEAR(mid[2], 1.0, 1e-15);
  const auto lo = risk_attitudes_from_probabilities(p, BigRRange::min);
  EXPECT_NEAR(lo[1], 1.0 / 3.0, 1e-15);
  const auto hi = risk_attitudes_from_probabilities(p, BigRRange::max);
  EXPECT_NEAR(hi[0], -1.0, 1e-15);
  EXPECT_NEAR(hi[1], -1.0 / 3.0, 1e-15);
  EXPECT_EQ(estimated_risk_attitude(1, -0.5, BigRAdjust::one_third), 0.5);
  EXPECT_EQ(estimated_risk_attitude(1, -0.5, BigRAdjust::half), 0.25);
  EXPECT_EQ(estimated_risk_attitude(1, -0.5, BigRAdjust::two_thirds), 0.0);
  EXPECT_EQ(estimated_risk_attitude(1, -0.5, BigRAdjust::none), 1.0);
  EXPECT_EQ(estimated_risk_attitude(1, -0.5, BigRAdjust::full), -0.5);
}

TEST(SpatialModelBlocks, BargainInterpolation) {
  SpatialModelInput in;
  in.capability = {1, 1};
  in.salience = {{0.5}, {0.5}};
  in.position = {{0.2}, {0.6}};
  // Equal salience, even odds: both are offered the midpoint (rounded to 4 decimals).
  auto b = interpolate_bargain(in, 0, 1, {0.2}, {0.6}, 0.5, 0.5, BargainInterpolation::s2p2);
  EXPECT_EQ(b.initiator_position[0], 0.4);
  EXPECT_EQ(b.receiver_position[0], 0.4);
  // S1P1, odds 3:1 for the initiator: weights 0.375 and 0.125, so 0.3.
  b = interpolate_bargain(in, 0, 1, {0.2}, {0.6}, 0.75, 0.25, BargainInterpolation::s1p1);
  EXPECT_EQ(b.initiator_position[0], 0.3);
  EXPECT_EQ(b.receiver_position[0], 0.3);
  // S2PMax: the favourite keeps its position, the other moves by its deficit in odds (0.5).
  b = interpolate_bargain(in, 0, 1, {0.2}, {0.6}, 0.75, 0.25, BargainInterpolation::s2pmax);
  EXPECT_EQ(b.initiator_position[0], 0.2);
  EXPECT_NEAR(b.receiver_position[0], 0.4, 1e-5);
}

// Two actors on one dimension, at 0 and 1, capabilities 3 and 1, full salience: the PCE
// gives 3/4 : 1/4, so R = (1, -0.5); U^0 is 1 at one's own position and 0 at the other's.
// 0 challenging 1: status quo 1, win 2, loss 0, P = 3/4, so E[challenge] = 1.5: gain 0.5.
TEST(SpatialModelBlocks, ChallengeOfTwoActorsByHand) {
  SpatialModelInput in;
  in.capability = {3, 1};
  in.salience = {{1.0}, {1.0}};
  in.position = {{0.0}, {1.0}};
  const SpatialStateView view(in, in.position, {});
  EXPECT_NEAR(view.risk_attitudes()[0], 1.0, 1e-8);
  EXPECT_NEAR(view.risk_attitudes()[1], -0.5, 1e-8);
  EXPECT_EQ(view.utility(0, 0, 1), 0.0);
  const auto [p, gain] = view.challenge(0, 0, 0, 1);
  EXPECT_NEAR(p, 0.75, 1e-9);
  EXPECT_NEAR(gain, 0.5, 1e-9);
  // Half salience for the target: it resists only half the time and votes with weight 1/2,
  // so P = 3 / 3.5 and E = 0.5 * 2 + 0.5 * (2 P) = 13/7: gain 6/7.
  in.salience[1] = {0.5};
  const SpatialStateView half(in, in.position, {});
  const auto [p2, gain2] = half.challenge(0, 0, 0, 1);
  EXPECT_NEAR(p2, 6.0 / 7.0, 1e-9);
  EXPECT_NEAR(gain2, 6.0 / 7.0, 1e-9);
}

// Everyone at one point: every option equally likely, where KTAB divides by zero. We take
// everyone as risk neutral, nobody has a reason to move, and the run stops.
TEST(SpatialModelBlocks, AllAtOnePointIsRiskNeutralAndStill) {
  SpatialModelInput in;
  in.capability = {1, 2, 3};
  in.salience = {{0.5}, {0.5}, {0.5}};
  in.position = {{0.4}, {0.4}, {0.4}};
  const auto run = run_spatial_model(in, {});
  EXPECT_TRUE(run.risk_neutral_fallback);
  EXPECT_EQ(run.states.size(), 3u);  // KTAB always runs two turns before testing the stop rule
  EXPECT_TRUE(run.turns[0].challenges.empty());
  EXPECT_EQ(run.states.back().position, in.position);
  EXPECT_EQ(run.states.back().probability, std::vector<double>(3, 1.0));  // one unique position
}

// Awkward but valid inputs: two identical actors, a dimension nobody cares about, capabilities
// from 1e-3 to 1e8, a salience of 1e-12, actors at the ends of the scale. The run must stay
// finite and the fast engine must still equal the reference.
TEST(SpatialModelBlocks, AwkwardInputsStayFinite) {
  SpatialModelInput in;
  in.capability = {1e8, 1e-3, 50, 50, 7, 1};
  in.position = {{0, 0.5}, {1, 0.5}, {0.3, 0.1}, {0.3, 0.1}, {0.3, 0.1}, {1, 1}};
  in.salience = {{1, 0}, {0.5, 0}, {0.2, 0}, {0.2, 0}, {1e-12, 0}, {0.9, 0}};
  for (auto vr : {VoteRule::binary, VoteRule::proportional, VoteRule::cubic, VoteRule::asymmetric_prospect}) {
    SpatialModelOptions o;
    o.vote_rule = vr;
    const auto run = run_spatial_model(in, o);
    for (const auto& s : run.states) {
      for (const auto& x : s.position)
        for (double v : x) EXPECT_TRUE(v >= 0 && v <= 1) << v;
      for (double p : s.probability) EXPECT_TRUE(std::isfinite(p));
      for (double r : s.risk_attitude) EXPECT_TRUE(std::isfinite(r));
    }
    const auto ref = run_spatial_model_reference(in, o);
    ASSERT_EQ(ref.states.size(), run.states.size());
    EXPECT_EQ(ref.states.back().position, run.states.back().position);
    EXPECT_EQ(ref.states.back().probability, run.states.back().probability);
  }
}

// ------------------------------------------------------------------ KTAB's run statistics

// "prob :" lines and "Fractional change" lines of smpc's log, as printed by our Python
// re-implementation (tools/ktab_smp_reference.py), which reproduces smpc's log digit
// for digit on these files (docs/ktab-smp-algorithm.md, "Validation").
const char* soe_policy_prob = R"(
XJ, prob : 0.1519 0.1929 0.0783 0.1393 0.0452 0.0225 0.0964 0.1667 0.0940 0.0777 0.1353 0.1827 0.0009 0.1569 0.2084 0.1849 0.0281 0.0043 0.2438 0.2439
LK, prob : 0.3478 0.1140 0.2168 0.1577 0.0352 0.0081 0.0127 0.0147 0.0012 0.0882 0.0082 0.0001 0.0051 0.0000 0.0001 0.0000 0.0000 0.0000 0.0000 0.0000
ZG, prob : 0.1519 0.1094 0.1461 0.1719 0.0042 0.0010 0.0003 0.0147 0.0943 0.0000 0.1735 0.1659 0.2072 0.1557 0.1219 0.0412 0.0281 0.1912 0.2864 0.3303
MK, prob : 0.3478 0.0004 0.0454 0.0022 0.0688 0.1077 0.0999 0.0656 0.0943 0.0882 0.0002 0.1659 0.2072 0.0083 0.0040 0.0003 0.1583 0.1912 0.1828 0.0976
LH, prob : 0.0552 0.0050 0.1066 0.0033 0.0000 0.0000 0.0000 0.0000 0.0000 0.0027 0.0000 0.0000 0.0009 0.0000 0.0000 0.0000 0.2077 0.2035 0.2438 0.2439
XS, prob : 0.0516 0.0026 0.0008 0.0000 0.0688 0.0543 0.0218 0.0014 0.0036 0.0005 0.0620 0.0332 0.0230 0.0540 0.0380 0.0297 0.0390 0.0313 0.2438 0.2439
NEA, prob : 0.1297 0.0227 0.0070 0.0022 0.0012 0.0024 0.0127 0.0656 0.0362 0.0100 0.0024 0.0033 0.2072 0.0614 0.0396 0.0098 0.2077 0.0897 0.0006 0.0976
MLR, prob : 0.0008 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0027 0.0620 0.0332 0.1341 0.1250 0.1138 0.0754 0.0943 0.0764 0.0511 0.0796
MEP, prob : 0.1519 0.0000 0.0378 0.1319 0.0603 0.0295 0.0359 0.0656 0.0124 0.0836 0.0082 0.0001 0.2118 0.1569 0.2084 0.2076 0.1645 0.2030 0.0346 0.0039
MOF, prob : 0.3478 0.0586 0.0015 0.0001 0.0013 0.0002 0.0359 0.0334 0.0124 0.0167 0.1353 0.1169 0.1986 0.1569 0.2084 0.1651 0.1583 0.1652 0.1911 0.2341
SHX, prob : 0.0552 0.0050 0.0002 0.0005 0.0091 0.0148 0.1005 0.1136 0.1069 0.1399 0.1423 0.1771 0.1230 0.2049 0.1965 0.0927 0.1182 0.0316 0.2864 0.3303
HLJ, prob : 0.1297 0.0131 0.0679 0.0751 0.1474 0.0897 0.0965 0.0877 0.1258 0.1597 0.1567 0.1666 0.2118 0.2168 0.2691 0.1894 0.2077 0.0897 0.0058 0.2439
PC, prob : 0.0516 0.0006 0.0000 0.1577 0.1079 0.1406 0.0999 0.0045 0.0092 0.0005 0.0001 0.0000 0.0001 0.0000 0.0001 0.1894 0.1824 0.2030 0.1828 0.0976
COG, prob : 0.0008 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000
WY, prob : 0.0516 0.0002 0.0002 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0001
SPC, prob : 0.0516 0.0002 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000
PSOE, prob : 0.0008 0.0000 0.0000 0.1393 0.0452 0.0225 0.0011 0.0000 0.0940 0.0000 0.1735 0.1659 0.2072 0.0614 0.0396 0.0098 0.0281 0.0897 0.0058 0.2439
CPCIA, prob : 0.2623 0.1345 0.0154 0.0033 0.0001 0.0000 0.0000 0.0000 0.0000 0.0000 0.0000 0.0332 0.1341 0.1250 0.1138 0.0754 0.0943 0.0764 0.0511 0.0796
CUCBM, prob : 0.3478 0.0158 0.0000 0.1319 0.0881 0.0442 0.0854 0.1038 0.1171 0.1543 0.0942 0.0751 0.0499 0.0006 0.2084 0.1651 0.1583 0.1652 0.2438 0.2439
USA, prob : 0.0000 0.1094 0.1461 0.0234 0.0000 0.1596 0.1042 0.0678 0.0991 0.0836 0.0292 0.0109 0.0109 0.0034 0.0015 0.0029 0.0056 0.0032 0.0006 0.3303
USCC, prob : 0.0000 0.0851 0.1778 0.0107 0.0042 0.0148 0.0999 0.0211 0.0568 0.0214 0.0059 0.0007 0.1341 0.0540 0.0380 0.0754 0.0943 0.0764 0.0511 0.0796
EUCC, prob : 0.0000 0.1154 0.0961 0.1303 0.0357 0.0178 0.0497 0.0664 0.0568 0.0167 0.0539 0.0399 0.0316 0.0119 0.0068 0.0008 0.0015 0.2035 0.2438 0.2439
IOC, prob : 0.0000 0.0000 0.0679 0.0370 0.1487 0.1098 0.0965 0.0818 0.1196 0.1090 0.0539 0.0227 0.0109 0.0034 0.0015 0.0002 0.0003 0.0005 0.0028 0.0079
MY, prob : 0.0000 0.0000 0.0000 0.1060 0.1182 0.0634 0.0908 0.0944 0.1237 0.1324 0.1735 0.1659 0.2072 0.2168 0.2691 0.1894 0.1824 0.2030 0.1828 0.0976
ZD, prob : 0.1519 0.1294 0.0378 0.0106 0.1286 0.1596 0.1018 0.0656 0.0362 0.0039 0.0008 0.0002 0.0003 0.0001 0.2691 0.1894 0.1824 0.2030 0.0346 0.0039
ZGB, prob : 0.1297 0.0131 0.0022 0.0000 0.0091 0.1345 0.1030 0.0772 0.0991 0.0836 0.0292 0.0047 0.0035 0.0011 0.0003 0.0000 0.0001 0.0001 0.0009 0.0026
)";
const char* soe_policy_fractional = "1.0000 0.7780 0.7902 0.5027 0.1992 0.2761 0.2509 0.4224 0.3157 0.2152 0.0554 0.0750 0.0960 0.0498 0.0211 0.0361 0.0229 0.0352 0.0137";
const char* dummy_3dim_prob = R"(
SActor-00, prob : 0.0047 0.6059 0.3618 0.2234 0.2420 0.4040 0.4031 0.3546 0.4593 0.3962 0.3340
SActor-01, prob : 0.0302 0.0509 0.3087 0.3684 0.2457 0.1811 0.1290 0.3546 0.2960 0.3962 0.3340
SActor-02, prob : 0.0054 0.0096 0.0256 0.0158 0.0096 0.0339 0.0072 0.0571 0.0194 0.0074 0.0183
SActor-03, prob : 0.1492 0.1406 0.1887 0.1674 0.0823 0.2564 0.0533 0.2768 0.1131 0.0507 0.0957
SActor-04, prob : 0.6001 0.6059 0.1152 0.3684 0.2420 0.4040 0.0446 0.3115 0.4593 0.1730 0.1512
SActor-05, prob : 0.1447 0.1217 0.3618 0.0649 0.3687 0.1246 0.3628 0.3115 0.2960 0.3530 0.4009
SActor-06, prob : 0.0656 0.0713 0.3087 0.1602 0.0517 0.1246 0.4031 0.3546 0.1123 0.0198 0.1512
)";

std::vector<std::vector<std::string>> prob_lines(const char* text) {
  std::vector<std::vector<std::string>> rows;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) {
    if (line.empty()) continue;
    std::stringstream ls(line.substr(line.find(':') + 1));
    rows.emplace_back();
    for (std::string w; ls >> w;) rows.back().push_back(w);
  }
  return rows;
}

void expect_prob_history(const std::string& file, const char* expected) {
  const auto forecast = forecast_spatial_model_detailed(load_scenario_file(ktab_dir + file), {});
  const auto& run = forecast.runs.at(0).run;
  const auto rows = prob_lines(expected);
  ASSERT_EQ(rows.size(), run.states[0].probability.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), run.states.size());
    for (std::size_t t = 0; t < run.states.size(); ++t)
      EXPECT_EQ(fmt::format("{:.4f}", run.states[t].probability[i]), rows[i][t]) << "actor " << i << " state " << t;
  }
}

TEST(SpatialModelKtabStatistics, SoePolicyProbHistory) { expect_prob_history("SOE-Policy.csv", soe_policy_prob); }
TEST(SpatialModelKtabStatistics, DummyData3DimProbHistory) { expect_prob_history("dummyData_3Dim.csv", dummy_3dim_prob); }

TEST(SpatialModelKtabStatistics, SoePolicyFractionalChange) {
  const auto run = forecast_spatial_model_detailed(load_scenario_file(ktab_dir + "SOE-Policy.csv"), {}).runs.at(0).run;
  std::string got;
  for (const auto& t : run.turns) got += (got.empty() ? "" : " ") + fmt::format("{:.4f}", t.fractional_change);
  EXPECT_EQ(got, soe_policy_fractional);
  EXPECT_TRUE(run.converged);  // 0.0137 < 0.02 after 19 turns
}

// SOE-Policy.csv_effPow.csv: KTAB's effective power c_i * sum_d s_id, printed %5.1f. That
// file was written by a C library that rounds ties away from zero (MSVC's): 65 x 0.65 =
// 42.25 exactly is printed 42.3 and 15 x 0.75 = 11.25 is 11.3, where glibc prints 42.2, 11.2.
TEST(SpatialModelKtabStatistics, SoePolicyEffectivePowerEqualsKtabFile) {
  const auto forecast = forecast_spatial_model_detailed(load_scenario_file(ktab_dir + "SOE-Policy.csv"), {});
  const auto& power = forecast.runs.at(0).run.effective_power;
  std::ifstream in(ktab_dir + "SOE-Policy.csv_effPow.csv");
  std::size_t i = 0;
  for (std::string line; std::getline(in, line); ++i) {
    ASSERT_LT(i, power.size());
    const std::string printed = line.substr(line.find(',') + 1);
    const double ties_away = std::round(power[i] * 10.0) / 10.0;  // exact for these values
    EXPECT_EQ(fmt::format("{:5.1f}", ties_away), printed) << line;
  }
  EXPECT_EQ(i, 26u);
  EXPECT_EQ(power[1], 42.25);  // LK: 65 x 0.65
  EXPECT_EQ(power[0], 30.0);   // XJ: 100 x 0.30
}

// ------------------------------------------------------------------ options

TEST(SpatialModelOptions, JsonUsesKtabNamesAndRoundTrips) {
  const auto defaults = spatial_model_options_to_json({});
  EXPECT_EQ(defaults.at("victory_probability"), "Linear");
  EXPECT_EQ(defaults.at("vote_rule"), "Proportional");
  EXPECT_EQ(defaults.at("pce"), "Conditional");
  EXPECT_EQ(defaults.at("big_r_range"), "Mid");
  EXPECT_EQ(defaults.at("big_r_adjust"), "OneThird");
  EXPECT_EQ(defaults.at("third_party_commit"), "SemiCommit");
  EXPECT_EQ(defaults.at("interpolation"), "S2P2");
  EXPECT_EQ(defaults.at("bargain_model"), "InitOnlyInterp");
  EXPECT_EQ(defaults.at("mode"), "joint");
  EXPECT_EQ(defaults.at("max_turns"), 100);
  EXPECT_EQ(defaults.at("stop_fraction"), 0.02);
  EXPECT_EQ(defaults.at("state_transitions"), "Deterministic");
  const nlohmann::json changed = {{"victory_probability", "Octic"}, {"vote_rule", "ASymProsp"},
                                  {"pce", "MarkovIncentive"},       {"big_r_range", "Max"},
                                  {"big_r_adjust", "TwoThirds"},     {"third_party_commit", "NoCommit"},
                                  {"interpolation", "S2PMax"},       {"bargain_model", "PWCompInterp"},
                                  {"mode", "per_issue"},             {"max_turns", 7},
                                  {"stop_fraction", 0.5},            {"state_transitions", "Stochastic"},
                                  {"seed", 99}};
  const auto o = spatial_model_options_from_json(changed);
  EXPECT_EQ(o.pce, CondorcetElection::markov_incentive);
  EXPECT_EQ(o.bargain_model, BargainModel::pairwise_compromise);
  EXPECT_EQ(o.seed, 99u);
  EXPECT_EQ(spatial_model_options_to_json(o), changed);
  EXPECT_EQ(spatial_model_options_from_json({{"vote_rule", "Prop"}}).vote_rule, VoteRule::proportional);
  EXPECT_EQ(spatial_model_options_to_json(spatial_model_options_from_json(nlohmann::json::object())), defaults);
}

TEST(SpatialModelOptions, BadOptionsThrow) {
  EXPECT_THROW(spatial_model_options_from_json({{"colour", "red"}}), std::invalid_argument);
  EXPECT_THROW(spatial_model_options_from_json({{"pce", "Markov"}}), std::invalid_argument);
  EXPECT_THROW(spatial_model_options_from_json({{"max_turns", 0}}), std::invalid_argument);
  EXPECT_THROW(spatial_model_options_from_json({{"max_turns", 2.5}}), std::invalid_argument);
  EXPECT_THROW(spatial_model_options_from_json({{"stop_fraction", -1}}), std::invalid_argument);
  EXPECT_THROW(spatial_model_options_from_json({{"seed", -3}}), std::invalid_argument);
  EXPECT_THROW(spatial_model_options_from_json(nlohmann::json::array()), std::invalid_argument);
}

TEST(SpatialModelOptions, ParametersUseKtabNames) {
  const auto r = forecast_spatial_model(load_scenario_file(ktab_dir + "dummyData_3Dim.csv"), {});
  ASSERT_GE(r.parameters.size(), 9u);
  EXPECT_EQ(r.parameters[0], std::make_pair(std::string("VictoryProbModel"), std::string("Linear")));
  EXPECT_EQ(r.parameters[8], std::make_pair(std::string("BargnModel"), std::string("InitOnlyInterp")));
}

// ------------------------------------------------------------------ scenario mapping

// The forecast is the most probable position of the final PCE; here SOE-Policy's: XJ's
// final "prob" 0.2439 is not the largest; the largest final prob belongs to ZG (0.3303,
// shared by the actors at ZG's point), at 38.6 (reference/SOE-Policy.ktab-master.history.csv).
TEST(SpatialModelForecast, SoePolicyForecastIsTheMostProbableFinalPosition) {
  const Scenario sc = load_scenario_file(ktab_dir + "SOE-Policy.csv");
  const auto r = forecast_spatial_model(sc, {});
  EXPECT_EQ(r.model, "smp");
  ASSERT_EQ(r.position_by_issue.size(), 1u);
  EXPECT_EQ(fmt::format("{:.1f}", r.position_by_issue[0]), "38.6");
  EXPECT_EQ(r.rounds_by_issue[0], 19);
  ASSERT_EQ(r.history[0].size(), 20u);
  EXPECT_EQ(r.history[0][0][0], 30.0);  // XJ starts at 30
  EXPECT_EQ(fmt::format("{:.1f}", r.history[0][19][0]), "38.7");
}

// Every statistic of the final state is a number in the result, computed here again from the
// run's final state: the most probable position, its probability and holder; the mean of
// the distinct final positions (closer than KTAB's 1e-3 on its 0..1 scale: one) weighted by
// their probability; the capability-weighted mean of every actor's final position.
TEST(SpatialModelForecast, SoePolicyStatisticsAreResultFields) {
  const auto f = forecast_spatial_model_detailed(load_scenario_file(ktab_dir + "SOE-Policy.csv"), {});
  const auto& r = f.result;
  const auto& run = f.runs.at(0);
  const auto& last = run.run.states.back();
  ASSERT_EQ(r.smp_by_issue.size(), 1u);
  ASSERT_TRUE(r.smp_by_issue[0].has_value());
  const SmpIssueStatistics& st = *r.smp_by_issue[0];
  EXPECT_EQ(r.converged_by_issue.at(0), true);
  EXPECT_EQ(st.most_probable_position, r.position_by_issue[0]);
  EXPECT_EQ(st.most_probable_position, 38.64);
  EXPECT_EQ(fmt::format("{:.4f}", st.most_probable_probability), "0.3303");
  EXPECT_EQ(st.most_probable_actor, "ZG");
  EXPECT_EQ(st.actors_taking_part, 26);
  EXPECT_FALSE(st.risk_neutral_fallback);
  double expected = 0, weighted = 0, capability = 0;
  std::vector<double> seen;
  for (std::size_t i = 0; i < last.position.size(); ++i) {
    const double x = last.position[i][0];
    if (std::none_of(seen.begin(), seen.end(), [&](double y) { return std::abs(x - y) < 1e-3; })) {
      seen.push_back(x);
      expected += last.probability[i] * x;
    }
    weighted += run.input.capability[i] * x;
    capability += run.input.capability[i];
  }
  EXPECT_NEAR(st.probability_weighted_mean, 100 * expected, 1e-9);
  EXPECT_NEAR(st.capability_weighted_mean, 100 * weighted / capability, 1e-9);
  EXPECT_EQ(fmt::format("{:.6f} {:.6f}", st.probability_weighted_mean, st.capability_weighted_mean),
            "38.557513 34.544138");
  // Nine decimals, no noise beyond.
  for (double v : {st.most_probable_position, st.probability_weighted_mean, st.capability_weighted_mean})
    EXPECT_EQ(v, std::round(v * 1e9) / 1e9);
}

// Positions are reported to nine decimals: on dummyData_3Dim KTAB's arithmetic leaves the most
// probable point's third coordinate at 75.16000000000001 (%.17g), reported 75.16; the
// model's own state keeps KTAB's number.
TEST(SpatialModelForecast, ReportedPositionsCarryNoFloatingPointNoise) {
  const auto f = forecast_spatial_model_detailed(load_scenario_file(ktab_dir + "dummyData_3Dim.csv"), {});
  const auto& last = f.runs.at(0).run.states.back();
  std::size_t best = 0;
  for (std::size_t i = 1; i < last.probability.size(); ++i)
    if (last.probability[i] > last.probability[best]) best = i;
  EXPECT_EQ(fmt::format("{:.17g}", 100.0 * last.position[best][2]), "75.160000000000011");
  EXPECT_EQ(f.result.position_by_issue.at(2), 75.16);
  EXPECT_EQ(f.result.smp_by_issue.at(2)->most_probable_position, 75.16);
  EXPECT_EQ(f.result.position_by_issue.at(0), 79.88);
  EXPECT_EQ(f.result.position_by_issue.at(1), 34.37);
}

Scenario small_scenario() {
  Scenario sc;
  for (int i = 0; i < 4; ++i) {
    Actor a;
    a.id = fmt::format("a{}", i);
    a.capability = 10.0 + 10 * i;
    sc.actors.push_back(a);
  }
  Issue x, y, z;
  x.id = "x";
  y.id = "y";
  z.id = "z";
  z.kind = IssueKind::options;
  z.options = {{"o1", "one"}, {"o2", "two"}};
  sc.issues = {x, y, z};
  auto stance = [&](std::size_t a, std::size_t d, double pos, double sal) {
    Stance s;
    s.actor = a;
    s.issue = d;
    s.position = pos;
    s.salience = sal;
    sc.stances.push_back(s);
  };
  stance(0, 0, 10, 0.8), stance(0, 1, 90, 0.9);  // sums to 1.7 in joint mode: scaled
  stance(1, 0, 40, 0.5), stance(1, 1, 20, 0.3);
  stance(2, 0, 70, 0.6);                          // no stance on y
  stance(3, 1, 60, 0.7), stance(3, 2, 0, 0.5);    // no stance on x; an options stance
  return sc;
}

TEST(SpatialModelForecast, JointModeMapsStancesToKtabsActorTable) {
  const Scenario sc = small_scenario();
  const auto f = forecast_spatial_model_detailed(sc, {});
  ASSERT_EQ(f.runs.size(), 1u);
  const auto& run = f.runs[0];
  EXPECT_EQ(run.issues, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(run.actors, (std::vector<std::size_t>{0, 1, 2, 3}));
  // actor 0: saliences 0.8 and 0.9 scaled to sum 1; positions divided by 100
  EXPECT_NEAR(run.input.salience[0][0], 0.8 / 1.7, 1e-15);
  EXPECT_NEAR(run.input.salience[0][1], 0.9 / 1.7, 1e-15);
  EXPECT_EQ(run.input.position[1][0], 0.4);
  // actor 2 has no stance on y: salience 0 there, starting at the capability x salience
  // weighted mean of the stated y positions (actors 0, 1, 3)
  EXPECT_EQ(run.input.salience[2][1], 0.0);
  const double wy = 10 * 0.9 + 20 * 0.3 + 40 * 0.7;
  EXPECT_NEAR(run.input.position[2][1], (10 * 0.9 * 0.9 + 20 * 0.3 * 0.2 + 40 * 0.7 * 0.6) / wy, 1e-15);
  // the result: NaN for the options issue; NaN history where an actor has no stance
  const auto& r = f.result;
  EXPECT_TRUE(std::isnan(r.position_by_issue[2]));
  EXPECT_FALSE(std::isnan(r.position_by_issue[0]));
  EXPECT_EQ(r.rounds_by_issue[2], 0);
  EXPECT_EQ(r.history[0].size(), run.run.states.size());
  EXPECT_TRUE(std::isnan(r.history[1][0][2]));
  EXPECT_TRUE(std::isnan(r.history[0][0][3]));
  EXPECT_EQ(r.history[1][0][3], 60.0);
  // the forecast is the final position of the actor with the largest final "prob"
  const auto& last = run.run.states.back();
  std::size_t best = 0;
  for (std::size_t i = 1; i < last.probability.size(); ++i)
    if (last.probability[i] > last.probability[best]) best = i;
  // reported to nine decimals (docs/forecast-smp.md)
  EXPECT_EQ(r.position_by_issue[0], std::round(100.0 * last.position[best][0] * 1e9) / 1e9);
  EXPECT_EQ(r.position_by_issue[1], std::round(100.0 * last.position[best][1] * 1e9) / 1e9);
  bool noted = false;
  for (const auto& n : r.notes) noted = noted || n.find("a2 on y") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(SpatialModelForecast, PerIssueModeRunsEachScaleIssueWithItsStakeholders) {
  SpatialModelOptions o;
  o.mode = ForecastMode::per_issue;
  const auto f = forecast_spatial_model_detailed(small_scenario(), o);
  ASSERT_EQ(f.runs.size(), 2u);
  EXPECT_EQ(f.runs[0].actors, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(f.runs[1].actors, (std::vector<std::size_t>{0, 1, 3}));
  EXPECT_EQ(f.runs[0].input.salience[0][0], 0.8);  // one issue: nothing to scale
  EXPECT_EQ(f.result.mode, ForecastMode::per_issue);
  // per_issue on a KTAB file with 2 dimensions gives 2 one-dimensional runs
  const auto g = forecast_spatial_model_detailed(load_scenario_file(ktab_dir + "SOE-Pol-Comp.csv"), o);
  ASSERT_EQ(g.runs.size(), 2u);
  EXPECT_EQ(g.runs[1].input.position[0], std::vector<double>{0.2});
}

TEST(SpatialModelForecast, TooFewStakeholdersIsNotApplicable) {
  Scenario sc = small_scenario();
  sc.stances.resize(2);  // only actor 0 has stances
  const auto r = forecast_spatial_model(sc, {});
  EXPECT_TRUE(std::isnan(r.position_by_issue[0]));
  EXPECT_FALSE(r.notes.empty());
}

TEST(SpatialModelForecast, InputsKtabCannotRunAreRejected) {
  SpatialModelInput in;
  in.capability = {1, 1};
  in.position = {{0.2}, {0.4}};
  in.salience = {{0.5}, {0.0}};
  EXPECT_THROW(run_spatial_model(in, {}), std::invalid_argument);  // zero total salience
  in.salience = {{0.5}, {1.5}};
  EXPECT_THROW(run_spatial_model(in, {}), std::invalid_argument);
  in.salience = {{0.5}, {0.5}};
  in.capability = {1, -1};
  EXPECT_THROW(run_spatial_model(in, {}), std::invalid_argument);
  in.capability = {1};
  EXPECT_THROW(run_spatial_model(in, {}), std::invalid_argument);
}

}  // namespace
}  // namespace truce
