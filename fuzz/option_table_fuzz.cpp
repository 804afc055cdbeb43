// libFuzzer target over the option tables (core/option_table.hpp): any bytes that parse as
// JSON, given as the options of an analysis (as `runs rerun` reads them from a store, and the
// Python package and the browser explorer will send them), must be completed or refused with
// std::invalid_argument, never crash. Completed options must complete to themselves (a
// stored run reruns with what it stored). forecast, space and simulate are completed in full;
// levers and what-it-takes are parsed by their tables only (completing them binds a target,
// which runs the target's analysis once).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "truce/analysis/analysis.hpp"
#include "truce/io/scenario_yaml.hpp"
#include "truce/levers/levers_analysis.hpp"

namespace {

const truce::Scenario& scenario() {
  static const truce::Scenario s = truce::parse_scenario_yaml(R"(truce: 1
name: Fuzz
actors:
  - {id: a, name: A, capability: 2, veto: true}
  - {id: b, name: B, capability: 1, veto: true}
issues:
  - {id: border, name: Border, kind: scale, low: none, high: all}
  - id: venue
    name: Venue
    kind: options
    options: [{id: x, label: X}, {id: y, label: Y}]
stances:
  - {actor: a, issue: border, position: 20, salience: 0.8}
  - {actor: b, issue: border, position: 70, salience: 0.5}
)",
                                                              "fuzz.yaml");
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json given = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (given.is_discarded()) return 0;
  for (const char* name : {"forecast", "space", "simulate"}) {
    const truce::Analysis* a = truce::find_analysis(name);
    try {
      const nlohmann::json complete = a->complete_options(scenario(), given);
      if (a->complete_options(scenario(), complete) != complete) __builtin_trap();
    } catch (const std::invalid_argument&) {
    }
  }
  try {
    (void)truce::levers::levers_option_table().parse(given);
  } catch (const std::invalid_argument&) {
  }
  try {
    (void)truce::levers::what_it_takes_option_table().parse(given);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
