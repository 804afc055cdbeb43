#include "truce/store/rerun.hpp"

#include <fmt/format.h>

#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"
#include "truce/store/json_diff.hpp"
#include "truce/version.hpp"

namespace truce {

namespace {

// Fields an earlier truce wrote and this one no longer does, by analysis: a run stored before
// the change still reruns identically once they are set aside. levers and what-it-takes echoed
// --threads into their options and results until 0.2, space into its options (it is not part
// of a result's identity; the space result never held it).
struct RetiredField {
  const char* command;
  const char* in_options;  // JSON pointer in the stored options
  const char* in_result;   // JSON pointer in the stored result
};
constexpr RetiredField retired_fields[] = {
    {"levers", "/threads", "/options/threads"},
    {"what-it-takes", "/threads", "/options/threads"},
    {"space", "/threads", nullptr},
};

nlohmann::json without(nlohmann::json value, const char* pointer) {
  const nlohmann::json::json_pointer p(pointer);
  if (value.contains(p)) value[p.parent_pointer()].erase(p.back());
  return value;
}

}  // namespace

RerunReport rerun(const StoredRun& run, const AnalysisLookup& lookup) {
  RerunReport report;
  report.stored_version = run.truce_version;
  report.current_version = truce::version;

  const Analysis* analysis = lookup ? lookup(run.command) : nullptr;
  if (!analysis) {
    report.outcome = RerunOutcome::unknown_analysis;
    report.detail = fmt::format("this truce ({}) has no analysis named '{}'", report.current_version, run.command);
    return report;
  }

  // The canonical JSON is YAML of the scenario schema, so the scenario loader reads it back.
  std::optional<Scenario> scenario;
  try {
    scenario = parse_scenario_yaml(run.scenario_json, fmt::format("run {} scenario", run.id));
  } catch (const InputError& e) {
    report.outcome = RerunOutcome::scenario_unreadable;
    report.detail = "the stored scenario does not load in this truce: " +
                    (e.diagnostics().empty() ? std::string(e.what()) : format_diagnostic(e.diagnostics().front()));
    return report;
  } catch (const std::exception& e) {
    // Whatever else the loader throws on text it did not write, the answer is the same.
    report.outcome = RerunOutcome::scenario_unreadable;
    report.detail = std::string("the stored scenario does not load in this truce: ") + e.what();
    return report;
  }
  if (canonical_scenario_json(*scenario) != run.scenario_json) {
    // This truce reads the same text into a different scenario: its scenario format changed.
    const auto where = first_difference(run.scenario_value, scenario_to_json(*scenario));
    report.outcome = RerunOutcome::scenario_unreadable;
    report.detail = fmt::format("the stored scenario loads into a different canonical form in this truce (first at {})",
                                where.value_or("/"));
    return report;
  }

  nlohmann::json result;
  try {
    // Stored options were complete when recorded; completing them again shows whether this
    // truce's analysis has options the stored run did not know.
    auto stored_options = run.options();
    for (const auto& f : retired_fields)
      if (run.command == f.command) stored_options = without(std::move(stored_options), f.in_options);
    const auto options = analysis->complete_options(*scenario, stored_options);
    report.options_difference = first_difference(stored_options, options);
    result = analysis->run(*scenario, options);
  } catch (const std::exception& e) {
    report.outcome = RerunOutcome::analysis_failed;
    report.detail = fmt::format("the analysis '{}' failed: {}", run.command, e.what());
    return report;
  }
  report.new_result_json = canonical_json_text(result);
  std::string stored_result_json = run.result_json;
  nlohmann::json stored_result = run.result();
  bool retired = false;
  for (const auto& f : retired_fields)
    if (run.command == f.command && f.in_result && stored_result.contains(nlohmann::json::json_pointer(f.in_result))) {
      stored_result = without(std::move(stored_result), f.in_result);
      retired = true;
    }
  if (retired) stored_result_json = canonical_json_text(stored_result);
  if (report.new_result_json == stored_result_json) {
    report.outcome = RerunOutcome::identical;
    return report;
  }
  report.outcome = RerunOutcome::different;
  report.first_difference = first_difference(run.result(), result);
  report.detail = report.first_difference
                      ? fmt::format("the new result differs from the stored one, first at {}", *report.first_difference)
                      : std::string("the new result differs from the stored one in its bytes only");
  return report;
}

std::string describe(const RerunReport& report, std::int64_t run_id) {
  std::string text;
  switch (report.outcome) {
    case RerunOutcome::identical:
      text = fmt::format("run {}: identical: the new result is byte for byte the stored one", run_id);
      break;
    case RerunOutcome::different:
      text = fmt::format("run {}: different: {}", run_id, report.detail);
      break;
    case RerunOutcome::unknown_analysis:
    case RerunOutcome::scenario_unreadable:
    case RerunOutcome::analysis_failed:
      text = fmt::format("run {}: not rerun: {}", run_id, report.detail);
      break;
  }
  if (report.options_difference)
    text += fmt::format("\nnote: this truce completes the stored options differently (first at {})",
                        *report.options_difference);
  if (!report.same_version())
    text += fmt::format("\nnote: run {} was made by truce {}; this is truce {}{}", run_id, report.stored_version,
                        report.current_version,
                        report.outcome == RerunOutcome::identical ? ""
                                                                  : ", so the difference may come from changes in truce");
  return text + "\n";
}

}  // namespace truce
