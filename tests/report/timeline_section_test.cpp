// The report's "How the picture changed" section (src/report/timeline_section.cpp) on the
// reference scenario's timeline: its two charts, each point with the revisions behind it and
// their quotes; and, where Chromium and the chart libraries are installed, the charts drawn.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../support/run_command.hpp"
#include "report_fixture.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/report/chart_assets.hpp"
#include "truce/report/report.hpp"
#include "truce/version.hpp"

namespace fs = std::filesystem;

namespace truce {
namespace {

const Scenario& reference() {
  static const Scenario s = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  return s;
}

std::vector<report::AnalysisRun> timeline_run() {
  const Analysis* analysis = find_analysis("timeline");
  report::AnalysisRun run;
  run.name = "timeline";
  run.description = analysis->description;
  run.options = analysis->complete_options(reference(), {{"runs", 500}});
  run.result = analysis->typed_run(reference(), run.options);
  return {run};
}

std::string timeline_section(const std::string& html) {
  const auto from = html.find("<section id=\"analysis-timeline\"");
  if (from == std::string::npos) return "";
  return html.substr(from, html.find("</section>", from) - from);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(TimelineSection, ChartsTheAnswersByDateWithTheRevisionsAndTheirQuotes) {
  const std::string html =
      report::render_report(reference(), timeline_run(), {"9.9.9", "ukraine-ceasefire-2025.yaml", testing::stub_assets()});
  const std::string section = timeline_section(html);
  ASSERT_FALSE(section.empty());
  EXPECT_NE(section.find("How the picture changed"), std::string::npos);
  EXPECT_EQ(count(section, "<figure class=\"chart\">"), 2u);  // P(ceasefire) by date, forecasts by date
  // Five dates in the table (in the appendix, linked from the section); the Alaska row with its
  // two revisions and the op-ed's words.
  EXPECT_NE(section.find("href=\"#analysis-notes\""), std::string::npos);
  EXPECT_EQ(count(html, "<tr><td>2025-"), 5u);
  EXPECT_NE(html.find("Alaska summit: <b>russia.territory</b>: red line min four-oblasts -&gt; min donbas"), std::string::npos);
  EXPECT_NE(html.find("Putin showed flexibility by dropping Russia"), std::string::npos);
  // The chart's points carry what changed (a tooltip field).
  EXPECT_NE(section.find("russia.nato: red line min renounced"), std::string::npos);
}

// As in report_browser_test.cpp: skipped, saying why, where the browser tools are missing.
TEST(TimelineSection, ItsChartsRenderInTheBrowser) {
  const fs::path source = TRUCE_SOURCE_DIR;
  const char* chromium_env = std::getenv("TRUCE_CHROMIUM");
  const std::string chromium = chromium_env && *chromium_env ? chromium_env : "/usr/bin/chromium";
  if (::access(chromium.c_str(), X_OK) != 0) GTEST_SKIP() << chromium << " is not installed";
  if (testing::run_command("node --version").exit_code != 0) GTEST_SKIP() << "node is not on PATH";
  if (!fs::exists(source / "node_modules/playwright-core/package.json"))
    GTEST_SKIP() << "node_modules is missing (run scripts/setup-report.sh: npm ci)";
  const fs::path dir = fs::temp_directory_path() / "truce-report-test";
  fs::create_directories(dir);
  const fs::path html = dir / "report-timeline.html";
  {
    std::ofstream out(html);
    out << report::render_report(reference(), timeline_run(),
                                 {truce::version, "ukraine-ceasefire-2025.yaml", report::find_chart_assets({source / "node_modules"})});
  }
  const auto check = testing::run_command("node '" + (source / "tests/report/browser_check.mjs").string() + "' '" +
                                          html.string() + "' '" + (dir / "report-timeline.png").string() + "'");
  EXPECT_EQ(check.exit_code, 0) << check.err << check.out;
  // The timeline's two charts and the scenario section's.
  EXPECT_NE(check.out.find("\"charts\":3"), std::string::npos) << check.out;
}

}  // namespace
}  // namespace truce
