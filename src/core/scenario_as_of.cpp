#include "truce/core/scenario_as_of.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace truce {

namespace {

std::string number_text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// A position on a scale issue: its named point's id where one stands there, else the number.
std::string position_text(const Issue& issue, double x) {
  for (const auto& p : issue.points)
    if (p.position == x) return p.id;
  return number_text(x);
}

std::string range_text(const Issue& issue, const std::optional<AcceptableRange>& range) {
  if (!range) return "none";
  const bool low = range->min > scale_min, high = range->max < scale_max;
  if (low && !high) return "min " + position_text(issue, range->min);
  if (high && !low) return "max " + position_text(issue, range->max);
  return "[" + position_text(issue, range->min) + ", " + position_text(issue, range->max) + "]";
}

std::string options_text(const Issue& issue, const std::vector<std::size_t>& options) {
  if (options.empty()) return "any";
  std::string text = "[";
  for (std::size_t i = 0; i < options.size(); ++i) text += (i ? ", " : "") + issue.options.at(options[i]).id;
  return text + "]";
}

std::string utilities_text(const Issue& issue, const std::vector<double>& u) {
  std::string text = "{";
  for (std::size_t k = 0; k < u.size() && k < issue.options.size(); ++k)
    text += (k ? ", " : "") + issue.options[k].id + ": " + number_text(u[k]);
  return text + "}";
}

void add(std::string& text, const std::string& what, const std::string& from, const std::string& to) {
  if (!text.empty()) text += "; ";
  text += what + " " + from + " -> " + to;
}

std::string describe(const Issue& issue, const Stance& s, const StancePatch& p) {
  std::string text;
  if (p.position) add(text, "position", position_text(issue, s.position), position_text(issue, *p.position));
  if (p.option) add(text, "position", issue.options.at(s.option).id, issue.options.at(*p.option).id);
  if (p.salience) add(text, "salience", number_text(s.salience), number_text(*p.salience));
  if (p.acceptable_range) add(text, "red line", range_text(issue, s.acceptable_range), range_text(issue, p.acceptable_range));
  if (p.acceptable_options)
    add(text, "red line", options_text(issue, s.acceptable_options), options_text(issue, *p.acceptable_options));
  if (p.option_utilities)
    add(text, "utilities", utilities_text(issue, s.option_utilities), utilities_text(issue, *p.option_utilities));
  return text;
}

std::string describe(const Actor& a, const ActorPatch& p) {
  std::string text;
  if (p.capability) add(text, "capability", number_text(a.capability), number_text(*p.capability));
  if (p.risk_attitude)
    add(text, "risk attitude", a.risk_attitude ? number_text(*a.risk_attitude) : "inferred", number_text(*p.risk_attitude));
  if (p.veto) add(text, "veto", a.veto ? "yes" : "no", *p.veto ? "yes" : "no");
  return text;
}

std::string value_text(const dynamics::QuantityValue& v) {
  using dynamics::Distribution;
  switch (v.distribution) {
    case Distribution::fixed: return number_text(v.a);
    case Distribution::uniform: return "uniform(" + number_text(v.a) + ", " + number_text(v.b) + ")";
    case Distribution::normal: return "normal(mean " + number_text(v.a) + ", sd " + number_text(v.b) + ")";
    case Distribution::triangular:
      return "triangular(" + number_text(v.a) + ", " + number_text(v.b) + ", " + number_text(v.c) + ")";
    case Distribution::lognormal: return "lognormal(median " + number_text(v.a) + ", sigma " + number_text(v.b) + ")";
  }
  return "?";
}

std::string describe(const dynamics::Quantity& q, const dynamics::QuantityValue& v) {
  return value_text(q.value()) + " -> " + value_text(v);
}

// A lever's name as `truce levers` gives it: "PARTY.KIND.TARGET[.ISSUE]", later levers of the
// same party, kind and target numbered "#2", ... (levers/parameter_registry.cpp).
const char* lever_word(dynamics::LeverKind k) {
  switch (k) {
    case dynamics::LeverKind::aid: return "aid";
    case dynamics::LeverKind::sanctions: return "sanctions";
    case dynamics::LeverKind::guarantee: return "guarantee";
    case dynamics::LeverKind::red_line_pressure: return "pressure";
  }
  return "?";
}

// Every number of a dynamics section that can carry revisions, with its parameter name, in a
// fixed order: each belligerent's (in the war model's field order), the front line's, the
// ceasefire's, then each lever's effect and probability. `D` is Dynamics or const Dynamics.
template <class D, class F>
void for_each_quantity(const Scenario& sc, D& d, F&& f) {
  for (auto& b : d.belligerents) {
    const std::string war = "war." + sc.actors.at(b.actor).id + ".";
    f(war + "forces", b.forces);
    f(war + "recruitment", b.recruitment);
    f(war + "lethality", b.lethality);
    f(war + "equipment", b.equipment);
    f(war + "external_aid", b.external_aid);
    f(war + "cost.casualties", b.cost.casualties);
    f(war + "cost.economy", b.cost.economy);
    f(war + "cost.sanctions", b.cost.sanctions);
    f(war + "discount", b.discount);
    f(war + "optimism", b.optimism);
    f(war + "breakdown_risk", b.breakdown_risk);
    f(war + "trend_belief", b.trend_belief);
    f(war + "breaking_point", b.breaking_point);
  }
  f("war.territory.start", d.territory.start);
  f("war.territory.rate", d.territory.rate);
  f("war.territory.stalemate_ratio", d.territory.stalemate_ratio);
  if (d.ceasefire_breakdown) f("ceasefire_breakdown.probability", d.ceasefire_breakdown->probability);
  std::vector<std::string> seen;
  for (auto& party : d.third_parties)
    for (auto& l : party.levers) {
      std::string stem = sc.actors.at(party.actor).id + "." + lever_word(l.kind) + "." + sc.actors.at(l.target).id;
      if (l.kind == dynamics::LeverKind::red_line_pressure) stem += "." + sc.issues.at(l.issue).id;
      const std::string plain = stem;
      for (int n = 2; std::find(seen.begin(), seen.end(), stem) != seen.end(); ++n) stem = plain + "#" + std::to_string(n);
      seen.push_back(stem);
      if (l.kind != dynamics::LeverKind::red_line_pressure) f("lever." + stem, l.effect);
      f("lever_probability." + stem, l.probability);
    }
}

void restore_base(dynamics::Quantity& q) { q.set(q.base); }
void restore_base(Stance& s) { apply_patch(s, s.base); }
void restore_base(Actor& a) {
  apply_patch(a, a.base);
  // A risk attitude that only a revision sets is "inferred" before it.
  bool revised = false;
  for (const auto& r : a.revisions) revised = revised || r.set.risk_attitude.has_value();
  if (revised && !a.base.risk_attitude) a.risk_attitude.reset();
}

const Source* find_source(const Scenario& sc, const std::string& id) {
  for (const auto& s : sc.sources)
    if (s.id == id) return &s;
  return nullptr;
}

// The day the first of its sources was out (each source at the last day its date allows).
std::optional<Date> published(const Scenario& sc, const std::vector<Evidence>& evidence) {
  std::optional<Date> first;
  for (const auto& e : evidence) {
    const Source* source = find_source(sc, e.source);
    if (!source) throw std::invalid_argument("a revision cites the source '" + e.source + "', which is not declared");
    const auto day = last_day_of(source->date);
    if (!day) throw std::invalid_argument("the source '" + e.source + "' has no date ('" + source->date + "')");
    if (!first || *day < *first) first = day;
  }
  return first;
}

template <class Patch>
RevisionRef reference(const Scenario& sc, const Revision<Patch>& r, std::string actor, std::string issue,
                      std::string parameter, std::string change) {
  RevisionRef ref{r.as_of,           r.event,    std::move(actor), std::move(issue), std::move(parameter),
                  std::move(change), r.evidence, "",               ""};
  for (const auto& e : r.evidence) {
    if (ref.sources.find(e.source) != std::string::npos) continue;
    const Source* source = find_source(sc, e.source);
    if (!ref.sources.empty()) ref.sources += ", ";
    // The date where the id does not already say it ("oped-2025-10" does).
    ref.sources += e.source + (source && e.source.find(source->date) == std::string::npos ? " (" + source->date + ")" : "");
  }
  if (const auto day = published(sc, r.evidence)) ref.published = day->iso();
  return ref;
}

Date revision_date(const std::string& as_of) {
  const auto d = parse_date(as_of);
  if (!d) throw std::invalid_argument("a revision is dated '" + as_of + "', not a date YYYY-MM-DD");
  return *d;
}

// Indices of a revision list in date order (file order on a tie).
template <class R>
std::vector<std::size_t> date_order(const std::vector<R>& revisions) {
  std::vector<std::size_t> order(revisions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return revision_date(revisions[a].as_of) < revision_date(revisions[b].as_of);
  });
  return order;
}

