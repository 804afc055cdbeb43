// `truce show FILE`: the scenario as tables, or its canonical JSON.

#include <iostream>

#include "commands.hpp"
#include "dated_view.hpp"
#include "truce/format/scenario_text.hpp"
#include "truce/io/scenario_json.hpp"

namespace truce::cli {

void add_show_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("show", "Print a scenario: actors, issues, stances with evidence, sources");
  auto file = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("FILE", *file, "Scenario file: .yaml/.yml/.json, or a KTAB actor-table .csv")->required();
  cmd->add_option("--format", *format, "table (default) or json (the canonical form)")
      ->check(CLI::IsMember({"table", "json"}));
  add_dated_view_options(*cmd);
  cmd->callback([file, format] {
    const auto scenario = load_scenario_or_report(*file);
    if (!scenario) return;  // load_scenario_or_report set the exit code
    std::cout << (*format == "json" ? canonical_scenario_json(*scenario) : scenario_as_text(*scenario));
  });
}

}  // namespace truce::cli
