// `truce tournament DOMAIN...`: every ordered tuple of agents (one per party) on every domain,
// repeated (docs/negotiate.md, "Tournaments"). A domain is a GENIUS folder (one domain file and
// two or more profiles, in file-name order: the first proposes first, as NegMAS orders them) or
// a scenario (its veto actors are the parties). Not recorded in the run store (it records one scenario's runs).

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "commands.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/io/genius_xml.hpp"
#include "truce/negotiate/tournament.hpp"

namespace truce::cli {

namespace {

struct TournamentArgs {
  std::vector<std::string> domains;
  std::string format = "table";
  std::string scoring;
  std::shared_ptr<nlohmann::json> given = std::make_shared<nlohmann::json>(nlohmann::json::object());
};

// A GENIUS folder: the .xml files with <weight> elements are profiles, the other the domain.
negotiate::TournamentDomain genius_folder(const std::filesystem::path& dir, GeniusScoring scoring) {
  std::vector<std::filesystem::path> xml;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && (e.path().extension() == ".xml" || e.path().extension() == ".XML")) xml.push_back(e.path());
  std::sort(xml.begin(), xml.end());
  std::vector<std::filesystem::path> profiles, domains;
  for (const auto& f : xml) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    (text.str().find("<weight") != std::string::npos ? profiles : domains).push_back(f);
  }
  if (domains.size() != 1 || profiles.size() < 2)
    throw std::invalid_argument(fmt::format("{}: expected a GENIUS domain file and two or more profiles (.xml), found {} domain "
                                            "file{} and {} profile{}",
                                            dir.string(), domains.size(), domains.size() == 1 ? "" : "s",
                                            profiles.size(), profiles.size() == 1 ? "" : "s"));
  negotiate::TournamentDomain d;
  d.name = dir.filename().empty() ? dir.parent_path().filename().string() : dir.filename().string();
  std::vector<std::string> profile_paths;
  for (const auto& p : profiles) profile_paths.push_back(p.string());
  d.space = load_genius_package_space(domains[0].string(), profile_paths, scoring);
  return d;
}

int run_tournament(const TournamentArgs& args) {
  negotiate::TournamentOptions options;
  try {
    options = negotiate::tournament_option_table().parse(*args.given);
  } catch (const std::invalid_argument& e) {
    std::cerr << "truce tournament: " << e.what() << '\n';
    return exit_usage;
  }
  const std::string scoring =
      !args.scoring.empty() ? args.scoring : options.semantics == negotiate::Semantics::negmas ? "negmas" : "genius";
  std::vector<negotiate::TournamentDomain> domains;
  for (const auto& path : args.domains) {
    try {
      if (std::filesystem::is_directory(path)) {
        domains.push_back(genius_folder(path, scoring == "negmas" ? GeniusScoring::negmas : GeniusScoring::genius));
      } else {
        const auto scenario = load_scenario_or_report(path);
        if (!scenario) return exit_invalid_input;
        negotiate::TournamentDomain d;
        d.name = std::filesystem::path(path).stem().string();
        d.space = negotiate::veto_parties_space(space::package_space_of(*scenario));
        domains.push_back(std::move(d));
      }
    } catch (const InputError& e) {
      print_input_error(e, std::cerr);
      std::cerr << fmt::format("{}: {} problem{} found; no tournament was run\n", path, e.total(), e.total() == 1 ? "" : "s");
      return exit_invalid_input;
    } catch (const std::invalid_argument& e) {
      std::cerr << "truce tournament: " << e.what() << '\n';
      return exit_invalid_input;
    } catch (const std::filesystem::filesystem_error& e) {
      std::cerr << "truce tournament: " << e.what() << '\n';
      return exit_invalid_input;
    }
  }
  negotiate::TournamentResult result;
  try {
    result = negotiate::run_tournament(domains, options);
  } catch (const WorkTooLarge&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::invalid_argument& e) {
    std::cerr << "truce tournament: " << e.what() << '\n';
    return exit_usage;
  }
  if (args.format == "json") std::cout << negotiate::to_json(result).dump(2) << '\n';
  else if (args.format == "csv") std::cout << negotiate::tournament_result_csv(result);
  else std::cout << negotiate::tournament_result_text(result);
  std::cout << std::flush;
  return exit_ok;
}

}  // namespace

void add_tournament_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("tournament",
                                 "Every ordered tuple of negotiating agents (one per party) on every domain, repeated: "
                                 "mean utility, "
                                 "agreement rate, rounds, welfare, distance to the Pareto frontier and the Nash point");
  auto args = std::make_shared<TournamentArgs>();
  cmd->add_option("DOMAINS", args->domains,
                  "GENIUS domain folders (a domain file and two or more profiles) or scenarios (the veto actors "
                  "negotiate)")
      ->required();
  cmd->add_option("--format", args->format, "table (default), json (with every run under --runs), or csv (per agent)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--scoring", args->scoring,
                  "GENIUS profiles: genius (normalised) or negmas (raw); default negmas under --semantics negmas, "
                  "else genius")
      ->check(CLI::IsMember({"genius", "negmas"}));
  add_option_flags(*cmd, negotiate::tournament_option_table().specs(), args->given, "Tournament options");
  add_budget_option(*cmd);
  cmd->callback([args] { exit_code() = run_tournament(*args); });
}

}  // namespace truce::cli