void drop_revisions(Scenario& sc) {
  for (auto& a : sc.actors) a.revisions.clear(), a.base = {};
  for (auto& s : sc.stances) s.revisions.clear(), s.base = {};
  if (sc.dynamics)
    for_each_quantity(sc, *sc.dynamics, [](const std::string&, dynamics::Quantity& q) { q.revisions.clear(), q.base = {}; });
}

struct Walk {
  const Scenario& sc;
  std::optional<Date> as_of, known_by;
  std::vector<RevisionRef> applied;
  std::vector<KeptEarlier> kept;

  // Applies (or, past `as_of`, stops at) one item's revisions; `describe` names each change
  // against the value it replaces.
  template <class Item, class Describe>
  void run(Item& item, const std::string& actor, const std::string& issue, const std::string& parameter,
           Describe&& describe) {
    if (item.revisions.empty()) return;
    restore_base(item);
    for (const std::size_t i : date_order(item.revisions)) {
      const auto& r = item.revisions[i];
      if (as_of && revision_date(r.as_of) > *as_of) break;
      RevisionRef ref = reference(sc, r, actor, issue, parameter, describe(item, r.set));
      if (known_by) {
        const auto out = published(sc, r.evidence);
        if (!out || *out > *known_by) {
          std::string why = r.evidence.empty() ? "it cites no source"
                            : r.evidence.size() == 1
                                ? "its only source, " + ref.sources + ", was not out by " + known_by->iso()
                                : "none of its sources, " + ref.sources + ", was out by " + known_by->iso();
          kept.push_back({std::move(ref), std::move(why)});
          continue;
        }
      }
      apply_patch(item, r.set);
      applied.push_back(std::move(ref));
    }
  }

