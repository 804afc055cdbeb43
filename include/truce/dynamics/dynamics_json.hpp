#pragma once
// The dynamics section in the scenario's canonical JSON: every default written out, named
// points resolved to numbers, so YAML -> Scenario -> JSON -> Scenario gives an equal Scenario.

#include <nlohmann/json.hpp>

#include "truce/core/scenario.hpp"

namespace truce::dynamics {

// A fixed quantity without evidence or note is a plain number; anything else a mapping.
nlohmann::json quantity_to_json(const Quantity& q);

nlohmann::json dynamics_to_json(const Scenario& scenario, const Dynamics& dynamics);

}  // namespace truce::dynamics
