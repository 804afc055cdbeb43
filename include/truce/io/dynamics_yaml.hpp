#pragma once
// Reads the `dynamics` section of a scenario file (schema: docs/dynamics.md) with the same
// strictness as the rest of the loader: unknown keys, missing keys, values out of range and
// ids that name nothing are each reported with file, line and column.

#include <optional>

#include "truce/core/scenario.hpp"
#include "truce/io/yaml_reader.hpp"

namespace truce {

// `scenario` holds what the loader has read so far (sources, actors, issues, stances, the
// stances in file order). Problems are recorded in `in`; the result is nullopt when any of
// them concerns this section.
std::optional<dynamics::Dynamics> parse_dynamics_yaml(const YAML::Node& node, const Scenario& scenario,
                                                      YamlReader& in);

}  // namespace truce
