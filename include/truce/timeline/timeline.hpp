#pragma once
// How the deal space moved (docs/timeline.md). `timeline`: the headline answers of space,
// forecast and simulate on every date where a dated revision changed the scenario (or on
// given dates), and which revisions moved them. `compare`: two scenarios (two files, or one
// at two dates) side by side, with a one-at-a-time attribution of the difference to the
// inputs that differ. Both are pure functions of scenarios and typed options.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/headline.hpp"
#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/core/scenario_as_of.hpp"
#include "truce/history/conflict_termination.hpp"

namespace truce::timeline {

struct TimelineOptions {
  std::vector<std::string> dates;  // YYYY-MM-DD; empty: the scenario's start and every revision date
  std::vector<std::string> analyses{"space", "forecast", "simulate"};
  int months = 36;             // simulate's horizon
  std::uint64_t runs = 10000;  // simulate's runs per date
  std::uint64_t seed = 1;      // simulate's seed (the same at every date: common random numbers)
  unsigned threads = 0;        // 0 = every core; not part of the result
};

const OptionTable<TimelineOptions>& timeline_option_table();
TimelineOptions timeline_options_from_json(const nlohmann::json& options);
nlohmann::json timeline_options_to_json(const TimelineOptions& options);

// One model's forecast on one issue at one date.
struct ForecastPoint {
  std::string issue, model;
  std::optional<double> position;   // scale issues (none where the model has no forecast)
  std::optional<std::string> option;  // options issues
  bool operator==(const ForecastPoint&) const = default;
};

// The veto actors' red lines on the territory issue (the dynamics section's, else the issue
// with id "territory"): how far apart the hardest two are.
struct TerritorialGap {
  std::string issue;
  std::string high_actor, low_actor;  // whose minimum is highest / whose maximum is lowest
  double highest_minimum = 0, lowest_maximum = 100;
  double gap = 0;  // highest_minimum - lowest_maximum: > 0 no territorial deal both accept
  bool operator==(const TerritorialGap&) const = default;
};

struct TimelinePoint {
  std::string date;
  std::vector<RevisionRef> revisions;  // those that took effect after the previous point, up to this date
  std::vector<KeptEarlier> kept;       // dated by now but left out: their evidence came after known_by
  // space
  std::optional<std::uint64_t> zopa_size, packages;
  std::vector<std::vector<std::string>> blocking_sets;  // ids "ACTOR.ISSUE" / "ACTOR.reservation"
  std::optional<TerritorialGap> territorial_gap;
  // forecast: every model on every issue
  std::vector<ForecastPoint> forecasts;
  // simulate
  std::optional<double> p_ceasefire_by_12, p_ceasefire_by_horizon;
  std::optional<int> median_month;
  // Every headline figure of the analyses run, prefixed "space.", "forecast.", "simulate.".
  Headline headline;
};

struct TimelineResult {
  TimelineOptions options;
  std::string known_by;  // the scenario's (empty: everything known)
  std::vector<TimelinePoint> points;
  std::vector<std::string> notes;
};

// The dates a timeline visits by default: the scenario's start (or the first revision's day)
// and every day on which a revision takes effect, ascending, once each.
std::vector<std::string> change_dates(const Scenario& scenario);

// Throws std::invalid_argument for a date that is not one, or a scenario simulate cannot run
// on when simulate is asked for. `history`: what simulate shows beside its curve (may be null).
TimelineResult run_timeline(const Scenario& scenario, const TimelineOptions& options,
                            const history::TerminationData* history = nullptr);

// The figures `truce runs list` shows: the first and last date's ZOPA and P(ceasefire by the horizon).
Headline timeline_headline(const TimelineResult& result);
nlohmann::json to_json(const TimelineResult& result);
std::string timeline_text(const TimelineResult& result);
std::string timeline_csv(const TimelineResult& result);

// The registry's entry points (options complete, analysis.hpp).
nlohmann::json complete_timeline_options(const Scenario& scenario, const nlohmann::json& options);
TimelineResult timeline_analysis(const Scenario& scenario, const nlohmann::json& options,
                                 const history::TerminationData* history = nullptr);
nlohmann::json run_timeline_analysis(const Scenario& scenario, const nlohmann::json& options,
                                     const history::TerminationData* history = nullptr);

// The headline answers of one plain scenario: what timeline shows at each date and compare
// sets side by side.
TimelinePoint answers_of(const Scenario& plain, const TimelineOptions& options,
                         const history::TerminationData* history = nullptr);

// --- compare ---------------------------------------------------------------------------

// One input that differs between A and B: "russia.territory.red_line", "japan.capability", "dynamics".
struct InputDifference {
  std::string input;
  std::string a, b;  // the values, as text
  bool operator==(const InputDifference&) const = default;
};

struct FigureComparison {
  std::string name, label, unit;
  nlohmann::json a, b;  // null where the figure is missing on that side
  bool differs = false;
};

// What switching one input alone from A's to B's value does to each numeric figure that differs.
struct Attribution {
  std::string input;
  std::vector<std::pair<std::string, double>> moves;  // figure name -> (A with this input of B) - A
  double ranked_move = 0;  // the move of the ranking figure
};

struct CompareResult {
  std::string a_label, b_label;
  std::vector<InputDifference> inputs;
  std::vector<FigureComparison> figures;
  std::string ranked_by;  // the figure the attribution ranks by (largest |move| first)
  std::vector<Attribution> attribution;
  std::vector<std::string> notes;
};

// A and B must have the same actors, issues (ids, kinds, options) and stance pairs; throws
// std::invalid_argument naming the first that differs otherwise. `rank_by`: a figure name
// ("simulate.p_ceasefire_by_36"); empty: the first numeric figure that differs.
CompareResult compare_scenarios(const Scenario& a, const Scenario& b, const TimelineOptions& options,
                                const std::string& rank_by = "", const history::TerminationData* history = nullptr);
nlohmann::json to_json(const CompareResult& result);
std::string compare_text(const CompareResult& result);

}  // namespace truce::timeline
