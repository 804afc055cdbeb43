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
