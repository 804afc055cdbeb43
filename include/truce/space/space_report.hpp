#pragma once
// The agreement-space analysis as the registry and the CLI see it: options from JSON, the
// result as JSON, a text report and the frontier as CSV.

#include <nlohmann/json.hpp>
#include <string>

#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/space/agreement_space.hpp"

namespace truce::space {

// The options, declared once: JSON, validation, the `truce space` flags, `truce schema space`.
const OptionTable<SpaceOptions>& space_option_table();
// The complete options (every default written out) and the options of a JSON object.
nlohmann::json complete_space_options(const nlohmann::json& options);
SpaceOptions space_options_from_json(const nlohmann::json& options);
inline SpaceOptions space_options_from_json(const PackageSpace&, const nlohmann::json& options) {
  return space_options_from_json(options);
}

nlohmann::json space_result_json(const PackageSpace& space, const SpaceResult& result);
std::string space_result_text(const PackageSpace& space, const SpaceResult& result, std::size_t max_frontier_rows);
// One row per frontier point: package number, in_zopa (yes/no), one column per actor's
// utility (u_ACTOR), one per issue's value.
std::string frontier_csv(const PackageSpace& space, const SpaceResult& result);

// The registered analysis "space" (src/analysis/registry.cpp).
nlohmann::json complete_space_analysis_options(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json run_space_analysis(const Scenario& scenario, const nlohmann::json& options);

}  // namespace truce::space
