// `truce levers` and `truce what-it-takes`, run as a user runs them, on
// tests/data/scenarios/two-issues.yaml (hand-computed values: see
// tests/levers/scenario_levers_test.cpp).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../support/run_command.hpp"

namespace truce {
namespace {

using testing::run_command;
using testing::truce_binary;

const std::string two = std::string("'") + TRUCE_SOURCE_DIR + "/tests/data/scenarios/two-issues.yaml'";

TEST(LeversCommand, PrintsATornadoAndSobolTableWithTheModelAndOptions) {
  const auto r = run_command(truce_binary() + " levers " + two +
                             " --target forecast.border --model compromise --samples 128 --bootstrap 50");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Compromise on the border: 6660 / 114 = 58.42.
  EXPECT_NE(r.out.find("Target forecast.border: forecast position on Border (0..100), compromise model"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Base output: 58.4211"), std::string::npos) << r.out;
  // South's position moves the compromise most: 36 * 20 / 114 = 6.316. Forecast targets vary
  // capabilities, positions and saliences by default: 12 parameters, 128 x (12 + 2) runs.
  EXPECT_NE(r.out.find(" 1  position.south.border"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("6.316"), std::string::npos);
  EXPECT_NE(r.out.find("Sobol indices: N = 128 samples, 1792 model runs, seed 1; 95% bootstrap intervals (50 resamples)"),
            std::string::npos)
      << r.out;
}

TEST(LeversCommand, JsonAndCsvCarryTheSameNumbersAndTheSeedReproducesThem) {
  const std::string cmd = truce_binary() + " levers " + two +
                          " --target forecast.compromise.border --parameters 'position.*' --samples 64 --bootstrap 20";
  const auto a = run_command(cmd + " --format json --threads 1");
  const auto b = run_command(cmd + " --format json --threads 2");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  EXPECT_EQ(ja["parameters"].size(), 3u);
  EXPECT_NEAR(ja["base_output"].get<double>(), 6660.0 / 114, 1e-12);
  ja["options"].erase("threads");
  jb["options"].erase("threads");
  EXPECT_EQ(ja.dump(), jb.dump());
  const auto other = run_command(cmd + " --format json --seed 9");
  EXPECT_NE(nlohmann::json::parse(other.out)["sobol"]["indices"].dump(), ja["sobol"]["indices"].dump());
  const auto csv = run_command(cmd + " --format csv");
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(csv.out.rfind("parameter,base,low,high,unit,range_from,range_kind,tornado_rank,output_at_low,output_at_high,swing,"
                          "first_order,first_order_low,first_order_high,total,total_low,total_high\n",
                          0),
            0u);
  // South's position: 10 in [0, 20]; outputs (4800 + 0 + 1500)/114 and (4800 + 720 + 1500)/114.
  EXPECT_NE(csv.out.find("position.south.border,10,0,20,scale points (0..100),+-10% of the scale,spread,1,"
                         "55.26315789,61.57894737,6.315789474,"),
            std::string::npos)
      << csv.out;
}

TEST(LeversCommand, ListsParametersAndRefusesBadTargetsWithExitTwo) {
  const auto list = run_command(truce_binary() + " levers " + two + " --list-parameters --spread 20");
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("capability.north             60    48    72"), std::string::npos) << list.out;
  // North's red line starts at 50 (status-quo): 50 +- 20 points.
  EXPECT_NE(list.out.find("red_line_min.north.border    50    30    70"), std::string::npos) << list.out;
  const auto unknown = run_command(truce_binary() + " levers " + two + " --target happiness");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown target 'happiness'; expected one of:"), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.out, "");
  const auto missing = run_command(truce_binary() + " levers " + two);
  EXPECT_EQ(missing.exit_code, 2);
  const auto pattern = run_command(truce_binary() + " levers " + two + " --target forecast.border --parameters nope");
  EXPECT_EQ(pattern.exit_code, 2);
  EXPECT_NE(pattern.err.find("parameter 'nope' matches no parameter"), std::string::npos);
  const auto bad_file = run_command(truce_binary() + " levers '" + TRUCE_SOURCE_DIR +
                                    "/tests/data/scenarios/does-not-exist.yaml' --target forecast.border");
  EXPECT_EQ(bad_file.exit_code, 1);
  EXPECT_EQ(bad_file.out, "");
}

TEST(LeversCommand, StatesEachRangeAndRanksALeversWholeRangeOrNothing) {
  const std::string reference = std::string("'") + TRUCE_SOURCE_DIR + "/scenarios/ukraine-ceasefire-2025.yaml'";
  const std::string cmd = truce_binary() + " levers " + reference + " --target p_ceasefire@12 --method tornado --no-store";
  const auto r = run_command(cmd);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 38: with the European guarantee lever (probability and effect) the reassurance-force policy
  // sets, and each side's breaking point.
  EXPECT_NE(r.out.find("Parameters: 38; ranges: 7 over their natural range (a policy choice, e.g. a lever's probability "
                       "0..1), 5 +-10% around the scenario's value, 26 over the scenario's distribution"),
            std::string::npos)
      << r.out;
  // The US guarantee over 0..1: 0.5% -> 7.5% (with breaking points, a front beyond the four
  // oblasts and draws that fit the manpower war; 3.5% -> 42% before, issue #14), ranked by its
  // whole range.
  EXPECT_NE(r.out.find(" 5  lever_probability.united-states.guarantee.ukraine           natural         0        0.2        "
                       "1          0.005           0.075     0.07\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("* within the Monte Carlo error: two estimates of 200 runs can differ by this much by chance"),
            std::string::npos);
  // The old ranges (--ranges spread): no lever's probability moves it beyond the noise.
  const auto old = run_command(cmd + " --ranges spread --parameters 'lever_probability.*'");
  ASSERT_EQ(old.exit_code, 0) << old.err;
  EXPECT_NE(old.out.find("each parameter alone at the ends of its range: no parameter moves the output beyond the "
                         "Monte Carlo error"),
            std::string::npos)
      << old.out;
  EXPECT_EQ(old.out.find("largest swing first"), std::string::npos);
  EXPECT_NE(old.out.find("-  lever_probability.united-states.guarantee.ukraine           +-10%  0.18   0.2  0.22"),
            std::string::npos)
      << old.out;
  const auto bad = run_command(cmd + " --ranges wide");
  EXPECT_EQ(bad.exit_code, 2);
  const auto list = run_command(truce_binary() + " levers " + reference + " --list-parameters --ranges spread");
  EXPECT_NE(list.out.find("lever_probability.united-states.guarantee.ukraine                 0.2     0.18     0.22  probability"),
            std::string::npos)
      << list.out;
}

TEST(WhatItTakesCommand, PrintsTheSmallestChangeOrTheBindingLever) {
  const auto found = run_command(truce_binary() + " what-it-takes " + two +
                                 " --goal 'forecast.compromise.border <= 55' --levers position.broker.border=0:100 "
                                 "--tolerance 0.00001 --format json");
  ASSERT_EQ(found.exit_code, 0) << found.err;
  const auto j = nlohmann::json::parse(found.out);
  EXPECT_TRUE(j["reachable"].get<bool>());
  EXPECT_NEAR(j["norm_value"].get<double>(), 0.13, 2e-5);  // 50 -> 37 on a range of 100
  const auto table = run_command(truce_binary() + " what-it-takes " + two +
                                 " --goal 'forecast.compromise.border <= 55' --levers position.broker.border");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("no change of these levers within their ranges reaches the goal "
                           "forecast.compromise.border <= 55; the closest point found gives 55.7895"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("Binding: position.broker.border at its low end (40)"), std::string::npos) << table.out;
  const auto csv = run_command(truce_binary() + " what-it-takes " + two +
                               " --goal 'forecast.compromise.border <= 55' --levers position.broker.border --format csv");
  EXPECT_NE(csv.out.find("position.broker.border,50,40,60,scale points (0..100),,,,,low\n"), std::string::npos)
      << csv.out;
  const auto bad_goal = run_command(truce_binary() + " what-it-takes " + two + " --goal 'peace soon' --levers x");
  EXPECT_EQ(bad_goal.exit_code, 2);
  EXPECT_NE(bad_goal.err.find("goal 'peace soon': expected \"zopa nonempty\""), std::string::npos) << bad_goal.err;
}

TEST(LeversCommand, StudiesTheCeasefireProbabilityOfTheWarModel) {
  const std::string war = std::string("'") + TRUCE_SOURCE_DIR + "/tests/levers/data/war.yaml'";
  // The base output is what `truce simulate` reports for month 12 with the same runs and seed.
  const auto sim = run_command(truce_binary() + " simulate " + war + " --runs 200 --months 12 --format json");
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  double expected = -1;
  const auto simulated = nlohmann::json::parse(sim.out);
  for (const auto& m : simulated["ceasefire_by_month"])
    if (m["month"] == 12) expected = m["probability"].get<double>();
  const auto r = run_command(truce_binary() + " levers " + war +
                             " --target p_ceasefire@12 --method tornado --format json --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_DOUBLE_EQ(j["base_output"].get<double>(), expected);
  EXPECT_EQ(j["target"]["options"]["runs"], 200);
  EXPECT_EQ(j["parameters"][0]["name"], "war.north.forces");  // war targets: the war model's numbers
  const auto help = run_command(truce_binary() + " what-it-takes --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--levers"), std::string::npos);
  const auto none = run_command(truce_binary() + " levers " + two + " --target p_ceasefire@12");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("the scenario has no dynamics section"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace truce
