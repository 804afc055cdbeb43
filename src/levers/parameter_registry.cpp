#include "truce/levers/parameter_registry.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <set>
#include <stdexcept>

namespace truce::levers {

namespace {

using dynamics::LeverKind;

// The word of a lever kind in parameter names and aliases.
const char* lever_word(LeverKind k) {
  switch (k) {
    case LeverKind::aid: return "aid";
    case LeverKind::sanctions: return "sanctions";
    case LeverKind::guarantee: return "guarantee";
    case LeverKind::red_line_pressure: return "pressure";
  }
  return "?";
}

bool is_scale(const Scenario& s, std::size_t stance) {
  return s.issues[s.stances[stance].issue].kind == IssueKind::scale;
}

// Red line ends at the end of the scale constrain nothing and are not moved.
bool has_low_red_line(const Scenario& s, std::size_t e) {
  const auto& r = s.stances[e].acceptable_range;
  return is_scale(s, e) && r && r->min > scale_min;
}
bool has_high_red_line(const Scenario& s, std::size_t e) {
  const auto& r = s.stances[e].acceptable_range;
  return is_scale(s, e) && r && r->max < scale_max;
}

std::vector<ParameterEntry> build_registry() {
  std::vector<ParameterEntry> out;
  auto stance_entry = [&](ParameterKind kind, std::string word, std::string description, std::string unit, double min,
                          double max, Spread spread, double* (*number)(Scenario&, std::size_t),
                          bool (*applies)(const Scenario&, std::size_t)) {
    ParameterEntry e;
    e.kind = kind;
    e.scope = Scope::stance;
    e.form = word + ".ACTOR.ISSUE";
    e.prefix = word + ".";
    e.description = std::move(description);
    e.unit = std::move(unit);
    e.min = min;
    e.max = max;
    e.spread = spread;
    e.number = number;
    e.applies = applies;
    out.push_back(std::move(e));
  };

  ParameterEntry capability;
  capability.kind = ParameterKind::capability;
  capability.scope = Scope::actor;
  capability.form = "capability.ACTOR";
  capability.prefix = "capability.";
  capability.description = "an actor's capability (clout in the negotiation), kept positive";
  capability.unit = "capability (the scenario's own scale)";
  capability.min = 0.0;
  capability.max = max_capability;  // a what-if must stay a scenario the loaders accept
  capability.spread = Spread::relative_positive;
  capability.number = [](Scenario& s, std::size_t e) { return &s.actors[e].capability; };
  out.push_back(std::move(capability));

  stance_entry(ParameterKind::position, "position", "an actor's position on a scale issue", "scale points (0..100)",
               scale_min, scale_max, Spread::scale_points,
               [](Scenario& s, std::size_t e) { return &s.stances[e].position; }, is_scale);
  stance_entry(ParameterKind::salience, "salience", "how much an issue matters to an actor", "salience (0..1)", 0.0,
               1.0, Spread::relative, [](Scenario& s, std::size_t e) { return &s.stances[e].salience; }, nullptr);
  // A red line end pushed past the other end accepts nothing: the ends move independently.
  stance_entry(ParameterKind::red_line_min, "red_line_min",
               "the low end of an actor's red line on a scale issue (where above 0)", "scale points (0..100)",
               scale_min, scale_max, Spread::scale_points,
               [](Scenario& s, std::size_t e) { return &s.stances[e].acceptable_range->min; }, has_low_red_line);
  stance_entry(ParameterKind::red_line_max, "red_line_max",
               "the high end of an actor's red line on a scale issue (where below 100)", "scale points (0..100)",
               scale_min, scale_max, Spread::scale_points,
               [](Scenario& s, std::size_t e) { return &s.stances[e].acceptable_range->max; }, has_high_red_line);

  // A war-model number, "war.ELEMENT.NAME", from its field in the war model's tables.
  auto war_entry = [](Scope scope, std::string_view name, const std::string& description, std::string_view unit,
                      double min, double max) {
    ParameterEntry e;
    e.kind = ParameterKind::war_quantity;
    e.scope = scope;
    e.form = fmt::format("war.{}.{}", scope == Scope::belligerent ? "ACTOR" : "territory", name);
    e.prefix = "war.";
    e.suffix = fmt::format(".{}", name);
    e.description = description;
    e.unit = unit;
    e.min = min;
    e.max = max;
    return e;
  };
  const auto side_entry = [&](const dynamics::SideField& f) {
    ParameterEntry e = war_entry(Scope::belligerent, f.name, fmt::format("a belligerent's {}", f.description), f.unit,
                                 f.min, f.max);
    // +-X% of a 0.97 factor would span 0.87 (a 13% monthly rate) to 1 (no discounting at all).
    e.spread = f.value == &dynamics::SideParameters::discount ? Spread::discount_rate : Spread::relative;
    e.side = &f;
    out.push_back(std::move(e));
  };
  for (const auto& f : dynamics::side_fields) side_entry(f);
  for (const auto& f : dynamics::later_side_fields) side_entry(f);
  for (const auto& f : dynamics::territory_fields) {
    ParameterEntry e = war_entry(Scope::territory, f.name, fmt::format("the front line's {}", f.description), f.unit,
                                 f.min, f.max);
    e.territory = &f;
    out.push_back(std::move(e));
  }
  // Per lever its effect, then its probability: one entry per kind, so that an alias names
  // the levers of its kind.
  for (LeverKind kind : {LeverKind::aid, LeverKind::sanctions, LeverKind::guarantee}) {
    const auto effect = dynamics::lever_effect(kind);
    ParameterEntry e;
    e.kind = ParameterKind::lever_effect;
    e.scope = Scope::lever;
    e.form = fmt::format("lever.PARTY.{}.TARGET", lever_word(kind));
    e.prefix = "lever.";
    e.description = fmt::format("the effect of a third party's {} lever", lever_word(kind));
    e.unit = effect.unit;
    e.min = effect.min;
    e.max = effect.max;
    e.alias = lever_word(kind);
    e.lever_kind = kind;
    out.push_back(std::move(e));
  }
  for (LeverKind kind : {LeverKind::aid, LeverKind::sanctions, LeverKind::guarantee, LeverKind::red_line_pressure}) {
    const bool pressure = kind == LeverKind::red_line_pressure;
    ParameterEntry e;
    e.kind = ParameterKind::lever_probability;
    e.scope = Scope::lever;
    e.form = fmt::format("lever_probability.PARTY.{}.TARGET{}", lever_word(kind), pressure ? ".ISSUE" : "");
    e.prefix = "lever_probability.";
    e.description = fmt::format("the chance a third party's {} lever is used{}", lever_word(kind),
                                pressure ? " (a pressure lever's only number)" : "");
    e.unit = "probability";
    e.min = 0.0;
    e.max = 1.0;
    // Whether a third party uses a lever is its decision, not an estimate: +-10% of a 0.2
    // guarantee (0.18..0.22) hides what using it or not would do (issue #14).
    e.default_range = DefaultRange::natural;
    if (pressure) e.alias = "pressure";
    e.lever_kind = kind;
    out.push_back(std::move(e));
  }
  return out;
}

dynamics::Dynamics& dynamics_of(Scenario& s) {
  if (!s.dynamics) throw std::logic_error("a war-model parameter of a scenario without a dynamics section");
  return *s.dynamics;
}

// The lever at a flattened index (const or not, as the dynamics section passed in).
template <class D>
auto& lever_at(D& d, std::size_t index) {
  for (auto& party : d.third_parties) {
    if (index < party.levers.size()) return party.levers[index];
    index -= party.levers.size();
  }
  throw std::logic_error("lever index out of range");
}

// The entry's quantity on an element (war-model entries only).
dynamics::Quantity& quantity_at(const ParameterEntry& entry, Scenario& s, std::size_t element) {
  auto& d = dynamics_of(s);
  if (entry.side) return entry.side->in(d.belligerents[element]);
  if (entry.territory) return d.territory.*entry.territory->in;
  auto& lever = lever_at(d, element);
  return entry.kind == ParameterKind::lever_effect ? lever.effect : lever.probability;
}

double parse_number(const std::string& spec, const std::string& text) {
  double v = 0.0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
    throw std::invalid_argument(fmt::format("parameter '{}': expected a number, found '{}'", spec, text));
  return v;
}

}  // namespace

const std::vector<ParameterEntry>& parameter_registry() {
  static const std::vector<ParameterEntry> registry = build_registry();
  return registry;
}

std::vector<std::string> element_names(const Scenario& scenario, Scope scope) {
  std::vector<std::string> out;
  switch (scope) {
    case Scope::actor:
      for (const auto& a : scenario.actors) out.push_back(a.id);
      break;
    case Scope::stance:
      for (const auto& st : scenario.stances) out.push_back(scenario.actors[st.actor].id + "." + scenario.issues[st.issue].id);
      break;
    case Scope::belligerent:
      if (scenario.dynamics)
        for (const auto& b : scenario.dynamics->belligerents) out.push_back(scenario.actors[b.actor].id);
      break;
    case Scope::territory:
      if (scenario.dynamics) out.emplace_back("territory");
      break;
    case Scope::lever:
      if (scenario.dynamics) {
        std::set<std::string> seen;
        for (const auto& party : scenario.dynamics->third_parties)
          for (const auto& l : party.levers) {
            std::string stem = fmt::format("{}.{}.{}", scenario.actors[party.actor].id, lever_word(l.kind),
                                           scenario.actors[l.target].id);
            if (l.kind == LeverKind::red_line_pressure) stem += "." + scenario.issues[l.issue].id;
            // Two levers of the same party, kind and target: number the later ones.
            for (int n = 2; !seen.insert(stem).second; ++n) stem = fmt::format("{}#{}", stem.substr(0, stem.find('#')), n);
            out.push_back(std::move(stem));
          }
      }
      break;
  }
  return out;
}

bool entry_applies(const ParameterEntry& entry, const Scenario& scenario, std::size_t element) {
  if (entry.scope == Scope::lever) return lever_at(*scenario.dynamics, element).kind == entry.lever_kind;
  return entry.applies == nullptr || entry.applies(scenario, element);
}

dynamics::Quantity read_quantity(const ParameterEntry& entry, const Scenario& scenario, std::size_t element) {
  // The accessors only select a member: reading through them does not modify the scenario.
  Scenario& s = const_cast<Scenario&>(scenario);
  if (entry.number) return dynamics::Quantity::fixed(*entry.number(s, element));
  return quantity_at(entry, s, element);
}

void set_number(const ParameterEntry& entry, Scenario& scenario, std::size_t element, double value) {
  if (entry.number) *entry.number(scenario, element) = value;
  else quantity_at(entry, scenario, element) = dynamics::Quantity::fixed(value);
}

void set_in_run(const ParameterEntry& entry, dynamics::RunParameters& run, std::size_t element, double value) {
  if (entry.side) run.side[element].*entry.side->value = value;
  else if (entry.territory) run.*entry.territory->value = value;
  else if (entry.kind == ParameterKind::lever_effect) run.levers[element].effect = value;
  else throw std::logic_error("set_in_run: not a number a run holds");
}

ParameterSpec parse_parameter_spec(const std::string& spec) {
  ParameterSpec out{spec, std::nullopt};
  const auto eq = spec.find('=');
  if (eq == std::string::npos) return out;
  out.pattern = spec.substr(0, eq);
  const std::string r = spec.substr(eq + 1);
  const auto colon = r.find(':');
  if (colon == std::string::npos)
    throw std::invalid_argument(fmt::format("parameter '{}': expected a range LOW:HIGH after '=', found '{}'", spec, r));
  out.range = std::pair{parse_number(spec, r.substr(0, colon)), parse_number(spec, r.substr(colon + 1))};
  if (!(out.range->first < out.range->second))
    throw std::invalid_argument(fmt::format("parameter '{}': expected LOW < HIGH", spec));
  return out;
}

std::string spec_text(const ParameterSpec& spec) {
  // {} writes the shortest text that reads back to the same double.
  if (!spec.range) return spec.pattern;
  return fmt::format("{}={}:{}", spec.pattern, spec.range->first, spec.range->second);
}

}  // namespace truce::levers
