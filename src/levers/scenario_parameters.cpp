#include "truce/levers/scenario_parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

namespace truce::levers {

namespace {

std::string percent_text(double spread) { return fmt::format("+-{:g}% of base", spread); }

Parameter make(std::string name, double base, double low, double high, std::string unit, std::string range_from) {
  Parameter p;
  p.name = std::move(name);
  p.base = base;
  p.low = low;
  p.high = high;
  p.unit = std::move(unit);
  p.range_from = std::move(range_from);
  return p;
}

constexpr double inf = std::numeric_limits<double>::infinity();
// The 1% and 99% quantiles of the standard normal: the range of normal and lognormal numbers.
constexpr double z99 = 2.3263478740408408;

struct WarFieldInfo {
  const char* name;
  double min, max;  // what the war model accepts (it clamps draws to this)
  const char* unit;
};

WarFieldInfo war_field_info(WarField f) {
  switch (f) {
    case WarField::forces: return {"forces", 1.0, inf, "troops (the scenario's unit)"};
    case WarField::recruitment: return {"recruitment", 0.0, inf, "troops per month"};
    case WarField::lethality: return {"lethality", 0.0, 10.0, "opponent losses per month per unit of strength"};
    case WarField::equipment: return {"equipment", 1e-3, 100.0, "multiplier on strength"};
    case WarField::external_aid: return {"external_aid", 1e-3, 100.0, "multiplier on strength"};
    case WarField::casualty_cost: return {"cost.casualties", 0.0, 1.0, "utility per 1,000 losses"};
    case WarField::economy_cost: return {"cost.economy", 0.0, 1.0, "utility per month"};
    case WarField::sanctions_cost: return {"cost.sanctions", 0.0, 1.0, "utility per month"};
    case WarField::discount: return {"discount", 0.0, 0.9999, "monthly discount factor"};
    case WarField::optimism: return {"optimism", -100.0, 100.0, "scale points per month"};
    case WarField::breakdown_risk: return {"breakdown_risk", 0.0, 0.99, "probability"};
    case WarField::trend_belief: return {"trend_belief", -10.0, 10.0, "multiple of the observed trend"};
    case WarField::territory_start: return {"start", scale_min, scale_max, "scale points (0..100)"};
    case WarField::territory_rate: return {"rate", 0.0, 100.0, "points per month per unit of log strength ratio"};
    case WarField::territory_stalemate_ratio: return {"stalemate_ratio", 1e-3, 1000.0, "strength ratio"};
  }
  return {"?", -inf, inf, ""};
}

std::pair<double, double> lever_effect_range(dynamics::LeverKind kind) {
  if (kind == dynamics::LeverKind::aid) return {-1.0, 10.0};
  return {0.0, 1.0};
}

// A war-model number as a parameter: its range and base from its distribution (see header).
Parameter quantity_parameter(std::string name, const dynamics::Quantity& q, double min, double max, std::string unit,
                             double f, double spread, bool& random, bool discount = false) {
  using dynamics::Distribution;
  random = !q.is_fixed();
  const auto clamp = [min, max](double v) { return std::clamp(v, min, max); };
  Parameter p;
  switch (q.distribution) {
    case Distribution::fixed: {
      const double v = q.a;
      if (discount) {
        // The spread applies to the monthly discount rate 1 - v: +-10% of a 0.97 factor would
        // span 0.87 (a 13% monthly rate) to 1 (no discounting at all).
        const double r = 1.0 - v;
        return make(std::move(name), v, clamp(1.0 - r * (1.0 + f)), clamp(1.0 - r * (1.0 - f)), std::move(unit),
                    fmt::format("+-{:g}% of the discount rate 1 - base", spread));
      }
      p = make(std::move(name), v, clamp(std::min(v * (1.0 - f), v * (1.0 + f))),
               clamp(std::max(v * (1.0 - f), v * (1.0 + f))), std::move(unit), percent_text(spread));
      return p;
    }
    case Distribution::uniform:
      p = make(std::move(name), 0, clamp(q.a), clamp(q.b), std::move(unit), "scenario: uniform");
      break;
    case Distribution::triangular: {
      p = make(std::move(name), 0, clamp(q.a), clamp(q.c), std::move(unit), "scenario: triangular");
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
      p = make(std::move(name), 0, clamp(mean - z99 * sd), clamp(mean + z99 * sd), std::move(unit),
               "scenario: normal, 1%..99%");
      p.draw = [mean, sd, clamp](double u) { return clamp(mean + sd * standard_normal_quantile(0.01 + 0.98 * u)); };
      break;
    }
    case Distribution::lognormal: {
      const double median = q.a, sigma = q.b;
      p = make(std::move(name), 0, clamp(median * std::exp(-z99 * sigma)), clamp(median * std::exp(z99 * sigma)),
               std::move(unit), "scenario: lognormal, 1%..99%");
      p.draw = [median, sigma, clamp](double u) {
        return clamp(median * std::exp(sigma * standard_normal_quantile(0.01 + 0.98 * u)));
      };
      break;
    }
  }
  p.base = std::clamp(dynamics::mean_of(q), p.low, p.high);
  return p;
}

// The quantity a war field names (const or not, as the dynamics section passed in).
template <class D>
auto& war_quantity(D& d, WarField f, std::size_t side) {
  auto& b = d.belligerents[side];
  switch (f) {
    case WarField::forces: return b.forces;
    case WarField::recruitment: return b.recruitment;
    case WarField::lethality: return b.lethality;
    case WarField::equipment: return b.equipment;
    case WarField::external_aid: return b.external_aid;
    case WarField::casualty_cost: return b.cost.casualties;
    case WarField::economy_cost: return b.cost.economy;
    case WarField::sanctions_cost: return b.cost.sanctions;
    case WarField::discount: return b.discount;
    case WarField::optimism: return b.optimism;
    case WarField::breakdown_risk: return b.breakdown_risk;
    case WarField::trend_belief: return b.trend_belief;
    case WarField::territory_start: return d.territory.start;
    case WarField::territory_rate: return d.territory.rate;
    case WarField::territory_stalemate_ratio: return d.territory.stalemate_ratio;
  }
  return b.forces;
}

dynamics::Lever& lever_at(dynamics::Dynamics& d, std::size_t index) {
  for (auto& party : d.third_parties) {
    if (index < party.levers.size()) return party.levers[index];
    index -= party.levers.size();
  }
  throw std::logic_error("lever index out of range");
}

const char* lever_word(dynamics::LeverKind k) {
  switch (k) {
    case dynamics::LeverKind::aid: return "aid";
    case dynamics::LeverKind::sanctions: return "sanctions";
    case dynamics::LeverKind::guarantee: return "guarantee";
    case dynamics::LeverKind::red_line_pressure: return "pressure";
  }
  return "?";
}

void add_war_parameters(const Scenario& scenario, double f, double spread, std::vector<ScenarioParameter>& out) {
  if (!scenario.dynamics) return;
  const auto& d = *scenario.dynamics;
  auto add = [&](ScenarioParameter p) {
    if (p.parameter.width() > 0.0) out.push_back(std::move(p));
  };
  const WarField side_fields[] = {WarField::forces,        WarField::recruitment,    WarField::lethality,
                                  WarField::equipment,     WarField::external_aid,   WarField::casualty_cost,
                                  WarField::economy_cost,  WarField::sanctions_cost, WarField::discount,
                                  WarField::optimism,      WarField::breakdown_risk, WarField::trend_belief};
  for (std::size_t s = 0; s < d.belligerents.size(); ++s)
    for (WarField field : side_fields) {
      const auto info = war_field_info(field);
      ScenarioParameter p;
      p.parameter = quantity_parameter(fmt::format("war.{}.{}", scenario.actors[d.belligerents[s].actor].id, info.name),
                                       war_quantity(d, field, s), info.min, info.max, info.unit, f, spread, p.random,
                                       field == WarField::discount);
      p.kind = ParameterKind::war_quantity;
      p.field = field;
      p.side = s;
      p.actor = d.belligerents[s].actor;
      add(std::move(p));
    }
  for (WarField field : {WarField::territory_start, WarField::territory_rate, WarField::territory_stalemate_ratio}) {
    const auto info = war_field_info(field);
    ScenarioParameter p;
    p.parameter = quantity_parameter(fmt::format("war.territory.{}", info.name), war_quantity(d, field, 0), info.min,
                                     info.max, info.unit, f, spread, p.random);
    p.kind = ParameterKind::war_quantity;
    p.field = field;
    add(std::move(p));
  }
  std::size_t index = 0;
  std::set<std::string> seen;
  for (const auto& party : d.third_parties)
    for (const auto& l : party.levers) {
      std::string stem = fmt::format("{}.{}.{}", scenario.actors[party.actor].id, lever_word(l.kind), scenario.actors[l.target].id);
      if (l.kind == dynamics::LeverKind::red_line_pressure) stem += "." + scenario.issues[l.issue].id;
      // Two levers of the same party, kind and target: number the later ones.
      for (int n = 2; !seen.insert(stem).second; ++n) stem = fmt::format("{}#{}", stem.substr(0, stem.find('#')), n);
      if (l.kind != dynamics::LeverKind::red_line_pressure) {
        const auto [lo, hi] = lever_effect_range(l.kind);
        ScenarioParameter p;
        p.parameter = quantity_parameter("lever." + stem, l.effect, lo, hi,
                                         l.kind == dynamics::LeverKind::aid         ? "added to the strength multiplier"
                                         : l.kind == dynamics::LeverKind::sanctions ? "utility per month"
                                                                                    : "share of breakdown risk removed",
                                         f, spread, p.random);
        p.kind = ParameterKind::lever_effect;
        p.lever = index;
        add(std::move(p));
      }
      ScenarioParameter p;
      p.parameter = quantity_parameter("lever_probability." + stem, l.probability, 0.0, 1.0, "probability", f, spread,
                                       p.random);
      p.kind = ParameterKind::lever_probability;
      p.lever = index;
      add(std::move(p));
      ++index;
    }
}

}  // namespace

std::vector<ScenarioParameter> scenario_parameters(const Scenario& scenario, double spread) {
  if (!(spread >= 0.0) || !std::isfinite(spread))
    throw std::invalid_argument(fmt::format("the spread must be a percentage >= 0, found {}", spread));
  const double f = spread / 100.0;
  std::vector<ScenarioParameter> out;
  auto add = [&](Parameter parameter, ParameterKind kind, std::size_t actor, std::size_t stance) {
    if (parameter.width() <= 0.0) return;
    ScenarioParameter p;
    p.parameter = std::move(parameter);
    p.kind = kind;
    p.actor = actor;
    p.stance = stance;
    out.push_back(std::move(p));
  };
  for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
    const double c = scenario.actors[a].capability;
    // Capabilities must stay positive (at a spread of 100% or more the low end is 1% of base)
    // and within what a scenario may give (max_capability), or a what-if would be a scenario
    // no loader accepts.
    add(make("capability." + scenario.actors[a].id, c, std::max(c * (1.0 - f), c * 0.01), std::min(c * (1.0 + f), max_capability),
             "capability (the scenario's own scale)", percent_text(spread)),
        ParameterKind::capability, a, 0);
  }
  for (std::size_t s = 0; s < scenario.stances.size(); ++s) {
    const auto& st = scenario.stances[s];
    const auto& issue = scenario.issues[st.issue];
    const std::string suffix = scenario.actors[st.actor].id + "." + issue.id;
    const double d = f * (scale_max - scale_min);
    const std::string scale_text = fmt::format("+-{:g}% of the scale", spread);
    if (issue.kind == IssueKind::scale) {
      const double x = st.position;
      add(make("position." + suffix, x, std::max(scale_min, x - d), std::min(scale_max, x + d), "scale points (0..100)",
               scale_text),
          ParameterKind::position, st.actor, s);
    }
    const double v = st.salience;
    add(make("salience." + suffix, v, std::max(0.0, v * (1.0 - f)), std::min(1.0, v * (1.0 + f)), "salience (0..1)",
             percent_text(spread)),
        ParameterKind::salience, st.actor, s);
    if (issue.kind == IssueKind::scale && st.acceptable_range) {
      const auto [lo, hi] = *st.acceptable_range;
      if (lo > scale_min)
        add(make("red_line_min." + suffix, lo, std::max(scale_min, lo - d), std::min(scale_max, lo + d),
                 "scale points (0..100)", scale_text),
            ParameterKind::red_line_min, st.actor, s);
      if (hi < scale_max)
        add(make("red_line_max." + suffix, hi, std::max(scale_min, hi - d), std::min(scale_max, hi + d),
                 "scale points (0..100)", scale_text),
            ParameterKind::red_line_max, st.actor, s);
    }
  }
  add_war_parameters(scenario, f, spread, out);
  return out;
}

