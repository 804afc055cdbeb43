#include "truce/levers/scenario_parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace truce::levers {

namespace {

std::string percent_text(double spread) { return fmt::format("+-{:g}% of base", spread); }

Parameter make(std::string name, double base, double low, double high, std::string unit, std::string range_from,
               RangeKind kind = RangeKind::scenario) {
  Parameter p;
  p.name = std::move(name);
  p.base = base;
  p.low = low;
  p.high = high;
  p.unit = std::move(unit);
  p.range_from = std::move(range_from);
  p.range_kind = kind;
  return p;
}

// The 1% and 99% quantiles of the standard normal: the range of normal and lognormal numbers.
constexpr double z99 = 2.3263478740408408;

// The range of a fixed number under the entry's spread rule (f = spread / 100), before it is
// kept inside the entry's natural range.
std::pair<double, double> spread_range(Spread rule, double v, double f) {
  switch (rule) {
    case Spread::relative: return {std::min(v * (1.0 - f), v * (1.0 + f)), std::max(v * (1.0 - f), v * (1.0 + f))};
    // At a spread of 100% or more the low end is 1% of base.
    case Spread::relative_positive: return {std::max(v * (1.0 - f), v * 0.01), v * (1.0 + f)};
    case Spread::scale_points: {
      const double d = f * (scale_max - scale_min);
      return {v - d, v + d};
    }
    case Spread::discount_rate: {
      const double r = 1.0 - v;
      return {1.0 - r * (1.0 + f), 1.0 - r * (1.0 - f)};
    }
  }
  return {v, v};
}

std::string spread_text(Spread rule, double spread) {
  switch (rule) {
    case Spread::relative:
    case Spread::relative_positive: return percent_text(spread);
    case Spread::scale_points: return fmt::format("+-{:g}% of the scale", spread);
    case Spread::discount_rate: return fmt::format("+-{:g}% of the discount rate 1 - base", spread);
  }
  return percent_text(spread);
}

// A number as a parameter: its range and base from its distribution (see header), or from the
// entry's spread rule where it is fixed.
Parameter quantity_parameter(std::string name, const dynamics::Quantity& q, const ParameterEntry& entry, double f,
                             double spread) {
  using dynamics::Distribution;
  const double min = entry.min, max = entry.max;
  const auto clamp = [min, max](double v) { return std::clamp(v, min, max); };
  Parameter p;
  switch (q.distribution) {
    case Distribution::fixed: {
      const auto [lo, hi] = spread_range(entry.spread, q.a, f);
      return make(std::move(name), q.a, clamp(lo), clamp(hi), entry.unit, spread_text(entry.spread, spread),
                  RangeKind::spread);
    }
    case Distribution::uniform:
      p = make(std::move(name), 0, clamp(q.a), clamp(q.b), entry.unit, "scenario: uniform");
      break;
    case Distribution::triangular: {
      p = make(std::move(name), 0, clamp(q.a), clamp(q.c), entry.unit, "scenario: triangular");
      const double a = q.a, m = q.b, c = q.c;
      p.draw = [a, m, c, clamp](double u) {
        const double w = c - a;
        if (w <= 0.0) return clamp(a);
        const double fm = (m - a) / w;
        return clamp(u < fm ? a + std::sqrt(u * w * (m - a)) : c - std::sqrt((1.0 - u) * w * (c - m)));
      };
      break;
    }
    case Distribution::normal: {
      const double mean = q.a, sd = q.b;
      p = make(std::move(name), 0, clamp(mean - z99 * sd), clamp(mean + z99 * sd), entry.unit,
               "scenario: normal, 1%..99%");
      p.draw = [mean, sd, clamp](double u) { return clamp(mean + sd * standard_normal_quantile(0.01 + 0.98 * u)); };
      break;
    }
    case Distribution::lognormal: {
      const double median = q.a, sigma = q.b;
      p = make(std::move(name), 0, clamp(median * std::exp(-z99 * sigma)), clamp(median * std::exp(z99 * sigma)),
               entry.unit, "scenario: lognormal, 1%..99%");
      p.draw = [median, sigma, clamp](double u) {
        return clamp(median * std::exp(sigma * standard_normal_quantile(0.01 + 0.98 * u)));
      };
      break;
    }
  }
  p.base = std::clamp(dynamics::mean_of(q), p.low, p.high);
  return p;
}

// A policy number over its whole natural range; its base is what the scenario expects (the
// mean of its distribution). Drawn uniformly over the range in Sobol runs: every policy is
// as much in question as any other.
Parameter natural_parameter(std::string name, const dynamics::Quantity& q, const ParameterEntry& entry) {
  Parameter p = make(std::move(name), 0, entry.min, entry.max, entry.unit,
                     fmt::format("natural range {:g}..{:g} (a policy choice)", entry.min, entry.max), RangeKind::natural);
  p.base = std::clamp(dynamics::mean_of(q), entry.min, entry.max);
  return p;
}

}  // namespace

