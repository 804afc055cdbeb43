#pragma once
// The HTML report: one self-contained page an analyst can read and share. A pure function
// from the scenario and the analyses that were run (name, options, typed result, or the
// error that stopped one) to an HTML string. Reading files (the chart libraries) and
// running the analyses are the caller's job (src/cli/report_command.cpp).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "truce/analysis/analysis.hpp"
#include "truce/core/scenario.hpp"
#include "truce/report/chart_assets.hpp"

namespace truce::report {

// One analysis as it was run for the report.
struct AnalysisRun {
  std::string name;                    // the registry name, e.g. "forecast"
  std::string description;             // the registry's one line (may be empty)
  nlohmann::json options;              // complete options (every default written out)
  std::optional<AnalysisResult> result;  // nullopt when it failed
  std::string error;                   // why it failed (empty when it ran)
};

struct ReportContext {
  std::string truce_version;  // e.g. "0.1.0"
  std::string scenario_file;  // as given on the command line (shown, not read)
  ChartAssets assets;         // the JavaScript inlined into the page
};

// The whole page. Deterministic: same inputs, same bytes (no clock, no random ids).
std::string render_report(const Scenario& scenario, const std::vector<AnalysisRun>& runs,
                          const ReportContext& context);

// One analysis' section on its own, as the report renders it: the title, the body (HTML with
// its charts as <figure>s, each holding its Vega-Lite spec in a <script type="application/json">,
// chart ids numbered from 1) and the summary lines page one would show. For a front end that
// shows the answers one analysis at a time (the browser explorer, truce serve); `run` has a result.
struct AnalysisSection {
  std::string title;
  std::string html;
  std::vector<std::string> summary;  // HTML
};
AnalysisSection render_analysis_section(const Scenario& scenario, const AnalysisRun& run);

// The options the report runs an analysis with (before the analysis completes them with its
// defaults): {} for most; what an analysis cannot run without otherwise, chosen to answer
// the report's questions: levers -> the tornado of the probability of a ceasefire within
// 12 months when the scenario has a war (dynamics), else of the size of the zone of
// possible agreement; what-it-takes -> the smallest change of red lines that opens one.
nlohmann::json report_options(const Scenario& scenario, const std::string& analysis_name);

// The analyses the report expects and what each one answers; used to say plainly in the
// summary what is not yet available.
struct ExpectedAnalysis {
  std::string name;
  std::string answers;  // e.g. "whether a deal exists now"
};
const std::vector<ExpectedAnalysis>& expected_analyses();

}  // namespace truce::report
