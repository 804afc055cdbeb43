#pragma once
// Reading a value on an issue from YAML, shared by every part of the scenario that names
// one (stances, red lines, the war model's status quo and pressure levers).

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <optional>
#include <string_view>

#include "truce/core/scenario.hpp"
#include "truce/io/yaml_reader.hpp"

namespace truce {

// A position on a scale issue: a number in [0, 100] or the id of one of its named points.
// Records a diagnostic naming `what` and the accepted ids, and returns nullopt, otherwise.
std::optional<double> read_scale_position(YamlReader& in, const YAML::Node& node, const Issue& issue,
                                          std::string_view what);

// The index of an option of an options issue, given by its id; records a diagnostic otherwise.
std::optional<std::size_t> read_option(YamlReader& in, const YAML::Node& node, const Issue& issue,
                                       std::string_view what);

}  // namespace truce
