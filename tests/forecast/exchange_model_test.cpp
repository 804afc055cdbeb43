// The exchange model on cases computed by hand (Stokman & Van Oosten 1994's equal-gain
// exchange; the formulas of ../shared/data/decide_exchange/SOURCE.md rules 2-8).
#include <gtest/gtest.h>

#include <cmath>

#include "truce/forecast/exchange_model.hpp"
#include "truce/forecast/forecast_analysis.hpp"

namespace truce {
namespace {

// Two actors, two issues P (0) and Q (1), capability 1 each.
ExchangeInput two_by_two(double a_sp, double a_sq, double b_sp, double b_sq) {
  ExchangeInput in;
  in.actors = 2;
  in.issues = 2;
  in.takes_part = {1, 1, 1, 1};
  in.position = {100, 100, 0, 0};  // A at 100 on both, B at 0 on both
  in.salience = {a_sp, a_sq, b_sp, b_sq};
  in.power = {1, 1, 1, 1};
  return in;
}

// A cares for P (0.8) more than Q (0.4), B for Q (0.6) more than P (0.3). By hand (rule 2):
// D_P = 1.1, D_Q = 1.0; outcomes P = 80/1.1 = 72.73, Q = 40. A is right of both, B left of
// both: one a-d exchange. A's ratio s_P/s_Q = 2 > B's 0.5, so A concedes on Q, B on P (rule 4).
// B moves all the way to A on P: dP = 100 x 0.3 / 1.1 = 300/11. Equal gain: dQ = dP (0.8 + 0.3)
// / (0.4 + 0.6) = 30, so A moves 30 x 1.0 / 0.4 = 75 (100 -> 25). Gains: A 0.8 dP - 0.4 dQ =
// 240/11 - 12 = 108/11, B 0.6 dQ - 0.3 dP = 18 - 90/11 = 108/11. Voting outcomes: P =
// (80 + 30)/1.1 = 100, Q = 0.4 x 25 = 10. New start (rule 8): A on Q 100 + (0.1 + 0.4 x 0.6)
// (25 - 100) = 74.5; B on P 0 + (0.1 + 0.4 x 0.7) 100 = 38.
void expect_hand_computed_trade(ExchangeSemantics semantics) {
  ExchangeOptions o;
  o.rounds = 1;
  o.semantics = semantics;
  const ExchangeRun run = run_exchange_model(two_by_two(0.8, 0.4, 0.3, 0.6), o);
  ASSERT_EQ(run.exchanges.size(), 1u);
  const RealisedExchange& e = run.exchanges[0];
  EXPECT_EQ(e.i.actor, 0u);
  EXPECT_EQ(e.i.supply_issue, 1u);  // A concedes on Q, the issue it cares less about
  EXPECT_EQ(e.j.actor, 1u);
  EXPECT_EQ(e.j.supply_issue, 0u);  // B concedes on P
  EXPECT_NEAR(e.i.move, -75, 1e-12);
  EXPECT_NEAR(e.i.y, 25, 1e-12);
  EXPECT_NEAR(e.j.move, 100, 1e-12);
  EXPECT_NEAR(e.j.y, 100, 1e-12);
  EXPECT_NEAR(e.j.shift, 300.0 / 11, 1e-12);
  EXPECT_NEAR(e.i.shift, 30, 1e-12);
  EXPECT_NEAR(e.gain, 108.0 / 11, 1e-12);
  // equal gains: each side's gain on its demand issue minus its loss on its supply issue
  EXPECT_NEAR(0.8 * e.j.shift - 0.4 * e.i.shift, 0.6 * e.i.shift - 0.3 * e.j.shift, 1e-12);
  ASSERT_EQ(run.outcome.size(), 2u);
  EXPECT_NEAR(run.outcome[0], 100, 1e-12);
  EXPECT_NEAR(run.outcome[1], 10, 1e-12);
  EXPECT_NEAR(run.final_positions[1], 74.5, 1e-12);  // A on Q
  EXPECT_NEAR(run.final_positions[2], 38, 1e-12);    // B on P
}

TEST(ExchangeModel, TwoActorTwoIssueTradeByHand) { expect_hand_computed_trade(ExchangeSemantics::model); }
TEST(ExchangeModel, TwoActorTwoIssueTradeByHandDecideSemantics) {
  expect_hand_computed_trade(ExchangeSemantics::decide);
}

// Proportional saliences (A 0.8/0.4, B 0.4/0.2: both ratios 2): dQ = dP (0.8 + 0.4)/(0.4 + 0.2)
// = 2 dP and A's gain 0.8 dP - 0.4 x 2 dP = 0, so no exchange (gain < 1e-10, rule 5); the
// outcomes stay the weighted means: P = 80/1.2 = 66.67, Q = 40/0.6 = 66.67.
TEST(ExchangeModel, NoTradeWhenSaliencesAreProportional) {
  for (auto semantics : {ExchangeSemantics::model, ExchangeSemantics::decide}) {
    ExchangeOptions o;
    o.semantics = semantics;
    const ExchangeRun run = run_exchange_model(two_by_two(0.8, 0.4, 0.4, 0.2), o);
    EXPECT_TRUE(run.exchanges.empty());
    EXPECT_NEAR(run.outcome[0], 200.0 / 3, 1e-12);
    EXPECT_NEAR(run.outcome[1], 200.0 / 3, 1e-12);
    EXPECT_TRUE(run.stopped_early);  // nothing moved in round 1: later rounds would repeat it
  }
}

// Two rounds by hand: round 2 starts from A on Q = 74.5, B on P = 38 (above). Outcomes:
// P = (80 + 0.3 x 38)/1.1 = 83.09, Q = 0.4 x 74.5 = 29.8. Still a-d: B moves to 100 on P,
// dP = 62 x 0.3/1.1, dQ = 1.1 dP = 18.6, A moves 18.6/0.4 = 46.5 (74.5 -> 28). Outcome Q after =
// 0.4 x 28 = 11.2, P = 100.
TEST(ExchangeModel, SecondRoundStartsFromTheUpdatedPositions) {
  ExchangeOptions o;
  o.rounds = 2;
  const ExchangeRun run = run_exchange_model(two_by_two(0.8, 0.4, 0.3, 0.6), o);
  ASSERT_EQ(run.exchanges.size(), 2u);
  EXPECT_EQ(run.exchanges[1].round, 1);
  EXPECT_NEAR(run.rounds[1].outcome_start[0], (80 + 0.3 * 38) / 1.1, 1e-12);
  EXPECT_NEAR(run.rounds[1].outcome_start[1], 29.8, 1e-12);
  EXPECT_NEAR(run.exchanges[1].i.move, -46.5, 1e-12);
  EXPECT_NEAR(run.outcome[1], 11.2, 1e-12);
  EXPECT_NEAR(run.outcome[0], 100, 1e-12);
}

TEST(ExchangeModel, RejectsOptionsThatDoNotFit) {
  EXPECT_THROW(exchange_options_from_json({{"rounds", -1}}), std::invalid_argument);
  EXPECT_THROW(exchange_options_from_json({{"semantics", "python"}}), std::invalid_argument);
  EXPECT_THROW(exchange_options_from_json({{"gain", "nash"}}), std::invalid_argument);
  EXPECT_THROW(exchange_options_from_json({{"fixed_weight", 0.7}, {"salience_weight", 0.4}}), std::invalid_argument);
  EXPECT_THROW(exchange_options_from_json({{"round", 3}}), std::invalid_argument);
  const auto o = exchange_options_from_json({{"rounds", 3}, {"semantics", "decide"}});
  EXPECT_EQ(o.rounds, 3);
  EXPECT_EQ(o.semantics, ExchangeSemantics::decide);
  EXPECT_EQ(exchange_options_to_json(o).dump(),
            R"({"fixed_weight":0.1,"gain":"equal","rounds":3,"salience_weight":0.4,"semantics":"decide"})");
}

}  // namespace
}  // namespace truce
