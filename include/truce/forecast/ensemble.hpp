#pragma once
// The ensemble: a weighted combination of other forecast models, with a prediction interval
// from split-conformal calibration, both fitted on past decisions with known outcomes
// (`truce backtest`, docs/backtest.md). The fit truce ships (data/ensemble/ensemble.json,
// compiled in) was made on DEU I by cross-validation; its provenance travels with it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/forecast/forecast_result.hpp"

namespace truce {

struct ForecastOptions;

struct EnsembleMember {
  std::string model;  // a forecast model's name (forecast_models.hpp)
  double weight = 0;  // >= 0; the weights sum to 1
};

// Where the fit came from and how well it did there.
struct EnsembleProvenance {
  std::string data;        // the data set's name, e.g. "DEU table deu_I_issues.csv"
  int cases = 0;           // scored issues
  int proposals = 0;
  int folds = 0;
  std::uint64_t seed = 0;
  double cross_validated_mae = 0;  // the ensemble refitted on the other folds, case by case
  double baseline_mae = 0;         // the weighted mean's on the same cases
  double cross_validated_coverage = 0;  // share of outcomes inside the intervals, out of fold
  std::string covers;      // what the data are: "EU legislative decisions, 1999-2008"
};

struct EnsembleFit {
  std::vector<EnsembleMember> members;
  // Interval: forecast +- quantile x (spread + spread_floor), clipped to the scale, where
  // spread is the capability x salience weighted standard deviation of the positions.
  double level = 0.8;
  double quantile = 0;
  double spread_floor = 10;
  EnsembleProvenance provenance;
};

nlohmann::json to_json(const EnsembleFit& fit);
// Throws std::invalid_argument naming what is wrong.
EnsembleFit ensemble_fit_from_json(const nlohmann::json& j);

// The fit compiled into truce (data/ensemble/ensemble.json).
const EnsembleFit& shipped_ensemble();

// The capability x salience weighted standard deviation of the positions on a scale issue
// (0 when nobody takes part): the scale of the interval.
double position_spread(const Scenario& scenario, std::size_t issue);

// The weighted combination of the members' forecasts on one issue, the weights renormalised
// over the members that have one; nullopt when none has.
std::optional<double> combine_forecasts(const std::vector<EnsembleMember>& members,
                                        const std::vector<std::optional<double>>& member_forecasts);

Interval ensemble_interval(double forecast, double spread, const EnsembleFit& fit);

// The "ensemble" forecast model: every scale issue, with its interval.
ForecastResult forecast_ensemble(const Scenario& scenario, const ForecastOptions& options, const EnsembleFit& fit);

}  // namespace truce
