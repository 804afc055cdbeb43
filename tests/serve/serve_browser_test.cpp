// The explorer in a real browser (tests/serve/browser_check.mjs): Debian's Chromium driven by
// playwright-core moves the reference scenario's territorial red line until a deal opens and
// checks the page's answer against `truce space` on the same what-if. Skipped, saying why,
// only when Chromium, node or the npm packages are not installed (scripts/setup-report.sh).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "../support/run_command.hpp"

namespace fs = std::filesystem;

namespace {

fs::path source_dir() { return TRUCE_SOURCE_DIR; }

std::string chromium() {
  const char* env = std::getenv("TRUCE_CHROMIUM");
  return env && *env ? env : "/usr/bin/chromium";
}

std::string missing_browser_tools() {
  if (::access(chromium().c_str(), X_OK) != 0) return chromium() + " is not installed (scripts/setup-report.sh)";
  if (truce::testing::run_command("node --version").exit_code != 0) return "node is not on PATH";
  for (const char* p : {"playwright-core/package.json", "vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js",
                        "vega-embed/build/vega-embed.min.js"})
    if (!fs::exists(source_dir() / "node_modules" / p)) return p + std::string(" is missing (scripts/setup-report.sh)");
  return "";
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST(ServeInBrowser, MovingTheTerritorialRedLineOpensTheDealTheCliFinds) {
  if (const auto why = missing_browser_tools(); !why.empty()) GTEST_SKIP() << "browser check skipped: " << why;
  const char* env = std::getenv("TRUCE_REPORT_ARTIFACTS");
  const fs::path work = (env && *env ? fs::path(env) : fs::temp_directory_path() / "truce-serve-test");
  const auto r = truce::testing::run_command("node " + quoted(source_dir() / "tests/serve/browser_check.mjs") + " " +
                                             quoted(TRUCE_BINARY) + " " +
                                             quoted(source_dir() / "scenarios/ukraine-ceasefire-2025.yaml") + " " +
                                             quoted(work));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}
