#pragma once
// Everything `truce levers` and `truce what-it-takes` can move, declared once: one entry per
// kind of number, with its name, where it lives in the Scenario, its natural range, how its
// range is made where the scenario gives none, and how to read and set it. The parameter list
// (scenario_parameters), the ranges, the --parameters / --levers spec grammar and the setters
// all come from this table; the war model's numbers come from the war model's own tables
// (truce/dynamics/war_fields.hpp).

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/dynamics/war_fields.hpp"

namespace truce::levers {

enum class ParameterKind {
  capability, position, salience, red_line_min, red_line_max,  // actors and stances
  war_quantity, lever_effect, lever_probability                 // the dynamics section
};

// The element of the Scenario an entry's numbers belong to: each entry gives one parameter
// per element it applies to.
enum class Scope {
  actor,        // Scenario::actors; element name: the actor's id
  stance,       // Scenario::stances; "ACTOR.ISSUE"
  belligerent,  // Dynamics::belligerents; the actor's id
  territory,    // the dynamics section's front line (one element); "territory"
  lever,        // the third parties' levers, flattened in file order; "PARTY.KIND.TARGET[.ISSUE]"
};

// How the range of a fixed number is made from the spread X% (then kept inside [min, max]).
enum class Spread {
  relative,           // base x (1 +- X%)
  relative_positive,  // base x (1 +- X%), the low end at least 1% of base (kept positive)
  scale_points,       // base +- X% of the 0..100 scale
  discount_rate,      // 1 - (1 - base) x (1 +- X%): a discount factor moves with its rate
};

// Which range `levers` and `what-it-takes` give the entry's numbers by default
// (scenario_parameters): a policy choice is studied over everything the policy could be, a
// physical quantity over the error of its estimate.
enum class DefaultRange {
  spread,   // +-spread around the scenario's value, by the entry's spread rule (forces, costs, saliences)
  natural,  // the whole natural range [min, max], whatever the scenario expects (a lever's probability:
            // from never used to certain; an on/off switch: off to on)
};

struct ParameterEntry {
  ParameterKind kind = ParameterKind::capability;
  Scope scope = Scope::actor;
  std::string form;            // the name with placeholders, e.g. "war.ACTOR.cost.casualties"
  std::string prefix, suffix;  // a parameter's name is prefix + the element's name + suffix
  std::string description;     // one line
  std::string unit;
  double min = 0.0, max = 0.0;  // natural range: what a scenario may give, or the war model accepts
  Spread spread = Spread::relative;
  DefaultRange default_range = DefaultRange::spread;
  std::string alias;  // a spec word selecting every parameter of this entry (e.g. "aid"), or empty

  // Where it lives. Actor and stance numbers: a pointer to the number, and (where not every
  // element has it) whether the element has it.
  double* (*number)(Scenario&, std::size_t element) = nullptr;
  bool (*applies)(const Scenario&, std::size_t element) = nullptr;
  // War-model numbers: the field of a belligerent or of the territory, or a lever's effect /
  // probability for levers of `lever_kind`.
  const dynamics::SideField* side = nullptr;
  const dynamics::TerritoryField* territory = nullptr;
  dynamics::LeverKind lever_kind = dynamics::LeverKind::aid;

  bool is_war_model() const { return kind >= ParameterKind::war_quantity; }
};

// Every entry, in the order parameters are listed: entries of one scope together, scopes in
// the order actor, stance, belligerent, territory, lever.
const std::vector<ParameterEntry>& parameter_registry();

// Element names of a scope in a scenario, in element order (empty for the war scopes when the
// scenario has no dynamics section). Lever names number repeats of the same party, kind and
// target: "usa.aid.ukraine", "usa.aid.ukraine#2".
std::vector<std::string> element_names(const Scenario& scenario, Scope scope);

// Whether the entry has a number on this element of the scenario.
bool entry_applies(const ParameterEntry& entry, const Scenario& scenario, std::size_t element);

// The entry's number on an element: a war-model number as the scenario gives it (fixed or a
// distribution); an actor or stance number as a fixed quantity.
dynamics::Quantity read_quantity(const ParameterEntry& entry, const Scenario& scenario, std::size_t element);

// Sets the entry's number on an element (a war-model number to a fixed value).
void set_number(const ParameterEntry& entry, Scenario& scenario, std::size_t element, double value);

// Sets a war-model number in one run's sampled numbers (war_quantity and lever_effect entries;
// a lever's probability decides `used`, which the caller draws).
void set_in_run(const ParameterEntry& entry, dynamics::RunParameters& run, std::size_t element, double value);

// One item of --parameters / --levers: a name, a pattern with '*' or an alias, optionally with
// a range of its own, "NAME=LOW:HIGH".
struct ParameterSpec {
  std::string pattern;
  std::optional<std::pair<double, double>> range;

  bool operator==(const ParameterSpec&) const = default;
};

// Throws std::invalid_argument naming the spec when the range is malformed or LOW >= HIGH.
ParameterSpec parse_parameter_spec(const std::string& spec);
// The spec as text that parse_parameter_spec reads back to the same spec.
std::string spec_text(const ParameterSpec& spec);

}  // namespace truce::levers
