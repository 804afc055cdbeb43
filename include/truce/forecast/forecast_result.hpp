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

// --- Stable models, honestly reported (issue #13 item 3): the per-issue facts behind a
// forecast, as fields rather than note text.

// An iterative model whose round-by-round positions came back to an earlier round's: the
// rounds from first_round on repeat with period `length` for ever (the EUM's rounds are a
// function of the positions alone), so the run stopped there and its forecast is the mean
// of the forecast statistic over the cycle, not the value at whatever round a cap falls on.
struct RoundCycle {
  int length = 0;       // rounds in the cycle (>= 2; a cycle of 1 is convergence)
  int first_round = 0;  // the first round whose positions lie on the cycle (0: the initial ones)
  // The model's forecast statistic at each round of the cycle, first_round first.
  std::vector<double> forecast_positions;
  // actor_positions[cycle round][actor], first_round first; in a ForecastResult by scenario
  // actor (NaN for an actor with no stance on the issue), in a model's own run by its actors.
  std::vector<std::vector<double>> actor_positions;
};

// Where the Nash model's disagreement point on an issue came from, in order of precedence.
enum class DisagreementPointSource {
  option,         // the option nash.status_quo for the issue
  scenario,       // the issue's stated status_quo
  rule_far_end,   // nash.default_status_quo = far_end
  rule_near_end   // nash.default_status_quo = near_end
};

// The Nash model on one scale issue: the disagreement point it bargained against, and whether
// the product it maximises has a maximiser other than that point.
struct NashIssueResult {
  double disagreement_point = 0;  // q, 0..100
  DisagreementPointSource disagreement_point_source = DisagreementPointSource::rule_far_end;
  // Some position gives every actor with positive weight a gain over q.
  bool feasible = false;
  // An actor with positive weight stands on q: it loses from every other position, so the
  // Nash product is 0 everywhere but at q. No forecast then (position not_applicable).
  bool degenerate = false;
  std::vector<std::string> actors_on_disagreement_point;  // their ids, in scenario order
};

// KTAB's SMP on one scale issue: the statistics of its final state (0..100 positions,
// rounded like the forecast, see docs/forecast-smp.md).
struct SmpIssueStatistics {
  double most_probable_position = 0;     // the forecast: the final PCE's most probable position
  double most_probable_probability = 0;  // its probability (KTAB's "prob")
  std::string most_probable_actor;       // the actor holding it (first on ties), id
  double probability_weighted_mean = 0;  // sum over the distinct final positions of prob x position
  double capability_weighted_mean = 0;   // sum_i c_i x_i / sum_i c_i over the run's actors
  int actors_taking_part = 0;            // actors with a stake in the run
  bool risk_neutral_fallback = false;    // some state had every position equally probable
};

// "option", "scenario", "rule_far_end", "rule_near_end" (JSON and notes).
inline std::string to_string(DisagreementPointSource source) {
  switch (source) {
    case DisagreementPointSource::option: return "option";
    case DisagreementPointSource::scenario: return "scenario";
    case DisagreementPointSource::rule_far_end: return "rule_far_end";
    case DisagreementPointSource::rule_near_end: return "rule_near_end";
  }
  return "";
}
// --- end of issue #13 item 3 types

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
  // --- Stable models, honestly reported (issue #13 item 3). Each vector is empty for a
  // model that does not report the fact, else one entry per issue (nullopt where the issue
  // was not run: options issues, nobody taking part).
  // Iterative models with a stopping test (EUM, SMP): whether the run stopped because
  // positions stopped moving (false: a cycle or the round cap ended it).
  std::vector<std::optional<bool>> converged_by_issue;
  // The EUM: the cycle its rounds fell into, if any.
  std::vector<std::optional<RoundCycle>> cycle_by_issue;
  // The Nash model: its disagreement point and whether the result is degenerate.
  std::vector<std::optional<NashIssueResult>> nash_by_issue;
  // The SMP: the statistics of its final state.
  std::vector<std::optional<SmpIssueStatistics>> smp_by_issue;
  // --- end of issue #13 item 3 fields
};

}  // namespace truce
