#pragma once
// The "forecast" analysis's options, declared once in forecast_option_table(): the models to
// run, the mode, and each model's own options (nash, eum, smp, exchange), nested. From the
// table come the JSON a stored run keeps, validation, the `truce forecast` flags and
// `truce schema forecast`.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/forecast/expected_utility.hpp"
#include "truce/forecast/forecast_result.hpp"
#include "truce/forecast/spatial_model.hpp"

namespace truce {

// Where the Nash model's status quo lies on a scale issue nobody gave one for: the end of the
// scale farther from the capability x salience weighted mean of the positions (far_end; 0 on
// a tie) or nearer to it (near_end; 100 on a tie).
enum class StatusQuoRule { far_end, near_end };

struct NashOptions {
  StatusQuoRule default_status_quo = StatusQuoRule::far_end;
  // By scale issue id: the disagreement point where given. An issue not listed takes its
  // stated status_quo, else the rule (nash_disagreement_point).
  std::map<std::string, double> status_quo;
};

// The models run when none is named (forecast_models.hpp: the registry's default set).
const std::vector<std::string>& default_forecast_models();
// Every model name the registry has, in its order.
const std::vector<std::string>& known_forecast_models();

struct ForecastOptions {
  std::vector<std::string> models = default_forecast_models();
  ForecastMode mode = ForecastMode::per_issue;
  NashOptions nash;
  ExpectedUtilityOptions eum;
  SpatialModelOptions smp;  // its mode follows `mode` when one is given, else joint (as KTAB)
  ExchangeOptions exchange;
};

const OptionTable<NashOptions>& nash_option_table();
const OptionTable<ForecastOptions>& forecast_option_table();

// The options of a request, completed for this scenario: the default models, the SMP's mode
// (the Nash status quo is not filled in: an issue without one takes the scenario's or the
// rule's at run time, and says which). Throws std::invalid_argument naming the option.
ForecastOptions forecast_options(const Scenario& scenario, const nlohmann::json& given);

// The default status quo of a scale issue under `rule` (see StatusQuoRule); 50 when nobody
// takes part.
double default_status_quo(const Scenario& scenario, std::size_t issue, StatusQuoRule rule);

// --- The Nash disagreement point (issue #13 item 3)
struct DisagreementPoint {
  double position = 0;
  DisagreementPointSource source = DisagreementPointSource::rule_far_end;
};
// The Nash model's disagreement point on scale issue `issue`, in order of precedence: the
// option nash.status_quo for it, else the issue's stated status_quo, else the rule
// nash.default_status_quo.
DisagreementPoint nash_disagreement_point(const Scenario& scenario, std::size_t issue, const NashOptions& nash);
// Writes every scale issue's disagreement point on `scenario` into nash.status_quo, so that a
// caller who runs the model on changed positions (the levers) keeps the base scenario's
// point instead of a rule's point that moves with the positions.
void fix_nash_disagreement_points(const Scenario& scenario, NashOptions& nash);
// --- end of the Nash disagreement point

}  // namespace truce
