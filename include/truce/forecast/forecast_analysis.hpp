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

#include "truce/core/headline.hpp"
#include "truce/core/scenario.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/forecast/expected_utility.hpp"
#include "truce/forecast/forecast_options.hpp"
#include "truce/forecast/forecast_result.hpp"

namespace truce {

// The closed-form models, per scale issue (options issues: not_applicable; the forecast
// analysis forecasts them with each model's options_on_issue, forecast_models.hpp).
ForecastResult forecast_compromise(const Scenario& scenario);
ForecastResult forecast_weighted_median(const Scenario& scenario);
// The plain mean: every actor with a stake (salience > 0) counts once, whatever its capability.
ForecastResult forecast_plain_mean(const Scenario& scenario);
// Each scale issue against its disagreement point (nash_disagreement_point: the option, the
// issue's stated status quo, or the rule); nash_by_issue says which, and whether degenerate.
ForecastResult forecast_nash_bargaining(const Scenario& scenario, const NashOptions& nash);
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

// One option's probability in an options issue's forecast.
struct OptionProbability {
  std::string option;  // the option's id
  double probability = 0;
};

// One model's forecast on one issue.
struct IssueForecast {
  std::string model;
  double position = not_applicable;           // not_applicable: the model has none here (options issues)
  std::optional<NearestPoint> nearest_point;  // scale issues with a position and named points
  int rounds = 0;                             // 0 for closed-form models
  std::optional<Interval> interval;           // the ensemble's calibrated prediction interval
  // --- Stable models, honestly reported (issue #13 item 3): from the model's ForecastResult
  // (its *_by_issue vectors); nullopt where the model does not report the fact.
  std::optional<bool> converged;          // EUM, SMP: stopped because positions stopped moving
  std::optional<RoundCycle> cycle;        // EUM: the cycle its rounds fell into (position = its mean)
  std::optional<NashIssueResult> nash;    // Nash: disagreement point, its source, degenerate
  std::optional<SmpIssueStatistics> smp;  // SMP: the statistics of the final state
  // --- end of issue #13 item 3

  // --- Red lines and options issues ---
  // Options issues: the forecast option's id (nullopt where the model has no forecast) and
  // every option's probability in the issue's option order (options_issue.hpp; empty on scale
  // issues).
  std::optional<std::string> option;
  std::vector<OptionProbability> option_probabilities;
  // The actors whose red line the forecast (position or option) crosses, by id in actor order
  // (red_line_check.hpp): veto actors, whose consent any deal needs, and the others apart.
  std::vector<std::string> veto_red_lines_crossed;
  std::vector<std::string> other_red_lines_crossed;
};

struct ForecastIssue {
  std::string id;
  std::string name;
  IssueKind kind = IssueKind::scale;     // options issues: IssueForecast::option, not position
  std::vector<IssueForecast> forecasts;  // one per model, in the models' order
};

// One model as it ran: its ForecastResult (positions, history, rounds, parameters, notes
// and, for the exchange model, the exchanges it realised).
struct ModelForecast {
  ForecastResult forecast;
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
// The figures `truce runs list` shows (core/headline.hpp): per issue, the ensemble's forecast
// (the first model's where the ensemble did not run): the position on a scale issue, the
// option's id on an options issue; named "ISSUE.MODEL".
Headline forecast_headline(const ForecastAnalysisResult& result);
// The result as the run store keeps it and `--format json` prints it.
nlohmann::json to_json(const ForecastAnalysisResult& result);
// to_json(forecast_analysis(scenario, options)): the registry's JSON edge.
nlohmann::json run_forecast(const Scenario& scenario, const nlohmann::json& options);

}  // namespace truce
