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
  // dynamics included); none became a failure note. The backtest does not apply: no issue
  // states an outcome, and the report does not run it.
  const truce::Scenario talks = truce::load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/tests/report/fixtures/talks.yaml");
  for (const auto& analysis : truce::analyses()) {
    if (analysis.applies && !analysis.applies(talks)) {
      EXPECT_EQ(analysis.name, "backtest");
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
