#pragma once
// The first problem a loader reports, as the CLI prints it ("file:line:column: error: ..."),
// or "no problem" when the input loads: the one-line form the bad-input tests compare.

#include <string>

#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_yaml.hpp"

namespace truce::testing {

// load() parses an input and throws InputError when it is rejected.
template <typename Load>
std::string first_problem_of(Load load) {
  try {
    load();
  } catch (const InputError& e) {
    return format_diagnostic(e.diagnostics().front());
  }
  return "no problem";
}

// A scenario in YAML, as the file "s.yaml".
inline std::string first_yaml_problem(const std::string& text) {
  return first_problem_of([&] { parse_scenario_yaml(text, "s.yaml"); });
}

}  // namespace truce::testing
