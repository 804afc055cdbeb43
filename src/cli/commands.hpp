#pragma once
// Each `truce` subcommand lives in its own file and registers itself on the app here.
// A command's callback returns the process exit code through CommandResult.

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <optional>
#include <string>

#include "exit_status.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/core/scenario.hpp"

namespace truce::cli {


// A whole number >= 0 as typed: CLI11 would read "-1" into an unsigned option as 2^64 - 1.
inline const CLI::Validator whole_number{
    [](const std::string& text) -> std::string {
      if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        return "expected a whole number >= 0, found '" + text + "'";
      return {};
    },
    "WHOLE", "whole number"};

// Where a command stores its exit code (callbacks cannot return one).
int& exit_code();

// Loads a scenario, printing every diagnostic to stderr; when it did not load, sets the exit
// code to exit_invalid_input and returns nullopt.
std::optional<Scenario> load_scenario_or_report(const std::string& path);

// Prints the problems of an input (capped, with a count of the rest) to `err`.
void print_input_error(const InputError& e, std::ostream& err);

// Flushes standard output; when a write failed (disk full, closed pipe) says so on `err` and
// returns false, so the command neither claims success nor records the run as delivered.
bool standard_output_delivered(std::ostream& err);

void add_validate_command(CLI::App& app);
void add_show_command(CLI::App& app);
void add_forecast_command(CLI::App& app);
void add_runs_command(CLI::App& app);
void add_space_command(CLI::App& app);
void add_simulate_command(CLI::App& app);
void add_policies_command(CLI::App& app);
void add_levers_command(CLI::App& app);
void add_what_it_takes_command(CLI::App& app);
void add_report_command(CLI::App& app);
void add_schema_command(CLI::App& app);
void add_backtest_command(CLI::App& app);
void add_timeline_command(CLI::App& app);  // timeline_command.cpp, with compare
void add_compare_command(CLI::App& app);
void add_negotiate_command(CLI::App& app);
void add_tournament_command(CLI::App& app);
void add_serve_command(CLI::App& app);  // serve_command.cpp: the browser explorer

}  // namespace truce::cli
