#pragma once
// A scenario with some of its numbers changed, each named as `truce levers --parameters` and
// `truce levers --list-parameters` name it (the parameter registry, levers/parameter_registry.hpp):
// "capability.russia", "position.russia.territory", "red_line_min.russia.territory",
// "war.ukraine.forces", "lever.usa.aid.ukraine", ... For front ends that build what-ifs by
// hand (the Python module's Scenario.with_changes); the numbers are set exactly as levers and
// what-it-takes set them, so a changed scenario is the one those analyses would evaluate.

#include <string>
#include <utility>
#include <vector>

#include "truce/core/scenario.hpp"

namespace truce {

// One number a scenario has, as with_parameter_values can set it.
struct SettableParameter {
  std::string name;         // "red_line_min.russia.territory"
  std::string form;         // "red_line_min.ACTOR.ISSUE"
  std::string description;  // one line, from the registry
  std::string unit;
  double value = 0.0;       // the scenario's value (a war-model distribution: its mean)
  double min = 0.0, max = 0.0;  // the natural range: what a scenario may give
};

// Every number of the scenario that with_parameter_values can set, in the registry's order.
std::vector<SettableParameter> settable_parameters(const Scenario& scenario);

// The scenario with each named number set to its value (in the order given; a war-model
// number becomes a fixed value). Throws std::invalid_argument, naming the parameter, for a name
// the scenario does not have ("parameter 'x': no such number in this scenario; expected a name
// as `truce levers --list-parameters` lists them, e.g. ...") or a value outside its natural range
// ("parameter 'salience.russia.territory': expected a number from 0 to 1, found 2").
Scenario with_parameter_values(const Scenario& scenario, const std::vector<std::pair<std::string, double>>& changes);

}  // namespace truce
