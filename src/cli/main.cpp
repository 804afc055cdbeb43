// `truce`: the command line. Thin: parses options, calls the engine, prints.

#include <fmt/format.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>

#include "commands.hpp"
#include "dated_view.hpp"
#include "interrupt.hpp"
#include "processes.hpp"
#include "terminal_progress.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/core/distributed.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/format/terminal_text.hpp"
#include "truce/io/output_file.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/version.hpp"

namespace truce::cli {

int& exit_code() {
  static int code = exit_ok;
  return code;
}

void print_input_error(const InputError& e, std::ostream& err) {
  for (const auto& d : e.diagnostics()) err << printable_for_terminal(format_diagnostic(d)) << '\n';
  if (e.omitted() > 0)
    err << fmt::format("... and {} more problem{} (only the first {} are shown)\n", e.omitted(),
                       e.omitted() == 1 ? "" : "s", e.diagnostics().size());
}

std::optional<Scenario> load_scenario_or_report(const std::string& path) {
  try {
    // --as-of / --known-by (dated_view.hpp) apply here, so every analysis sees the same view.
    return apply_dated_view(load_scenario_file(path));
  } catch (const InputError& e) {
    print_input_error(e, std::cerr);
    std::cerr << fmt::format("{}: {} problem{} found; nothing was loaded\n", printable_for_terminal(path), e.total(),
                             e.total() == 1 ? "" : "s");
    exit_code() = exit_invalid_input;
    return std::nullopt;
  }
}

}  // namespace truce::cli

namespace {

// Every failure ends here with a message and its documented exit status: nothing escapes as an
// abort, whatever a command, a library or the machine throws.
int run(int argc, char** argv) {
  using namespace truce::cli;
  CLI::App app{"truce: models multi-party, multi-issue negotiations and forecasts how they end.", "truce"};
  app.set_version_flag("--version", std::string("truce ") + truce::version + ", " + mpi_description(),
                       "Print the version (and whether this build runs under MPI) and exit");
  app.require_subcommand(1);
  app.footer(exit_status_help() + "\nRun 'truce COMMAND --help' for a command's options.");
  add_validate_command(app);
  add_show_command(app);
  add_forecast_command(app);
  add_space_command(app);
  add_simulate_command(app);
  add_policies_command(app);
  add_levers_command(app);
  add_what_it_takes_command(app);
  add_report_command(app);
  add_backtest_command(app);
  add_negotiate_command(app);
  add_tournament_command(app);
  add_schema_command(app);
  add_runs_command(app);
  add_timeline_command(app);
  add_compare_command(app);
  add_serve_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  // A command that printed its result must have delivered it (a full disk, a closed pipe).
  if (!standard_output_delivered(std::cerr) && exit_code() == exit_ok) return exit_output_error;
  return exit_code();
}

}  // namespace

static int run_and_report(int argc, char** argv) {
  using namespace truce::cli;
  // A failure whose message says it all: printed (terminal-safe) with its status.
  const auto failed = [](const std::exception& e, int status) {
    std::cerr << "truce: " << truce::printable_for_terminal(e.what()) << '\n';
    return status;
  };
  try {
    return run(argc, argv);
  } catch (const truce::FailedOnAnotherProcess&) {
    return exit_internal_error;  // reported by rank 0 (truce/core/distributed.hpp)
  } catch (const Interrupted&) {
    end_if_interrupted();
    return exit_internal_error;
  } catch (const truce::InputError& e) {
    print_input_error(e, std::cerr);
    return exit_invalid_input;
  } catch (const CommandFailure& e) {
    return failed(e, e.status());
  } catch (const truce::OutputError& e) {
    return failed(e, exit_output_error);
  } catch (const truce::WorkTooLarge& e) {
    return failed(e, exit_too_large);
  } catch (const std::bad_alloc&) {
    std::cerr << "truce: out of memory: the work asked for more memory than this machine has; "
                 "ask for less (fewer runs, samples or packages)\n";
    return exit_too_large;
  } catch (const std::exception& e) {
    std::cerr << "truce: internal error: " << truce::printable_for_terminal(e.what())
              << "\n(this is a bug in truce; please report it with the command that caused it)\n";
    return exit_internal_error;
  } catch (...) {
    std::cerr << "truce: internal error: an unknown exception\n";
    return exit_internal_error;
  }
}

int main(int argc, char** argv) {
  using namespace truce::cli;
  // Under mpirun: every rank runs the command; rank 0 alone prints (cli/processes.hpp).
  Processes processes(argc, argv);
  install_signal_handlers();
  if (processes.rank() == 0) show_progress_on_terminal();
  return processes.finish(run_and_report(argc, argv));
}
