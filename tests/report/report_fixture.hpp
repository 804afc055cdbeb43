#pragma once
// The report tests' inputs: the fixture scenario (tests/report/fixtures/talks.yaml) and
// hand-written results in the shapes docs/report.md documents, one file per analysis.

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "truce/io/scenario_file.hpp"
#include "truce/report/report.hpp"

namespace truce::testing {

inline std::filesystem::path report_fixtures() {
  return std::filesystem::path(TRUCE_SOURCE_DIR) / "tests" / "report" / "fixtures";
}

inline Scenario fixture_scenario() { return load_scenario_file((report_fixtures() / "talks.yaml").string()); }

inline nlohmann::json fixture_result(const std::string& file) {
  std::ifstream in(report_fixtures() / (file + ".json"));
  return nlohmann::json::parse(in);
}

inline report::AnalysisRun fixture_run(const std::string& name, const std::string& file,
                                       nlohmann::json options = nlohmann::json::object()) {
  report::AnalysisRun run;
  run.name = name;
  run.options = std::move(options);
  run.result = fixture_result(file);
  return run;
}

// Every analysis the report draws, as the fixtures have them, plus one with no dedicated
// renderer (negotiate) and one that failed.
inline std::vector<report::AnalysisRun> all_fixture_runs(const std::string& space_file = "space") {
  std::vector<report::AnalysisRun> runs = {
      fixture_run("forecast", "forecast", {{"models", {"eum", "smp", "compromise"}}, {"seed", 0}}),
      fixture_run("space", space_file, {{"weights", "equal"}}),
      fixture_run("simulate", "simulate", {{"months", 24}, {"runs", 2000}, {"seed", 7}}),
      fixture_run("levers", "levers", {{"outcome_month", 12}, {"seed", 7}}),
      fixture_run("negotiate", "negotiate", {{"protocol", "sao"}, {"deadline", 40}}),
  };
  report::AnalysisRun failed;
  failed.name = "broken";
  failed.description = "an analysis that throws";
  failed.options = {{"seed", 3}};
  failed.error = "options do not fit: \"horizon\" must be > 0 & < 120";
  runs.push_back(failed);
  return runs;
}

inline report::ChartAssets stub_assets() { return {"/*vega*/", "/*vega-lite*/", "/*vega-embed*/"}; }

}  // namespace truce::testing

namespace truce::testing {

// Results in the shapes the analyses really return: tests/report/fixtures/real/*.json are
// the JSON of `truce forecast|space|levers|what-it-takes FILE --format json` on talks.yaml
// (branch wip-levers at 54df2d6; levers with --target zopa_size --method tornado,
// what-it-takes with --goal "zopa nonempty" --levers 'red_line_*'; space-no-deal with
// --reservation north=0.75 --reservation south=0.6), and `truce simulate --runs 500` on the
// reference scenario (wip-dynamics at 198d6ea) with its ids renamed to talks.yaml's.
inline report::AnalysisRun real_run(const std::string& name, const std::string& file = "") {
  return fixture_run(name, "real/" + (file.empty() ? name : file));
}

inline std::vector<report::AnalysisRun> all_real_runs(const std::string& space_file = "space") {
  return {real_run("forecast"), real_run("space", space_file), real_run("simulate"), real_run("levers"),
          real_run("what-it-takes")};
}

}  // namespace truce::testing
