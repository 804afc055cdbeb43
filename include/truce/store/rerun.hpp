#pragma once
// Rerunning a stored run: reload its scenario from the stored canonical JSON, run the analysis
// it names with its stored options, and say whether the new result is byte for byte the
// stored one, or why not.

#include <functional>
#include <optional>
#include <string>

#include "truce/analysis/analysis.hpp"
#include "truce/store/run_store.hpp"

namespace truce {

// How analyses are found by name: truce::find_analysis in the CLI, a fake in tests.
using AnalysisLookup = std::function<const Analysis*(const std::string& name)>;

enum class RerunOutcome {
  identical,           // same result bytes
  different,           // ran, but the result differs (first_difference says where)
  unknown_analysis,    // this truce has no analysis of that name
  scenario_unreadable, // the stored scenario does not load (or not to the same canonical bytes)
  analysis_failed,     // the analysis threw
};

struct RerunReport {
  RerunOutcome outcome = RerunOutcome::identical;
  std::string stored_version;       // truce version that made the stored run
  std::string current_version;      // this truce's version
  std::optional<std::string> first_difference;  // JSON Pointer, when outcome is different
  // Where completing the stored options with this truce's defaults changed them (the
  // analysis gained or changed an option since), as a JSON Pointer; the rerun uses the
  // completed options.
  std::optional<std::string> options_difference;
  std::string new_result_json;      // canonical text, when the analysis ran
  std::string detail;               // why, in a sentence, when not identical

  bool same_version() const { return stored_version == current_version; }
};

RerunReport rerun(const StoredRun& run, const AnalysisLookup& lookup);

// One paragraph for a person: the outcome and, where the versions differ, that fact.
std::string describe(const RerunReport& report, std::int64_t run_id);

}  // namespace truce
