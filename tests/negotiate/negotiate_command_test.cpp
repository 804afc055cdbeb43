// `truce negotiate` end to end: the binary on GENIUS files (NegMAS's Laptop run) and on the
// reference scenario, its formats, the run store, and its exit codes on bad input.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.hpp"
#include "../support/shared_data.hpp"

namespace {

using truce::testing::CommandOutput;

CommandOutput run(const std::string& args) {
  return truce::testing::run_command(truce::testing::truce_binary() + " " + args);
}

const std::string genius = ::truce::testing::shared_path("data/genius/");
const std::string laptop = genius + "Laptop/laptop_domain.xml " + genius + "Laptop/laptop_buyer_utility.xml " + genius +
                           "Laptop/laptop_seller_utility.xml";
const std::string scenario = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";

// NegMAS's run (results_public.csv, Laptop, Boulware first vs Conceder): agreement
// HP / 60 Gb / 19'' LCD in round 5 after 11 offers, utilities 30.00155413 and 12.43242227,
// on the frontier, 5.840895724 from the Nash point.
TEST(NegotiateCommand, LaptopBoulwareVsConcederAsNegmasRanIt) {
  TRUCE_NEEDS_SHARED("data/genius");
  const auto r = run("negotiate " + laptop + " --agents boulware,conceder --steps 100 --semantics negmas --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["agreement"], true);
  EXPECT_EQ(j["round"], 5);
  EXPECT_EQ(j["offers"], 11);
  EXPECT_EQ(j["terms"]["Laptop"], "HP");
  EXPECT_EQ(j["terms"]["Harddisk"], "60 Gb");
  EXPECT_NEAR(j["parties"][0]["utility"].get<double>(), 30.00155413, 1e-8);
  EXPECT_NEAR(j["parties"][1]["utility"].get<double>(), 12.43242227, 1e-8);
  EXPECT_EQ(j["on_pareto_frontier"], true);
  EXPECT_NEAR(j["nash_distance"].get<double>(), 5.840895724, 1e-8);
  EXPECT_EQ(j["accepted_offer_by"], "laptop_buyer_utility");
  EXPECT_EQ(j["headline"][0]["name"], "agreement");

  const auto table = run("negotiate " + laptop + " --agents boulware,conceder --semantics negmas");
  ASSERT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("Agreement in round 5 (0-based"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("after 11 offers"), std::string::npos) << table.out;

  // The trace as CSV: 11 offers, a header, the first the buyer's best (HP, 60 Gb, 19'' LCD).
  const auto csv = run("negotiate " + laptop + " --agents boulware,conceder --semantics negmas --trace --format csv");
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 12);
  EXPECT_NE(csv.out.find("0,0,laptop_buyer_utility,30.001554125152623,12.43242227162051,HP,60 Gb,19'' LCD"),
            std::string::npos)
      << csv.out;
}

// A reservation value is a floor: the seller (max 17.98) set at 17 agrees only to a package
// worth at least 17 to it; with 16 it could not have taken NegMAS's HP deal (12.43) either.
TEST(NegotiateCommand, ReservationValueIsAFloor) {
  TRUCE_NEEDS_SHARED("data/genius");
  const auto r = run("negotiate " + laptop +
                     " --agents boulware,conceder --semantics negmas --reservation laptop_seller_utility=17 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["parties"][1]["reservation"], 17.0);
  if (j["agreement"] == true) EXPECT_GE(j["parties"][1]["utility"].get<double>(), 17.0);
  else EXPECT_EQ(j["parties"][1]["utility"], 17.0);
  EXPECT_NE(j["round"], 5);  // not NegMAS's unconstrained run
}

TEST(NegotiateCommand, ScenarioRunIsStoredAndSaysWhyThereIsNoDeal) {
  const std::string store = ::testing::TempDir() + "negotiate_command_test.db";
  std::remove(store.c_str());
  const auto r = run("negotiate " + scenario + " --agents staller:40,conceder --store " + store + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  // The reference scenario's red lines leave no package both veto actors accept (truce space:
  // ZOPA 0), so no agent may agree: the deadline ends it, 2 offers a round for 100 rounds.
  EXPECT_EQ(j["agreement"], false);
  EXPECT_EQ(j["ending"], "deadline");
  EXPECT_EQ(j["offers"], 200);
  EXPECT_NE(j["why"].get<std::string>().find("ZOPA is empty"), std::string::npos);
  EXPECT_EQ(j["parties"][0]["id"], "russia");
  const auto listed = run("runs list --store " + store);
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("negotiate"), std::string::npos) << listed.out;
}

// Two GENIUS folders, 3 agents: 9 ordered pairs x 2 domains x 2 repetitions = 36 negotiations,
// each agent in 12 (self-play counts for both sides). Boulware vs Conceder on Laptop agrees in
// round 5 as NegMAS's run does (see above), so every agent here has agreements.
TEST(TournamentCommand, PerAgentScoresAsJsonAndCsv) {
  TRUCE_NEEDS_SHARED("data/genius");
  const std::string folders = genius + "Laptop " + genius + "EnglandZimbabwe";
  const auto r = run("tournament " + folders +
                     " --agents boulware,conceder,tough --repetitions 2 --steps 100 --semantics negmas --format json --runs");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["negotiations"], 36);
  ASSERT_EQ(j["scores"].size(), 3u);
  for (const auto& s : j["scores"]) EXPECT_EQ(s["negotiations"], 24);  // 3 partners x 2 sides... per domain x 2 reps
  ASSERT_EQ(j["runs"].size(), 36u);
  // The first run: Laptop, Boulware vs Boulware (NegMAS: round 69, 139 offers).
  EXPECT_EQ(j["runs"][0]["domain"], "Laptop");
  EXPECT_EQ(j["runs"][0]["round"], 69);
  EXPECT_EQ(j["runs"][0]["offers"], 139);
  // Tough vs Tough never agrees.
  for (const auto& run : j["runs"])
    if (run["first"] == "tough" && run["second"] == "tough") EXPECT_EQ(run["agreement"], false);
  const auto csv = run("tournament " + folders + " --agents boulware,conceder,tough --steps 100 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("agent,negotiations,agreements,agreement_rate,", 0), 0u) << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 4);
}

TEST(NegotiateCommand, SingleTextOnLaptopEndsOnTheFrontier) {
  TRUCE_NEEDS_SHARED("data/genius");
  const auto r = run("negotiate " + laptop + " --protocol single-text --semantics negmas --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["protocol"], "single-text");
  EXPECT_EQ(j["agreement"], true);
  EXPECT_EQ(j["accepted_offer_by"], "mediator");
  EXPECT_EQ(j["on_pareto_frontier"], true);
}

// truce space: dropping Russia's territorial red line opens the ZOPA of the reference scenario.
// The negotiation then can end in a deal: every party's utility at least its reservation value
// (0), the terms within every remaining red line (the JSON names them), on or off the frontier.
TEST(NegotiateCommand, RelaxingTheRedLineThatBlocksADealLetsOneHappen) {
  const auto r = run("negotiate " + scenario + " --relax russia.territory --agents boulware --no-store --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["agreement"], true) << j.dump(2);
  EXPECT_TRUE(j["pareto_distance"].is_number());
  EXPECT_NE(j["notes"].dump().find("red lines relaxed: russia.territory"), std::string::npos);
  const auto bad = run("negotiate " + scenario + " --relax russia.nowhere --no-store");
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("no red line 'russia.nowhere'"), std::string::npos) << bad.err;
}

// Same seed, same bytes, whatever --threads (random agents draw from their own streams; threads
// only share out the sorting of the parties' tables).
TEST(NegotiateCommand, SameSeedSameBytesForAnyThreadCount) {
  const std::string args = "negotiate " + scenario +
                           " --relax russia.territory --agents random,micro --seed 5 --trace --no-store --format json";
  const auto one = run(args + " --threads 1");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  for (const char* t : {"2", "4"}) EXPECT_EQ(run(args + " --threads " + t).out, one.out) << t << " threads";
  EXPECT_NE(run("negotiate " + scenario + " --relax russia.territory --agents random,micro --seed 6 --trace --no-store "
                "--format json")
                .out,
            one.out);
}

TEST(NegotiateCommand, BadInputIsRefusedWithReasons) {
  TRUCE_NEEDS_SHARED("data/genius");
  const auto agent = run("negotiate " + laptop + " --agents boulware,haggler --no-store");
  EXPECT_NE(agent.exit_code, 0);
  EXPECT_NE(agent.err.find("agent 'haggler': expected one of"), std::string::npos) << agent.err;
  const auto count = run("negotiate " + laptop + " --agents boulware,conceder,linear --no-store");
  EXPECT_NE(count.exit_code, 0);
  EXPECT_NE(count.err.find("expected one agent for all or 2"), std::string::npos) << count.err;
  const auto steps = run("negotiate " + laptop + " --steps 0 --no-store");
  EXPECT_NE(steps.exit_code, 0);
  const auto profiles = run("negotiate " + genius + "Laptop/laptop_domain.xml --no-store");
  EXPECT_NE(profiles.exit_code, 0);
  EXPECT_NE(profiles.err.find("a utility profile per party"), std::string::npos) << profiles.err;
  const auto nobody = run("negotiate " + laptop + " --reservation nobody=1 --no-store");
  EXPECT_NE(nobody.exit_code, 0);
  EXPECT_NE(nobody.err.find("no party 'nobody'"), std::string::npos) << nobody.err;
  const auto missing = run("negotiate " + genius + "Laptop/laptop_domain.xml " + genius + "Laptop/nope.xml " + genius +
                           "Laptop/laptop_seller_utility.xml --no-store");
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("nope.xml"), std::string::npos) << missing.err;
}

}  // namespace