std::vector<ScenarioParameter> scenario_parameters(const Scenario& scenario, double spread, Ranges ranges) {
  if (!(spread >= 0.0) || !std::isfinite(spread))
    throw std::invalid_argument(fmt::format("the spread must be a percentage >= 0, found {}", spread));
  const double f = spread / 100.0;
  const auto& registry = parameter_registry();
  std::vector<ScenarioParameter> out;
  // The registry keeps each scope's entries together: per element, its entries in order.
  for (std::size_t first = 0; first < registry.size();) {
    const Scope scope = registry[first].scope;
    std::size_t last = first;
    while (last < registry.size() && registry[last].scope == scope) ++last;
    const auto names = element_names(scenario, scope);
    for (std::size_t element = 0; element < names.size(); ++element)
      for (std::size_t i = first; i < last; ++i) {
        const ParameterEntry& entry = registry[i];
        if (!entry_applies(entry, scenario, element)) continue;
        const dynamics::Quantity q = read_quantity(entry, scenario, element);
        ScenarioParameter p;
        std::string name = entry.prefix + names[element] + entry.suffix;
        p.parameter = ranges == Ranges::natural && entry.default_range == DefaultRange::natural
                          ? natural_parameter(std::move(name), q, entry)
                          : quantity_parameter(std::move(name), q, entry, f, spread);
        p.entry = &entry;
        p.element = element;
        p.random = !q.is_fixed();
        if (p.parameter.width() > 0.0) out.push_back(std::move(p));
      }
    first = last;
  }
  return out;
}

void set_values(Scenario& out, const std::vector<ScenarioParameter>& parameters, const std::vector<double>& values) {
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const auto& p = parameters[i];
    if (p.is_war_model() && std::isnan(values[i])) continue;  // NaN: as the scenario gives it
    set_number(*p.entry, out, p.element, values[i]);
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

std::vector<ScenarioParameter> select_parameters(const std::vector<ScenarioParameter>& all,
                                                 const std::vector<std::string>& specs) {
  if (specs.empty()) return all;
  std::vector<bool> chosen(all.size(), false);
  std::vector<std::pair<double, double>> range(all.size());
  std::vector<bool> has_range(all.size(), false);
  const auto& registry = parameter_registry();
  for (const auto& spec : specs) {
    const ParameterSpec parsed = parse_parameter_spec(spec);
    const std::string& pattern = parsed.pattern;
    const auto& own = parsed.range;
    const bool alias = std::any_of(registry.begin(), registry.end(),
                                   [&](const ParameterEntry& e) { return !e.alias.empty() && e.alias == pattern; });
    bool any = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const bool hit = alias ? all[i].entry->alias == pattern : matches_pattern(pattern, all[i].parameter.name);
      if (!hit) continue;
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
      p.parameter.range_kind = RangeKind::given;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace truce::levers
