// `truce`: the command line. Thin: parses options, calls the engine, prints.

#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/version.hpp"

namespace truce::cli {

int& exit_code() {
  static int code = exit_ok;
  return code;
}

std::optional<Scenario> load_scenario_or_report(const std::string& path) {
  try {
    return load_scenario_file(path);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << format_diagnostic(d) << '\n';
    std::cerr << fmt::format("{}: {} problem{} found; nothing was loaded\n", path, e.diagnostics().size(),
                             e.diagnostics().size() == 1 ? "" : "s");
    exit_code() = exit_invalid_input;
    return std::nullopt;
  }
}

}  // namespace truce::cli

int main(int argc, char** argv) {
  using namespace truce::cli;
  CLI::App app{"truce: models multi-party, multi-issue negotiations and forecasts how they end.", "truce"};
  app.set_version_flag("--version", std::string("truce ") + truce::version, "Print the version and exit");
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success, 1 invalid input (every problem is printed with file:line:column), "
      "2 bad command line, 3 `runs rerun` did not reproduce the stored result, 4 the run store could not "
      "be used (the analysis output was still printed), 5 a tool the report needs (chart libraries, Chromium) "
      "is missing.\nRun 'truce COMMAND --help' for a command's options.");
  add_validate_command(app);
  add_show_command(app);
  add_forecast_command(app);
  add_space_command(app);
  add_simulate_command(app);
  add_levers_command(app);
  add_what_it_takes_command(app);
  add_report_command(app);
  add_runs_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  return exit_code();
}