void set_values(Scenario& out, const std::vector<ScenarioParameter>& parameters, const std::vector<double>& values) {
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const auto& p = parameters[i];
    const double v = values[i];
    switch (p.kind) {
      case ParameterKind::capability: out.actors[p.actor].capability = v; break;
      case ParameterKind::position: out.stances[p.stance].position = v; break;
      case ParameterKind::salience: out.stances[p.stance].salience = v; break;
      case ParameterKind::red_line_min: out.stances[p.stance].acceptable_range->min = v; break;
      case ParameterKind::red_line_max: out.stances[p.stance].acceptable_range->max = v; break;
      case ParameterKind::war_quantity:
        if (!std::isnan(v)) war_quantity(*out.dynamics, p.field, p.side) = dynamics::Quantity::fixed(v);
        break;
      case ParameterKind::lever_effect:
        if (!std::isnan(v)) lever_at(*out.dynamics, p.lever).effect = dynamics::Quantity::fixed(v);
        break;
      case ParameterKind::lever_probability:
        if (!std::isnan(v)) lever_at(*out.dynamics, p.lever).probability = dynamics::Quantity::fixed(v);
        break;
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
    // Aliases for the third parties' levers (see the header): match on the name's parts.
    const bool alias = pattern == "aid" || pattern == "sanctions" || pattern == "guarantee" || pattern == "pressure";
    const std::string family = pattern == "pressure" ? "lever_probability" : "lever";
    bool any = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const auto& name = all[i].parameter.name;
      bool hit = false;
      if (alias) {
        const auto first = name.find('.'), second = name.find('.', first + 1);
        const auto third = name.find('.', second + 1);
        hit = first != std::string::npos && second != std::string::npos && name.substr(0, first) == family &&
              name.substr(second + 1, third - second - 1) == pattern;
      } else {
        hit = matches_pattern(pattern, name);
      }
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
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace truce::levers
