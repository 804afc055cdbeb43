#include "run_recording.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "dated_view.hpp"
#include "truce/core/distributed.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/store/run_store.hpp"
#include "truce/store/store_path.hpp"

namespace truce::cli {

std::shared_ptr<StoreOptions> add_store_path_option(CLI::App& command) {
  auto options = std::make_shared<StoreOptions>();
  command.add_option("--store", options->path,
                     "Run store file (default $XDG_DATA_HOME/truce/runs.db, else ~/.local/share/truce/runs.db)");
  return options;
}

void add_budget_option(CLI::App& command) {
  command
      .add_option_function<double>(
          "--budget", [](const double& seconds) { set_work_budget_seconds(seconds); },
          fmt::format("Refuse work estimated to take longer than this many seconds (default {:.0f}; 0 = no limit); "
                      "the estimate is printed when it is refused",
                      default_work_budget_seconds))
      ->check(CLI::NonNegativeNumber);
}

std::shared_ptr<StoreOptions> add_store_options(CLI::App& command) {
  add_budget_option(command);
  add_dated_view_options(command);  // --as-of, --known-by: every analysis command has them
  auto options = add_store_path_option(command);
  auto* no_store = command.add_flag("--no-store", options->no_store, "Do not record this run in the run store");
  no_store->excludes(command.get_option("--store"));
  return options;
}

std::optional<std::string> store_path(const StoreOptions& options, std::ostream& err) {
  if (!options.path.empty()) return options.path;
  if (auto path = default_run_store_path()) return path;
  err << "error: no place for the run store: neither XDG_DATA_HOME nor HOME is an absolute folder; pass --store PATH "
         "(or --no-store)\n";
  return std::nullopt;
}

bool standard_output_delivered(std::ostream& err) {
  std::cout.flush();
  if (std::cout && std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
  err << fmt::format("truce: cannot write standard output: {}\n",
                     errno != 0 ? std::strerror(errno) : "the write failed");
  return false;
}

int record_run(const StoreOptions& store, const std::string& command, const Scenario& scenario,
               const std::string& scenario_path, const nlohmann::json& options, const nlohmann::json& result,
               std::ostream& err) {
  // Under mpirun every rank ran the command; rank 0 alone records it.
  if (process_rank() != 0) return exit_ok;
  // A run is recorded only once its output was delivered (not to a full disk or closed pipe).
  if (!standard_output_delivered(err)) return exit_output_error;
  if (store.no_store) return exit_ok;
  const auto path = store_path(store, err);
  if (!path) {
    err << "error: the run was not stored (its output above is complete)\n";
    return exit_store_error;
  }
  try {
    auto runs = RunStore::open_for_writing(*path);
    NewRun run;
    run.command = command;
    run.options = options;
    run.scenario_json = canonical_scenario_json(scenario);
    run.scenario_path = scenario_path;
    run.result = result;
    const auto id = runs.record(run);
    err << fmt::format("run {} stored in {}\n", id, *path);
    return exit_ok;
  } catch (const std::exception& e) {
    err << fmt::format("error: {}\nerror: the run was not stored (its output above is complete)\n", e.what());
    return exit_store_error;
  }
}

int record_run(const StoreOptions& store, const std::string& command, const Scenario& scenario,
               const std::string& scenario_path, const nlohmann::json& options, const nlohmann::json& result) {
  return record_run(store, command, scenario, scenario_path, options, result, std::cerr);
}

}  // namespace truce::cli
