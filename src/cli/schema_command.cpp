// `truce schema ANALYSIS`: the JSON Schema of an analysis's options, generated from its option
// table (the same table the flags, --help and the checks come from), for the Python package
// and the browser explorer to draw their forms and check a request before sending it.

#include <iostream>

#include "commands.hpp"
#include "truce/analysis/analysis.hpp"

namespace truce::cli {

void add_schema_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("schema", "Print the JSON Schema of an analysis's options");
  auto name = std::make_shared<std::string>();
  std::vector<std::string> names;
  for (const auto& a : analyses()) names.push_back(a.name);
  cmd->add_option("ANALYSIS", *name, "The analysis: forecast, space, simulate, levers or what-it-takes")
      ->required()
      ->check(CLI::IsMember(names));
  cmd->callback([name] {
    std::cout << options_schema(*find_analysis(*name)).dump(2) << '\n';
    exit_code() = standard_output_delivered(std::cerr) ? exit_ok : exit_output_error;
  });
}

}  // namespace truce::cli
