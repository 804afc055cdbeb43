#pragma once
// The agreement-space analysis as the registry and the CLI see it: options from JSON, the
// result as JSON, a text report and the frontier as CSV.

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "truce/core/headline.hpp"
#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/space/agreement_space.hpp"

namespace truce::space {

// The options, declared once: JSON, validation, the `truce space` flags, `truce schema space`.
const OptionTable<SpaceOptions>& space_option_table();
// The complete options (every default written out) and the options of a JSON object.
nlohmann::json complete_space_options(const nlohmann::json& options);
SpaceOptions space_options_from_json(const nlohmann::json& options);

// The figures `truce runs list` shows (core/headline.hpp): whether a deal exists, the size of
// the zone of agreement and of the whole space, the frontier, the blocking sets, the Nash
// package.
Headline space_headline(const PackageSpace& space, const SpaceResult& result);
nlohmann::json space_result_json(const PackageSpace& space, const SpaceResult& result);
std::string space_result_text(const PackageSpace& space, const SpaceResult& result, std::size_t max_frontier_rows);
// One row per frontier point: package number, in_zopa (yes/no), one column per actor's
// utility (u_ACTOR), one per issue's value.
std::string frontier_csv(const PackageSpace& space, const SpaceResult& result);

// The "space" analysis' result: the package space it walked (its issues, values and actors
// name the packages) and what it found there.
struct SpaceAnalysisResult {
  PackageSpace space;
  SpaceResult result;
  // Per actor: whether the options set its reservation value. Where they do not, it is 0:
  // no deal is as bad as the actor's worst package.
  std::vector<bool> reservation_set;
  // The frontier as the first two bargainers see it: indices into result.frontier, in its
  // order, of the points no other frontier point beats for both of them (empty with fewer
  // than two bargainers).
  std::vector<std::size_t> two_bargainer_frontier;
  // The (issue id, value id) terms of a package, in issue order.
  std::vector<std::pair<std::string, std::string>> terms(std::uint64_t package) const;
};

// The registered analysis "space" (src/analysis/registry.cpp).
nlohmann::json complete_space_analysis_options(const Scenario& scenario, const nlohmann::json& options);
SpaceAnalysisResult space_analysis(const Scenario& scenario, const SpaceOptions& options);
SpaceAnalysisResult space_analysis(const Scenario& scenario, const nlohmann::json& options);
// space_result_json of the space and what was found there.
nlohmann::json to_json(const SpaceAnalysisResult& result);
nlohmann::json run_space_analysis(const Scenario& scenario, const nlohmann::json& options);

}  // namespace truce::space
