#pragma once
// What every forecasting model returns, so `truce forecast` can print them side by side.

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace truce {

inline constexpr double not_applicable = std::numeric_limits<double>::quiet_NaN();

enum class ForecastMode {
  per_issue,  // each issue on its own, as the literature does
  joint       // all scale issues together (KTAB's multi-dimensional SMP)
};

// One side of a realised exchange (Stokman's model): an actor moves on one issue in return
// for its partner's move on another.
struct ExchangeTradeSide {
  std::string actor;         // actor id
  std::string moves_on;      // the issue it moves on (its supply issue)
  std::string in_return_for; // the issue its partner moves on (its demand issue)
  double round_start = 0;    // its position on moves_on at the start of the round
  double from = 0;           // its position on moves_on when the exchange was made
  double to = 0;             // its voting position on moves_on after the exchange
  double move = 0;           // signed
  double outcome_shift = 0;  // the shift of the expected outcome on moves_on it concedes
  bool cut_at_partner = false;  // the move was cut so the expected outcome stops at the partner
};

struct ExchangeTrade {
  int round = 1;                      // 1-based
  std::array<std::string, 2> issues;  // the issue pair, in issue order
  bool outer_groups = false;          // the groups a-d traded (true) or b-c
  double gain = 0;                    // each side's utility gain (equal)
  ExchangeTradeSide i, j;
};

// A prediction interval around a forecast position: [low, high] should hold the outcome
// with probability `level` (the ensemble's, from conformal calibration on past decisions).
struct Interval {
  double low = 0;
  double high = 0;
  double level = 0.8;
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
  // Models with a calibrated interval (the ensemble): per issue, nullopt where it has none.
  std::vector<std::optional<Interval>> interval_by_issue;
  // The exchange model only: every realised exchange, in order.
  std::optional<std::vector<ExchangeTrade>> trades;
};

}  // namespace truce
