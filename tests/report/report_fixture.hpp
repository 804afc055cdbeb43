#pragma once
// The report tests' inputs: the fixture scenario (tests/report/fixtures/talks.yaml, four
// actors, four issues, a dynamics section) and the analyses run on it through the registry,
// with options small enough to be fast. Each run is made once per test binary.

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "truce/analysis/analysis.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/report/report.hpp"

namespace truce::testing {

inline std::filesystem::path report_fixtures() {
  return std::filesystem::path(TRUCE_SOURCE_DIR) / "tests" / "report" / "fixtures";
}

inline const Scenario& fixture_scenario() {
  static const Scenario scenario = load_scenario_file((report_fixtures() / "talks.yaml").string());
  return scenario;
}

// The analysis `name` run on talks.yaml through the registry, as `truce report` runs it
// (kept for the test binary's life).
inline const report::AnalysisRun& real_run(const std::string& name, const nlohmann::json& options) {
  static std::map<std::string, report::AnalysisRun> made;
  const std::string key = name + options.dump();
  if (const auto it = made.find(key); it != made.end()) return it->second;
  const Analysis* analysis = find_analysis(name);
  report::AnalysisRun run;
  run.name = name;
  run.description = analysis->description;
  run.options = analysis->complete_options(fixture_scenario(), options);
  run.result = analysis->typed_run(fixture_scenario(), run.options);
  return made[key] = run;
}

// Options of the runs below. With these reservation values no package is in the ZOPA.
inline nlohmann::json no_deal_space_options() { return {{"reservation", {{"north", 0.75}, {"south", 0.6}}}}; }
inline nlohmann::json simulate_options() { return {{"months", 24}, {"runs", 400}, {"seed", 7}}; }
inline nlohmann::json levers_options() { return {{"target", "zopa_size"}, {"methods", {"tornado"}}}; }
inline nlohmann::json what_it_takes_options() { return {{"goal", "zopa nonempty"}, {"levers", {"red_line_*"}}}; }

// Every analysis the report draws, plus one that failed. `deal`: the space with the
// scenario's reservation values (a ZOPA exists), else no_deal_space_options().
inline std::vector<report::AnalysisRun> all_runs(bool deal = true) {
  std::vector<report::AnalysisRun> runs = {
      real_run("forecast", nlohmann::json::object()),
      real_run("space", deal ? nlohmann::json::object() : no_deal_space_options()),
      real_run("simulate", simulate_options()),
      real_run("levers", levers_options()),
  };
  report::AnalysisRun failed;
  failed.name = "what-it-takes";
  failed.description = "an analysis that throws";
  failed.options = {{"seed", 3}};
  failed.error = "options do not fit: \"horizon\" must be > 0 & < 120";
  runs.push_back(failed);
  return runs;
}

// The reference scenario (scenarios/ukraine-ceasefire-2025.yaml), loaded once per test binary.
inline const Scenario& reference_scenario() {
  static const Scenario scenario =
      load_scenario_file((std::filesystem::path(TRUCE_SOURCE_DIR) / "scenarios" / "ukraine-ceasefire-2025.yaml").string());
  return scenario;
}

// Every variant of the reference scenario's negotiation section with its trace, as the report
// runs them (negotiate::scenario_negotiations; about 1 s), run once per test binary.
inline const std::vector<negotiate::NamedNegotiation>& reference_negotiations() {
  static const std::vector<negotiate::NamedNegotiation> all = negotiate::scenario_negotiations(reference_scenario());
  return all;
}

inline report::ChartAssets stub_assets() { return {"/*vega*/", "/*vega-lite*/", "/*vega-embed*/"}; }

}  // namespace truce::testing
