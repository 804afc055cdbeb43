#include "truce/forecast/forecast_models.hpp"

#include <algorithm>
#include <cmath>

#include "truce/forecast/compromise.hpp"
#include "truce/forecast/ensemble.hpp"
#include "truce/forecast/forecast_analysis.hpp"
#include "truce/forecast/nash_bargaining.hpp"

namespace truce {

namespace {

std::optional<double> compromise_on(const Scenario& s, std::size_t k, const ForecastOptions&) {
  const auto a = issue_actors(s, k);
  return weighted_mean(a.weights(), a.position);
}

// Every actor with a stake (salience > 0) counts once, whatever its capability.
std::optional<double> mean_on(const Scenario& s, std::size_t k, const ForecastOptions&) {
  const auto a = issue_actors(s, k);
  return weighted_mean(a.stake_weights(), a.position);
}

std::optional<double> median_on(const Scenario& s, std::size_t k, const ForecastOptions&) {
  const auto a = issue_actors(s, k);
  return weighted_median(a.weights(), a.position);
}

std::optional<double> nash_on(const Scenario& s, std::size_t k, const ForecastOptions& o) {
  const auto a = issue_actors(s, k);
  const auto w = a.weights();
  if (std::none_of(w.begin(), w.end(), [](double x) { return x > 0; })) return std::nullopt;
  // As forecast_nash_bargaining: the same disagreement point, and no forecast when degenerate.
  const double x = nash_bargaining_position(a.position, w, nash_disagreement_point(s, k, o.nash).position).position;
  if (std::isnan(x)) return std::nullopt;
  return x;
}

std::optional<double> eum_on(const Scenario& s, std::size_t k, const ForecastOptions& o) {
  const auto a = issue_actors(s, k);
  if (a.size() == 0) return std::nullopt;
  // The run's own forecast, the cycle's mean when the rounds cycle: as forecast_expected_utility.
  return run_expected_utility(a.position, a.capability, a.salience, o.eum).forecast;
}

// Options issues (options_issue.hpp): which analogue each model uses.
std::optional<OptionsForecast> vote_on_options(const Scenario& s, std::size_t k, const ForecastOptions&) {
  return weighted_vote(options_issue_actors(s, k));
}

std::optional<OptionsForecast> plurality_on_options(const Scenario& s, std::size_t k, const ForecastOptions&) {
  return weighted_plurality(options_issue_actors(s, k));
}

std::optional<OptionsForecast> nash_on_options(const Scenario& s, std::size_t k, const ForecastOptions&) {
  return nash_option(options_issue_actors(s, k), disagreement_option(s, k));
}

std::optional<OptionsForecast> condorcet_on_options(const Scenario& s, std::size_t k, const ForecastOptions& o) {
  return condorcet_option(options_issue_actors(s, k), o.smp);
}

}  // namespace

std::optional<double> forecast_position(const ForecastModel& model, const Scenario& scenario, std::size_t issue,
                                        const ForecastOptions& options) {
  if (model.position_on_issue) return model.position_on_issue(scenario, issue, options);
  const ForecastResult r = model.run(scenario, options);
  if (issue >= r.position_by_issue.size() || std::isnan(r.position_by_issue[issue])) return std::nullopt;
  return r.position_by_issue[issue];
}

const std::vector<ForecastModel>& forecast_models() {
  static const std::vector<ForecastModel> all = {
      {"ensemble", "Ensemble",
       "weighted combination of models with a calibrated interval, fitted on past decisions (truce backtest)", true,
       false, false, false,
       [](const Scenario& s, const ForecastOptions& o) { return forecast_ensemble(s, o, shipped_ensemble()); }, nullptr,
       vote_on_options,
       "options issues: the compromise model's weighted vote (the ensemble is fitted on scale issues only; no "
       "interval)"},
      {"compromise", "Compromise", "capability x salience weighted mean of the positions", true, false, false, false,
       [](const Scenario& s, const ForecastOptions&) { return forecast_compromise(s); }, compromise_on,
       vote_on_options,
       "options issues: capability x salience weighted vote over the options' utilities (option o's share of "
       "sum_i c_i s_i u_i(o))"},
      {"mean", "Mean", "plain mean of the positions: every actor with a stake counts once", true, false, false, false,
       [](const Scenario& s, const ForecastOptions&) { return forecast_plain_mean(s); }, mean_on, vote_on_options,
       "options issues: the compromise model's weighted vote (no equal-weight analogue is validated)"},
      {"median", "Median", "capability x salience weighted (lower) median of the positions", true, false, false, false,
       [](const Scenario& s, const ForecastOptions&) { return forecast_weighted_median(s); }, median_on,
       plurality_on_options,
       "options issues: capability x salience weighted plurality (each actor's whole weight to the option it "
       "stands for)"},
      {"nash", "Nash", "asymmetric Nash bargaining solution against a status quo", true, false, false, false,
       [](const Scenario& s, const ForecastOptions& o) {
         return forecast_nash_bargaining(s, o.nash);
       },
       nash_on, nash_on_options,
       "options issues: the option maximising the weighted product of utility gains over the dynamics section's "
       "status quo option, or over utility 0 where the scenario states none"},
      {"eum", "EUM", "Bueno de Mesquita's expected-utility model (Scholz et al. 2011)", true, true, false, false,
       [](const Scenario& s, const ForecastOptions& o) { return forecast_expected_utility(s, o.eum); }, eum_on,
       vote_on_options,
       "options issues: the compromise model's weighted vote (the EUM needs distances between positions, which "
       "options do not have)"},
      {"smp", "SMP", "KTAB's Spatial Model of Politics", true, true, false, true,
       [](const Scenario& s, const ForecastOptions& o) { return forecast_spatial_model(s, o.smp); }, nullptr,
       condorcet_on_options,
       "options issues: KTAB's probabilistic Condorcet election over the options (its policy-matrix model), "
       "weights c_i s_i, with the SMP's vote rule, victory probability and PCE"},
      {"exchange", "Exchange", "Stokman's exchange model (equal gain): trades across issues", false, true, true, false,
       [](const Scenario& s, const ForecastOptions& o) { return forecast_exchange(s, o.exchange); }, nullptr,
       vote_on_options,
       "options issues: the compromise model's weighted vote (no exchange involves an options issue)"},
  };
  return all;
}

const ForecastModel* find_forecast_model(const std::string& name) {
  for (const auto& m : forecast_models())
    if (m.name == name) return &m;
  return nullptr;
}

const std::vector<std::string>& default_forecast_models() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& m : forecast_models())
      if (m.in_default_set) out.push_back(m.name);
    return out;
  }();
  return names;
}

const std::vector<std::string>& known_forecast_models() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& m : forecast_models()) out.push_back(m.name);
    return out;
  }();
  return names;
}

}  // namespace truce
