#pragma once
// The forecasting models, registered once: name, title, what each forecasts, how to run it.
// The forecast analysis's dispatch and its `models` option, `truce forecast --help`, the
// CLI table's column titles, the report and the levers' `forecast:` targets all read this
// list; a new model is one entry here (docs/architecture.md, "A new forecast model").

#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/forecast/forecast_options.hpp"
#include "truce/forecast/forecast_result.hpp"
#include "truce/forecast/options_issue.hpp"

namespace truce {

struct ForecastModel {
  std::string name;         // the --model value and the result's key: "eum"
  std::string title;        // the column title in tables: "EUM"
  std::string description;  // one line
  bool in_default_set = true;   // run when the options name no model
  bool iterative = false;       // has rounds and a round-by-round history (--history)
  bool joint_by_nature = false; // works across issues whatever the mode (exchange)
  bool own_mode = false;        // its mode is its own option (smp.mode), not the forecast's
  // Forecasts every scale issue (options issues: not_applicable here; options_on_issue
  // forecasts them). `options` are complete (forecast_options).
  ForecastResult (*run)(const Scenario& scenario, const ForecastOptions& options) = nullptr;
  // One scale issue's forecast alone (nullopt: nobody takes part), for the models that
  // forecast each issue on its own: the levers evaluate it thousands of times. nullptr for
  // the models that work across issues (run them, read the issue).
  std::optional<double> (*position_on_issue)(const Scenario& scenario, std::size_t issue,
                                             const ForecastOptions& options) = nullptr;
  // Options issues: the model's forecast of one (options_issue.hpp; nullopt where nobody with
  // a weight takes part), and how it treats them in one line, which the result's notes give.
  std::optional<OptionsForecast> (*options_on_issue)(const Scenario& scenario, std::size_t issue,
                                                     const ForecastOptions& options) = nullptr;
  const char* options_rule = "";
};

// One scale issue's forecast under `model`: position_on_issue, or the whole run's position
// there (nullopt when the model gives none).
std::optional<double> forecast_position(const ForecastModel& model, const Scenario& scenario, std::size_t issue,
                                        const ForecastOptions& options);

// Every model, in the order tables print them.
const std::vector<ForecastModel>& forecast_models();
// The model with this name, or nullptr.
const ForecastModel* find_forecast_model(const std::string& name);

}  // namespace truce
