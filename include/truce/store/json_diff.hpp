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

// Every difference, in document order (object keys sorted). Objects are compared key by key,
// arrays index by index; a value that changes type is one change at its path.
std::vector<JsonChange> json_differences(const nlohmann::json& before, const nlohmann::json& after);

// The first path where the two differ, or nullopt when they are equal.
std::optional<std::string> first_difference(const nlohmann::json& before, const nlohmann::json& after);

struct HeadlineFigure {
  std::string path;      // JSON Pointer into the result
  nlohmann::json value;  // a scalar
};

// The scalar leaves of result["headline"] when the result has that object; otherwise every
// numeric leaf of the result. In document order.
std::vector<HeadlineFigure> headline_figures(const nlohmann::json& result);

// True when the result declares its headline (has a top-level "headline" object).
bool has_declared_headline(const nlohmann::json& result);

// How each headline figure moved from one run to the next: every path found in either run.
struct FigureMove {
  std::string path;
  std::optional<nlohmann::json> before;
  std::optional<nlohmann::json> after;
  std::optional<double> change;  // after - before, when both are numbers
  bool changed() const { return before != after; }
};
std::vector<FigureMove> headline_moves(const nlohmann::json& before_result, const nlohmann::json& after_result);

// A short one-line text of the first figures, e.g. "deal_exists=true territory=41.7", at most
// `max_figures` of them, each named by its path without "/headline/" (or without the leading
// '/' for undeclared headlines: "issues/0/position=40.5").
std::string headline_text(const nlohmann::json& result, std::size_t max_figures = 3);

}  // namespace truce
