#pragma once
// The command-line face of an analysis's option table (truce/core/option_table.hpp): one flag
// per field, its --help text generated from the field (description, what it accepts, its
// default). A given flag puts its value, typed by the field's kind, into a JSON object at the
// option's path; the table then checks that object as it checks JSON from anywhere else, so a
// flag and a stored run are validated by the same code with the same words.

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "truce/core/option_table.hpp"

namespace truce::cli {

// The flag of a field (without "--"): its own, or the prefix and its name with '-' for '_'.
std::string flag_of(const OptionSpec& field, const std::string& prefix);

// "Q of eq. 7 (a number from 0 to 1; default 0.5)".
std::string option_help(const OptionSpec& field);

// Adds a flag for every field (and, recursively, every group's fields, with the group's flag
// prefix and its name in the help); each given flag writes into *given.
void add_option_flags(CLI::App& command, const std::vector<OptionSpec>& fields, std::shared_ptr<nlohmann::json> given,
                      const std::string& help_group = "Options");

}  // namespace truce::cli
