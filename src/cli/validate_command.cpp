// `truce validate FILE...`: check scenarios, print every problem, exit 0 only if all are valid.

#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"

namespace truce::cli {

void add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files and print every problem found");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("FILE", *files, "Scenario file(s): .yaml/.yml/.json, or a KTAB actor-table .csv")->required();
  cmd->callback([files] {
    for (const auto& path : *files) {
      const auto scenario = load_scenario_or_report(path);
      if (!scenario) continue;  // reported, and the exit code set; check the other files too
      std::cout << fmt::format("{}: valid: {} actors, {} issues, {} stances, {} sources\n", path,
                               scenario->actors.size(), scenario->issues.size(), scenario->stances.size(),
                               scenario->sources.size());
      for (const auto& note : scenario->notes) std::cout << fmt::format("{}: note: {}\n", path, note);
    }
  });
}

}  // namespace truce::cli
