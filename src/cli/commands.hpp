#pragma once
// Each `truce` subcommand lives in its own file and registers itself on the app here.
// A command's callback returns the process exit code through CommandResult.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "truce/core/scenario.hpp"

namespace truce::cli {

// Exit codes, as documented in `truce --help`.
inline constexpr int exit_ok = 0;
inline constexpr int exit_invalid_input = 1;
inline constexpr int exit_usage = 2;

// Where a command stores its exit code (callbacks cannot return one).
int& exit_code();

// Loads a scenario, printing every diagnostic to stderr; when it did not load, sets the exit
// code to exit_invalid_input and returns nullopt.
std::optional<Scenario> load_scenario_or_report(const std::string& path);

void add_validate_command(CLI::App& app);
void add_show_command(CLI::App& app);
void add_forecast_command(CLI::App& app);
void add_runs_command(CLI::App& app);
void add_space_command(CLI::App& app);
void add_simulate_command(CLI::App& app);
void add_levers_command(CLI::App& app);
void add_what_it_takes_command(CLI::App& app);
void add_report_command(CLI::App& app);

}  // namespace truce::cli
