#pragma once
// The scenario file format (version 1, YAML; docs/scenario-format.md). The canonical JSON
// form is valid YAML of the same schema, so this parser reads both.

#include <string>
#include <string_view>

#include "truce/core/scenario.hpp"

namespace truce {

// Parses and validates a whole scenario; throws InputError listing every problem found.
Scenario parse_scenario_yaml(std::string_view text, const std::string& file_name);

}  // namespace truce
