#pragma once
// The "forecast" analysis: where each issue settles under every forecasting model, side by
// side (docs/forecast.md). Options (complete_forecast_options writes every default out):
//   {"models": ["compromise", "median", "nash", "eum"],   // any of these and "smp"
//    "mode": "per_issue" | "joint",
//    "nash": {"default_status_quo": "far_end" | "near_end",
//             "status_quo": {"<scale issue id>": 0..100, ...}},
//    "eum": {see expected_utility_options_from_json},
//    "smp": {KTAB's parameters, see spatial_model.hpp},
//    "exchange": {"rounds": 10, "semantics": "model" | "decide", "gain": "equal",
//                 "fixed_weight": 0.1, "salience_weight": 0.4}}
// "exchange" (Stokman's exchange model) runs only when named: it trades across issues.
// "smp" is not in the default model list until the SMP port lands (the lead switches it on
// by adding it to default_forecast_models()); asked for explicitly while it is a placeholder
// it is reported as not available, with the reason, and the other models still run.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/forecast/expected_utility.hpp"
#include "truce/forecast/forecast_result.hpp"

namespace truce {

// The models run when the options name none, in the order they are printed.
const std::vector<std::string>& default_forecast_models();
// Every model name the analysis knows.
const std::vector<std::string>& known_forecast_models();

// The closed-form models, per scale issue (options issues: not_applicable, with a note).
ForecastResult forecast_compromise(const Scenario& scenario);
ForecastResult forecast_weighted_median(const Scenario& scenario);
// status_quo_by_issue: one value per issue (ignored for options issues).
ForecastResult forecast_nash_bargaining(const Scenario& scenario, const std::vector<double>& status_quo_by_issue);
ForecastResult forecast_expected_utility(const Scenario& scenario, const ExpectedUtilityOptions& options);
// Stokman's exchange model over all scale issues; `trades`, when given, receives every
// realised exchange as JSON (round, issues, gain, each actor's move).
ForecastResult forecast_exchange(const Scenario& scenario, const ExchangeOptions& options,
                                 nlohmann::json* trades = nullptr);
ExchangeOptions exchange_options_from_json(const nlohmann::json& options);
nlohmann::json exchange_options_to_json(const ExchangeOptions& options);

// The default status quo of a scale issue: the end of the scale (0 or 100) farther from the
// capability x salience weighted mean of the positions ("far_end"; 0 on a tie) or nearer
// to it ("near_end"; 100 on a tie). 50 when nobody takes part.
double default_status_quo(const Scenario& scenario, std::size_t issue, const std::string& rule);

// {"max_rounds": 500, "q": 0.5, "t": 0, "tolerance": 0.01, "centre": "weighted_median",
//  "range": "scale", "risk": "each_round", "security": "others_against",
//  "probability": "supporters_only", "offer_choice": "least_move", "perspective": "own_risk",
//  "update": "simultaneous", "compromise": "concede_ratio", "forecast": "weighted_mean"}. Missing keys take the defaults;
// unknown keys or values throw std::invalid_argument.
ExpectedUtilityOptions expected_utility_options_from_json(const nlohmann::json& options);
nlohmann::json expected_utility_options_to_json(const ExpectedUtilityOptions& options);

nlohmann::json complete_forecast_options(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json run_forecast(const Scenario& scenario, const nlohmann::json& options);

}  // namespace truce
