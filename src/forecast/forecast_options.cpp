#include "truce/forecast/forecast_options.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "truce/forecast/compromise.hpp"
#include "truce/forecast/forecast_models.hpp"

namespace truce {

using nlohmann::json;

const OptionTable<NashOptions>& nash_option_table() {
  using O = NashOptions;
  static const OptionTable<O> table = option_table<O>("nash", {
        choice_option("default_status_quo", &O::default_status_quo,
                      {{StatusQuoRule::far_end, "far_end"}, {StatusQuoRule::near_end, "near_end"}},
                      "status quo of a scale issue not given one: the scale end farther from the weighted mean "
                      "of the positions, or nearer to it"),
        number_by_key_option("status_quo", &O::status_quo, 0.0, 100.0, "ISSUE=POSITION",
                             "status quo of a scale issue, by issue id"),
  });
  return table;
}

const OptionTable<ForecastOptions>& forecast_option_table() {
  using O = ForecastOptions;
  static const OptionTable<O> table = option_table<O>("forecast", {
        with_flag(choice_list_option("models", &O::models, known_forecast_models(), "the models to run"), "model"),
        // "per-issue" is how the command line spelled it before the table.
        with_aliases(choice_option("mode", &O::mode,
                                   {{ForecastMode::per_issue, "per_issue"}, {ForecastMode::joint, "joint"}},
                                   "each scale issue on its own or all together, for every model"),
                     {{"per-issue", "per_issue"}}),
        group_option("nash", &O::nash, &nash_option_table, "nash-", "Nash"),
        group_option("eum", &O::eum, &expected_utility_option_table, "eum-", "EUM"),
        group_option("smp", &O::smp, &spatial_model_option_table, "smp-", "SMP"),
        group_option("exchange", &O::exchange, &exchange_option_table, "exchange-", "Exchange"),
  });
  return table;
}

double default_status_quo(const Scenario& scenario, std::size_t issue, StatusQuoRule rule) {
  const IssueActors a = issue_actors(scenario, issue);
  const auto mean = weighted_mean(a.weights(), a.position);
  if (!mean) return 50.0;
  const double to_low = *mean - scale_min, to_high = scale_max - *mean;
  if (rule == StatusQuoRule::far_end) return to_high > to_low ? scale_max : scale_min;
  return to_low < to_high ? scale_min : scale_max;
}

ForecastOptions forecast_options(const Scenario& scenario, const json& given) {
  ForecastOptions o = forecast_option_table().parse(given);  // given is an object (or null) from here
  // A mode given for the forecast is every model's, the SMP's too; without one the SMP runs
  // jointly over all scale issues, as KTAB does, so its history diffs against KTAB's logs.
  const bool mode_given = given.is_object() && given.contains("mode");
  const bool smp_mode_given = given.is_object() && given.contains("smp") && given.at("smp").contains("mode");
  if (mode_given && !smp_mode_given) o.smp.mode = o.mode;
  for (const auto& [id, value] : o.nash.status_quo) {
    const auto k = find_issue(scenario, id);
    if (!k || scenario.issues[*k].kind != IssueKind::scale)
      throw std::invalid_argument(fmt::format("{}: '{}' is not a scale issue of the scenario",
                                              option_path("forecast", "nash.status_quo"), id));
  }
  // The status quo of an issue not given one is not written in: the complete options (which a
  // stored run keeps) then still say that it comes from the scenario or the rule, and a rerun
  // on the stored scenario finds the same point and the same source.
  return o;
}

DisagreementPoint nash_disagreement_point(const Scenario& scenario, std::size_t issue, const NashOptions& nash) {
  const Issue& i = scenario.issues.at(issue);
  if (const auto given = nash.status_quo.find(i.id); given != nash.status_quo.end())
    return {given->second, DisagreementPointSource::option};
  if (i.status_quo) return {*i.status_quo, DisagreementPointSource::scenario};
  return {default_status_quo(scenario, issue, nash.default_status_quo),
          nash.default_status_quo == StatusQuoRule::far_end ? DisagreementPointSource::rule_far_end
                                                            : DisagreementPointSource::rule_near_end};
}

void fix_nash_disagreement_points(const Scenario& scenario, NashOptions& nash) {
  for (std::size_t k = 0; k < scenario.issues.size(); ++k)
    if (scenario.issues[k].kind == IssueKind::scale)
      nash.status_quo[scenario.issues[k].id] = nash_disagreement_point(scenario, k, nash).position;
}

}  // namespace truce
