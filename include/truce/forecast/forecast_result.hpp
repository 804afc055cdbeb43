#pragma once
// What every forecasting model returns, so `truce forecast` can print them side by side.

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "truce/forecast/exchange_model.hpp"

namespace truce {

inline constexpr double not_applicable = std::numeric_limits<double>::quiet_NaN();

enum class ForecastMode {
  per_issue,  // each issue on its own, as the literature does
  joint       // all scale issues together (KTAB's multi-dimensional SMP)
};

struct ForecastResult {
  std::string model;  // "compromise", "median", "nash", "eum", "smp"
  ForecastMode mode = ForecastMode::per_issue;
  // Forecast position (0..100) per issue, in the scenario's issue order; not_applicable
  // (NaN) for issues the model does not handle (options issues).
  std::vector<double> position_by_issue;
  // Iterative models: history[issue][round][actor], round 0 the initial positions; NaN for
  // an actor with no stance on the issue. In joint mode every issue has the same rounds.
  std::vector<std::vector<std::vector<double>>> history;
  // Rounds run per issue (0 for closed-form models).
  std::vector<int> rounds_by_issue;
  // Parameters as printed with the result: name, value.
  std::vector<std::pair<std::string, std::string>> parameters;
  std::vector<std::string> notes;  // approximations, assumptions, ambiguities resolved
  // The exchange model: every realised exchange, in order; its issue numbers (p, q and each
  // side's supply and demand issue) are the scenario's issue indices.
  std::vector<RealisedExchange> trades;
};

}  // namespace truce
