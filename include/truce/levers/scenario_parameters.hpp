#pragma once
// The numbers of a scenario that sensitivity analysis and what-it-takes can move, each with
// a range: one parameter per entry of the registry (parameter_registry.hpp) and element of
// the scenario it applies to. Ranges the scenario gives (distributions in its dynamics
// section) are kept; where it gives none, the entry's spread rule makes one from +-spread%
// (docs/levers.md has the table). A war-model number with a distribution takes its range
// from it: uniform and triangular their min..max, normal and lognormal their 1% and 99%
// quantiles (sampled truncated to that range); its base value is the distribution's mean.
// Every range is kept inside the entry's natural range. With Ranges::natural (the default),
// an entry whose registry entry declares DefaultRange::natural (a lever's probability) takes
// its whole natural range instead, whatever the scenario gives. A parameter whose range is
// empty (e.g. salience 0) is left out.

#include <cstddef>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/levers/parameter.hpp"
#include "truce/levers/parameter_registry.hpp"

namespace truce::levers {

struct ScenarioParameter {
  Parameter parameter;
  const ParameterEntry* entry = nullptr;  // what it is and where it lives (in parameter_registry())
  std::size_t element = 0;                // which actor, stance, belligerent or lever (by entry->scope)
  // True when the scenario gives a distribution: left random at its "base" in one-at-a-time
  // runs of Monte Carlo targets (see with_values).
  bool random = false;

  ParameterKind kind() const { return entry->kind; }
  bool is_war_model() const { return entry->is_war_model(); }
};

// How ranges are made. natural: each entry's declared default (policy numbers over their
// natural range, the rest +-spread or the scenario's distribution); spread: every number as
// the scenario gives it or +-spread, policy numbers too (how truce did it before issue #14).
enum class Ranges { natural, spread };

// Every movable number of the scenario, in the registry's order: per scope (actors, stances,
// belligerents, the territory, levers) each element in the scenario's order, and per element
// its entries in table order (e.g. per stance its position, salience and red line ends).
std::vector<ScenarioParameter> scenario_parameters(const Scenario& scenario, double spread_percent,
                                                   Ranges ranges = Ranges::natural);

// The scenario with the parameters set to `values` (one per parameter, in order). A war-model
// number is set to a fixed value; a NaN value leaves it as the scenario gives it.
Scenario with_values(const Scenario& scenario, const std::vector<ScenarioParameter>& parameters,
                     const std::vector<double>& values);
// The same, into an existing copy (avoids reallocating in hot loops); `out` must be a copy
// of `scenario` that only with_values has changed.
void set_values(Scenario& out, const std::vector<ScenarioParameter>& parameters, const std::vector<double>& values);

// The parameters named by `specs`, in the order of `all` (empty specs: all of them). A spec is
// a name, a pattern with '*' (e.g. "salience.russia.*") or an entry's alias (aid, sanctions,
// guarantee: every such lever's effect; pressure: every pressure lever's probability),
// optionally with its own range: "NAME=LOW:HIGH" (the base must lie in it; see
// parse_parameter_spec). Throws std::invalid_argument naming the spec when it matches nothing
// or its range is malformed.
std::vector<ScenarioParameter> select_parameters(const std::vector<ScenarioParameter>& all,
                                                 const std::vector<std::string>& specs);

// '*' matches any run of characters (including none); everything else literally.
bool matches_pattern(const std::string& pattern, const std::string& name);

}  // namespace truce::levers
