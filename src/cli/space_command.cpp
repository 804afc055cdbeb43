// `truce space FILE [PROFILE...]`: the space of agreements of a scenario, or of a GENIUS
// domain with its utility profiles: ZOPA, Pareto frontier, Nash / Kalai-Smorodinsky /
// max-welfare points, and the red lines / reservation values that empty the ZOPA.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/io/genius_xml.hpp"
#include "truce/io/output_file.hpp"
#include "truce/space/space_report.hpp"

namespace truce::cli {

namespace {

struct SpaceArgs {
  std::string file;
  std::vector<std::string> profiles;
  std::string format = "table";
  std::string frontier_csv;
  std::string scoring = "genius";
  std::size_t rows = 20;
  std::shared_ptr<nlohmann::json> given = std::make_shared<nlohmann::json>(nlohmann::json::object());
};

bool is_xml(const std::string& path) {
  return path.size() >= 4 && (path.compare(path.size() - 4, 4, ".xml") == 0 || path.compare(path.size() - 4, 4, ".XML") == 0);
}


int run_space(const SpaceArgs& args, const StoreOptions& store) {
  std::vector<std::filesystem::path> inputs{args.file};
  for (const auto& p : args.profiles) inputs.emplace_back(p);
  // A bad --frontier-csv path is refused before any work.
  if (!args.frontier_csv.empty()) check_output_target(args.frontier_csv, inputs);
  space::PackageSpace space;
  std::optional<Scenario> scenario;  // GENIUS domains are not scenarios and are not stored
  try {
    if (is_xml(args.file)) {
      if (args.profiles.empty()) {
        std::cerr << "truce space: a GENIUS domain needs its utility profiles: truce space DOMAIN.xml PROFILE.xml ...\n";
        return exit_usage;
      }
      space = load_genius_package_space(args.file, args.profiles,
                                        args.scoring == "negmas" ? GeniusScoring::negmas : GeniusScoring::genius);
    } else {
      if (!args.profiles.empty()) {
        std::cerr << "truce space: utility profiles go with a GENIUS domain (.xml), not with a scenario\n";
        return exit_usage;
      }
      scenario = load_scenario_or_report(args.file);
      if (!scenario) return exit_invalid_input;
      space = space::package_space_of(*scenario);
    }
  } catch (const InputError& e) {
    print_input_error(e, std::cerr);
    std::cerr << fmt::format("{}: {} problem{} found; nothing was analysed\n", args.file, e.total(),
                             e.total() == 1 ? "" : "s");
    return exit_invalid_input;
  }

  nlohmann::json options = *args.given;
  // NegMAS's kalai_points minimises raw gains; match it under NegMAS scoring unless told otherwise.
  if (args.scoring == "negmas" && !options.contains("kalai")) options["kalai"] = "raw";
  space::SpaceResult result;
  try {
    result = space::analyse_space(space, space::space_options_from_json(options));
  } catch (const std::invalid_argument& e) {
    std::cerr << "truce space: " << e.what() << '\n';
    return exit_usage;
  }
  // The CSV first, written whole or not at all, never over an input (docs/security.md).
  if (!args.frontier_csv.empty()) write_output_file(args.frontier_csv, space::frontier_csv(space, result), inputs);
  const nlohmann::json result_json = space::space_result_json(space, result);
  if (args.format == "json") std::cout << result_json.dump(2) << '\n';
  else if (args.format == "csv") std::cout << space::frontier_csv(space, result);
  else std::cout << space::space_result_text(space, result, args.rows);
  if (!scenario) {
    // A GENIUS domain and its profiles are not a scenario: the store records scenarios only.
    if (!store.no_store && !store.path.empty())
      std::cerr << "truce space: GENIUS domains are not recorded in the run store (it records scenario files); "
                   "nothing was stored\n";
    return exit_ok;
  }
  return record_run(store, "space", *scenario, args.file, space::complete_space_analysis_options(*scenario, options),
                    result_json);
}

}  // namespace

void add_space_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "space", "The space of agreements: ZOPA, Pareto frontier, Nash / Kalai-Smorodinsky / max-welfare points, "
               "and which red lines or reservation values rule every package out");
  auto args = std::make_shared<SpaceArgs>();
  cmd->add_option("FILE", args->file, "Scenario file (.yaml/.yml/.json/.csv) or a GENIUS domain (.xml)")->required();
  cmd->add_option("PROFILES", args->profiles, "GENIUS utility profiles (.xml), one per party, after a GENIUS domain");
  cmd->add_option("--format", args->format, "table (default), json, or csv (the Pareto frontier)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--frontier-csv", args->frontier_csv, "Also write the Pareto frontier as CSV to this file");
  cmd->add_option("--scoring", args->scoring, "GENIUS profiles: genius (default; normalised) or negmas (raw; "
                                             "Kalai-Smorodinsky gains raw too unless --kalai says otherwise)")
      ->check(CLI::IsMember({"genius", "negmas"}));
  cmd->add_option("--rows", args->rows, "Frontier rows in the table (default 20)")->check(whole_number);
  // Every analysis option, from the space's option table (truce schema space).
  add_option_flags(*cmd, space::space_option_table().specs(), args->given, "Space options");
  const auto store = add_store_options(*cmd);
  cmd->callback([args, store] { exit_code() = run_space(*args, *store); });
}

}  // namespace truce::cli
