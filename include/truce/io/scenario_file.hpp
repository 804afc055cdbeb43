#pragma once
// Loading a scenario from a path, whatever its format: .csv is the actor table, anything
// else (.yaml, .yml, .json) the scenario format. Throws InputError.

#include <string>

#include "truce/core/scenario.hpp"

namespace truce {

Scenario load_scenario_file(const std::string& path);

}  // namespace truce
