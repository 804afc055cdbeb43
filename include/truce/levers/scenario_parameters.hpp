#pragma once
// The numbers of a scenario that sensitivity analysis and what-it-takes can move, each with
// a range: ranges the scenario gives (distributions in its dynamics section), and where it
// gives none, +-spread around the base value:
//   capability.ACTOR         base x (1 +- spread%), kept > 0
//   position.ACTOR.ISSUE     base +- spread% of the scale (0..100 points), clamped to 0..100
//                            (scale issues only)
//   salience.ACTOR.ISSUE     base x (1 +- spread%), clamped to 0..1
//   red_line_min.ACTOR.ISSUE the low end of a red line on a scale issue, where it is above 0:
//   red_line_max.ACTOR.ISSUE the high end, where it is below 100; both +- spread% of the scale,
//                            clamped to 0..100 (a red line pushed past its other end accepts
//                            nothing)
// and the numbers of the war model (dynamics section), each as given in the scenario:
//   war.ACTOR.FIELD          a belligerent's forces, recruitment, lethality, equipment,
//                            external_aid, cost.casualties, cost.economy, cost.sanctions,
//                            discount, optimism, breakdown_risk
//   war.territory.FIELD      start, rate, stalemate_ratio
//   lever.PARTY.KIND.TARGET  the effect of a third party's aid, sanctions or guarantee lever
//   lever_probability.PARTY.KIND.TARGET   the chance the lever is used (pressure levers:
//                            lever_probability.PARTY.pressure.TARGET.ISSUE)
// A war-model number with a distribution takes its range from it: uniform and triangular
// their min..max, normal and lognormal their 1% and 99% quantiles (sampled truncated to that
// range); its base value is the distribution's mean. A fixed one takes +-spread% of its
// value. Every range is kept inside what the war model accepts.
// A parameter whose range is empty (e.g. salience 0) is left out.
// Aliases for --levers / --parameters: aid, sanctions, guarantee (every such lever's
// effect) and pressure (every pressure lever's probability).

#include <cstddef>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/levers/parameter.hpp"

namespace truce::levers {

enum class ParameterKind {
  capability, position, salience, red_line_min, red_line_max,  // stances and actors
  war_quantity, lever_effect, lever_probability                 // the dynamics section
};

// The war-model numbers, in the order of dynamics::SideParameters, then the territory's.
enum class WarField {
  forces, recruitment, lethality, equipment, external_aid, casualty_cost, economy_cost, sanctions_cost, discount,
  optimism, breakdown_risk, territory_start, territory_rate, territory_stalemate_ratio
};

struct ScenarioParameter {
  Parameter parameter;
  ParameterKind kind = ParameterKind::capability;
  std::size_t actor = 0;
  std::size_t stance = 0;  // index into Scenario::stances (position, salience)
  // war_quantity: the field and the belligerent (index into Dynamics::belligerents);
  // lever_*: the lever's index among all third parties' levers, flattened in file order.
  WarField field = WarField::forces;
  std::size_t side = 0;
  std::size_t lever = 0;
  // True when the scenario gives a distribution: left random at its "base" in one-at-a-time
  // runs of Monte Carlo targets (see with_values).
  bool random = false;

  bool is_war_model() const { return kind >= ParameterKind::war_quantity; }
};

// Every movable number of the scenario, in a fixed order: capabilities in actor order, then
// per stance (in the scenario's order) its position, salience and red line ends.
std::vector<ScenarioParameter> scenario_parameters(const Scenario& scenario, double spread_percent);

// The scenario with the parameters set to `values` (one per parameter, in order). A war-model
// number is set to a fixed value; a NaN value leaves it as the scenario gives it.
Scenario with_values(const Scenario& scenario, const std::vector<ScenarioParameter>& parameters,
                     const std::vector<double>& values);
// The same, into an existing copy (avoids reallocating in hot loops); `out` must be a copy
// of `scenario` that only with_values has changed.
void set_values(Scenario& out, const std::vector<ScenarioParameter>& parameters, const std::vector<double>& values);

// The parameters named by `specs`, in the order of `all` (empty specs: all of them). A spec is
// a name, or a pattern with '*' (e.g. "salience.russia.*"), optionally with its own range:
// "NAME=LOW:HIGH" (the base must lie in it). Throws std::invalid_argument naming the spec
// when it matches nothing or its range is malformed.
std::vector<ScenarioParameter> select_parameters(const std::vector<ScenarioParameter>& all,
                                                 const std::vector<std::string>& specs);

// '*' matches any run of characters (including none); everything else literally.
bool matches_pattern(const std::string& pattern, const std::string& name);

}  // namespace truce::levers
