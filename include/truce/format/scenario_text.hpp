#pragma once
// The scenario as terminal tables: actors, issues, stances (with salience, red lines and
// the evidence behind them) and sources.

#include <string>

#include "truce/core/scenario.hpp"

namespace truce {

std::string scenario_as_text(const Scenario& scenario);

// "50 (freeze)" for a scale position with a named point there, "37.5" otherwise;
// the option id for an options issue.
std::string describe_position(const Issue& issue, const Stance& stance);

// "[25, 100]" / "{none, freeze}" / "" for no red line.
std::string describe_red_line(const Issue& issue, const Stance& stance);

}  // namespace truce
