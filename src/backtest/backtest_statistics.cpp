// The backtest's statistics: error summaries, the sign test, proposal folds.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "truce/backtest/backtest.hpp"
#include "truce/levers/philox_stream.hpp"

namespace truce::backtest {

ErrorSummary summarise_errors(const std::vector<double>& absolute_errors) {
  ErrorSummary s;
  if (absolute_errors.empty()) return s;
  double sum = 0, squares = 0;
  for (double e : absolute_errors) {
    sum += e;
    squares += e * e;
  }
  const double n = static_cast<double>(absolute_errors.size());
  s.mae = sum / n;
  s.rmse = std::sqrt(squares / n);
  std::vector<double> sorted = absolute_errors;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t h = sorted.size() / 2;
  s.median_ae = sorted.size() % 2 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
  return s;
}

double sign_test_p_value(int wins, int trials) {
  if (trials <= 0) return 1.0;
  const int k = std::min(wins, trials - wins);
  // P(X <= k) for X ~ Binomial(trials, 1/2), summed in log space (trials may be thousands).
  const double n = trials;
  double tail = 0;
  for (int i = 0; i <= k; ++i)
    tail += std::exp(std::lgamma(n + 1) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1) - n * std::log(2.0));
  return std::min(1.0, 2 * tail);
}

std::vector<int> proposal_folds(const std::vector<std::string>& proposals, int folds, std::uint64_t seed) {
  // Distinct proposals in a seeded random order (a random key each, ties by name), dealt
  // round-robin: fold sizes differ by at most one proposal, and a proposal is never split.
  std::vector<std::string> distinct = proposals;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const levers::PhiloxStream stream(seed, levers::stream_backtest_folds);
  std::vector<std::pair<std::uint64_t, std::size_t>> keyed;
  for (std::size_t i = 0; i < distinct.size(); ++i) keyed.emplace_back(stream.bits(i), i);
  std::sort(keyed.begin(), keyed.end());
  std::map<std::string, int> fold;
  for (std::size_t r = 0; r < keyed.size(); ++r)
    fold[distinct[keyed[r].second]] = static_cast<int>(r % static_cast<std::size_t>(std::max(1, folds)));
  std::vector<int> out;
  out.reserve(proposals.size());
  for (const auto& p : proposals) out.push_back(fold.at(p));
  return out;
}

}  // namespace truce::backtest
