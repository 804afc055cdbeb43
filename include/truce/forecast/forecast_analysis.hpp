#pragma once
// The "forecast" analysis: where each issue settles under every forecasting model, side by
// side (docs/forecast.md). Its options are forecast_options.hpp's table; its models are
// forecast_models.hpp's registry. "exchange" (Stokman's exchange model) runs only when
// named: it trades across issues.

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/forecast/expected_utility.hpp"
#include "truce/forecast/forecast_options.hpp"
#include "truce/forecast/forecast_result.hpp"

namespace truce {

// One side of a realised exchange (Stokman's model): an actor moves on one issue in return
// for its partner's move on another.
struct ExchangeTradeSide {
  std::string actor;         // actor id
  std::string moves_on;      // the issue it moves on (its supply issue)
  std::string in_return_for; // the issue its partner moves on (its demand issue)
  double round_start = 0;    // its position on moves_on at the start of the round
  double from = 0;           // its position on moves_on when the exchange was made
  double to = 0;             // its voting position on moves_on after the exchange
  double move = 0;           // signed
  double outcome_shift = 0;  // the shift of the expected outcome on moves_on it concedes
  bool cut_at_partner = false;  // the move was cut so the expected outcome stops at the partner
};

struct ExchangeTrade {
  int round = 1;                      // 1-based
  std::array<std::string, 2> issues;  // the issue pair, in issue order
  bool outer_groups = false;          // the groups a-d traded (true) or b-c
  double gain = 0;                    // each side's utility gain (equal)
  ExchangeTradeSide i, j;
};

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

// The named point nearest a forecast position.
struct NearestPoint {
  std::string id;
  std::string label;
  double position = 0;
};

// One model's forecast on one issue.
struct IssueForecast {
  std::string model;
  double position = not_applicable;           // not_applicable: the model has none here
  std::optional<NearestPoint> nearest_point;  // scale issues with a position and named points
  int rounds = 0;                             // 0 for closed-form models
};

struct ForecastIssue {
  std::string id;
  std::string name;
  IssueKind kind = IssueKind::scale;     // options issues are not forecast (not_applicable)
  std::vector<IssueForecast> forecasts;  // one per model, in the models' order
};

// One model as it ran: its ForecastResult (positions, history, rounds, parameters, notes)
// and, for the exchange model, the exchanges it realised.
struct ModelForecast {
  ForecastResult forecast;
  std::optional<std::vector<ExchangeTrade>> trades;  // the exchange model only
};

struct ForecastActor {
  std::string id;
  std::string name;
};

// The "forecast" analysis' result: every model named in the options, in their order.
struct ForecastAnalysisResult {
  std::string scenario;             // the scenario's name
  ForecastMode mode = ForecastMode::per_issue;  // as asked ("mode"); the SMP and exchange have their own
  ForecastOptions options;          // complete, as run
  std::vector<ForecastActor> actors;
  std::vector<ForecastIssue> issues;  // the scenario's issues, in order
  std::vector<ModelForecast> models;
};

// Every model of `options` side by side; the typed options are complete (forecast_options).
ForecastAnalysisResult forecast_analysis(const Scenario& scenario, const ForecastOptions& options);
ForecastAnalysisResult forecast_analysis(const Scenario& scenario, const nlohmann::json& options);
// The result as the run store keeps it and `--format json` prints it.
nlohmann::json to_json(const ForecastAnalysisResult& result);
// to_json(forecast_analysis(scenario, options)): the registry's JSON edge.
nlohmann::json run_forecast(const Scenario& scenario, const nlohmann::json& options);

}  // namespace truce
