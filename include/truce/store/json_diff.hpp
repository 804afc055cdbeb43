#pragma once
// Differences between two JSON documents, by JSON Pointer path (RFC 6901), and the headline
// figures of a result (see run_store.hpp for the convention).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace truce {

// One place where two documents differ. `before` is absent where the path was added,
// `after` where it was removed.
struct JsonChange {
  std::string path;
  std::optional<nlohmann::json> before;
  std::optional<nlohmann::json> after;
};

// Every difference, in document order (object keys sorted). Objects are compared key by key.
// Arrays are compared item by item by identity where both have one: the first key of "id",
// "name", "issue", "constraint", "actor", "model", "parameter" that every item of both
// arrays has as a string or integer, different for each item. Such an item is named in the
// path by "KEY=VALUE" instead of its index ("/blocking/constraints/constraint=russia.reservation/share");
// an item found in one run only is one change (added or removed); the same items in another
// order are one more change at the array's path, before and after being the lists of
// "KEY=VALUE" in each order. Other arrays are compared index by index. A value that changes
// type is one change at its path.
std::vector<JsonChange> json_differences(const nlohmann::json& before, const nlohmann::json& after);

// The first path where the two differ, or nullopt when they are equal.
std::optional<std::string> first_difference(const nlohmann::json& before, const nlohmann::json& after);

// One headline figure of a stored result. `name` is its identity across runs (what `runs
// diff` lines up): the declared name ("p_ceasefire_by_12"); for a result of an older truce
// whose headline is an object, the path of the leaf inside it ("by/east"); for a result with
// no headline, the path of the numeric leaf without its leading '/' ("issues/id=border/
// position": array items named by identity as json_differences names them).
struct ResultFigure {
  std::string name;
  std::string label;     // the declared label; the name where none is declared
  nlohmann::json value;  // a scalar
  std::string unit;      // core/headline.hpp; "" where none is declared
};

// The declared figures of result["headline"] ([{"name", "label", "value", "unit"}], in their
// order), or the scalar leaves of it where it is an object; otherwise every numeric leaf of the
// result, in document order.
std::vector<ResultFigure> headline_figures(const nlohmann::json& result);

// True when the result declares its headline (a top-level "headline" list of figures, or an
// object as older truces wrote).
bool has_declared_headline(const nlohmann::json& result);

// How each headline figure moved from one run to the next: every name found in either run,
// matched by name (so a figure's place in the list does not matter).
struct FigureMove {
  std::string name, label, unit;
  std::optional<nlohmann::json> before;
  std::optional<nlohmann::json> after;
  std::optional<double> change;  // after - before, when both are numbers
  bool changed() const { return before != after; }
};
std::vector<FigureMove> headline_moves(const nlohmann::json& before_result, const nlohmann::json& after_result);

// A figure's value for people: "yes"/"no", "n/a" for null, probabilities and shares as
// percentages ("23.1%"), other numbers to 4 significant digits with their unit ("0 packages").
std::string figure_value_text(const nlohmann::json& value, const std::string& unit);

// One line of the first figures, "LABEL: VALUE; LABEL: VALUE", e.g. "P(ceasefire by month
// 12): 23.1%; Zone of agreement: 0 packages", at most `max_figures` of them, then "(+N)".
std::string headline_text(const nlohmann::json& result, std::size_t max_figures = 3);

}  // namespace truce
