#include "truce/levers/scenario_parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace truce::levers {

namespace {

std::string percent_text(double spread) { return fmt::format("+-{:g}% of base", spread); }

}  // namespace

std::vector<ScenarioParameter> scenario_parameters(const Scenario& scenario, double spread) {
  if (!(spread >= 0.0) || !std::isfinite(spread))
    throw std::invalid_argument(fmt::format("the spread must be a percentage >= 0, found {}", spread));
  const double f = spread / 100.0;
  std::vector<ScenarioParameter> out;
  auto add = [&](ScenarioParameter p) {
    if (p.parameter.width() > 0.0) out.push_back(std::move(p));
  };
  for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
    const double c = scenario.actors[a].capability;
    // Capabilities must stay positive: at a spread of 100% or more the low end is 1% of base.
    add({{"capability." + scenario.actors[a].id, c, std::max(c * (1.0 - f), c * 0.01), c * (1.0 + f),
          "capability (the scenario's own scale)", percent_text(spread), Distribution::uniform},
         ParameterKind::capability, a, 0});
  }
  for (std::size_t s = 0; s < scenario.stances.size(); ++s) {
    const auto& st = scenario.stances[s];
    const auto& actor = scenario.actors[st.actor];
    const auto& issue = scenario.issues[st.issue];
    const std::string suffix = actor.id + "." + issue.id;
    if (issue.kind == IssueKind::scale) {
      const double x = st.position, d = f * (scale_max - scale_min);
      add({{"position." + suffix, x, std::max(scale_min, x - d), std::min(scale_max, x + d),
            "scale points (0..100)", fmt::format("+-{:g}% of the scale", spread), Distribution::uniform},
           ParameterKind::position, st.actor, s});
    }
    const double v = st.salience;
    add({{"salience." + suffix, v, std::max(0.0, v * (1.0 - f)), std::min(1.0, v * (1.0 + f)), "salience (0..1)",
          percent_text(spread), Distribution::uniform},
         ParameterKind::salience, st.actor, s});
    if (issue.kind == IssueKind::scale && st.acceptable_range) {
      const double d = f * (scale_max - scale_min);
      const auto [lo, hi] = *st.acceptable_range;
      if (lo > scale_min)
        add({{"red_line_min." + suffix, lo, std::max(scale_min, lo - d), std::min(scale_max, lo + d),
              "scale points (0..100)", fmt::format("+-{:g}% of the scale", spread), Distribution::uniform},
             ParameterKind::red_line_min, st.actor, s});
      if (hi < scale_max)
        add({{"red_line_max." + suffix, hi, std::max(scale_min, hi - d), std::min(scale_max, hi + d),
              "scale points (0..100)", fmt::format("+-{:g}% of the scale", spread), Distribution::uniform},
             ParameterKind::red_line_max, st.actor, s});
    }
  }
  return out;
}

void set_values(Scenario& out, const std::vector<ScenarioParameter>& parameters, const std::vector<double>& values) {
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const auto& p = parameters[i];
    switch (p.kind) {
      case ParameterKind::capability: out.actors[p.actor].capability = values[i]; break;
      case ParameterKind::position: out.stances[p.stance].position = values[i]; break;
      case ParameterKind::salience: out.stances[p.stance].salience = values[i]; break;
      case ParameterKind::red_line_min: out.stances[p.stance].acceptable_range->min = values[i]; break;
      case ParameterKind::red_line_max: out.stances[p.stance].acceptable_range->max = values[i]; break;
    }
  }
}

Scenario with_values(const Scenario& scenario, const std::vector<ScenarioParameter>& parameters,
                     const std::vector<double>& values) {
  Scenario out = scenario;
  set_values(out, parameters, values);
  return out;
}

bool matches_pattern(const std::string& pattern, const std::string& name) {
  // Iterative wildcard match with backtracking to the last '*'.
  std::size_t p = 0, n = 0, star = std::string::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] != '*' && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

double parse_number(const std::string& spec, const std::string& text) {
  double v = 0.0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
    throw std::invalid_argument(fmt::format("parameter '{}': expected a number, found '{}'", spec, text));
  return v;
}

}  // namespace

std::vector<ScenarioParameter> select_parameters(const std::vector<ScenarioParameter>& all,
                                                 const std::vector<std::string>& specs) {
  if (specs.empty()) return all;
  std::vector<bool> chosen(all.size(), false);
  std::vector<std::pair<double, double>> range(all.size());
  std::vector<bool> has_range(all.size(), false);
  for (const auto& spec : specs) {
    std::string pattern = spec;
    std::optional<std::pair<double, double>> own;
    if (const auto eq = spec.find('='); eq != std::string::npos) {
      pattern = spec.substr(0, eq);
      const std::string r = spec.substr(eq + 1);
      const auto colon = r.find(':');
      if (colon == std::string::npos)
        throw std::invalid_argument(fmt::format("parameter '{}': expected a range LOW:HIGH after '=', found '{}'", spec, r));
      own = std::pair{parse_number(spec, r.substr(0, colon)), parse_number(spec, r.substr(colon + 1))};
      if (!(own->first < own->second))
        throw std::invalid_argument(fmt::format("parameter '{}': expected LOW < HIGH", spec));
    }
    bool any = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!matches_pattern(pattern, all[i].parameter.name)) continue;
      any = true;
      chosen[i] = true;
      if (own) {
        if (!(own->first <= all[i].parameter.base && all[i].parameter.base <= own->second))
          throw std::invalid_argument(fmt::format("parameter '{}': the range {}:{} does not contain the base value {}",
                                                  spec, own->first, own->second, all[i].parameter.base));
        range[i] = *own;
        has_range[i] = true;
      }
    }
    if (!any)
      throw std::invalid_argument(fmt::format(
          "parameter '{}' matches no parameter of this scenario (see 'truce levers FILE --list-parameters')", pattern));
  }
  std::vector<ScenarioParameter> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!chosen[i]) continue;
    auto p = all[i];
    if (has_range[i]) {
      p.parameter.low = range[i].first;
      p.parameter.high = range[i].second;
      p.parameter.range_from = "command line";
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace truce::levers
