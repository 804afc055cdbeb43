#pragma once
// A dated scenario seen as of a day (docs/timeline.md). Stances, actors and the numbers of the
// dynamics section may carry dated revisions; every analysis reads the plain values, which a loader sets to the latest date.
// scenario_as_of gives the plain scenario as it stood on a day: each revised value back to
// the file's base value, then every revision dated on or before that day applied in date
// order. With `known_by`, a revision none of whose sources was published by then is left out
// (its value keeps the earlier one), and the view says which.

#include <optional>
#include <string>
#include <vector>

#include "truce/core/date.hpp"
#include "truce/core/scenario.hpp"

namespace truce {

// One revision of a scenario, flattened: whose value, on what date, what it sets (as text).
struct RevisionRef {
  std::string as_of;
  std::string event;
  std::string actor;      // actor id
  std::string issue;      // issue id; empty for a revision of the actor itself
  // A number of the dynamics section, by the name `truce levers` gives it
  // ("lever_probability.united-states.sanctions.russia", "war.ukraine.external_aid"; the
  // ceasefire's "ceasefire_breakdown.probability"); actor and issue are then empty.
  std::string parameter;
  std::string change;     // "red line [85, 100] -> [65, 100]; salience 0.9 -> 0.8"
  std::vector<Evidence> evidence;
  std::string sources;    // "oped-2025-10 (2025-10)", for people
  std::string published;  // the latest publication date among its sources' last days (YYYY-MM-DD)

  bool operator==(const RevisionRef&) const = default;
};

// Whose value a revision sets, for people: the parameter name of a dynamics number, else
// "ACTOR.ISSUE" for a stance, "ACTOR" for an actor.
inline std::string revision_subject(const RevisionRef& r) {
  if (!r.parameter.empty()) return r.parameter;
  return r.issue.empty() ? r.actor : r.actor + "." + r.issue;
}

// A revision left out because its evidence was published after known_by.
struct KeptEarlier {
  RevisionRef revision;
  std::string why;  // "its only source, oped-2025-10, is dated 2025-10, after 2025-08-31"

  bool operator==(const KeptEarlier&) const = default;
};

struct ScenarioView {
  Scenario scenario;                  // plain: no revisions, as_of / known_by set
  std::vector<RevisionRef> applied;   // in the order applied
  std::vector<KeptEarlier> kept;      // revisions dated by as_of but not yet known
};

// Every revision of the scenario in date order (ties: actors' first, then stances in the
// scenario's order, then the dynamics' numbers, then file order), described against the value it replaces.
std::vector<RevisionRef> scenario_revisions(const Scenario& scenario);

// The scenario as it stood on `as_of` (see above). Throws std::invalid_argument when a
// revision's date or a source's date is not a date (the loaders check both).
ScenarioView scenario_as_of(const Scenario& scenario, const Date& as_of,
                            const std::optional<Date>& known_by = std::nullopt);

// The scenario at its latest date with only what was published by `known_by`.
ScenarioView scenario_known_by(const Scenario& scenario, const Date& known_by);

// The scenario with its revisions dropped (the plain values are the latest date's).
Scenario without_revisions(Scenario scenario);

// Applies a patch to a stance / an actor (the loaders and scenario_as_of share it).
void apply_patch(Stance& stance, const StancePatch& patch);
void apply_patch(dynamics::Quantity& quantity, const dynamics::QuantityValue& value);

// A what-if edit of a dated scenario as it stands: `edited` is a copy of `before` whose
// current (latest) values were changed in place. For a field a revision sets, the latest value
// is that revision's, so the edit is carried into the last revision that sets it; otherwise a
// writer (scenario_json) would write the revision's value back and lose the edit. A dynamics
// number with revisions whose edit replaced the whole quantity (levers::set_number) gets its
// evidence and revisions back, the last revision taking the edited value.
void carry_latest_edits(Scenario& edited, const Scenario& before);
void apply_patch(Actor& actor, const ActorPatch& patch);

}  // namespace truce
