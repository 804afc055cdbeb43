// `truce report` end to end, without a browser: it writes a complete report or nothing.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support/run_command.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/io/scenario_file.hpp"

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using truce::testing::run_command;
using truce::testing::truce_binary;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("truce-report-cmd-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

std::string fixture() { return std::string("'") + TRUCE_SOURCE_DIR + "/tests/report/fixtures/talks.yaml'"; }

bool has_chart_libraries() {
  return fs::exists(fs::path(TRUCE_SOURCE_DIR) / "node_modules/vega/build/vega.min.js");
}

}  // namespace

TEST(ReportCommand, WritesOneSelfContainedFile) {
  if (!has_chart_libraries()) GTEST_SKIP() << "node_modules missing: run scripts/setup-report.sh";
  const fs::path out = scratch("report.html");
  const auto run = run_command(truce_binary() + " report " + fixture() + " -o '" + out.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string html = ss.str();
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("</html>\n"));
  // vega's UMD build is inlined (its global is set by this line of the minified file).
  EXPECT_THAT(html, HasSubstr(".vega={}"));
  // Every analysis in the registry that applies to talks.yaml ran (it has what each needs,
  // dynamics included); none became a failure note. The backtest does not apply (no issue
  // states an outcome), nor policies (talks.yaml names none) nor the timeline (no dated
  // revision), and the report does not run them.
  const truce::Scenario talks = truce::load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/tests/report/fixtures/talks.yaml");
  for (const auto& analysis : truce::analyses()) {
    if (analysis.applies && !analysis.applies(talks)) {
      EXPECT_THAT(analysis.name, ::testing::AnyOf("backtest", "policies", "timeline", "negotiate"));
      EXPECT_THAT(html, ::testing::Not(HasSubstr("<tr><td><b>" + analysis.name + "</b>")));
      continue;
    }
    EXPECT_THAT(html, HasSubstr("<tr><td><b>" + analysis.name + "</b>")) << analysis.name;
  }
  EXPECT_THAT(html, ::testing::Not(HasSubstr("Analyses that failed")));
  EXPECT_THAT(html, ::testing::Not(HasSubstr("<td>failed: ")));
  // No temporary file is left next to it.
  for (const auto& e : fs::directory_iterator(out.parent_path()))
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  fs::remove_all(out.parent_path());
}

// --store: one run per analysis the report ran, each what its own command records, so
// `runs rerun` reproduces it and `runs list` shows its headline; --no-store records none.
TEST(ReportCommand, StoresOneRunPerAnalysis) {
  if (!has_chart_libraries()) GTEST_SKIP() << "node_modules missing: run scripts/setup-report.sh";
  const fs::path out = scratch("stored.html");
  const fs::path store = scratch("runs.db");
  fs::remove(store);
  const auto run = run_command(truce_binary() + " report " + fixture() + " -o '" + out.string() + "' --store '" +
                               store.string() + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto list = run_command(truce_binary() + " runs list --format json --store '" + store.string() + "'");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto runs = nlohmann::json::parse(list.out);
  std::vector<std::string> commands;
  for (const auto& r : runs) commands.push_back(r.at("command"));
  // The registry's order, without the backtest (no outcomes in talks.yaml).
  EXPECT_EQ(commands, (std::vector<std::string>{"forecast", "space", "simulate", "levers", "what-it-takes"}));
  EXPECT_THAT(run.err, HasSubstr("run 5 stored in"));

  // The simulate run is exactly `truce simulate`'s result; its headline quotes its own curve.
  const auto simulate = run_command(truce_binary() + " simulate " + fixture() + " --format json --no-store");
  ASSERT_EQ(simulate.exit_code, 0) << simulate.err;
  const auto alone = nlohmann::json::parse(simulate.out);
  const auto stored = run_command(truce_binary() + " runs export 3 --store '" + store.string() + "'");
  const auto result = nlohmann::json::parse(stored.out).at("result");
  EXPECT_EQ(result, alone);
  const auto& headline = result.at("headline");
  EXPECT_EQ(headline.at(0).at("name"), "p_ceasefire_by_12");
  EXPECT_EQ(headline.at(0).at("value"), result.at("ceasefire_by_month").at(12).at("probability"));
  EXPECT_EQ(headline.at(1).at("name"), "p_ceasefire_by_36");  // the default horizon
  EXPECT_EQ(headline.at(1).at("value"), result.at("probability_of_ceasefire"));
  EXPECT_EQ(headline.at(3).at("value"), result.at("blocking").at("constraints").at(0).at("constraint"));
  for (int id = 1; id <= 5; ++id) {
    const auto rerun = run_command(truce_binary() + " runs rerun " + std::to_string(id) + " --store '" + store.string() + "'");
    EXPECT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
  }

  const auto none = run_command(truce_binary() + " report " + fixture() + " -o '" + out.string() + "' --no-store");
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_THAT(none.err, ::testing::Not(HasSubstr("stored in")));
  const auto both = run_command(truce_binary() + " report " + fixture() + " -o '" + out.string() + "' --no-store --store x.db");
  EXPECT_EQ(both.exit_code, 2);
  fs::remove_all(out.parent_path());
}

TEST(ReportCommand, InvalidScenarioWritesNothing) {
  const fs::path bad = scratch("bad.yaml");
  std::ofstream(bad) << "truce: 1\nname: [unclosed\n";
  const fs::path out = scratch("never.html");
  const auto run = run_command(truce_binary() + " report '" + bad.string() + "' -o '" + out.string() + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("bad.yaml:"));
  EXPECT_FALSE(fs::exists(out));
  fs::remove_all(out.parent_path());
}

TEST(ReportCommand, UnwritableOutputFailsWithoutAPartialFile) {
  if (!has_chart_libraries()) GTEST_SKIP() << "node_modules missing: run scripts/setup-report.sh";
  const auto run = run_command(truce_binary() + " report " + fixture() + " -o /nonexistent-dir/report.html");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("cannot write /nonexistent-dir/"));
}

TEST(ReportCommand, MissingChartLibrariesNameTheInstallCommand) {
  // A copy of the binary outside the source tree, with TRUCE_NODE_MODULES pointing nowhere.
  const fs::path copy = scratch("truce");
  fs::copy_file(TRUCE_BINARY, copy, fs::copy_options::overwrite_existing);
  const fs::path out = scratch("r.html");
  const auto run = run_command("TRUCE_NODE_MODULES=/nonexistent '" + copy.string() + "' report " + fixture() + " -o '" +
                               out.string() + "'");
  fs::path source_modules = fs::path(TRUCE_SOURCE_DIR) / "node_modules";
  if (run.exit_code == 0) {
    // The binary also looks in the source dir it was compiled from, when the compiler saw
    // absolute paths; then the libraries are found there, which is correct too.
    EXPECT_TRUE(fs::exists(source_modules));
  } else {
    EXPECT_EQ(run.exit_code, 5);
    EXPECT_THAT(run.err, HasSubstr("scripts/setup-report.sh"));
    EXPECT_FALSE(fs::exists(out));
  }
  fs::remove_all(out.parent_path());
}