  void all(Scenario& out) {
    for (auto& a : out.actors) run(a, a.id, "", "", [](const Actor& x, const ActorPatch& p) { return describe(x, p); });
    for (auto& s : out.stances) {
      const Issue& issue = out.issues.at(s.issue);
      run(s, out.actors.at(s.actor).id, issue.id, "",
          [&](const Stance& x, const StancePatch& p) { return describe(issue, x, p); });
    }
    if (out.dynamics)
      for_each_quantity(out, *out.dynamics, [&](const std::string& name, dynamics::Quantity& q) {
        run(q, "", "", name, [](const dynamics::Quantity& x, const dynamics::QuantityValue& v) { return describe(x, v); });
      });
    drop_revisions(out);
  }
};

void sort_by_date(std::vector<RevisionRef>& refs) {
  std::stable_sort(refs.begin(), refs.end(),
                   [](const RevisionRef& a, const RevisionRef& b) { return revision_date(a.as_of) < revision_date(b.as_of); });
}

}  // namespace

void apply_patch(Stance& s, const StancePatch& p) {
  if (p.position) s.position = *p.position;
  if (p.option) s.option = *p.option;
  if (p.salience) s.salience = *p.salience;
  if (p.acceptable_range) s.acceptable_range = p.acceptable_range;
  if (p.acceptable_options) s.acceptable_options = *p.acceptable_options;
  if (p.option_utilities) s.option_utilities = *p.option_utilities;
}

void apply_patch(dynamics::Quantity& q, const dynamics::QuantityValue& v) { q.set(v); }

void apply_patch(Actor& a, const ActorPatch& p) {
  if (p.capability) a.capability = *p.capability;
  if (p.risk_attitude) a.risk_attitude = p.risk_attitude;
  if (p.veto) a.veto = *p.veto;
}

std::vector<RevisionRef> scenario_revisions(const Scenario& scenario) {
  Scenario copy = scenario;
  Walk walk{scenario, std::nullopt, std::nullopt, {}, {}};
  walk.all(copy);
  sort_by_date(walk.applied);
  return walk.applied;
}

