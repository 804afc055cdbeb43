#pragma once
// Recording analysis runs in the run store (docs/run-store.md), for every analysis command.
// How an analysis command uses it:
//
//   auto store = add_store_options(*cmd);                     // --store PATH, --no-store
//   cmd->callback([=] {
//     ... load the scenario, complete the options, run, print the result ...
//     const int stored = record_run(*store, "forecast", scenario, file, options, result);
//     if (exit_code() == exit_ok) exit_code() = stored;
//   });
//
// A run that cannot be stored does not hide the analysis: its output is printed as usual,
// the error goes to stderr, and the command exits with exit_store_error so that a script
// relying on the store notices that this run is missing from it.

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "commands.hpp"
#include "truce/core/scenario.hpp"

namespace truce::cli {

struct StoreOptions {
  std::string path;       // --store; empty = the default path
  bool no_store = false;  // --no-store
};

// Adds --budget SECONDS (the work budget, truce/core/work_budget.hpp) to a command.
void add_budget_option(CLI::App& command);

// Adds --store PATH and --no-store, and --budget, to an analysis command.
std::shared_ptr<StoreOptions> add_store_options(CLI::App& command);

// Adds only --store PATH (for `truce runs ...`, which read a store).
std::shared_ptr<StoreOptions> add_store_path_option(CLI::App& command);

// The store file to use: --store, or $XDG_DATA_HOME/truce/runs.db, or
// ~/.local/share/truce/runs.db. Prints why to `err` and returns nullopt when there is none.
std::optional<std::string> store_path(const StoreOptions& options, std::ostream& err);

// Records a finished run (unless --no-store) and prints "run N stored in PATH" to `err`.
// Returns exit_ok, or exit_store_error after printing a clear error to `err`.
// `options` must be complete (Analysis::complete_options).
int record_run(const StoreOptions& store, const std::string& command, const Scenario& scenario,
               const std::string& scenario_path, const nlohmann::json& options, const nlohmann::json& result,
               std::ostream& err);
int record_run(const StoreOptions& store, const std::string& command, const Scenario& scenario,
               const std::string& scenario_path, const nlohmann::json& options, const nlohmann::json& result);

}  // namespace truce::cli
