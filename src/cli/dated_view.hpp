#pragma once
// `--as-of DATE` and `--known-by DATE` (docs/timeline.md): every analysis command and `truce
// show` see the scenario as it stood on a day, with only what was published by a day. The
// flags set one process-wide view; load_scenario_or_report (main.cpp), the one place the CLI
// loads a scenario for an analysis, applies it, so every analysis gets it, and the scenario
// it hands on records the view (its canonical JSON, which the run store keeps, says as_of and
// known_by), so a rerun gives the same bytes.

#include <CLI/CLI.hpp>
#include <string>

#include "truce/core/scenario.hpp"

namespace truce::cli {

struct DatedView {
  std::string as_of;     // YYYY-MM-DD or empty
  std::string known_by;  // YYYY-MM-DD or empty
};

DatedView& dated_view();

// Adds --as-of and --known-by to a command (checked as calendar dates).
void add_dated_view_options(CLI::App& command);

// The scenario in the view the flags ask for (unchanged when none was given); says on stderr
// which revisions the view left out because their evidence came later.
Scenario apply_dated_view(Scenario scenario);

}  // namespace truce::cli
