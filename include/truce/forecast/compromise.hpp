#pragma once
// The two closed-form forecasts of where one scale issue settles (docs/models.md section 1):
// the compromise model (Achen; Thomson, Stokman, Achen & Koenig, "The European Union
// Decides", 2006), the capability x salience weighted mean of the positions, and the
// capability x salience weighted median (the median-voter forecast).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"

namespace truce {

// The actors that take part in one scale issue: those with a stance on it, in the
// scenario's actor order. Weight is capability x salience.
struct IssueActors {
  std::vector<std::size_t> actor;  // index into Scenario::actors
  std::vector<double> position;    // 0..100
  std::vector<double> capability;
  std::vector<double> salience;    // 0..1

  std::size_t size() const { return actor.size(); }
  std::vector<double> weights() const;  // capability x salience per actor
  std::vector<double> stake_weights() const;  // 1 per actor with salience > 0, else 0 (the plain mean)
};

IssueActors issue_actors(const Scenario& scenario, std::size_t issue);

// sum_i w_i x_i / sum_i w_i; nullopt when the weights sum to zero (nobody cares).
std::optional<double> weighted_mean(const std::vector<double>& weights, const std::vector<double>& positions);

// Weighted median of the positions. Sort the positions ascending and walk them adding the
// weights: the median is the first position where the running weight reaches half of the
// total (W/2, compared with a relative tolerance of 1e-12 so that sums such as 0.1 + 0.2
// count as exact). When the running weight hits exactly half at x_k, x_k is returned: the
// LOWER weighted median (the upper one would be the next position). Zero-weight actors do
// not count. nullopt when the weights sum to zero.
std::optional<double> weighted_median(const std::vector<double>& weights, const std::vector<double>& positions);

}  // namespace truce
