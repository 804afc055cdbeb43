// `truce validate FILE...`: check scenarios, print every problem, exit 0 only if all are valid.

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "exit_status.hpp"
#include "truce/levers/policies.hpp"

namespace truce::cli {

namespace {

// "actor.issue" of every stance with neither evidence nor a note: a number nobody has
// sourced or marked as the analyst's estimate. Only the scenario format (YAML/JSON) can
// carry evidence; the tables (KTAB, BDM, DEU) cannot, so they are not asked for it.
std::vector<std::string> unsourced_stances(const Scenario& scenario) {
  std::vector<std::string> out;
  for (const auto& st : scenario.stances)
    if (st.evidence.empty() && st.note.empty())
      out.push_back(scenario.actors[st.actor].id + "." + scenario.issues[st.issue].id);
  return out;
}

bool carries_evidence(const std::string& path) {
  auto extension = std::filesystem::path(path).extension().string();
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

}  // namespace

void add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files and print every problem found");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("FILE", *files, "Scenario file(s): .yaml/.yml/.json, or a KTAB actor-table .csv")->required();
  cmd->callback([files] {
    for (const auto& path : *files) {
      const auto scenario = load_scenario_or_report(path);
      if (!scenario) continue;  // reported, and the exit code set; check the other files too
      // Policies name the parameter registry's numbers, which the loader does not know.
      if (const auto problems = levers::policy_problems(*scenario); !problems.empty()) {
        for (const auto& p : problems) std::cerr << fmt::format("{}: error: {}\n", path, p);
        exit_code() = exit_invalid_input;
        continue;
      }
      std::cout << fmt::format("{}: valid: {} actors, {} issues, {} stances, {} sources\n", path,
                               scenario->actors.size(), scenario->issues.size(), scenario->stances.size(),
                               scenario->sources.size());
      for (const auto& note : scenario->notes) std::cout << fmt::format("{}: note: {}\n", path, note);
      if (carries_evidence(path))
        if (const auto unsourced = unsourced_stances(*scenario); !unsourced.empty()) {
          std::string list;
          for (std::size_t k = 0; k < unsourced.size() && k < 10; ++k) list += (k ? ", " : "") + unsourced[k];
          if (unsourced.size() > 10) list += fmt::format(" and {} more", unsourced.size() - 10);
          // A warning, not an error: the scenario is valid, its numbers are not yet accounted for.
          std::cout << fmt::format("{}: warning: {} stance{} with no evidence and no note: {} (cite a source, or say in "
                                   "a note that the number is an estimate)\n",
                                   path, unsourced.size(), unsourced.size() == 1 ? "" : "s", list);
        }
    }
  });
}

}  // namespace truce::cli
