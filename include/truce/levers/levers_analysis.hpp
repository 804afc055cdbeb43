#pragma once
// The "levers" and "what-it-takes" analyses (registered in src/analysis/registry.cpp). Their
// options are declared once, in levers_option_table() and what_it_takes_option_table():
// JSON, validation, the command-line flags and `truce schema` come from there.

#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/headline.hpp"
#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/levers/minimal_change.hpp"
#include "truce/levers/parameter.hpp"
#include "truce/levers/scenario_parameters.hpp"

namespace truce::levers {

struct LeversOptions {
  std::string target;                 // see targets.hpp (target_forms)
  nlohmann::json target_options = nlohmann::json::object();  // the target's analysis's, e.g. {"model": "eum"}
  double spread = 10.0;               // +-% where the scenario gives no range
  Ranges ranges = Ranges::natural;    // policy numbers over their natural range, or everything +-spread
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
  Ranges ranges = Ranges::natural;
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

// The output a levers or what-it-takes result is about (targets.hpp).
struct TargetSummary {
  std::string name;         // e.g. "p_ceasefire@12"
  std::string description;  // one line
  std::string analysis;     // the analysis that computes it
  std::string model;        // the model within it
  nlohmann::json options;   // that analysis' options the target uses, defaults written out
  std::string quantity;     // what the output is, in words: the description without its parenthesis
  bool probability = false; // the output is a probability (0..1)
  std::uint64_t monte_carlo_runs = 0;  // runs per evaluation of a Monte Carlo target; 0: exact
};

// One bar of the tornado: a parameter alone at each end of its range. Outputs the model
// cannot give are NaN.
struct TornadoRow {
  std::size_t rank = 1;  // 1 = largest swing; 0 when the table is not ranked (TornadoTable::ranked)
  std::string parameter;
  double low = 0, high = 0;
  double output_at_low = 0, output_at_high = 0;
  double swing = 0;  // |output at high - output at low|
  // Monte Carlo targets: the 95% half-width of the difference of two independent estimates
  // of `runs` runs at these outputs, 1.96 sqrt((p_low (1 - p_low) + p_high (1 - p_high)) / runs).
  // The tornado's runs are common random numbers, which usually make the error of a swing
  // smaller: a swing within it cannot be told from chance by this (cautious) measure. 0 for
  // exact targets.
  double noise = 0;
  bool within_noise() const { return swing <= noise; }  // false for an undefined (NaN) swing
};

struct TornadoTable {
  std::string method;
  // Largest swing first when ranked; otherwise in parameter order (nothing stands out to rank).
  std::vector<TornadoRow> bars;
  // False when no swing stands out: every defined swing is 0, or within the Monte Carlo noise.
  // A table of zeros ranked "largest first" would name a "largest lever" that moves nothing.
  bool ranked = true;
  std::string conclusion;  // when not ranked: what the table shows instead, in a sentence
};

struct SobolIndexRow {  // NaN: undefined
  std::string parameter;
  double first_order = 0, first_order_low = 0, first_order_high = 0;
  double total = 0, total_low = 0, total_high = 0;
};

struct SobolSummary {
  std::string method;
  std::size_t samples = 0;
  std::size_t model_runs = 0;
  double output_mean = 0, output_variance = 0;
  std::vector<SobolIndexRow> indices;  // largest total effect first, undefined last
  // The output does not vary over the ranges: every index is undefined.
  bool output_constant() const { return output_variance == 0.0; }
};

// The "levers" analysis' result.
struct LeversResult {
  TargetSummary target;
  LeversOptions options;              // complete, as run
  std::vector<Parameter> parameters;  // those varied, in order
  double base_output = 0;             // NaN when undefined
  std::vector<std::string> notes;
  std::optional<TornadoTable> tornado;     // when the methods asked for it
  std::optional<SobolSummary> sobol;
};

// The "what-it-takes" analysis' result.
struct WhatItTakesResult {
  TargetSummary target;
  std::string goal;                // e.g. "zopa_size > 0"
  std::vector<std::string> notes;
  WhatItTakesOptions options;      // complete, as run
  std::vector<Parameter> levers;   // those searched, in order (LeverChange::lever indexes them)
  std::string norm, method, guarantee;  // how the change is measured and found, and what is promised
  MinimalChange search;            // what the search found
  // Not reachable: why, in a sentence (empty when reachable).
  std::string conclusion;
};

nlohmann::json complete_levers_options(const Scenario& scenario, const nlohmann::json& options);
// The typed options are complete (levers_options).
LeversResult levers_analysis(const Scenario& scenario, const LeversOptions& options);
LeversResult levers_analysis(const Scenario& scenario, const nlohmann::json& options);
// The figures `truce runs list` shows (core/headline.hpp): the target at the base, the lever
// with the largest swing and that swing (or that none stands out), the largest Sobol total.
Headline levers_headline(const LeversResult& result);
nlohmann::json to_json(const LeversResult& result);
nlohmann::json run_levers(const Scenario& scenario, const nlohmann::json& options);

nlohmann::json complete_what_it_takes_options(const Scenario& scenario, const nlohmann::json& options);
// The typed options are complete (what_it_takes_options).
WhatItTakesResult what_it_takes_analysis(const Scenario& scenario, const WhatItTakesOptions& options);
WhatItTakesResult what_it_takes_analysis(const Scenario& scenario, const nlohmann::json& options);
// The figures `truce runs list` shows: the goal, whether the base already meets it, whether
// the levers' ranges can reach it, the smallest change and the output there.
Headline what_it_takes_headline(const WhatItTakesResult& result);
nlohmann::json to_json(const WhatItTakesResult& result);
nlohmann::json run_what_it_takes(const Scenario& scenario, const nlohmann::json& options);

// "zopa nonempty" -> (zopa_size, > 0); "TARGET OP NUMBER" with OP one of >=, >, <=, <.
// Throws std::invalid_argument naming what was expected.
struct ParsedGoal {
  std::string target;
  Goal goal;
};
ParsedGoal parse_goal(const std::string& text);

// The parameter list of a request, as the analyses build it (for --list-parameters).
nlohmann::json list_parameters(const Scenario& scenario, double spread_percent, Ranges ranges = Ranges::natural);

}  // namespace truce::levers