ScenarioView scenario_as_of(const Scenario& scenario, const Date& as_of, const std::optional<Date>& known_by) {
  ScenarioView view{scenario, {}, {}};
  Walk walk{scenario, as_of, known_by, {}, {}};
  walk.all(view.scenario);
  sort_by_date(walk.applied);
  std::stable_sort(walk.kept.begin(), walk.kept.end(), [](const KeptEarlier& a, const KeptEarlier& b) {
    return revision_date(a.revision.as_of) < revision_date(b.revision.as_of);
  });
  view.applied = std::move(walk.applied);
  view.kept = std::move(walk.kept);
  view.scenario.as_of = as_of.iso();
  view.scenario.known_by = known_by ? known_by->iso() : "";
  return view;
}

ScenarioView scenario_known_by(const Scenario& scenario, const Date& known_by) {
  Walk walk{scenario, std::nullopt, known_by, {}, {}};
  ScenarioView view{scenario, {}, {}};
  walk.all(view.scenario);
  sort_by_date(walk.applied);
  view.applied = std::move(walk.applied);
  view.kept = std::move(walk.kept);
  view.scenario.known_by = known_by.iso();
  return view;
}

Scenario without_revisions(Scenario scenario) {
  drop_revisions(scenario);
  return scenario;
}

namespace {

// For each field the current values differ in, the last revision that sets that field takes
// the current value.
template <class Patch, class Item, class Field, class Current>
void carry_field(Item& item, const Item& before, Field Patch::*field, Current current) {
  if (current(item) == current(before)) return;
  for (auto r = item.revisions.rbegin(); r != item.revisions.rend(); ++r)
    if ((r->set.*field).has_value()) {
      r->set.*field = current(item);
      return;
    }
}

}  // namespace

void carry_latest_edits(Scenario& edited, const Scenario& before) {
  for (std::size_t a = 0; a < edited.actors.size() && a < before.actors.size(); ++a) {
    auto& x = edited.actors[a];
    const auto& y = before.actors[a];
    carry_field(x, y, &ActorPatch::capability, [](const Actor& v) { return std::optional<double>(v.capability); });
    carry_field(x, y, &ActorPatch::risk_attitude, [](const Actor& v) { return v.risk_attitude; });
    carry_field(x, y, &ActorPatch::veto, [](const Actor& v) { return std::optional<bool>(v.veto); });
  }
  for (std::size_t k = 0; k < edited.stances.size() && k < before.stances.size(); ++k) {
    auto& x = edited.stances[k];
    const auto& y = before.stances[k];
    carry_field(x, y, &StancePatch::position, [](const Stance& v) { return std::optional<double>(v.position); });
    carry_field(x, y, &StancePatch::option, [](const Stance& v) { return std::optional<std::size_t>(v.option); });
    carry_field(x, y, &StancePatch::salience, [](const Stance& v) { return std::optional<double>(v.salience); });
    carry_field(x, y, &StancePatch::acceptable_range, [](const Stance& v) { return v.acceptable_range; });
    carry_field(x, y, &StancePatch::acceptable_options,
                [](const Stance& v) { return std::optional<std::vector<std::size_t>>(v.acceptable_options); });
    carry_field(x, y, &StancePatch::option_utilities,
                [](const Stance& v) { return std::optional<std::vector<double>>(v.option_utilities); });
  }
  if (!edited.dynamics || !before.dynamics) return;
  std::vector<dynamics::Quantity*> xs;
  std::vector<const dynamics::Quantity*> ys;
  for_each_quantity(edited, *edited.dynamics, [&](const std::string&, dynamics::Quantity& q) { xs.push_back(&q); });
  for_each_quantity(before, *before.dynamics, [&](const std::string&, const dynamics::Quantity& q) { ys.push_back(&q); });
  if (xs.size() != ys.size()) return;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    dynamics::Quantity& x = *xs[k];
    const dynamics::Quantity& y = *ys[k];
    if (y.revisions.empty()) continue;
    // Each revision sets the whole quantity: the last one (in date order) holds the edit.
    const dynamics::QuantityValue edit = x.value();
    if (x.revisions.empty()) x = y;  // replaced whole: the file's value, evidence and dates back
    if (edit == y.value()) continue;
    x.set(edit);
    x.revisions.back().set = edit;
  }
}

}  // namespace truce
