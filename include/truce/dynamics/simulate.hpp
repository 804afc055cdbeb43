#pragma once
// The `simulate` analysis: Monte Carlo over the war model (war_model.hpp). Each run samples the
// scenario's uncertain numbers from its own counter-based stream (seed, run index, draw index)
// and plays the war month by month until a ceasefire, a collapse or the horizon. Runs are
// spread over threads and merged in run order, so the result is the same bytes for any
// thread count.

#include <cstdint>
#include <nlohmann/json.hpp>

#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"

namespace truce::dynamics {

struct SimulateOptions {
  int months = 36;            // horizon, 0..1200
  std::uint64_t runs = 10000; // 1..10^8
  std::uint64_t seed = 1;
  unsigned threads = 0;       // 0 = every core; not part of the result
};

// The options, declared once: JSON, validation, the `truce simulate` flags and its schema.
// "threads" is read but not written: it is not part of a result's identity.
const OptionTable<SimulateOptions>& simulate_option_table();
// Missing keys take the defaults above; throws std::invalid_argument for what does not fit.
SimulateOptions simulate_options_from_json(const nlohmann::json& options);
// {"months", "runs", "seed"} with every default filled in.
nlohmann::json simulate_options_to_json(const SimulateOptions& options);

// The summary: probability of a ceasefire by month (with a 95% Wilson interval), the terms
// per issue, the median month, collapses, and which constraints blocked a deal how often.
// Throws std::invalid_argument when the scenario has no dynamics section.
nlohmann::json simulate(const Scenario& scenario, const SimulateOptions& options);

// One run (index `run`), month by month.
nlohmann::json simulate_trace(const Scenario& scenario, const SimulateOptions& options, std::uint64_t run);

// The analysis registry's entry points (options complete, see analysis.hpp).
nlohmann::json complete_simulate_options(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json run_simulate_analysis(const Scenario& scenario, const nlohmann::json& options);

}  // namespace truce::dynamics
