// `truce simulate`, run as a user runs it, on the reference scenario.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "../support/run_command.hpp"

namespace truce {
namespace {

using testing::run_command;
using testing::truce_binary;

const std::string reference = std::string("'") + TRUCE_SOURCE_DIR + "/scenarios/ukraine-ceasefire-2025.yaml'";
const std::string seed_scenario = std::string("'") + TRUCE_SOURCE_DIR + "/tests/data/scenarios/seed.yaml'";

std::string simulate(const std::string& args) { return truce_binary() + " simulate " + reference + " " + args; }

TEST(SimulateCommand, PrintsTheProbabilityByMonthTermsAndBlockers) {
  const auto r = run_command(simulate("--months 36 --runs 1000 --seed 1"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1000 runs x 36 months, seed 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P(ceasefire by month)"), std::string::npos);
  EXPECT_NE(r.out.find("Median month:"), std::string::npos);
  EXPECT_NE(r.out.find("What blocked a deal"), std::string::npos);
  EXPECT_NE(r.out.find("ukraine.reservation"), std::string::npos);
  // 37 month rows (0..36) in the table: the last one is month 36.
  EXPECT_NE(r.out.find("\n   36 "), std::string::npos) << r.out;
}

TEST(SimulateCommand, JsonHasEveryMonthAndItsOptions) {
  const auto r = run_command(simulate("--months 12 --runs 500 --format json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["options"], (nlohmann::json{{"months", 12}, {"runs", 500}, {"seed", 1}}));
  ASSERT_EQ(j["ceasefire_by_month"].size(), 13u);
  double previous = 0;
  for (const auto& m : j["ceasefire_by_month"]) {  // cumulative: never decreasing
    EXPECT_GE(m["probability"].get<double>(), previous);
    previous = m["probability"].get<double>();
  }
  EXPECT_EQ(j["belligerents"], (nlohmann::json{"russia", "ukraine"}));
}

TEST(SimulateCommand, CsvIsTheSeriesByMonth) {
  const auto r = run_command(simulate("--months 3 --runs 200 --format csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // A ceasefire can break down in the reference war (its ceasefire_breakdown), so the share in
  // which one holds is beside the share that signed one; the war is dated, so the historical
  // base rate is beside each month (0 of 5 ended yet).
  EXPECT_EQ(r.out.substr(0, 111),
            "month,probability,low,high,holding,holding_low,holding_high,history_ended,history_by_agreement,"
            "history_known\n0,");
  EXPECT_NE(r.out.find(",0,0,5\n3,"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 5);
}

TEST(SimulateCommand, ShowsTheHistoricalBaseRateBesideTheCurveFromAnyDirectory) {
  // Run from / : the UCDP table is compiled into the binary, not read from data/.
  const auto r = run_command("cd / && " + simulate("--months 36 --runs 1000 --no-store"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("History: of 5 interstate armed conflicts (UCDP conflict episodes 1946-2020) that had lasted 43 "
                       "months, as this war has (2022-02-24 to 2025-10-15):\n"
                       "  within 12 more months 20.0% (1 of 5) ended (20.0% by agreement: 0 peace, 1 ceasefire; 0 by "
                       "victory, 0 by low activity or other); simulated: "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("North Korea, South Korea 1949-1953 (ceasefire agreement after 49 months)"), std::string::npos);
  EXPECT_NE(r.out.find("History: ended  by agreement"), std::string::npos);
  const auto j = nlohmann::json::parse(run_command(simulate("--months 12 --runs 200 --format json --no-store")).out);
  EXPECT_EQ(j["history"]["lasted_months"], 43);
  EXPECT_EQ(j["history"]["within"].size(), 13u);
  EXPECT_EQ(j["history"]["within"][12]["share_ended"], 0.2);
}

TEST(SimulateCommand, SameBytesForOneAndTwoThreadsAndForTheSameSeed) {
  const auto one = run_command(simulate("--runs 2000 --threads 1 --format json"));
  const auto two = run_command(simulate("--runs 2000 --threads 2 --format json"));
  const auto again = run_command(simulate("--runs 2000 --threads 2 --format json"));
  ASSERT_EQ(one.exit_code, 0);
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(two.out, again.out);
  const auto table1 = run_command(simulate("--runs 2000 --threads 1"));
  const auto table2 = run_command(simulate("--runs 2000 --threads 2"));
  EXPECT_EQ(table1.out, table2.out);
}

TEST(SimulateCommand, TraceShowsOneRunMonthByMonth) {
  const auto r = run_command(simulate("--runs 100 --trace 7"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Run 7 (seed 1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Forces russia"), std::string::npos);
  EXPECT_NE(r.out.find("Outcome: "), std::string::npos);
  const auto j = nlohmann::json::parse(run_command(simulate("--runs 100 --trace 7 --format json")).out);
  EXPECT_EQ(j["run"], 7);
  ASSERT_GE(j["months"].size(), 1u);
  EXPECT_EQ(j["months"][0]["front"], 50.0);  // the scenario's start: 'freeze'
}

TEST(SimulateCommand, AScenarioWithoutDynamicsIsAnInputError) {
  const auto r = run_command(truce_binary() + " simulate " + seed_scenario);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("expected a 'dynamics' section"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(SimulateCommand, BadOptionsAreUsageErrors) {
  EXPECT_EQ(run_command(simulate("--format xml")).exit_code, 2);
  EXPECT_EQ(run_command(simulate("--runs 0")).exit_code, 2);
  const auto r = run_command(simulate("--runs 10 --trace 10"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected --trace below --runs"), std::string::npos);
}

}  // namespace
}  // namespace truce

namespace truce {
namespace {

TEST(SimulateCommand, AScenarioTooLargeForTheDealCheckIsAnInputErrorNotACrash) {
  // 26 two-option issues: 2^26 = 67 million packages, above the deal check's 50 million.
  std::string yaml =
      "truce: 1\nname: big\nactors:\n  - {id: a, name: A, capability: 1, veto: true}\n"
      "  - {id: b, name: B, capability: 1, veto: true}\nissues:\n"
      "  - {id: land, name: land, kind: scale, low: l, high: h}\n";
  std::string status_quo;
  for (int i = 0; i < 26; ++i) {
    yaml += fmt::format("  - {{id: o{0}, name: o{0}, kind: options, options: [{{id: x, label: x}}, {{id: y, label: y}}]}}\n", i);
    status_quo += fmt::format("    - {{issue: o{}, position: x}}\n", i);
  }
  yaml += "dynamics:\n  belligerents:\n"
          "    - {actor: a, forces: 10, lethality: 0, cost: {}, discount: 0}\n"
          "    - {actor: b, forces: 10, lethality: 0, cost: {}, discount: 0}\n"
          "  territory: {issue: land, start: 50, advancing: a, rate: 0}\n"
          "  status_quo:\n" + status_quo;
  const std::string path = ::testing::TempDir() + "truce-big-scenario.yaml";
  std::ofstream(path) << yaml;
  const auto r = run_command(truce_binary() + " simulate '" + path + "' --runs 10");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("expected at most 50000000 packages for the deal check"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace truce
