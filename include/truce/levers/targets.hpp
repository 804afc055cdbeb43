#pragma once
// Targets: the scalar outputs of truce's analyses that `truce levers` and `truce
// what-it-takes` study, each bound to the analysis (and model) that computes it.
//
//   forecast.ISSUE        where ISSUE settles under a forecasting model (option "model")
//   forecast.MODEL.ISSUE  the same with the model named in the target
//   zopa_size             packages in the zone of possible agreement (agreement space)
//   nash.ISSUE            the Nash point's position on a scale issue (agreement space)
//   p_ceasefire@M         probability of a ceasefire within M months (war dynamics): the share
//                         of `runs` Monte Carlo runs of the war model (common random numbers:
//                         the same seeded runs for every parameter value) that end in a
//                         ceasefire by month M; numbers the parameters fix are fixed in every run,
//                         the scenario's other distributions are sampled
//
// A target that names an analysis which is not in this build is refused with "not
// available yet"; docs/levers.md lists what each target means.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/levers/parameter.hpp"
#include "truce/levers/scenario_parameters.hpp"

namespace truce::levers {

struct Target {
  std::string name;         // as written, e.g. "forecast.territory"
  std::string description;  // one line, e.g. "forecast position on Territory (0..100)"
  std::string analysis;     // the analysis that computes it, e.g. "forecast"
  std::string model;        // the model within it, e.g. "compromise"
  nlohmann::json options;   // every option of that analysis the target uses, defaults written out
  // The output for a scenario. Pure; safe to call from several threads at once.
  std::function<double(const Scenario&)> evaluate;
  // Optional: the model over these parameters, where the target needs more than
  // evaluate(with_values(scenario, parameters, x)) (Monte Carlo targets fix the parameters in
  // every run's draws, and reuse one war model when they can). Empty: use evaluate.
  std::function<Model(const std::vector<ScenarioParameter>&)> prepare;
  // The parameters studied when the user names none (empty: every parameter): those the
  // target's model reads (forecast: capabilities, positions, saliences; space: all but the
  // war model's; p_ceasefire: the war model's, as rebuilding the deal space is slow).
  std::function<bool(const ScenarioParameter&)> default_parameter;
  std::vector<std::string> notes;  // what the target assumes, for the result
  // Monte Carlo targets: the runs behind each evaluation, which set how far two evaluations
  // can differ by chance; 0 for targets computed exactly.
  std::uint64_t monte_carlo_runs = 0;
};

// Binds a target to the scenario. `options` are the target's analysis options (missing keys
// take their defaults, which are written into Target::options). Throws std::invalid_argument
// for an unknown target (listing the known ones), a target whose analysis is not available
// yet, or an issue that does not fit.
Target bind_target(const Scenario& scenario, const std::string& name, const nlohmann::json& options);

// One line per target form, for --help and errors.
std::vector<std::string> target_forms();

}  // namespace truce::levers
