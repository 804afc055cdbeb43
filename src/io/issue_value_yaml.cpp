#include "truce/io/issue_value_yaml.hpp"

#include <fmt/format.h>

#include <string>

namespace truce {

std::optional<double> read_scale_position(YamlReader& in, const YAML::Node& n, const Issue& issue,
                                          std::string_view what) {
  if (YamlReader::parse_number(n)) return in.as_number(n, what, scale_min, scale_max);
  if (n.IsScalar())
    for (const auto& p : issue.points)
      if (p.id == n.Scalar()) return p.position;
  std::string ids;
  for (const auto& p : issue.points) ids += (ids.empty() ? "" : ", ") + p.id;
  in.fail(n, fmt::format("expected {} on issue '{}' (a number from 0 to 100{}{}), found {}", what, issue.id,
                         ids.empty() ? "" : " or one of ", ids, YamlReader::describe(n)));
  return std::nullopt;
}

std::optional<std::size_t> read_option(YamlReader& in, const YAML::Node& n, const Issue& issue, std::string_view what) {
  if (n.IsScalar())
    for (std::size_t k = 0; k < issue.options.size(); ++k)
      if (issue.options[k].id == n.Scalar()) return k;
  std::string ids;
  for (const auto& o : issue.options) ids += (ids.empty() ? "" : ", ") + o.id;
  in.fail(n, fmt::format("expected {} on issue '{}' (one of {}), found {}", what, issue.id, ids, YamlReader::describe(n)));
  return std::nullopt;
}

}  // namespace truce
