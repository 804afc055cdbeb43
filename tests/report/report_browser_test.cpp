// The report as a reader sees it: opened in headless Chromium (Debian's chromium driven by
// playwright-core, tests/report/browser_check.mjs), with no console error, no network
// request, every chart drawn with its marks, no overlapping text, tooltips on hover, the
// save-as PNG/SVG menu, and one colour per actor across charts. Skipped, saying why, only
// when Chromium, node or the npm packages are not installed (scripts/setup-report.sh
// installs them). Screenshots go to $TRUCE_REPORT_ARTIFACTS or <tmp>/truce-report-test.

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../support/run_command.hpp"
#include "report_fixture.hpp"
#include "truce/report/chart_assets.hpp"
#include "truce/report/report.hpp"
#include "truce/version.hpp"

namespace fs = std::filesystem;
using truce::testing::run_command;

namespace {

fs::path source_dir() { return TRUCE_SOURCE_DIR; }
fs::path node_modules() { return source_dir() / "node_modules"; }

std::string chromium() {
  const char* env = std::getenv("TRUCE_CHROMIUM");
  return env && *env ? env : "/usr/bin/chromium";
}

// Why the browser test cannot run here, or "" when it can.
std::string missing_browser_tools() {
  if (::access(chromium().c_str(), X_OK) != 0) return chromium() + " is not installed (scripts/setup-report.sh installs Debian's chromium)";
  if (run_command("node --version").exit_code != 0) return "node is not on PATH";
  for (const char* p : {"playwright-core/package.json", "vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js",
                        "vega-embed/build/vega-embed.min.js"})
    if (!fs::exists(node_modules() / p))
      return (node_modules() / p).string() + " is missing (run scripts/setup-report.sh: npm ci)";
  return "";
}

fs::path artifacts() {
  const char* env = std::getenv("TRUCE_REPORT_ARTIFACTS");
  fs::path dir = env && *env ? fs::path(env) : fs::temp_directory_path() / "truce-report-test";
  fs::create_directories(dir);
  return dir;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

truce::testing::CommandOutput browser_check(const fs::path& html, const fs::path& png) {
  return run_command("node " + quoted(source_dir() / "tests/report/browser_check.mjs") + " " + quoted(html) + " " + quoted(png));
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

#define SKIP_WITHOUT_BROWSER()                                         \
  do {                                                                 \
    if (const auto why = missing_browser_tools(); !why.empty())        \
      GTEST_SKIP() << "browser check skipped: " << why;                \
  } while (0)

TEST(ReportInBrowser, EveryChartOfTheReportOfRealRunsRendersWithoutErrors) {
  SKIP_WITHOUT_BROWSER();
  truce::report::ReportContext context{truce::version, "tests/report/fixtures/talks.yaml",
                                       truce::report::find_chart_assets({node_modules()})};
  for (const bool deal : {true, false}) {
    const std::string name = deal ? "deal" : "no-deal";
    const fs::path html = artifacts() / ("report-" + name + ".html");
    const fs::path png = artifacts() / ("report-" + name + ".png");
    write(html, truce::report::render_report(truce::testing::fixture_scenario(), truce::testing::all_runs(deal), context));
    const auto check = browser_check(html, png);
    EXPECT_EQ(check.exit_code, 0) << check.err << check.out;
    // 6 charts: forecast eum and smp, space (frontier, or the packages blocking sets would
    // open), simulate, levers, the scenario's stances.
    EXPECT_NE(check.out.find("\"charts\":6"), std::string::npos) << check.out;
    EXPECT_NE(check.out.find("\"tooltips\":6"), std::string::npos) << check.out;
    EXPECT_EQ(check.out.find("\"legendChecks\":0"), std::string::npos) << check.out;
    EXPECT_TRUE(fs::exists(png) && fs::file_size(png) > 10000) << png;
  }
}

TEST(ReportInBrowser, TheCommandWritesAReportThatRendersAndAPdf) {
  SKIP_WITHOUT_BROWSER();
  const fs::path html = artifacts() / "cli-report.html";
  const fs::path pdf = artifacts() / "cli-report.pdf";
  fs::remove(html);
  fs::remove(pdf);
  const auto run = run_command(truce::testing::truce_binary() + " report " +
                               quoted(source_dir() / "tests/report/fixtures/talks.yaml") + " -o " + quoted(html) +
                               " --pdf " + quoted(pdf));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto check = browser_check(html, artifacts() / "cli-report.png");
  EXPECT_EQ(check.exit_code, 0) << check.err << check.out;
  // talks.yaml has a dynamics section, so every analysis of the registry runs and draws:
  // forecast (eum and smp trajectories), space, simulate, levers and the scenario's stances
  // levers' Sobol indices beside it, and what-it-takes (each lever searched, over its range).
  EXPECT_NE(check.out.find("\"charts\":8"), std::string::npos) << check.out;
  std::ifstream in(pdf, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
  EXPECT_GT(fs::file_size(pdf), 20000u);
}

// Hardening item 7: a '#' in the folder once cut the file:// URL short, so Chromium printed
// another file (or, with '%', failed).
TEST(ReportInBrowser, APdfInAFolderWithHashAndPercentIsTheReport) {
  SKIP_WITHOUT_BROWSER();
  const fs::path dir = artifacts() / "a#b%20c";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto run = run_command(truce::testing::truce_binary() + " report " +
                               quoted(source_dir() / "tests/data/scenarios/two-issues.yaml") + " -o " +
                               quoted(dir / "r.html") + " --pdf " + quoted(dir / "r.pdf"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::ifstream in(dir / "r.pdf", std::ios::binary);
  const std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  // Only the two outputs are left: no temporary folder, no Chromium profile.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"r.html", "r.pdf"}));
}

// Hardening item 12: Ctrl-C while Chromium prints kills Chromium's processes and removes the
// temporary PDF and profile; truce ends with the shell's status for SIGINT (130).
TEST(ReportInBrowser, InterruptingThePdfLeavesNoDebrisAndNoChromium) {
  SKIP_WITHOUT_BROWSER();
  const fs::path dir = artifacts() / "interrupted";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The shell waits until the temporary folder exists (Chromium is starting), then interrupts.
  const fs::path script = artifacts() / "interrupt.sh";
  // set -m: without job control, bash starts a background command with SIGINT ignored.
  write(script, "set -m\n" + truce::testing::truce_binary() + " report " + quoted(source_dir() / "tests/report/fixtures/talks.yaml") +
                    " -o " + quoted(dir / "r.html") + " --pdf " + quoted(dir / "r.pdf") + " & pid=$!\n" +
                    "for i in $(seq 1 600); do ls -a " + quoted(dir) +
                    " | grep -q '^[.]r[.]pdf[.]truce-' && break; sleep 0.05; done\n" +
                    "sleep 1; kill -INT $pid; wait $pid; echo \"status $?\"\n");
  const auto run = run_command("bash " + quoted(script));
  EXPECT_NE(run.out.find("status 130"), std::string::npos) << run.out << run.err;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"r.html"});  // the HTML was complete before Chromium started
  // No Chromium of this run survives (its profile lived in the removed folder).
  // (The bracket keeps the pattern from matching the shell that runs pgrep.)
  const auto left = run_command("pgrep -f 'user-data-dir=[^ ]*interrupte[d]/' | wc -l");
  EXPECT_EQ(left.out, "0\n");
}

// The reference report on paper: the analysis fits 16 A4 pages before the appendix (page one,
// the answer, takes 2, the negotiation section 4), and the print layout passes the browser check (no
// overflow, no truncation, notes open, no hover text), the negotiation section's charts
// included. The PDF is turned into PNG pages (Debian's pdftoppm), as a reader would see them.
TEST(ReportInBrowser, TheReferenceReportFitsSixteenPagesBeforeTheAppendix) {
  SKIP_WITHOUT_BROWSER();
  if (run_command("pdftoppm -v").exit_code != 0) GTEST_SKIP() << "needs pdftoppm (Debian's poppler-utils)";
  const fs::path dir = artifacts() / "reference";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto run = run_command(truce::testing::truce_binary() + " report " +
                               quoted(source_dir() / "scenarios/ukraine-ceasefire-2025.yaml") + " -o " +
                               quoted(dir / "report.html") + " --pdf " + quoted(dir / "report.pdf") + " --no-store");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The negotiation section's two charts are in it, with the marks the browser check requires.
  std::ifstream report_in(dir / "report.html", std::ios::binary);
  const std::string report((std::istreambuf_iterator<char>(report_in)), std::istreambuf_iterator<char>());
  const auto negotiation = report.find("<section id=\"analysis-negotiate\"");
  ASSERT_NE(negotiation, std::string::npos);
  EXPECT_NE(report.find("data-expect-marks=\"symbol line\"", negotiation), std::string::npos);
  EXPECT_NE(report.find("data-expect-marks=\"line symbol rule\"", negotiation), std::string::npos);
  const auto check = browser_check(dir / "report.html", dir / "screen.png");
  EXPECT_EQ(check.exit_code, 0) << check.err << check.out;
  ASSERT_EQ(run_command("pdftoppm -r 30 -png " + quoted(dir / "report.pdf") + " " + quoted(dir / "page")).exit_code, 0);
  std::size_t pages = 0;
  for (const auto& e : fs::directory_iterator(dir)) pages += e.path().filename().string().rfind("page-", 0) == 0;
  ASSERT_GT(pages, 0u);
  // The first page whose text begins with the appendix heading.
  std::size_t appendix = 0;
  for (std::size_t p = 1; p <= pages && !appendix; ++p) {
    const auto text = run_command(fmt::format("pdftotext -f {0} -l {0} {1} -", p, quoted(dir / "report.pdf")));
    if (text.out.rfind("Appendix", 0) == 0) appendix = p;
  }
  ASSERT_GT(appendix, 1u) << "no page begins with the heading \"Appendix\"";
  // Page one, the answer, stays within two sheets: the first analysis section starts on the third.
  const auto third = run_command(fmt::format("pdftotext -f 3 -l 3 {} -", quoted(dir / "report.pdf")));
  EXPECT_EQ(third.out.rfind("Forecast: where each issue settles", 0), 0u) << third.out.substr(0, 200);
  EXPECT_LE(appendix - 1, 16u) << "the analysis takes " << appendix - 1 << " pages before the appendix";
}
