#include "truce/forecast/forecast_models.hpp"

#include "truce/forecast/forecast_analysis.hpp"

namespace truce {

namespace {

std::vector<double> status_quo_by_issue(const Scenario& scenario, const NashOptions& nash) {
  std::vector<double> q(scenario.issues.size(), not_applicable);
  for (std::size_t k = 0; k < scenario.issues.size(); ++k)
    if (scenario.issues[k].kind == IssueKind::scale) q[k] = nash.status_quo.at(scenario.issues[k].id);
  return q;
}

}  // namespace

const std::vector<ForecastModel>& forecast_models() {
  static const std::vector<ForecastModel> all = {
      {"compromise", "Compromise", "capability x salience weighted mean of the positions", true, false, false, false,
       [](const Scenario& s, const ForecastOptions&) { return forecast_compromise(s); }},
      {"median", "Median", "capability x salience weighted (lower) median of the positions", true, false, false, false,
       [](const Scenario& s, const ForecastOptions&) { return forecast_weighted_median(s); }},
      {"nash", "Nash", "asymmetric Nash bargaining solution against a status quo", true, false, false, false,
       [](const Scenario& s, const ForecastOptions& o) {
         return forecast_nash_bargaining(s, status_quo_by_issue(s, o.nash));
       }},
      {"eum", "EUM", "Bueno de Mesquita's expected-utility model (Scholz et al. 2011)", true, true, false, false,
       [](const Scenario& s, const ForecastOptions& o) { return forecast_expected_utility(s, o.eum); }},
      {"smp", "SMP", "KTAB's Spatial Model of Politics", true, true, false, true,
       [](const Scenario& s, const ForecastOptions& o) { return forecast_spatial_model(s, o.smp); }},
      {"exchange", "Exchange", "Stokman's exchange model (equal gain): trades across issues", false, true, true, false,
       [](const Scenario& s, const ForecastOptions& o) { return forecast_exchange(s, o.exchange); }},
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
