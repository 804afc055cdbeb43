#include "truce/forecast/compromise.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace truce {

std::vector<double> IssueActors::weights() const {
  std::vector<double> w(size());
  for (std::size_t i = 0; i < size(); ++i) w[i] = capability[i] * salience[i];
  return w;
}

std::vector<double> IssueActors::stake_weights() const {
  std::vector<double> w(size());
  for (std::size_t i = 0; i < size(); ++i) w[i] = salience[i] > 0 ? 1.0 : 0.0;
  return w;
}

IssueActors issue_actors(const Scenario& scenario, std::size_t issue) {
  IssueActors actors;
  for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
    const Stance* stance = find_stance(scenario, a, issue);
    if (!stance) continue;
    actors.actor.push_back(a);
    actors.position.push_back(stance->position);
    actors.capability.push_back(stance->capability.value_or(scenario.actors[a].capability));
    actors.salience.push_back(stance->salience);
  }
  return actors;
}

std::optional<double> weighted_mean(const std::vector<double>& weights, const std::vector<double>& positions) {
  if (weights.size() != positions.size()) throw std::invalid_argument("weighted_mean: sizes differ");
  double total = 0, sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    total += weights[i];
    sum += weights[i] * positions[i];
  }
  if (!(total > 0)) return std::nullopt;
  return sum / total;
}

std::optional<double> weighted_median(const std::vector<double>& weights, const std::vector<double>& positions) {
  if (weights.size() != positions.size()) throw std::invalid_argument("weighted_median: sizes differ");
  std::vector<std::size_t> order(positions.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable: ties in position keep actor order, so the sum (and the result) is reproducible.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
  double total = 0;
  for (double w : weights) total += w;
  if (!(total > 0)) return std::nullopt;
  const double half = total / 2;
  double running = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (!(weights[i] > 0)) continue;
    running += weights[i];
    if (running >= half * (1 - 1e-12)) return positions[i];
  }
  return positions[order.back()];  // not reached: the running sum ends at the total
}

}  // namespace truce
