#pragma once
// The `simulate` analysis: Monte Carlo over the war model (war_model.hpp). Each run samples the
// scenario's uncertain numbers from its own counter-based stream (seed, run index, draw index)
// and plays the war month by month until a ceasefire, a collapse or the horizon. Runs are
// spread over threads and merged in run order, so the result is the same bytes for any
// thread count.

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "truce/core/headline.hpp"
#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/history/conflict_termination.hpp"

namespace truce::dynamics {

struct SimulateOptions {
  int months = 36;            // horizon, 0..1200
  std::uint64_t runs = 10000; // 1..10^8
  std::uint64_t seed = 1;
  unsigned threads = 0;       // 0 = every core; not part of the result
};

// The options, declared once: JSON, validation, the `truce simulate` flags and its schema.
// "threads" is read but not written: it is not part of a result's identity.
const OptionTable<SimulateOptions>& simulate_option_table();
// Missing keys take the defaults above; throws std::invalid_argument for what does not fit.
SimulateOptions simulate_options_from_json(const nlohmann::json& options);
// {"months", "runs", "seed"} with every default filled in.
nlohmann::json simulate_options_to_json(const SimulateOptions& options);

// The probability that a ceasefire has happened by a month (cumulative), with its interval.
struct CeasefireByMonth {
  int month = 0;  // 0: the deal check before any fighting; m: after m months of fighting
  double probability = 0;
  double low = 0, high = 1;  // the interval (SimulateResult::interval_level)
};

// How often a value of an issue is in the ceasefire package.
struct ValueShare {
  std::string value;      // the value's id
  std::uint64_t runs = 0; // ceasefire runs with this value
  double share = 0;       // of the ceasefire runs (0 when there is none)
};

struct IssueTerms {
  std::string issue;              // issue id
  std::vector<ValueShare> values; // every value of the issue, in its order
};

enum class ConstraintKind { reservation_value, red_line };

// How often a constraint alone blocked a deal.
struct BlockingConstraint {
  std::string constraint;  // "ACTOR.reservation" or "ACTOR.ISSUE" (a red line)
  ConstraintKind kind = ConstraintKind::red_line;
  std::uint64_t run_months = 0;  // run-months without a deal in which removing it alone opened the ZOPA
  double share = 0;              // of the run-months without a deal
};

struct FrontLineAtEnd {
  std::string issue;  // the territory issue
  double mean = 0, p10 = 0, median = 0, p90 = 0;
};

// The same runs under another structure of the war model: a switch the scenario sets one way
// that a reader could defend the other way (today: whether the winner imposes its terms). The
// spread across structures is model uncertainty, which the Monte Carlo band does not hold.
struct StructureOutcome {
  std::string structure;  // "as coded" or the switch as flipped, e.g. "winner_imposes_terms: true"
  bool as_coded = false;
  std::vector<CeasefireByMonth> at;  // month 12 (where the horizon reaches it) and the horizon
};

// A whole ceasefire package and how often it was the ceasefire.
struct PackageShare {
  std::vector<std::pair<std::string, std::string>> terms;  // (issue id, value id), in issue order
  std::uint64_t runs = 0;
  double share = 0;  // of the ceasefire runs
};

// What history says beside the simulated curve (docs/history.md): of the interstate wars that
// had lasted as long as this one at month 0, the share that ended within m more months, for
// every month m of the curve. The model has no backtest for war termination; this is the
// check a reader has instead.
struct HistoricalBaseRate {
  std::string war_started, as_of;  // the scenario's dates (dynamics: war_started, as_of)
  history::TerminationCurve curve;  // lasted_months: whole months from war_started to as_of
};

// The `simulate` analysis' result. Probabilities and shares are rounded to 12 significant
// digits, so the last bits of a sum never show.
struct SimulateResult {
  SimulateOptions options;                  // months, runs, seed as run (threads: not part of it)
  std::array<std::string, 2> belligerents;  // actor ids, in the dynamics section's order
  std::vector<std::string> veto_actors;     // whose consent a ceasefire needs
  std::vector<CeasefireByMonth> ceasefire_by_month;  // months 0..options.months
  // The intervals of the probabilities: Wilson score intervals at this level over the runs
  // (Monte Carlo error only, not model error).
  double interval_level = 0.95;
  double probability_of_ceasefire = 0;       // within options.months
  std::optional<int> median_month_of_ceasefires;  // among the runs that end in one
  std::optional<int> median_month_of_all_runs;    // the first month by which half the runs have one
  // A ceasefire need not hold (the scenario's ceasefire_breakdown): the probability that one
  // holds at month m, beside the probability one has been signed by m (ceasefire_by_month).
  // Empty when the scenario gives no breakdown risk: then a signed ceasefire holds for good.
  std::vector<CeasefireByMonth> ceasefire_holding_by_month;
  int ceasefire_breakdown_within_months = 0;  // the horizon the scenario's breakdown probability is for
  // ceasefires: runs that signed one by the horizon. How the runs stand at the horizon, one
  // definition whatever the switches: a ceasefire holding, still fighting (no deal, or a
  // ceasefire that broke down), a side collapsed at its breaking point, or a victory (the
  // front at an end of its scale).
  std::uint64_t ceasefires = 0, no_deal_by_horizon = 0, ceasefire_holding_at_horizon = 0;
  std::uint64_t runs_with_breakdown = 0;  // runs in which a ceasefire broke down
  std::array<std::uint64_t, 2> collapses{}, victories{};  // per belligerent
  std::vector<IssueTerms> terms;             // per issue, in the scenario's order
  std::uint64_t run_months_without_deal = 0;
  std::vector<BlockingConstraint> blocking;  // most often blocking first (ties in constraint order)
  FrontLineAtEnd front_line_at_end;
  // The terms as a distribution: the most frequent whole packages (up to 5, most frequent
  // first, ties by package number), and where the front stood in the month of each ceasefire
  // (what drives them; empty issue when no run ends in one).
  std::vector<PackageShare> frequent_packages;
  FrontLineAtEnd front_line_at_ceasefire;
  // The analysis (simulate_analysis, `truce simulate`) also runs every alternative structure
  // with the same runs: as coded first (empty from simulate_summary alone).
  std::vector<StructureOutcome> structures;
  // None when the scenario does not date the war or no reference data was passed in (a note
  // says which).
  std::optional<HistoricalBaseRate> history;
  std::vector<std::string> notes;            // how to read the figures
};

// The analysis as JSON (simulate_with_structures): probability of a ceasefire by month (with a 95% Wilson interval), the terms
// per issue, the median month, collapses, and which constraints blocked a deal how often;
// with `history` (how armed conflicts ended, e.g. the table compiled into truce,
// analysis/reference_data.hpp) and a dated war, the historical base rate beside the curve.
// Throws std::invalid_argument when the scenario has no dynamics section.
nlohmann::json simulate(const Scenario& scenario, const SimulateOptions& options,
                        const history::TerminationData* history = nullptr);

// With `ceasefire_month_per_run`, also each run's month of ceasefire (-1: none by the
// horizon), for paired comparisons of scenarios that differ only in parameters: the same seed
// gives every run the same draws (common random numbers), so the runs pair up (policies).
SimulateResult simulate_summary(const Scenario& scenario, const SimulateOptions& options,
                                const history::TerminationData* history = nullptr,
                                std::vector<int>* ceasefire_month_per_run = nullptr);

// simulate_summary, and the same runs under each alternative model structure (the switches a
// reader could defend either way: today the territory's winner_imposes_terms), as coded first.
SimulateResult simulate_with_structures(const Scenario& scenario, const SimulateOptions& options,
                                        const history::TerminationData* history = nullptr);

// The base rate for the scenario's war (its dates, months 0..months), or none where the
// scenario does not date it.
std::optional<HistoricalBaseRate> historical_base_rate(const Scenario& scenario, int months,
                                                       const history::TerminationData& history);
// The figures `truce runs list` shows (core/headline.hpp): P(ceasefire by month 12) where the
// horizon reaches it and by the last month, the median month, the constraint that blocked a
// deal most often and its share.
Headline simulate_headline(const SimulateResult& result);
nlohmann::json to_json(const SimulateResult& result);

// One run month by month (`truce simulate --trace RUN`).
struct TraceSide {  // a belligerent's numbers as this run drew them
  double forces = 0, recruitment = 0, lethality = 0, equipment = 0, external_aid = 0;
  double casualty_cost = 0, economy_cost = 0, sanctions_cost = 0;
  double discount = 0, optimism = 0, breakdown_risk = 0, breaking_point = 0;
};
struct TraceLever {  // a third party's lever as this run drew it
  std::string actor, kind, target;
  bool used = false;
  double effect = 0;
  int from_month = 0;
};
struct TraceMonth {
  int month = 0;
  std::array<double, 2> forces{}, losses{}, cost{}, reservation{};  // per belligerent
  double front = 0, trend = 0;
  std::vector<double> acceptance;  // per veto actor (SimulateTrace::veto_actors)
  // The ceasefire package, (issue id, value id) in issue order, when this month has a deal.
  std::optional<std::vector<std::pair<std::string, std::string>>> deal;
  double deal_nash_product = 0;
  std::vector<std::string> blocked_by;  // without a deal: the constraints that alone blocked it
  bool ceasefire_holds = false;         // a ceasefire signed earlier holds (no deal check)
  bool broke_down = false;              // the ceasefire broke down this month; fighting resumes
};
struct SimulateTrace {
  SimulateOptions options;
  std::uint64_t run = 0;
  std::array<std::string, 2> belligerents;
  std::vector<std::string> veto_actors;
  std::array<TraceSide, 2> sides;
  double territory_start = 0, territory_rate = 0, stalemate_ratio = 0;
  std::vector<TraceLever> levers;
  std::vector<TraceMonth> months;
  std::string outcome;                  // "ceasefire", "no_deal", "collapse", "victory"
  std::optional<int> outcome_month;     // of the collapse or victory, or the ceasefire holding at the end
  std::optional<int> first_ceasefire;   // month the first ceasefire was signed
  int lapses = 0;                       // ceasefires that broke down
  std::vector<std::pair<std::string, std::string>> package;  // the first ceasefire's terms
  std::optional<std::string> collapsed, winner;  // actor ids
};
SimulateTrace simulate_run_trace(const Scenario& scenario, const SimulateOptions& options, std::uint64_t run);
nlohmann::json to_json(const SimulateTrace& trace);

// One run (index `run`), month by month.
nlohmann::json simulate_trace(const Scenario& scenario, const SimulateOptions& options, std::uint64_t run);

// The analysis registry's entry points (options complete, see analysis.hpp).
nlohmann::json complete_simulate_options(const Scenario& scenario, const nlohmann::json& options);
SimulateResult simulate_analysis(const Scenario& scenario, const nlohmann::json& options,
                                 const history::TerminationData* history = nullptr);
nlohmann::json run_simulate_analysis(const Scenario& scenario, const nlohmann::json& options,
                                     const history::TerminationData* history = nullptr);

}  // namespace truce::dynamics
