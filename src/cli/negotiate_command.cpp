// `truce negotiate FILE [PROFILE...]`: one negotiation run as a process (docs/negotiate.md), on
// a scenario (recorded in the run store) or on a GENIUS domain and its profiles (not recorded:
// the store records scenarios).

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/io/genius_xml.hpp"
#include "truce/negotiate/negotiate_analysis.hpp"

namespace truce::cli {

namespace {

struct NegotiateArgs {
  std::string file;
  std::vector<std::string> profiles;
  std::string format = "table";
  std::string scoring;  // "" = negmas under --semantics negmas, else genius
  std::shared_ptr<nlohmann::json> given = std::make_shared<nlohmann::json>(nlohmann::json::object());
};

bool is_xml(const std::string& path) {
  const auto ext = std::filesystem::path(path).extension().string();
  return ext == ".xml" || ext == ".XML";
}

int run_negotiate(const NegotiateArgs& args, const StoreOptions& store) {
  negotiate::NegotiateOptions options;
  try {
    options = negotiate::negotiate_option_table().parse(*args.given);
  } catch (const std::invalid_argument& e) {
    std::cerr << "truce negotiate: " << e.what() << '\n';
    return exit_usage;
  }
  space::PackageSpace space;
  std::optional<Scenario> scenario;
  try {
    if (is_xml(args.file)) {
      if (args.profiles.size() < 2) {
        std::cerr << "truce negotiate: a GENIUS domain needs a utility profile per party (at least two): truce "
                     "negotiate DOMAIN.xml PROFILE1.xml PROFILE2.xml\n";
        return exit_usage;
      }
      if (!options.variant.empty() || !options.policy.empty() ||
          options.outside_options != negotiate::OutsideOptions::scenario) {
        std::cerr << "truce negotiate: --variant, --policy and --outside-options war need a scenario (its negotiation "
                     "and dynamics sections), not a GENIUS domain\n";
        return exit_usage;
      }
      const std::string scoring =
          !args.scoring.empty() ? args.scoring : options.semantics == negotiate::Semantics::negmas ? "negmas" : "genius";
      space = load_genius_package_space(args.file, args.profiles,
                                        scoring == "negmas" ? GeniusScoring::negmas : GeniusScoring::genius);
    } else {
      if (!args.profiles.empty()) {
        std::cerr << "truce negotiate: utility profiles go with a GENIUS domain (.xml), not with a scenario\n";
        return exit_usage;
      }
      scenario = load_scenario_or_report(args.file);
      if (!scenario) return exit_invalid_input;
    }
  } catch (const InputError& e) {
    print_input_error(e, std::cerr);
    std::cerr << fmt::format("{}: {} problem{} found; nothing was negotiated\n", args.file, e.total(),
                             e.total() == 1 ? "" : "s");
    return exit_invalid_input;
  }
  negotiate::NegotiateResult result;
  nlohmann::json complete;
  try {
    // A scenario: its negotiation section's settings under the options given.
    if (scenario) {
      complete = negotiate::complete_negotiate_analysis_options(*scenario, *args.given);
      result = negotiate::negotiate_analysis(*scenario, complete);
    } else {
      result = negotiate::negotiate(space, options);
    }
  } catch (const WorkTooLarge&) {
    throw;  // main: exit_too_large
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::invalid_argument& e) {
    std::cerr << "truce negotiate: " << e.what() << '\n';
    return exit_usage;
  }
  const nlohmann::json result_json = negotiate::to_json(result);
  if (args.format == "json") std::cout << result_json.dump(2) << '\n';
  else if (args.format == "csv") std::cout << negotiate::negotiate_result_csv(result);
  else std::cout << negotiate::negotiate_result_text(result);
  std::cout << std::flush;
  if (!scenario) {
    if (!store.no_store && !store.path.empty())
      std::cerr << "truce negotiate: GENIUS domains are not recorded in the run store (it records scenario files); "
                   "nothing was stored\n";
    return exit_ok;
  }
  return record_run(store, "negotiate", *scenario, args.file, complete, result_json);
}

}  // namespace

void add_negotiate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("negotiate",
                                 "A negotiation run as a process: stacked alternating offers between agents (Boulware, "
                                 "Conceder, tit-for-tat, MiCRO, ...) to a deadline, on a scenario or a GENIUS domain");
  auto args = std::make_shared<NegotiateArgs>();
  cmd->add_option("FILE", args->file, "Scenario file (.yaml/.yml/.json/.csv) or a GENIUS domain (.xml)")->required();
  cmd->add_option("PROFILES", args->profiles,
                  "GENIUS utility profiles (.xml), one per party, after a GENIUS domain; the first proposes first");
  cmd->add_option("--format", args->format, "table (default), json, or csv (the offers with --trace)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--scoring", args->scoring,
                  "GENIUS profiles: genius (normalised) or negmas (raw); default negmas under --semantics negmas, "
                  "else genius")
      ->check(CLI::IsMember({"genius", "negmas"}));
  // Every analysis option, from the negotiate option table (truce schema negotiate).
  add_option_flags(*cmd, negotiate::negotiate_option_table().specs(), args->given, "Negotiate options");
  const auto store = add_store_options(*cmd);
  cmd->callback([args, store] { exit_code() = run_negotiate(*args, *store); });
}

}  // namespace truce::cli
