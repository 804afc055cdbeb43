#pragma once
// `truce backtest`: every forecast model (and named variants of one) scored against the
// outcomes of past decisions, the issues of a Scenario that state an `outcome` (a DEU
// table, or the user's own YAML/KTAB/BDM cases). Per model: mean, median and root-mean-square
// absolute error, how often it beats the baseline (the capability x salience weighted mean),
// the paired mean difference against the baseline with a bootstrap interval that resamples
// whole proposals, and a sign test. The ensemble is refitted by cross-validation with folds
// that keep a proposal's issues together, so its score is out of sample, and its prediction
// intervals' coverage is measured the same way. docs/backtest.md has the definitions.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/headline.hpp"
#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/forecast/ensemble.hpp"
#include "truce/forecast/forecast_options.hpp"

namespace truce::backtest {

struct BacktestOptions {
  // The models scored (default: the forecast registry's default set).
  std::vector<std::string> models = default_forecast_models();
  // Named variants of a model, "MODEL:OPTION=VALUE[,OPTION=VALUE]" with the model's own
  // forecast options (truce schema forecast), e.g. "eum:reading=scholz_code".
  std::vector<std::string> variants;
  std::string baseline = "compromise";
  int folds = 10;              // cross-validation folds (proposals kept together)
  int bootstrap = 2000;        // resamples of proposals for the paired intervals
  std::uint64_t seed = 1;      // of the fold assignment and the bootstrap
  int min_actors = 3;          // an issue is scored with at least this many actors coded
  // The models the cross-validated ensemble combines, and its interval's level.
  std::vector<std::string> ensemble_members = {"compromise", "mean", "median", "smp", "eum"};
  double interval_level = 0.8;
};

const OptionTable<BacktestOptions>& backtest_option_table();
BacktestOptions backtest_options(const nlohmann::json& given);
nlohmann::json complete_backtest_options(const Scenario& scenario, const nlohmann::json& given);

// One scored issue.
struct BacktestCase {
  std::string issue;
  std::string proposal;  // the issue's proposal, or its own id where it states none
  int fold = 0;          // 0-based cross-validation fold
  double outcome = 0;
  int actors = 0;
  std::vector<double> forecast;  // by model, in BacktestResult::models' order; NaN = none
  std::optional<Interval> interval;  // the cross-validated ensemble's, where it ran
};

// A model's (or variant's) record.
struct ModelScore {
  std::string model;        // "eum", or the variant "eum:reading=scholz_code"
  std::string description;  // how it was run, when the data say something about it
  bool cross_validated = false;  // fitted on other folds than the case's own (the ensemble)
  int scored = 0;           // cases with a forecast
  int missing = 0;          // cases the model gave no forecast for
  double mae = 0, median_ae = 0, rmse = 0;
  // Against the baseline, on the cases both forecast: wins, ties, losses by absolute error;
  // mean of (this error - baseline error), its 95% bootstrap interval (proposals resampled)
  // and the two-sided sign test's p-value over the cases that are not ties.
  int beats = 0, ties = 0, loses = 0;
  double share_beats = 0;
  double mean_difference = 0, difference_low = 0, difference_high = 0;
  double sign_test_p = 1;
  int not_converged = 0;    // iterative models: issues stopped at the round cap
  int cycles = 0;           // iterative models: issues that ended in a cycle
};

// The cross-validated ensemble's intervals: the share of outcomes inside them.
struct IntervalCoverage {
  double level = 0.8;
  int cases = 0;
  int covered = 0;
  double share = 0;
  double mean_width = 0;
};

struct BacktestResult {
  std::string scenario;
  BacktestOptions options;
  int issues = 0;            // issues in the scenario
  int without_outcome = 0;   // not scored: no outcome
  int too_few_actors = 0;    // not scored: fewer than min_actors coded
  int proposals = 0;         // among the scored cases
  std::string baseline;
  std::vector<ModelScore> models;  // in the order run; the baseline first
  std::vector<BacktestCase> cases;
  std::optional<IntervalCoverage> coverage;  // when the ensemble ran
  // The ensemble fitted on every scored case (what `--write-ensemble` ships).
  std::optional<EnsembleFit> fit;
  std::vector<std::string> notes;
};

BacktestResult backtest_analysis(const Scenario& scenario, const BacktestOptions& options);
BacktestResult backtest_analysis(const Scenario& scenario, const nlohmann::json& options);
// The figures `truce runs list` shows (core/headline.hpp): each model's mean absolute error
// ("MODEL.mae") and the ensemble's cross-validated interval coverage.
Headline backtest_headline(const BacktestResult& result);
nlohmann::json to_json(const BacktestResult& result);
nlohmann::json run_backtest(const Scenario& scenario, const nlohmann::json& options);

// --- The parts, for tests ---------------------------------------------------------------

// Fold (0..folds-1) of each proposal: proposals in a seeded random order, dealt round-robin.
std::vector<int> proposal_folds(const std::vector<std::string>& proposals, int folds, std::uint64_t seed);

// Two-sided exact binomial sign test: `wins` of `trials` under p = 1/2.
double sign_test_p_value(int wins, int trials);

struct ErrorSummary {
  double mae = 0, median_ae = 0, rmse = 0;
};
ErrorSummary summarise_errors(const std::vector<double>& absolute_errors);

// Member weights (multiples of 1/steps, summing to 1) minimising the summed absolute error
// of the combination (combine_forecasts) over the cases; the first best in lexicographic
// order of the weights, starting from all weight on the first member.
std::vector<double> fit_ensemble_weights(const std::vector<std::vector<std::optional<double>>>& member_forecasts,
                                         const std::vector<double>& outcomes, int steps);

// The ceil((n + 1) x level)-th smallest score (split-conformal); infinity when n is too small.
double conformal_quantile(std::vector<double> scores, double level);

}  // namespace truce::backtest
