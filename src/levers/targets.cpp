#include "truce/levers/targets.hpp"

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

namespace truce::levers {

namespace {

[[noreturn]] void not_available(const std::string& target, const std::string& analysis) {
  throw std::invalid_argument(
      fmt::format("target '{}': not available yet: it needs the {} analysis, which this build of truce does not have",
                  target, analysis));
}

std::size_t scale_issue(const Scenario& scenario, const std::string& target, const std::string& id) {
  const auto issue = find_issue(scenario, id);
  if (!issue) {
    std::string known;
    for (const auto& i : scenario.issues) known += (known.empty() ? "" : ", ") + i.id;
    throw std::invalid_argument(
        fmt::format("target '{}': expected an issue of the scenario ({}), found '{}'", target, known, id));
  }
  if (scenario.issues[*issue].kind != IssueKind::scale)
    throw std::invalid_argument(
        fmt::format("target '{}': issue '{}' has options, not a scale; expected a scale issue", target, id));
  return *issue;
}

Target forecast_target(const Scenario& scenario, const std::string& name, const std::string& model,
                       const std::string& issue_id, const nlohmann::json& options) {
  (void)scenario, (void)model, (void)issue_id, (void)options;
  not_available(name, "forecast");
}

Target space_target(const Scenario& scenario, const std::string& name, const nlohmann::json& options) {
  (void)scenario, (void)options;
  not_available(name, "agreement space");
}

Target ceasefire_target(const Scenario& scenario, const std::string& name, int months, const nlohmann::json& options) {
  (void)scenario, (void)months, (void)options;
  not_available(name, "war dynamics (simulate)");
}

}  // namespace

std::vector<std::string> target_forms() {
  return {"forecast.ISSUE        where a scale issue settles (forecast; model from --model)",
          "forecast.MODEL.ISSUE  the same under a named forecasting model",
          "zopa_size             packages in the zone of possible agreement (agreement space)",
          "nash.ISSUE            the Nash point's position on a scale issue (agreement space)",
          "p_ceasefire@M         probability of a ceasefire within M months (war dynamics)"};
}

Target bind_target(const Scenario& scenario, const std::string& name, const nlohmann::json& options) {
  if (!options.is_object())
    throw std::invalid_argument(fmt::format("target '{}': expected its options as a JSON object", name));
  if (name == "zopa_size") return space_target(scenario, name, options);
  if (name.rfind("nash.", 0) == 0) {
    scale_issue(scenario, name, name.substr(5));
    return space_target(scenario, name, options);
  }
  if (name.rfind("forecast.", 0) == 0) {
    const std::string rest = name.substr(9);
    const auto dot = rest.find('.');
    if (dot == std::string::npos) {
      const std::string model = options.contains("model") ? options["model"].get<std::string>() : "";
      return forecast_target(scenario, name, model, rest, options);
    }
    return forecast_target(scenario, name, rest.substr(0, dot), rest.substr(dot + 1), options);
  }
  if (name.rfind("p_ceasefire@", 0) == 0) {
    const std::string m = name.substr(12);
    int months = 0;
    const auto [ptr, ec] = std::from_chars(m.data(), m.data() + m.size(), months);
    if (m.empty() || ec != std::errc() || ptr != m.data() + m.size() || months < 1)
      throw std::invalid_argument(
          fmt::format("target '{}': expected a number of months >= 1 after '@', found '{}'", name, m));
    return ceasefire_target(scenario, name, months, options);
  }
  std::string forms;
  for (const auto& f : target_forms()) forms += "\n  " + f;
  throw std::invalid_argument(fmt::format("unknown target '{}'; expected one of:{}", name, forms));
}

}  // namespace truce::levers
