#include "truce/analysis/scenario_changes.hpp"

#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "truce/core/scenario_as_of.hpp"
#include "truce/levers/parameter_registry.hpp"

namespace truce {

namespace {

struct Located {
  const levers::ParameterEntry* entry;
  std::size_t element;
};

// Every (entry, element) the scenario has, with its name, in the registry's order.
template <class F>
void for_each_parameter(const Scenario& scenario, F&& f) {
  for (const auto& entry : levers::parameter_registry()) {
    const auto names = levers::element_names(scenario, entry.scope);
    for (std::size_t e = 0; e < names.size(); ++e)
      if (levers::entry_applies(entry, scenario, e)) f(entry.prefix + names[e] + entry.suffix, entry, e);
  }
}

std::string number_text(double v) { return nlohmann::json(v).dump(); }

}  // namespace

std::vector<SettableParameter> settable_parameters(const Scenario& scenario) {
  std::vector<SettableParameter> out;
  for_each_parameter(scenario, [&](const std::string& name, const levers::ParameterEntry& entry, std::size_t e) {
    SettableParameter p;
    p.name = name;
    p.form = entry.form;
    p.description = entry.description;
    p.unit = entry.unit;
    p.value = dynamics::mean_of(levers::read_quantity(entry, scenario, e));
    p.min = entry.min;
    p.max = entry.max;
    out.push_back(std::move(p));
  });
  return out;
}

Scenario with_parameter_values(const Scenario& scenario, const std::vector<std::pair<std::string, double>>& changes) {
  Scenario out = scenario;
  for (const auto& change : changes) {
    // Named, not a structured binding: the lambda below captures it (clang 14 cannot).
    const std::string& name = change.first;
    const double value = change.second;
    const levers::ParameterEntry* found = nullptr;
    std::size_t element = 0;
    std::string example;
    for_each_parameter(scenario, [&](const std::string& n, const levers::ParameterEntry& entry, std::size_t e) {
      if (example.empty()) example = n;
      if (!found && n == name) {
        found = &entry;
        element = e;
      }
    });
    if (!found)
      throw std::invalid_argument("parameter '" + name +
                                  "': no such number in this scenario; expected a name as `truce levers "
                                  "--list-parameters` lists them" +
                                  (example.empty() ? std::string() : ", e.g. '" + example + "'"));
    if (!std::isfinite(value) || value < found->min || value > found->max)
      throw std::invalid_argument("parameter '" + name + "': expected a number from " + number_text(found->min) +
                                  " to " + number_text(found->max) + ", found " + number_text(value));
    levers::set_number(*found, out, element, value);
  }
  // A dated scenario keeps the edit at its latest date, where a revision may hold the field.
  carry_latest_edits(out, scenario);
  return out;
}

}  // namespace truce
