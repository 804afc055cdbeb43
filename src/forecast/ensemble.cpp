#include "truce/forecast/ensemble.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "truce/forecast/compromise.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/forecast/forecast_options.hpp"
#include "truce/shipped_data.hpp"

namespace truce {

using nlohmann::json;

json to_json(const EnsembleFit& fit) {
  json members = json::array();
  for (const auto& m : fit.members) members.push_back({{"model", m.model}, {"weight", m.weight}});
  const auto& p = fit.provenance;
  return {{"members", members},
          {"interval", {{"level", fit.level}, {"quantile", fit.quantile}, {"spread_floor", fit.spread_floor}}},
          {"provenance",
           {{"data", p.data},
            {"cases", p.cases},
            {"proposals", p.proposals},
            {"folds", p.folds},
            {"seed", p.seed},
            {"cross_validated_mae", p.cross_validated_mae},
            {"baseline_mae", p.baseline_mae},
            {"cross_validated_coverage", p.cross_validated_coverage},
            {"covers", p.covers}}}};
}

EnsembleFit ensemble_fit_from_json(const json& j) {
  try {
    EnsembleFit fit;
    double total = 0;
    for (const auto& m : j.at("members")) {
      EnsembleMember member{m.at("model").get<std::string>(), m.at("weight").get<double>()};
      if (!find_forecast_model(member.model) || member.model == "ensemble")
        throw std::invalid_argument(fmt::format("member '{}' is not a forecast model it can combine", member.model));
      if (!(member.weight >= 0) || !std::isfinite(member.weight))
        throw std::invalid_argument(fmt::format("member '{}' has weight {}, expected >= 0", member.model, member.weight));
      total += member.weight;
      fit.members.push_back(member);
    }
    if (fit.members.empty() || std::abs(total - 1) > 1e-9)
      throw std::invalid_argument(fmt::format("expected member weights summing to 1, found {}", total));
    const auto& interval = j.at("interval");
    fit.level = interval.at("level").get<double>();
    fit.quantile = interval.at("quantile").get<double>();
    fit.spread_floor = interval.at("spread_floor").get<double>();
    if (!(fit.level > 0 && fit.level < 1) || !(fit.quantile >= 0) || !(fit.spread_floor >= 0))
      throw std::invalid_argument("expected an interval level in (0, 1), a quantile and a spread floor >= 0");
    const auto& p = j.at("provenance");
    fit.provenance = {p.at("data").get<std::string>(),
                      p.at("cases").get<int>(),
                      p.at("proposals").get<int>(),
                      p.at("folds").get<int>(),
                      p.at("seed").get<std::uint64_t>(),
                      p.at("cross_validated_mae").get<double>(),
                      p.at("baseline_mae").get<double>(),
                      p.at("cross_validated_coverage").get<double>(),
                      p.at("covers").get<std::string>()};
    return fit;
  } catch (const json::exception& e) {
    throw std::invalid_argument(fmt::format("ensemble fit: {}", e.what()));
  }
}

const EnsembleFit& shipped_ensemble() {
  static const EnsembleFit fit = ensemble_fit_from_json(json::parse(shipped_ensemble_json));
  return fit;
}

double position_spread(const Scenario& scenario, std::size_t issue) {
  const IssueActors a = issue_actors(scenario, issue);
  const auto w = a.weights();
  const auto mean = weighted_mean(w, a.position);
  if (!mean) return 0;
  double total = 0, sum = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    total += w[i];
    sum += w[i] * (a.position[i] - *mean) * (a.position[i] - *mean);
  }
  return std::sqrt(sum / total);
}

std::optional<double> combine_forecasts(const std::vector<EnsembleMember>& members,
                                        const std::vector<std::optional<double>>& member_forecasts) {
  double total = 0, sum = 0;
  for (std::size_t m = 0; m < members.size(); ++m)
    if (member_forecasts[m] && members[m].weight > 0) {
      total += members[m].weight;
      sum += members[m].weight * *member_forecasts[m];
    }
  if (!(total > 0)) return std::nullopt;
  return std::clamp(sum / total, scale_min, scale_max);
}

Interval ensemble_interval(double forecast, double spread, const EnsembleFit& fit) {
  const double half = fit.quantile * (spread + fit.spread_floor);
  return {std::max(scale_min, forecast - half), std::min(scale_max, forecast + half), fit.level};
}

ForecastResult forecast_ensemble(const Scenario& scenario, const ForecastOptions& given, const EnsembleFit& fit) {
  // The members run as they ran when the weights were fitted (truce backtest): each issue on
  // its own, whatever mode the forecast asks of the models it prints beside.
  ForecastOptions options = given;
  options.mode = ForecastMode::per_issue;
  options.smp.mode = ForecastMode::per_issue;
  ForecastResult r;
  r.model = "ensemble";
  r.mode = ForecastMode::per_issue;
  const std::size_t n = scenario.issues.size();
  r.position_by_issue.assign(n, not_applicable);
  r.interval_by_issue.assign(n, std::nullopt);
  r.rounds_by_issue.assign(n, 0);
  // Members that forecast across issues run once; the others issue by issue.
  std::vector<std::optional<ForecastResult>> whole(fit.members.size());
  std::vector<const ForecastModel*> model(fit.members.size());
  for (std::size_t m = 0; m < fit.members.size(); ++m) {
    model[m] = find_forecast_model(fit.members[m].model);
    if (!model[m]) throw std::invalid_argument(fmt::format("ensemble member '{}' is not a model", fit.members[m].model));
    if (!model[m]->position_on_issue && fit.members[m].weight > 0) whole[m] = model[m]->run(scenario, options);
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (scenario.issues[k].kind != IssueKind::scale) continue;
    std::vector<std::optional<double>> f(fit.members.size());
    for (std::size_t m = 0; m < fit.members.size(); ++m) {
      if (!(fit.members[m].weight > 0)) continue;
      if (whole[m]) {
        const double x = whole[m]->position_by_issue[k];
        if (!std::isnan(x)) f[m] = x;
      } else {
        f[m] = model[m]->position_on_issue(scenario, k, options);
      }
    }
    const auto position = combine_forecasts(fit.members, f);
    if (!position) continue;
    r.position_by_issue[k] = *position;
    r.interval_by_issue[k] = ensemble_interval(*position, position_spread(scenario, k), fit);
  }
  for (const auto& m : fit.members)
    if (m.weight > 0) r.parameters.emplace_back(fmt::format("weight.{}", m.model), fmt::format("{:.2f}", m.weight));
  r.parameters.emplace_back("interval", fmt::format("{:.0f}%: +- {:.3f} x (spread + {:g})", 100 * fit.level, fit.quantile,
                                                    fit.spread_floor));
  const auto& p = fit.provenance;
  r.notes.push_back(fmt::format(
      "ensemble fitted on {} ({} issues, {} proposals, {}-fold cross-validation): cross-validated MAE {:.2f} against "
      "the weighted mean's {:.2f}; {:.0f}% intervals held {:.1f}% of outcomes out of fold. Validated on {}; not on war "
      "termination or any other kind of negotiation.",
      p.data, p.cases, p.proposals, p.folds, p.cross_validated_mae, p.baseline_mae, 100 * fit.level,
      100 * p.cross_validated_coverage, p.covers));
  return r;
}

}  // namespace truce
