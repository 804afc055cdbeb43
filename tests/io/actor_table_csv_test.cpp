// The KTAB actor-table CSV import, on the files KTAB's repository ships
// (data/ktab, MIT licence).
#include "truce/io/actor_table_csv.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_file.hpp"
#include "../support/first_problem.hpp"

namespace truce {
namespace {

const std::string ktab = std::string(TRUCE_SOURCE_DIR) + "/data/ktab/";

std::string first_problem(const std::string& text) {
  return testing::first_problem_of([&] { parse_actor_table_csv(text, "t.csv"); });
}

TEST(ActorTableCsv, LoadsSoePolicyAndItsEffectivePowersMatchKtabs) {
  const Scenario s = load_scenario_file(ktab + "SOE-Policy.csv");
  ASSERT_EQ(s.actors.size(), 26u);
  ASSERT_EQ(s.issues.size(), 1u);
  EXPECT_EQ(s.issues[0].name, "Policy Position");
  EXPECT_EQ(s.actors[0].id, "XJ");
  EXPECT_DOUBLE_EQ(s.actors[0].capability, 100);
  EXPECT_DOUBLE_EQ(s.stances[0].position, 30);
  EXPECT_DOUBLE_EQ(s.stances[0].salience, 0.30);
  // KTAB's SOE-Policy.csv_effPow.csv lists capability x salience / 100 per actor (%.1f).
  std::ifstream eff(ktab + "SOE-Policy.csv_effPow.csv");
  std::string line;
  std::size_t i = 0;
  while (std::getline(eff, line)) {
    const auto comma = line.find(',');
    ASSERT_EQ(line.substr(0, comma), s.actors.at(i).id);
    const double expected = std::stod(line.substr(comma + 1));
    const double effective_power = s.actors[i].capability * find_stance(s, i, 0)->salience;
    EXPECT_NEAR(effective_power, expected, 0.05 + 1e-12) << s.actors[i].id;
    ++i;
  }
  EXPECT_EQ(i, 26u);
}

TEST(ActorTableCsv, LoadsMultiDimensionalFilesWithQuotedFieldsAndTrailingCommas) {
  const Scenario s = load_scenario_file(ktab + "dummyData_3Dim.csv");
  EXPECT_EQ(s.description, "Dummy scenario to test reading format");
  ASSERT_EQ(s.actors.size(), 7u);
  ASSERT_EQ(s.issues.size(), 3u);
  EXPECT_EQ(s.stances.size(), 21u);
  // SActor-02: 129.643, 82.45, 48.47, 90.89, 13.55, 0.07, 34.62
  EXPECT_DOUBLE_EQ(s.actors[2].capability, 129.643);
  EXPECT_DOUBLE_EQ(find_stance(s, 2, 2)->position, 0.07);
  EXPECT_DOUBLE_EQ(find_stance(s, 2, 1)->salience, 0.1355);

  const Scenario comp = load_scenario_file(ktab + "SOE-Pol-Comp.csv");
  EXPECT_EQ(comp.actors.size(), 13u);
  EXPECT_EQ(comp.issues.size(), 2u);
  EXPECT_EQ(load_scenario_file(ktab + "dummyData-a040.csv").actors.size(), 40u);
}

TEST(ActorTableCsv, TrailingCommaOrNotGivesTheSameScenario) {
  const std::string with = "S,D,3,1,\nActor,Desc,Power,P,S,\nA,a,1,10,50,\nB,b,2,20,50,\nC,c,3,30,50,\n";
  const std::string without = "S,D,3,1\nActor,Desc,Power,P,S\nA,a,1,10,50\nB,b,2,20,50\nC,c,3,30,50\n";
  EXPECT_EQ(parse_actor_table_csv(with, "t.csv"), parse_actor_table_csv(without, "t.csv"));
}

TEST(ActorTableCsv, NotesThatSalienceWasNormalised) {
  const Scenario s = load_scenario_file(ktab + "SOE-Policy.csv");
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_EQ(s.notes[0], "read from a KTAB actor table: salience given on 0..100, divided by 100");
}

TEST(ActorTableCsv, RejectsKtabsBadFileWithSalienceOver100) {
  try {
    load_scenario_file(ktab + "bad/dummyData_3Dim-salience-sum-over-100.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().front().line, 3);
    EXPECT_NE(e.diagnostics().front().message.find("salience"), std::string::npos);
  }
}

TEST(ActorTableCsv, RejectsBadCountsNumbersAndRows) {
  EXPECT_EQ(first_problem("S,D,x,1\n"), "t.csv:1:5: error: expected the number of actors (a whole number from 1 to 10000), found 'x'");
  EXPECT_EQ(first_problem("S,D,2,1\nA,D,P,X,Y\nA,a,1,10,50\n"),
            "t.csv:4:1: error: expected 2 actor lines (as line 1 says), found 1");
  EXPECT_EQ(first_problem("S,D,1,1\nA,D,P,X,Y\nA,a,1,101,50\n"),
            "t.csv:3:7: error: expected a position between 0 and 100, found '101'");
  EXPECT_EQ(first_problem("S,D,1,1\nA,D,P,X,Y\nA,a,0,10,50\n"),
            "t.csv:3:5: error: expected a capability greater than 0, found '0'");
  EXPECT_EQ(first_problem("S,D,1,1\nA,D,P,X,Y\nA,a,nan,10,50\n"),
            "t.csv:3:5: error: expected the capability (a finite number), found 'nan'");
  EXPECT_EQ(first_problem("S,D,1,2\nA,D,P,X,Y,X2,Y2\nA,a,1,10,60,10,50\n"),
            "t.csv:3:10: error: expected the actor's saliences to sum to at most 100 (KTAB's rule), found 110");
  EXPECT_EQ(first_problem("S,D,1,1\nA,D,P,X,Y\nA,a,1,10\n"),
            "t.csv:3:1: error: expected 5 fields (actor, description, capability, then position and salience per "
            "dimension), found 4");
}

}  // namespace
}  // namespace truce

namespace truce {
namespace {

TEST(ActorTableCsv, AnOutcomeLineGivesEachDimensionsOutcome) {
  const std::string table =
      "T,d,2,2,\nActor,Description,Power,P1,S1,P2,S2,\nA,x,1,10,50,20,50,\nB,y,2,90,50,80,50,\nOutcome,reached,,70,,,,\n";
  const Scenario sc = parse_actor_table_csv(table, "t.csv");
  ASSERT_EQ(sc.actors.size(), 2u);
  EXPECT_EQ(sc.issues[0].outcome, 70.0);
  EXPECT_FALSE(sc.issues[1].outcome.has_value());  // empty: no outcome on that dimension
  try {
    parse_actor_table_csv("T,d,2,1,\nActor,Description,Power,P1,S1,\nA,x,1,10,50,\nB,y,2,90,50,\nOutcome,,,150,,\n", "t.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].line, 5);
    EXPECT_NE(e.diagnostics()[0].message.find("an outcome position between 0 and 100"), std::string::npos)
        << e.diagnostics()[0].message;
  }
}

}  // namespace
}  // namespace truce
