#pragma once
// The "forecast" analysis: where each issue settles under every forecasting model, side by
// side (docs/forecast.md). Its options are forecast_options.hpp's table; its models are
// forecast_models.hpp's registry. "exchange" (Stokman's exchange model) runs only when
// named: it trades across issues.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/forecast/expected_utility.hpp"
#include "truce/forecast/forecast_options.hpp"
#include "truce/forecast/forecast_result.hpp"

namespace truce {

// The closed-form models, per scale issue (options issues: not_applicable, with a note).
ForecastResult forecast_compromise(const Scenario& scenario);
ForecastResult forecast_weighted_median(const Scenario& scenario);
// status_quo_by_issue: one value per issue (ignored for options issues).
ForecastResult forecast_nash_bargaining(const Scenario& scenario, const std::vector<double>& status_quo_by_issue);
ForecastResult forecast_expected_utility(const Scenario& scenario, const ExpectedUtilityOptions& options);
// Stokman's exchange model over all scale issues; the result's `trades` lists every realised
// exchange.
ForecastResult forecast_exchange(const Scenario& scenario, const ExchangeOptions& options);
ExchangeOptions exchange_options_from_json(const nlohmann::json& options);
nlohmann::json exchange_options_to_json(const ExchangeOptions& options);

// The tables' JSON faces (missing keys take the defaults; unknown keys or values throw
// std::invalid_argument).
ExpectedUtilityOptions expected_utility_options_from_json(const nlohmann::json& options);
nlohmann::json expected_utility_options_to_json(const ExpectedUtilityOptions& options);

// The registry's entry points: the complete options as JSON, and the result as JSON.
nlohmann::json complete_forecast_options(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json run_forecast(const Scenario& scenario, const nlohmann::json& options);
// The typed entry: every model of `options` side by side (options complete: forecast_options).
nlohmann::json forecast_side_by_side(const Scenario& scenario, const ForecastOptions& options);

}  // namespace truce
