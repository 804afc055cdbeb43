#pragma once
// The agreement-space analysis as the registry and the CLI see it: options from JSON, the
// result as JSON, a text report and the frontier as CSV.

#include <nlohmann/json.hpp>
#include <string>

#include "truce/core/scenario.hpp"
#include "truce/space/agreement_space.hpp"

namespace truce::space {

// Options JSON (every key optional; complete_space_options writes the defaults out):
//   reservation: {ACTOR: value}, relax: ["ACTOR.ISSUE"], non_veto_red_lines: false,
//   capability_weighted_nash: false, kalai: "normalised" | "raw", grid: 0 (exact), threads: 1, max_blocking_set: 3
nlohmann::json complete_space_options(const nlohmann::json& options);
SpaceOptions space_options_from_json(const PackageSpace& space, const nlohmann::json& complete_options);

nlohmann::json space_result_json(const PackageSpace& space, const SpaceResult& result);
std::string space_result_text(const PackageSpace& space, const SpaceResult& result, std::size_t max_frontier_rows);
// One row per frontier package: package number, one column per actor's utility, one per issue's value.
std::string frontier_csv(const PackageSpace& space, const SpaceResult& result);

// The registered analysis "space" (src/analysis/registry.cpp).
nlohmann::json complete_space_analysis_options(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json run_space_analysis(const Scenario& scenario, const nlohmann::json& options);

}  // namespace truce::space
