#pragma once
// What a Scenario is made of: its sources, actors, issues (scales with named points, or
// options) and stances (position, salience, red line, evidence). scenario.hpp puts them
// together with the optional dynamics section.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace truce {

inline constexpr int scenario_format_version = 1;

// Positions on a scale issue lie in [scale_min, scale_max].
inline constexpr double scale_min = 0.0;
inline constexpr double scale_max = 100.0;

struct Source {
  std::string id;
  std::string title;
  std::string publisher;
  std::string date;  // ISO 8601 (YYYY-MM-DD, or YYYY-MM where the day is not known)
  std::string url;   // empty when not given

  bool operator==(const Source&) const = default;
};

// The largest capability a scenario may give (the loaders' bound); what-ifs stay under it too.
inline constexpr double max_capability = 1e12;

// What a dated revision of an actor sets (only the fields given; the rest keep their value).
struct ActorPatch {
  std::optional<double> capability;
  std::optional<double> risk_attitude;
  std::optional<bool> veto;

  bool operator==(const ActorPatch&) const = default;
};

struct Evidence {
  std::string source;  // a Source id
  std::string quote;   // a sentence at most

  bool operator==(const Evidence&) const = default;
};

// A value that changed on a date (docs/timeline.md): from `as_of` (YYYY-MM-DD) on, the patch
// holds, on the word of its own evidence. `event` names what happened ("Alaska summit").
template <class Patch>
struct Revision {
  std::string as_of;
  std::string event;
  Patch set;
  std::vector<Evidence> evidence;
  std::string note;

  bool operator==(const Revision&) const = default;
};

using ActorRevision = Revision<ActorPatch>;

struct Actor {
  std::string id;
  std::string name;
  std::string description;
  double capability = 1.0;              // > 0: clout in this negotiation
  std::optional<double> risk_attitude;  // in [-1, 1]; > 0 risk averse; none = let the model infer
  bool veto = false;                    // any deal needs this actor's consent
  // Dated changes, in date order (file order on a tie). The fields above are the values at the
  // latest date, what every analysis sees; `base` keeps the values the file gives before any
  // revision for the fields a revision sets (scenario_as_of.hpp goes back to them).
  std::vector<ActorRevision> revisions;
  ActorPatch base;

  bool operator==(const Actor&) const = default;
};

// A labelled position on a scale issue, e.g. territory 50 = "freeze at the current line".
struct NamedPoint {
  std::string id;
  std::string label;
  double position = 0.0;

  bool operator==(const NamedPoint&) const = default;
};

// One choice on an unordered issue.
struct Option {
  std::string id;
  std::string label;

  bool operator==(const Option&) const = default;
};

enum class IssueKind { scale, options };

struct Issue {
  std::string id;
  std::string name;
  std::string description;
  IssueKind kind = IssueKind::scale;
  std::string low_meaning;   // scale: what position 0 means
  std::string high_meaning;  // scale: what position 100 means
  std::vector<NamedPoint> points;  // scale: named points, ascending by position
  std::vector<Option> options;     // options: the choices, in file order
  // Scale: what holds if no agreement is reached (the reference point); the Nash model's
  // disagreement point where the options give none. None: not stated.
  std::optional<double> status_quo;
  // Scale: the outcome actually reached, for backtests of past decisions (truce backtest).
  std::optional<double> outcome;
  // The proposal (dossier) this issue was decided in, where issues were decided together;
  // a backtest's cross-validation keeps a proposal's issues in one fold. Empty: none.
  std::string proposal;

  bool operator==(const Issue&) const = default;
};

// The range a stance accepts on a scale issue (closed interval).
struct AcceptableRange {
  double min = scale_min;
  double max = scale_max;

  bool operator==(const AcceptableRange&) const = default;
};

// What a dated revision of a stance sets (only the fields given; the rest keep their value).
struct StancePatch {
  std::optional<double> position;                      // scale issues
  std::optional<std::size_t> option;                   // options issues
  std::optional<double> salience;
  std::optional<AcceptableRange> acceptable_range;     // scale issues
  std::optional<std::vector<std::size_t>> acceptable_options;  // options issues (sorted)
  std::optional<std::vector<double>> option_utilities;         // options issues, every option

  bool operator==(const StancePatch&) const = default;
};

using StanceRevision = Revision<StancePatch>;

// What one actor wants on one issue.
struct Stance {
  std::size_t actor = 0;  // index into Scenario::actors
  std::size_t issue = 0;  // index into Scenario::issues
  // Scale issues: the position in [0, 100]. Options issues: the index of the preferred option.
  double position = 0.0;
  std::size_t option = 0;
  double salience = 0.0;  // in [0, 1]
  // Red line. Scale: the acceptable range. Options: the acceptable options (empty = all).
  std::optional<AcceptableRange> acceptable_range;
  std::vector<std::size_t> acceptable_options;
  // Options issues: utility in [0, 1] of every option, in the issue's option order.
  std::vector<double> option_utilities;
  // This actor's capability on this issue where it differs from Actor::capability (the
  // Decide format gives power per actor and issue); the models use it when present.
  std::optional<double> capability;
  std::vector<Evidence> evidence;
  std::string note;  // the analyst's reasoning where the sources give no number
  // Dated changes, in date order (file order on a tie). The fields above are the values at the
  // latest date, what every analysis sees; `base` keeps the values the file gives before any
  // revision for the fields a revision sets (scenario_as_of.hpp goes back to them).
  std::vector<StanceRevision> revisions;
  StancePatch base;

  bool has_red_line() const { return acceptable_range.has_value() || !acceptable_options.empty(); }
  // Options issues: the utility of one option in [0, 1], from option_utilities where given
  // (the loaders fill every option), else 1 for the preferred option and 0 for the others.
  double utility_of_option(std::size_t k) const {
    return k < option_utilities.size() ? option_utilities[k] : (k == option ? 1.0 : 0.0);
  }
  bool operator==(const Stance&) const = default;
};

// A named, sourced bundle of changes to compare with the scenario as coded (`truce policies`):
// a pressure such as "a US backstop guarantee" or "secondary sanctions". Each change sets one
// parameter, by the name the parameter registry gives it (`truce levers --parameters` takes
// the same names), to a value; the analysis checks the names.
struct PolicyChange {
  std::string parameter;  // e.g. "lever_probability.united-states.guarantee.ukraine"
  double value = 0.0;

  bool operator==(const PolicyChange&) const = default;
};

struct Policy {
  std::string id;
  std::string name;
  std::string description;
  std::vector<PolicyChange> set;  // in the file's order; each parameter at most once
  std::vector<Evidence> evidence;  // what the sources say of it
  std::string note;                // the analyst's reasoning (e.g. why this value)

  bool operator==(const Policy&) const = default;
};

}  // namespace truce
