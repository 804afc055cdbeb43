#pragma once
// The few figures of a result an analyst looks at first (docs/run-store.md, "Headline
// figures"): P(ceasefire by month 12), the size of the zone of agreement, the forecast per
// issue. Each analysis builds them from its typed result (`headline(const XResult&)` beside
// its to_json), and its to_json writes them as the result's "headline"; `truce runs list`
// shows them and `truce runs diff` lines them up by name. They live in core because every
// analysis folder declares some and none of them may include another's headers.

#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace truce {

struct HeadlineFigure {
  // Stable key, e.g. "p_ceasefire_by_12": what `runs diff` matches the same figure on across
  // runs, so it must not depend on the order of anything in the result.
  std::string name;
  std::string label;  // for people, e.g. "P(ceasefire by month 12)"
  // A number (NaN: undefined, written as null), a yes/no, or a text (an option's id, a lever).
  std::variant<double, bool, std::string> value;
  std::string unit;  // "" when the value carries its own meaning; "probability", "packages", "months", ...
};

using Headline = std::vector<HeadlineFigure>;

// [{"name", "label", "value", "unit"}, ...] in the order given (the order `runs list` shows).
nlohmann::json headline_to_json(const Headline& headline);

}  // namespace truce
