// `truce forecast`: runs the binary (TRUCE_BINARY) and checks output and exit codes.
#include <gtest/gtest.h>
#include <algorithm>
#include <sstream>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "../support/run_command.hpp"
#include "../support/shared_data.hpp"

namespace {

using truce::testing::CommandOutput;

CommandOutput run(const std::string& args) {
  return truce::testing::run_command(truce::testing::truce_binary() + " " + args);
}

const std::string bdm = ::truce::testing::shared_path("data/bdm/eu_emission_standards_bdm1994.csv");
const std::string soe = std::string(TRUCE_SOURCE_DIR) + "/data/ktab/SOE-Policy.csv";

// A small scenario: three actors on a scale issue with named points, and an options issue.
std::string small_yaml() {
  const auto path = std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_truce_forecast_command_test.yaml");
  std::ofstream(path) << R"(truce: 1
id: small-test
name: Small test
actors:
  - {id: a, name: Alpha, capability: 1}
  - {id: b, name: Beta, capability: 3}
  - {id: c, name: Gamma, capability: 2}
issues:
  - id: border
    name: Border
    kind: scale
    low: none
    high: all
    points:
      - {id: none, label: No change, position: 0}
      - {id: half, label: Half, position: 50}
      - {id: all, label: Everything, position: 100}
  - id: venue
    name: Venue
    kind: options
    options:
      - {id: geneva, label: Geneva}
      - {id: vienna, label: Vienna}
stances:
  - {actor: a, issue: border, position: 20, salience: 1}
  - {actor: b, issue: border, position: 60, salience: 0.5}
  - {actor: c, issue: border, position: 90, salience: 0.25}
  - {actor: a, issue: venue, position: geneva, salience: 0.5}
)";
  return path.string();
}

