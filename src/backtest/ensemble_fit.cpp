// Fitting the ensemble: member weights on the simplex that minimise the absolute error, and
// the split-conformal quantile of the scaled residuals.
#include <algorithm>
#include <cmath>
#include <functional>

#include "truce/backtest/backtest.hpp"

namespace truce::backtest {

std::vector<double> fit_ensemble_weights(const std::vector<std::vector<std::optional<double>>>& member_forecasts,
                                         const std::vector<double>& outcomes, int steps) {
  const std::size_t members = member_forecasts.empty() ? 0 : member_forecasts.front().size();
  std::vector<double> best(members, 0.0);
  if (members == 0) return best;
  best[0] = 1.0;
  double best_error = std::numeric_limits<double>::infinity();
  std::vector<EnsembleMember> trial(members);
  std::vector<int> parts(members, 0);
  // Every composition of `steps` into `members` parts, in lexicographic order; the first
  // weights with the least error win (deterministic).
  std::function<void(std::size_t, int)> visit = [&](std::size_t m, int left) {
    if (m + 1 == members) {
      parts[m] = left;
      for (std::size_t i = 0; i < members; ++i) trial[i].weight = static_cast<double>(parts[i]) / steps;
      double error = 0;
      for (std::size_t c = 0; c < outcomes.size() && error < best_error; ++c) {
        const auto x = combine_forecasts(trial, member_forecasts[c]);
        error += x ? std::abs(*x - outcomes[c]) : 0.0;
      }
      if (error < best_error - 1e-9) {
        best_error = error;
        for (std::size_t i = 0; i < members; ++i) best[i] = trial[i].weight;
      }
      return;
    }
    for (int k = left; k >= 0; --k) {
      parts[m] = k;
      visit(m + 1, left - k);
    }
  };
  visit(0, steps);
  return best;
}

double conformal_quantile(std::vector<double> scores, double level) {
  if (scores.empty()) return std::numeric_limits<double>::infinity();
  std::sort(scores.begin(), scores.end());
  // The ceil((n + 1) level)-th smallest score: coverage >= level for an exchangeable new case.
  const auto rank = static_cast<std::size_t>(std::ceil((static_cast<double>(scores.size()) + 1) * level));
  if (rank > scores.size()) return std::numeric_limits<double>::infinity();
  return scores[rank == 0 ? 0 : rank - 1];
}

}  // namespace truce::backtest
