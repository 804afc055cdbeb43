// The historical base rate `simulate` shows beside its curve: the reference war (2022-02-24
// to 2025-10-15, 43 months) against the interstate conflicts of the UCDP data, through the
// registry (the table compiled in) and in the result's JSON; none for an undated war.

#include <gtest/gtest.h>

#include "dynamics_scenarios.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/analysis/reference_data.hpp"
#include "truce/dynamics/simulate.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce::dynamics {
namespace {

TEST(HistoryBeside, TheReferenceWarHadLasted43MonthsAndOneInFiveSuchWarsEndedWithinAYear) {
  const Scenario s = load_scenario_file(testing::reference_path());
  const auto h = historical_base_rate(s, 36, ucdp_conflict_termination());
  ASSERT_TRUE(h);
  EXPECT_EQ(h->war_started, "2022-02-24");
  EXPECT_EQ(h->as_of, "2025-10-15");
  EXPECT_EQ(h->curve.lasted_months, 43);
  ASSERT_EQ(h->curve.within.size(), 37u);  // months 0..36, as the simulated curve
  EXPECT_EQ(h->curve.at_risk.size(), 5u);
  EXPECT_DOUBLE_EQ(h->curve.within[12].share_ended(), 0.2);  // Korea's ceasefire agreement, 1953
  EXPECT_DOUBLE_EQ(h->curve.within[36].share_ended(), 0.2);
  EXPECT_DOUBLE_EQ(h->curve.within[6].share_ended(), 0.0);
}

TEST(HistoryBeside, TheRegistrysSimulateCarriesItAndItsJson) {
  const Scenario s = load_scenario_file(testing::reference_path());
  const auto* simulate = find_analysis("simulate");
  const nlohmann::json options = {{"runs", 200}, {"months", 12}};
  const auto r = std::get<SimulateResult>(simulate->typed_run(s, options));
  ASSERT_TRUE(r.history);
  EXPECT_EQ(r.history->curve.within.size(), 13u);
  const auto j = simulate->run(s, options);
  EXPECT_EQ(j["history"]["lasted_months"], 43);
  EXPECT_EQ(j["history"]["at_risk"], 5);
  EXPECT_EQ(j["history"]["war_started"], "2022-02-24");
  EXPECT_EQ(j["history"]["within"][12]["ended"], 1);
  EXPECT_EQ(j["history"]["within"][12]["by_ceasefire_agreement"], 1);
  EXPECT_EQ(j["history"]["within"][12]["known"], 5);
  EXPECT_EQ(j["history"]["episodes"][2]["location"], "North Korea, South Korea");
  EXPECT_EQ(j["history"]["citation"].get<std::string>().substr(0, 40), "UCDP Conflict Termination Dataset v3-202");
}

TEST(HistoryBeside, AnUndatedWarHasNoneAndSaysWhy) {
  const Scenario s = testing::dyad({});
  SimulateOptions o;
  o.runs = 10;
  o.months = 3;
  const auto r = simulate_summary(s, o, &ucdp_conflict_termination());
  EXPECT_FALSE(r.history);
  EXPECT_EQ(r.notes.back(), "no historical base rate: the dynamics section does not date the war (war_started, as_of)");
  EXPECT_FALSE(to_json(r).contains("history"));
  // Without reference data, the result is as before: no history and no note about it.
  EXPECT_EQ(simulate_summary(s, o).notes.size() + 1, r.notes.size());
}

}  // namespace
}  // namespace truce::dynamics
