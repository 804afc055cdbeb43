// The four-column expected-utility table (Actor,Capability,Position,Salience).
#include "truce/io/bdm_table_csv.hpp"

#include <gtest/gtest.h>

#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_file.hpp"
#include "../support/shared_data.hpp"

namespace truce {
namespace {

TEST(BdmTableCsv, LoadsTheEmissionStandardsExampleThroughLoadScenarioFile) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  const Scenario sc = load_scenario_file(::truce::testing::shared_path("data/bdm/eu_emission_standards_bdm1994.csv"));
  ASSERT_EQ(sc.actors.size(), 10u);
  ASSERT_EQ(sc.issues.size(), 1u);
  EXPECT_EQ(sc.actors[0].name, "Netherlands");
  EXPECT_DOUBLE_EQ(sc.actors[0].capability, 0.08);
  EXPECT_DOUBLE_EQ(sc.stances[0].position, 40.0);  // 4 years, x10
  EXPECT_DOUBLE_EQ(sc.stances[0].salience, 0.8);
  EXPECT_DOUBLE_EQ(bdm_table_position_factor(sc), 10.0);
  // Named points at the table's distinct positions 4, 7, 10.
  ASSERT_EQ(sc.issues[0].points.size(), 3u);
  EXPECT_EQ(sc.issues[0].points[1].label, "7 (table)");
  EXPECT_DOUBLE_EQ(sc.issues[0].points[1].position, 70.0);
}

TEST(BdmTableCsv, KeepsPositionsOnZeroToHundredAndScalesSalience) {
  const Scenario sc = parse_bdm_table_csv("Actor,Capability,Position,Salience\nA,100,40,100\nB,50,80,70\n", "t.csv");
  EXPECT_DOUBLE_EQ(sc.stances[1].position, 80.0);
  EXPECT_DOUBLE_EQ(sc.stances[1].salience, 0.7);
  EXPECT_DOUBLE_EQ(bdm_table_position_factor(sc), 1.0);
}

TEST(BdmTableCsv, RecognisesOnlyItsHeader) {
  EXPECT_TRUE(is_bdm_table_csv("Actor,Capability,Position,Salience\r\nA,1,2,0.5\n"));
  EXPECT_TRUE(is_bdm_table_csv("actor, capability, position, salience\n"));
  EXPECT_FALSE(is_bdm_table_csv("Actor,Description,Power,Pstn1,Sal1\n"));
}

TEST(BdmTableCsv, LocatesEveryProblem) {
  try {
    parse_bdm_table_csv("Actor,Capability,Position,Salience\nA,x,4,0.5\nB,1,4\nC,0,4,0.5\n", "bad.csv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const auto& d = e.diagnostics();
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].line, 2);
    EXPECT_EQ(d[0].column, 3);
    EXPECT_NE(d[0].message.find("capability"), std::string::npos);
    EXPECT_EQ(d[1].line, 3);
    EXPECT_NE(d[1].message.find("4 fields"), std::string::npos);
    EXPECT_EQ(d[2].line, 4);
    EXPECT_NE(d[2].message.find("greater than 0"), std::string::npos);
  }
  EXPECT_THROW(parse_bdm_table_csv("Actor,Capability,Position,Salience\n", "empty.csv"), InputError);
  EXPECT_THROW(parse_bdm_table_csv("Actor,Capability,Position,Salience\nA,1,120,0.5\n", "far.csv"), InputError);
}

}  // namespace
}  // namespace truce

namespace truce {
namespace {

TEST(BdmTableCsv, AnOutcomeLineGivesTheIssuesOutcomeOnThePositionsScale) {
  // Positions on 0..10 are multiplied by 10; so is the outcome (BDM 1994: 8.83 years).
  const std::string table = "Actor,Capability,Position,Salience\nA,1,4,0.5\nB,2,10,0.8\nC,1,7,0.4\nOutcome,,8.83,\n";
  const Scenario sc = parse_bdm_table_csv(table, "t.csv");
  ASSERT_EQ(sc.actors.size(), 3u);  // the outcome line is not an actor
  ASSERT_TRUE(sc.issues[0].outcome.has_value());
  EXPECT_DOUBLE_EQ(*sc.issues[0].outcome, 88.3);
  try {
    parse_bdm_table_csv("Actor,Capability,Position,Salience\nA,1,4,0.5\nB,2,10,0.8\nOutcome,,x,\n", "t.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].line, 4);
  }
}

}  // namespace
}  // namespace truce
