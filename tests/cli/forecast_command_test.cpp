// `truce forecast`: runs the binary (TRUCE_BINARY) and checks output and exit codes.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct CommandRun {
  int exit_code = -1;
  std::string out;
};

CommandRun run(const std::string& args) {
  const std::string command = std::string(TRUCE_BINARY) + " " + args + " 2>/dev/null";
  CommandRun r;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

const std::string bdm = std::string(TRUCE_SHARED_DIR) + "/data/bdm/eu_emission_standards_bdm1994.csv";
const std::string soe = std::string(TRUCE_SHARED_DIR) + "/data/ktab/SOE-Policy.csv";

// A small scenario: three actors on a scale issue with named points, and an options issue.
std::string small_yaml() {
  const auto path = std::filesystem::temp_directory_path() / "truce_forecast_command_test.yaml";
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
  const CommandRun r = run("forecast " + small_yaml());
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Mode: per issue"), std::string::npos);
  // Compromise 155/3 = 51.7 ~ Half; median 60; Nash (q = 0) 80/3 = 26.7.
  EXPECT_NE(r.out.find("51.7 ~ Half"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("60.0 ~ Half"), std::string::npos);
  EXPECT_NE(r.out.find("26.7 ~ Half"), std::string::npos);
  EXPECT_NE(r.out.find("n/a"), std::string::npos);  // the options issue
  EXPECT_NE(r.out.find("status_quo.border=0"), std::string::npos);
  EXPECT_NE(r.out.find("q=0.5"), std::string::npos);  // EUM parameters printed
}

TEST(ForecastCommand, ModelSubsetAndCsv) {
  const CommandRun r = run("forecast " + small_yaml() + " --model median --model compromise --format csv");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "issue,model,position,nearest_point,nearest_point_position,rounds,mode\n"
            "border,median,60.000000,half,50.000000,0,per_issue\n"
            "border,compromise,51.666667,half,50.000000,0,per_issue\n"
            "venue,median,,,,0,per_issue\n"
            "venue,compromise,,,,0,per_issue\n");
}

TEST(ForecastCommand, JsonAndJointMode) {
  const CommandRun r = run("forecast " + small_yaml() + " --format json --mode joint --model compromise");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"mode\": \"joint\""), std::string::npos);
  EXPECT_NE(r.out.find("51.66666666666"), std::string::npos);
}

TEST(ForecastCommand, HistoryInKtabLayout) {
  // The hand-computable dyad of tests/forecast/expected_utility_test.cpp is too small for a
  // file; use the BDM table: round 0 is the data (x10), one row per actor, %.1f.
  const CommandRun r = run("forecast " + bdm + " --model eum --history --eum-rounds 2");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "Netherlands,Position,40.0,100.0,100.0");
  EXPECT_NE(r.out.find("\nUK,Position,100.0,100.0,100.0\n"), std::string::npos);
}

TEST(ForecastCommand, WorksOnKtabActorTables) {
  const CommandRun r = run("forecast " + soe + " --model compromise --model median --format csv");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Policy-Position,compromise,"), std::string::npos);
}

TEST(ForecastCommand, SameInputSameBytes) {
  const std::string args = "forecast " + soe + " --format json";
  EXPECT_EQ(run(args).out, run(args).out);
}

TEST(ForecastCommand, SmpPlaceholderDoesNotBreakTheRun) {
  const CommandRun r = run("forecast " + small_yaml() + " --model smp --model compromise");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("51.7 ~ Half"), std::string::npos);
}

TEST(ForecastCommand, ExitCodes) {
  EXPECT_EQ(run("forecast /nonexistent/file.yaml").exit_code, 1);
  const auto bad = std::filesystem::temp_directory_path() / "truce_forecast_bad.csv";
  std::ofstream(bad) << "Actor,Capability,Position,Salience\nA,x,4,0.5\n";
  EXPECT_EQ(run("forecast " + bad.string()).exit_code, 1);
  EXPECT_EQ(run("forecast " + small_yaml() + " --model oracle").exit_code, 2);
  EXPECT_EQ(run("forecast " + small_yaml() + " --eum-q 3").exit_code, 2);
  EXPECT_EQ(run("forecast " + small_yaml() + " --eum-risk sometimes").exit_code, 2);
  EXPECT_EQ(run("forecast " + small_yaml() + " --nash-status-quo border").exit_code, 2);
  EXPECT_EQ(run("forecast " + small_yaml() + " --nash-status-quo venue=3").exit_code, 2);
}

}  // namespace
