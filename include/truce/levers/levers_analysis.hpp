#pragma once
// The "levers" and "what-it-takes" analyses (registered in src/analysis/registry.cpp). Their
// options are declared once, in levers_option_table() and what_it_takes_option_table():
// JSON, validation, the command-line flags and `truce schema` come from there.

#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/levers/minimal_change.hpp"

namespace truce::levers {

struct LeversOptions {
  std::string target;                 // see targets.hpp (target_forms)
  nlohmann::json target_options = nlohmann::json::object();  // the target's analysis's, e.g. {"model": "eum"}
  double spread = 10.0;               // +-% where the scenario gives no range
  std::vector<std::string> parameters;  // names / patterns / NAME=LOW:HIGH; none: the target's default set
  std::vector<std::string> methods = {"tornado", "sobol"};
  std::uint64_t samples = 256;
  std::uint64_t bootstrap = 200;
  double confidence = 0.95;
  std::uint64_t seed = 1;
  unsigned threads = 0;  // 0 = all cores; results do not depend on it
};

struct WhatItTakesOptions {
  std::string goal;                   // "zopa nonempty" or "TARGET >= | > | <= | < NUMBER"
  std::vector<std::string> levers;    // as LeversOptions::parameters; none: the third parties' levers
  nlohmann::json target_options = nlohmann::json::object();
  double spread = 10.0;
  std::uint64_t probes = 256;
  double tolerance = 1e-3;
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

const OptionTable<LeversOptions>& levers_option_table();
const OptionTable<WhatItTakesOptions>& what_it_takes_option_table();

// The options of a request, completed for this scenario (the target's options, the default
// levers). Throws std::invalid_argument naming the option.
LeversOptions levers_options(const Scenario& scenario, const nlohmann::json& given);
WhatItTakesOptions what_it_takes_options(const Scenario& scenario, const nlohmann::json& given);

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
