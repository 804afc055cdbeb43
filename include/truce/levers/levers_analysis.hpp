#pragma once
// The "levers" and "what-it-takes" analyses (registered in src/analysis/registry.cpp).
//
// levers options (complete_levers_options writes every default out):
//   {"target": "forecast.territory",      // required; see targets.hpp
//    "target_options": {...},             // options of the target's analysis (e.g. {"model": "eum"})
//    "spread": 10,                        // +-% where the scenario gives no range
//    "parameters": [],                    // names / patterns / NAME=LOW:HIGH; [] = every parameter
//    "methods": ["tornado", "sobol"],
//    "samples": 256, "bootstrap": 200, "confidence": 0.95, "seed": 1,
//    "threads": 0}                        // 0 = all cores; results do not depend on it
//
// what-it-takes options:
//   {"goal": "zopa nonempty",             // or "TARGET >= | > | <= | < NUMBER"
//    "levers": [...],                     // as "parameters" above; required
//    "target_options": {...}, "spread": 10, "probes": 256, "tolerance": 0.001, "seed": 1,
//    "threads": 0}

#include <nlohmann/json.hpp>
#include <string>

#include "truce/core/scenario.hpp"
#include "truce/levers/minimal_change.hpp"

namespace truce::levers {

nlohmann::json complete_levers_options(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json run_levers(const Scenario& scenario, const nlohmann::json& options);

nlohmann::json complete_what_it_takes_options(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json run_what_it_takes(const Scenario& scenario, const nlohmann::json& options);

// "zopa nonempty" -> (zopa_size, > 0); "TARGET OP NUMBER" with OP one of >=, >, <=, <.
// Throws std::invalid_argument naming what was expected.
struct ParsedGoal {
  std::string target;
  Goal goal;
};
ParsedGoal parse_goal(const std::string& text);

// The parameter list of a request, as the analyses build it (for --list-parameters).
nlohmann::json list_parameters(const Scenario& scenario, double spread_percent);

}  // namespace truce::levers
