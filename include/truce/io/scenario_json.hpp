#pragma once
// The canonical JSON form of a Scenario: every default written out, keys sorted, named
// points resolved to numbers, so equal scenarios give equal bytes (and equal hashes).

#include <nlohmann/json.hpp>
#include <string>

#include "truce/core/scenario.hpp"

namespace truce {

nlohmann::json scenario_to_json(const Scenario& scenario);

// The canonical text: scenario_to_json dumped with 2-space indent and a final newline.
std::string canonical_scenario_json(const Scenario& scenario);

}  // namespace truce