TEST(ForecastCommand, TableSideBySideWithNearestNamedPoint) {
  const CommandOutput r = run("forecast " + small_yaml());
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Mode: per issue"), std::string::npos);
  // Compromise 155/3 = 51.7 ~ half; median 60; Nash (q = 0) 80/3 = 26.7.
  EXPECT_NE(r.out.find("51.7 ~ half"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("60.0 ~ half"), std::string::npos);
  EXPECT_NE(r.out.find("26.7 ~ half"), std::string::npos);
  // The options issue: Alpha alone takes part, for Geneva (utility 1, Vienna 0).
  EXPECT_NE(r.out.find("geneva 1.00"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("n/a"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Red lines crossed"), std::string::npos) << r.out;  // the scenario states none
  EXPECT_NE(r.out.find("status_quo.border=0"), std::string::npos);
  EXPECT_NE(r.out.find("q=0.5"), std::string::npos);  // EUM parameters printed
}

// The small scenario with red lines: Alpha (a veto) accepts 0..40 on the border, Gamma (no
// veto) only Vienna.
std::string red_line_yaml() {
  const auto path = std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_truce_forecast_red_lines.yaml");
  std::ifstream in(small_yaml());
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto replace = [&](const std::string& from, const std::string& to) { text.replace(text.find(from), from.size(), to); };
  replace("{id: a, name: Alpha, capability: 1}", "{id: a, name: Alpha, capability: 1, veto: true}");
  replace("{actor: a, issue: border, position: 20, salience: 1}",
          "{actor: a, issue: border, position: 20, salience: 1, red_line: {max: 40}}");
  text += "  - {actor: c, issue: venue, position: vienna, salience: 0.1, red_line: [vienna]}\n";
  std::ofstream(path) << text;
  return path.string();
}

// Compromise 51.7 and median 60 lie outside Alpha's red line (a "!" and a footnote); Nash 26.7
// inside. On the venue every model forecasts Geneva (weights 0.5 against 0.2: 0.71), outside
// Gamma's red line: a footnote without "!", Gamma has no veto.
TEST(ForecastCommand, RedLinesCrossedAreMarkedAndSaid) {
  const CommandOutput r = run("forecast " + red_line_yaml() + " --model compromise --model median --model nash");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("51.7 ~ half !"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("60.0 ~ half !"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("26.7 ~ half !"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("geneva 0.71 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Red lines crossed:\n"
                       "! Compromise on border: 51.7 is outside a's red line (0..40), a veto actor\n"
                       "! Median on border: 60.0 is outside a's red line (0..40), a veto actor\n"
                       "  Compromise on venue: geneva is outside c's red line (vienna)\n"),
            std::string::npos)
      << r.out;
  const CommandOutput csv = run("forecast " + red_line_yaml() + " --model compromise --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("border,compromise,51.666667,half,50.000000,0,per_issue,,,a,,,\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("venue,compromise,,,,0,per_issue,geneva,0.714286,,c,,\n"), std::string::npos) << csv.out;
}

TEST(ForecastCommand, ModelSubsetAndCsv) {
  const CommandOutput r = run("forecast " + small_yaml() + " --model median --model compromise --format csv");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "issue,model,position,nearest_point,nearest_point_position,rounds,mode,option,option_probability,"
            "veto_red_lines_crossed,other_red_lines_crossed,interval_low,interval_high\n"
            "border,median,60.000000,half,50.000000,0,per_issue,,,,,,\n"
            "border,compromise,51.666667,half,50.000000,0,per_issue,,,,,,\n"
            "venue,median,,,,0,per_issue,geneva,1.000000,,,,\n"
            "venue,compromise,,,,0,per_issue,geneva,1.000000,,,,\n");
  // The ensemble's row carries its interval, around its position.
  const CommandOutput e = run("forecast " + small_yaml() + " --model ensemble --format csv");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto row = e.out.substr(e.out.find("\nborder,ensemble,") + 1);
  std::vector<std::string> cells;
  std::stringstream ss(row.substr(0, row.find('\n')));
  for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
  ASSERT_EQ(cells.size(), 13u) << row;
  EXPECT_LE(std::stod(cells[11]), std::stod(cells[2]));
  EXPECT_GE(std::stod(cells[12]), std::stod(cells[2]));
}

TEST(ForecastCommand, JsonAndJointMode) {
  const CommandOutput r = run("forecast " + small_yaml() + " --format json --mode joint --model compromise");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"mode\": \"joint\""), std::string::npos);
  EXPECT_NE(r.out.find("51.66666666666"), std::string::npos);
}

TEST(ForecastCommand, HistoryInKtabLayout) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  // The hand-computable dyad of tests/forecast/expected_utility_test.cpp is too small for a
  // file; use the BDM table: round 0 is the data (x10), one row per actor, %.1f.
  const CommandOutput r = run("forecast " + bdm + " --model eum --history --eum-rounds 2");
  ASSERT_EQ(r.exit_code, 0);
  // Layout, not dynamics: "actor,dimension,round0,round1,round2", round 0 the table's
  // position x 10 (Netherlands 4 years, UK 10 years).
  const std::string first = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(first.rfind("Netherlands,Position,40.0,", 0), 0u) << first;
  EXPECT_EQ(std::count(first.begin(), first.end(), ','), 4);
  EXPECT_NE(r.out.find("\nUK,Position,100.0,"), std::string::npos);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 10);  // 10 actors in the table
}

// One option selects the reimplementation's reading of Scholz's code: Belgium's round-8
// position on the BDM table, 96.7 (tests/forecast/expected_utility_test.cpp pins every round);
// an option given with the reading overrides it (2 rounds: Belgium at 96.1).
TEST(ForecastCommand, EumReadingSelectsTheNamedOptions) {
  TRUCE_NEEDS_SHARED("data/bdm/eu_emission_standards_bdm1994.csv");
  const CommandOutput r = run("forecast " + bdm + " --model eum --eum-reading scholz_code");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("96.7"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("reading=scholz_code, max_rounds=8, q=1,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("probability=all_votes"), std::string::npos) << r.out;
  const CommandOutput two = run("forecast " + bdm + " --model eum --eum-reading scholz_code --eum-rounds 2 --history");
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_NE(two.out.find("Belgium,Position,70.0,84.2,96.1\n"), std::string::npos) << two.out;
  EXPECT_EQ(run("forecast " + bdm + " --model eum --eum-reading scholz").exit_code, 2);
}

TEST(ForecastCommand, WorksOnKtabActorTables) {
  const CommandOutput r = run("forecast " + soe + " --model compromise --model median --format csv");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Policy-Position,compromise,"), std::string::npos);
}

TEST(ForecastCommand, SameInputSameBytes) {
  const std::string args = "forecast " + soe + " --format json";
  EXPECT_EQ(run(args).out, run(args).out);
}

// KTAB master's position logs (data/ktab/reference/*.ktab-master.history.csv,
// smpc at commit c57b72a with its defaults): `--history` prints the same bytes.
TEST(ForecastCommand, SmpHistoryIsByteIdenticalToKtabMastersLog) {
  for (const std::string name : {"SOE-Policy", "SOE-Pol-Comp", "dummyData_3Dim"}) {
    const CommandOutput r = run("forecast '" + std::string(TRUCE_SOURCE_DIR) + "/data/ktab/" + name +
                             ".csv' --model smp --history");
    ASSERT_EQ(r.exit_code, 0) << name;
    std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/data/ktab/reference/" + name + ".ktab-master.history.csv");
    std::stringstream ktab;
    ktab << in.rdbuf();
    EXPECT_EQ(r.out, ktab.str()) << name;
  }
}

// The exchange model's two-actor, two-issue trade of tests/forecast/exchange_model_test.cpp
// (computed by hand there) as a Decide text file: A concedes on Q (100 -> 25), B on P
// (0 -> 100), gains 108/11 = 9.818182 each.
std::string two_by_two_decide() {
  const auto path = std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_truce_exchange.txt");
  std::ofstream(path) << "'#A'\t'a'\t'A'\t''\n'#A'\t'b'\t'B'\t''\n'#P'\t'p'\t'P'\t''\n'#P'\t'q'\t'Q'\t''\n"
                         "'#D'\t'a'\t'p'\t100\t0.8\t1\n'#D'\t'a'\t'q'\t100\t0.4\t1\n"
                         "'#D'\t'b'\t'p'\t0\t0.3\t1\n'#D'\t'b'\t'q'\t0\t0.6\t1\n";
  return path.string();
}

TEST(ForecastCommand, ExchangeTradesHistoryAndTable) {
  const std::string file = two_by_two_decide();
  CommandOutput r = run("forecast " + file + " --model exchange --exchange-rounds 1 --trades --no-store");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("exchange model, 1 exchanges"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    1  a      q         100.00  25.00  b                   p         0.00  100.00  9.818182"),
            std::string::npos)
      << r.out;
  // The table: after one round the outcome on P is 100, on Q 10 (0.4 x 25 / 1.0).
  r = run("forecast " + file + " --model exchange --model compromise --exchange-rounds 1 --format csv --no-store");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("p,exchange,100.000000,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("q,exchange,10.000000,"), std::string::npos) << r.out;
  // History: round-1 start, then the positions after the update (A on Q: 74.5, B on P: 38).
  r = run("forecast " + file + " --model exchange --exchange-rounds 1 --history --no-store");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "A,P,100.0,100.0\nA,Q,100.0,74.5\nB,P,0.0,38.0\nB,Q,0.0,0.0\n");
  // decide semantics give the same single trade here
  r = run("forecast " + file + " --model exchange --exchange-rounds 1 --exchange-semantics decide --trades --no-store");
  EXPECT_NE(r.out.find("9.818182"), std::string::npos) << r.out;
  EXPECT_EQ(run("forecast " + file + " --model exchange --exchange-semantics python").exit_code, 2);
  EXPECT_EQ(run("forecast " + file + " --model exchange --exchange-fixed-weight 0.9").exit_code, 2);
}

TEST(ForecastCommand, ExchangeRunRerunsByteForByte) {
  const std::string file = two_by_two_decide();
  const auto store = std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_truce_exchange_runs.db");
  std::filesystem::remove(store);
  ASSERT_EQ(run("forecast " + file + " --model exchange --exchange-semantics decide --store " + store.string()).exit_code, 0);
  const CommandOutput r = run("runs rerun 1 --store " + store.string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("identical"), std::string::npos) << r.out;
  std::filesystem::remove(store);
}

// Issue #13's three actors (tests/forecast/expected_utility_test.cpp): the EUM's rounds cycle
// 30 <-> 0 and the cell is the cycle's mean, marked; the issue's stated status quo 0 is where
// a stands, so Nash is degenerate and gives no number. A stored run reruns to the same bytes
// (the status quo is not written into the options, and the rerun finds it in the scenario).
TEST(ForecastCommand, CyclesAndDegenerateNashAreMarkedAndNoted) {
  const auto path = std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_truce_forecast_cycle.yaml");
  std::ofstream(path) << R"(truce: 1
id: cycle
name: Cycle
actors:
  - {id: a, name: A, capability: 1}
  - {id: b, name: B, capability: 2}
  - {id: c, name: C, capability: 1}
issues:
  - {id: x, name: X, kind: scale, low: none, high: all, status_quo: 0}
stances:
  - {actor: a, issue: x, position: 0, salience: 1}
  - {actor: b, issue: x, position: 10, salience: 0.5}
  - {actor: c, issue: x, position: 30, salience: 1}
)";
  const CommandOutput r = run("forecast " + path.string() + " --model eum --model nash --no-store");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("15.0 (cycle mean)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("- (degenerate)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(cycle mean: the EUM's rounds repeat"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: issue x: the rounds cycle (2 rounds from round 1: 30.0 <-> 0.0); forecast = cycle mean "
                       "15.0 (weighted_median)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("note: issue x: degenerate: a stands on the disagreement point 0 (scenario)"), std::string::npos)
      << r.out;
  const CommandOutput j = run("forecast " + path.string() + " --model eum --model nash --format json --no-store");
  EXPECT_NE(j.out.find("\"disagreement_point_source\": \"scenario\""), std::string::npos) << j.out;
  EXPECT_NE(j.out.find("\"first_round\": 1"), std::string::npos) << j.out;
  const auto store = std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_truce_cycle_runs.db");
  std::filesystem::remove(store);
  ASSERT_EQ(run("forecast " + path.string() + " --store " + store.string()).exit_code, 0);
  const CommandOutput again = run("runs rerun 1 --store " + store.string());
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("identical"), std::string::npos) << again.out;
  std::filesystem::remove(store);
  std::filesystem::remove(path);
}

TEST(ForecastCommand, ExitCodes) {
  EXPECT_EQ(run("forecast /nonexistent/file.yaml").exit_code, 1);
  const auto bad = std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_truce_forecast_bad.csv");
  std::ofstream(bad) << "Actor,Capability,Position,Salience\nA,x,4,0.5\n";
  EXPECT_EQ(run("forecast " + bad.string()).exit_code, 1);
  EXPECT_EQ(run("forecast " + small_yaml() + " --model oracle").exit_code, 2);
  EXPECT_EQ(run("forecast " + small_yaml() + " --eum-q 3").exit_code, 2);
  EXPECT_EQ(run("forecast " + small_yaml() + " --eum-risk sometimes").exit_code, 2);
  EXPECT_EQ(run("forecast " + small_yaml() + " --nash-status-quo border").exit_code, 2);
  EXPECT_EQ(run("forecast " + small_yaml() + " --nash-status-quo venue=3").exit_code, 2);
}

}  // namespace
