#include "truce/io/dynamics_yaml.hpp"
#include "truce/io/issue_value_yaml.hpp"
#include "truce/io/revision_yaml.hpp"
#include "truce/history/conflict_termination.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace truce {

namespace {

using dynamics::Belligerent;
using dynamics::Distribution;
using dynamics::Dynamics;
using dynamics::Lever;
using dynamics::LeverKind;
using dynamics::Quantity;

constexpr double inf = std::numeric_limits<double>::infinity();

// The range a number of the model may take, and whether a lognormal fits it (positive only).
struct Range {
  double min = -inf;
  double max = inf;
  bool min_open = false;  // the minimum itself is excluded (e.g. forces > 0)
};

std::string range_text(const Range& r) {
  if (r.max == inf) return fmt::format("{} {}", r.min_open ? "greater than" : "at least", r.min);
  if (r.min == -inf) return fmt::format("at most {}", r.max);
  return fmt::format("{} {} and at most {}", r.min_open ? "greater than" : "at least", r.min, r.max);
}

class DynamicsParser {
 public:
  DynamicsParser(const Scenario& scenario, YamlReader& in) : sc_(scenario), in_(in) {}

  std::optional<Dynamics> parse(const YAML::Node& node) {
    const std::size_t before = in_.problems().size();
    if (!in_.expect_map(node, "the dynamics section")) return std::nullopt;
    in_.check_keys(node, {"war_started", "as_of", "belligerents", "territory", "ceasefire_breakdown", "status_quo",
                          "third_parties"},
                   {"belligerents", "territory", "status_quo"});
    war_dates(node);
    const YAML::Node bs = YamlReader::get(node, "belligerents");
    if (bs.IsDefined() && in_.expect_sequence(bs, "the list of belligerents")) {
      for (const auto& b : bs) belligerent(b);
      if (bs.size() != 2)
        in_.fail(bs, fmt::format("expected exactly 2 belligerents (the war model is a dyad), found {}", bs.size()));
    }
    const YAML::Node t = YamlReader::get(node, "territory");
    if (t.IsDefined()) territory(t);
    const YAML::Node cb = YamlReader::get(node, "ceasefire_breakdown");
    if (cb.IsDefined()) ceasefire_breakdown(cb);
    const YAML::Node sq = YamlReader::get(node, "status_quo");
    if (sq.IsDefined()) status_quo(sq);
    const YAML::Node tp = YamlReader::get(node, "third_parties");
    if (tp.IsDefined() && in_.expect_sequence(tp, "the list of third parties"))
      for (const auto& p : tp) third_party(p);
    if (in_.problems().size() != before) return std::nullopt;
    return std::move(d_);
  }

 private:
  const Scenario& sc_;
  YamlReader& in_;
  Dynamics d_;
  std::set<std::size_t> belligerent_actors_, third_party_actors_;
  std::optional<std::size_t> territory_issue_;

  std::optional<std::size_t> actor_ref(const YAML::Node& map, std::string_view key) {
    const auto id = in_.string(map, key);
    if (!id) return std::nullopt;
    if (const auto a = find_actor(sc_, *id)) return a;
    in_.fail(YamlReader::get(map, key), fmt::format("expected the id of an actor declared in this file, found '{}'", *id));
    return std::nullopt;
  }

  std::optional<std::size_t> issue_ref(const YAML::Node& map, std::string_view key) {
    const auto id = in_.string(map, key);
    if (!id) return std::nullopt;
    if (const auto i = find_issue(sc_, *id)) return i;
    in_.fail(YamlReader::get(map, key), fmt::format("expected the id of an issue declared in this file, found '{}'", *id));
    return std::nullopt;
  }

  std::optional<double> point(const YAML::Node& n, const Issue& issue, std::string_view what) {
    return read_scale_position(in_, n, issue, what);
  }

  std::optional<std::size_t> option(const YAML::Node& n, const Issue& issue, std::string_view what) {
    return read_option(in_, n, issue, what);
  }

  void evidence_list(const YAML::Node& n, std::vector<Evidence>& out) {
    if (!n.IsDefined() || !in_.expect_sequence(n, "the evidence (a list of source and quote)")) return;
    for (const auto& e : n) {
      if (!in_.expect_map(e, "a piece of evidence (source and quote)")) continue;
      in_.check_keys(e, {"source", "quote"}, {"source", "quote"});
      Evidence ev;
      if (const auto id = in_.string(e, "source")) {
        const bool known = std::any_of(sc_.sources.begin(), sc_.sources.end(), [&](const Source& s) { return s.id == *id; });
        if (!known)
          in_.fail(YamlReader::get(e, "source"), fmt::format("expected the id of a source declared in this file, found '{}'", *id));
        ev.source = *id;
      }
      ev.quote = in_.string(e, "quote").value_or("");
      out.push_back(std::move(ev));
    }
  }

  // A number of the model: a plain number (or a named point when `issue` is given), or a
  // mapping {value | distribution and its parameters, evidence, note, revisions}.
  std::optional<Quantity> quantity(const YAML::Node& map, std::string_view key, const Range& range,
                                   const Issue* issue = nullptr) {
    const YAML::Node n = YamlReader::get(map, key);
    if (!n.IsDefined()) return std::nullopt;
    const std::string what = fmt::format("'{}'", key);
    if (!n.IsMap()) {
      std::optional<double> v;
      if (issue != nullptr && !YamlReader::parse_number(n)) v = point(n, *issue, what);
      else v = in_.as_number(n, what, range.min, range.max);
      if (!v) return std::nullopt;
      if (range.min_open && *v <= range.min) {
        in_.fail(n, fmt::format("expected {} {}, found {}", what, range_text(range), n.Scalar()));
        return std::nullopt;
      }
      return Quantity::fixed(*v);
    }
    Quantity q;
    evidence_list(YamlReader::get(n, "evidence"), q.evidence);
    q.note = in_.string(n, "note").value_or("");
    const auto value = quantity_value(n, what, range, issue, {"evidence", "note", "revisions"}, {});
    if (!value) return std::nullopt;
    q.set(*value);
    quantity_revisions(YamlReader::get(n, "revisions"), what, range, issue, q);
    return q;
  }

  // Dated revisions of a quantity (docs/timeline.md): each sets the whole quantity, a value or
  // a distribution, from its date on, with its own evidence (read as a stance revision's).
  // The quantity ends at the latest date's value; `base` keeps the file's.
  void quantity_revisions(const YAML::Node& list, const std::string& what, const Range& range, const Issue* issue,
                          Quantity& q) {
    if (!list.IsDefined() || !in_.expect_sequence(list, "the revisions")) return;
    for (const auto& n : list) {
      if (!in_.expect_map(n, "a revision (as_of, the value it sets, evidence)")) continue;
      dynamics::QuantityRevision r;
      read_revision_common(in_, n, sc_.start, r,
                           [&](const YAML::Node& l, std::vector<Evidence>& out) { evidence_list(l, out); });
      const auto value = quantity_value(n, what + "'s revision", range, issue, {"as_of", "event", "evidence", "note"},
                                        {"as_of"});
      if (!value) continue;
      r.set = *value;
      q.revisions.push_back(std::move(r));
    }
    if (q.revisions.empty()) return;
    sort_revisions_by_date(q.revisions);
    q.base = q.value();
    q.set(q.revisions.back().set);
  }

  // The value or distribution of a quantity's mapping `n` (the keys `extra` allowed beside
  // the value's own, those of `extra_required` required).
  std::optional<dynamics::QuantityValue> quantity_value(const YAML::Node& n, const std::string& what, const Range& range,
                                                        const Issue* issue, std::vector<std::string_view> extra,
                                                        const std::vector<std::string_view>& extra_required) {
    const auto keys = [&](std::vector<std::string_view> own, std::vector<std::string_view> required) {
      own.insert(own.end(), extra.begin(), extra.end());
      required.insert(required.end(), extra_required.begin(), extra_required.end());
      in_.check_keys(n, own, required);
    };
    dynamics::QuantityValue q;
    const YAML::Node dist = YamlReader::get(n, "distribution");
    if (!dist.IsDefined()) {
      keys({"value"}, {"value"});
      const YAML::Node v = YamlReader::get(n, "value");
      if (!v.IsDefined()) return std::nullopt;
      std::optional<double> x;
      if (issue != nullptr && !YamlReader::parse_number(v)) x = point(v, *issue, what + "'s value");
      else x = in_.as_number(v, what + "'s value", range.min, range.max);
      if (!x) return std::nullopt;
      if (range.min_open && *x <= range.min) {
        in_.fail(v, fmt::format("expected {} {}, found {}", what, range_text(range), v.Scalar()));
        return std::nullopt;
      }
      q.a = *x;
      return q;
    }
    const auto name = in_.as_string(dist, "a distribution");
    if (!name) return std::nullopt;
    if (!dynamics::distribution_from_name(*name, q.distribution)) {
      in_.fail(dist, fmt::format("expected a distribution (uniform, normal, triangular or lognormal), found '{}'", *name));
      return std::nullopt;
    }
    const std::size_t before = in_.problems().size();
    const auto param = [&](std::string_view p, double lo, double hi) {
      return in_.number(n, p, lo, hi);
    };
    const double lo = range.min, hi = range.max;
    switch (q.distribution) {
      case Distribution::uniform: {
        keys({"distribution", "min", "max"}, {"distribution", "min", "max"});
        const auto a = param("min", lo, hi), b = param("max", lo, hi);
        if (a && b && *a > *b) in_.fail(n, fmt::format("expected the uniform's min ({}) at most its max ({})", *a, *b));
        if (a && range.min_open && *a <= range.min)
          in_.fail(YamlReader::get(n, "min"), fmt::format("expected {}'s min {}, found {}", what, range_text(range), *a));
        q.a = a.value_or(0), q.b = b.value_or(0);
        break;
      }
      case Distribution::normal: {
        keys({"distribution", "mean", "sd"}, {"distribution", "mean", "sd"});
        const auto m = param("mean", lo, hi), s = param("sd", 0, 1e12);
        q.a = m.value_or(0), q.b = s.value_or(0);
        break;
      }
      case Distribution::triangular: {
        keys({"distribution", "min", "mode", "max"}, {"distribution", "min", "mode", "max"});
        const auto a = param("min", lo, hi), m = param("mode", lo, hi), b = param("max", lo, hi);
        if (a && m && b && !(*a <= *m && *m <= *b))
          in_.fail(n, fmt::format("expected min <= mode <= max, found {}, {}, {}", *a, *m, *b));
        if (a && range.min_open && *a <= range.min)
          in_.fail(YamlReader::get(n, "min"), fmt::format("expected {}'s min {}, found {}", what, range_text(range), *a));
        q.a = a.value_or(0), q.b = m.value_or(0), q.c = b.value_or(0);
        break;
      }
      case Distribution::lognormal: {
        keys({"distribution", "median", "sigma"}, {"distribution", "median", "sigma"});
        if (range.min < 0) {
          in_.fail(dist, fmt::format("expected a distribution that allows {} (uniform, normal or triangular): a lognormal "
                                     "is positive only", range_text(range)));
          break;
        }
        const auto m = param("median", lo, hi), s = param("sigma", 0, 10);
        if (m && *m <= 0) in_.fail(YamlReader::get(n, "median"), fmt::format("expected a lognormal's median greater than 0, found {}", *m));
        q.a = m.value_or(1), q.b = s.value_or(0);
        break;
      }
      case Distribution::fixed: break;
    }
    if (in_.problems().size() != before) return std::nullopt;
    return q;
  }

  template <class T>
  void set(std::optional<T> value, T& out) {
    if (value) out = std::move(*value);
  }

  // A date as YYYY-MM-DD that exists (the base rates count calendar months from it).
  std::optional<history::Day> date(const YAML::Node& n, std::string_view what) {
    const auto text = in_.as_string(n, what);
    if (!text) return std::nullopt;
    const auto day = history::parse_iso_date(*text);
    if (!day) in_.fail(n, fmt::format("expected {} as a date YYYY-MM-DD that exists, found '{}'", what, *text));
    return day;
  }

  // war_started (a date, or {date, evidence, note}) and as_of: both or neither.
  void war_dates(const YAML::Node& node) {
    const YAML::Node started = YamlReader::get(node, "war_started"), as_of = YamlReader::get(node, "as_of");
    if (!started.IsDefined() && !as_of.IsDefined()) return;
    if (!started.IsDefined() || !as_of.IsDefined()) {
      in_.fail(started.IsDefined() ? started : as_of,
               fmt::format("expected both 'war_started' and 'as_of' (together how long the war has lasted at month "
                           "0), found only '{}'", started.IsDefined() ? "war_started" : "as_of"));
      return;
    }
    dynamics::WarDates dates;
    // Initialised once: assigning to a YAML::Node would write into the node it refers to.
    const YAML::Node start_date = started.IsMap() ? YamlReader::get(started, "date") : started;
    if (started.IsMap()) {
      in_.check_keys(started, {"date", "evidence", "note"}, {"date"});
      evidence_list(YamlReader::get(started, "evidence"), dates.evidence);
      dates.note = in_.string(started, "note").value_or("");
      if (!start_date.IsDefined()) return;
    }
    const auto from = date(start_date, "'war_started'");
    const auto to = date(as_of, "'as_of'");
    if (!from || !to) return;
    if (*to < *from) {
      in_.fail(as_of, fmt::format("expected 'as_of' (the day month 0 stands for) on or after 'war_started' ({}), "
                                  "found {}", history::iso_date(*from), history::iso_date(*to)));
      return;
    }
    dates.started = history::iso_date(*from);
    dates.as_of = history::iso_date(*to);
    d_.dates = std::move(dates);
  }

  void belligerent(const YAML::Node& n) {
    if (!in_.expect_map(n, "a belligerent")) return;
    in_.check_keys(n, {"actor", "forces", "recruitment", "lethality", "equipment", "external_aid", "cost", "discount",
                       "optimism", "trend_belief", "breakdown_risk", "breaking_point", "recruitment_covers_losses",
                       "red_line_follows_front", "note"},
                   {"actor", "forces", "lethality", "cost", "discount"});
    Belligerent b;
    if (const auto a = actor_ref(n, "actor")) {
      b.actor = *a;
      if (!sc_.actors[*a].veto)
        in_.fail(YamlReader::get(n, "actor"), fmt::format("expected a belligerent with a veto (veto: true on actor '{}'): "
                                                          "no ceasefire without it, found an actor without one",
                                                          sc_.actors[*a].id));
      if (!belligerent_actors_.insert(*a).second)
        in_.fail(YamlReader::get(n, "actor"), fmt::format("expected each belligerent once, found '{}' again", sc_.actors[*a].id));
    }
    const Range positive{0, inf, true}, non_negative{0, inf, false};
    set(quantity(n, "forces", positive), b.forces);
    set(quantity(n, "recruitment", non_negative), b.recruitment);
    set(quantity(n, "lethality", Range{0, 10}), b.lethality);
    set(quantity(n, "equipment", Range{0, 100, true}), b.equipment);
    set(quantity(n, "external_aid", Range{0, 100, true}), b.external_aid);
    const YAML::Node cost = YamlReader::get(n, "cost");
    if (cost.IsDefined() && in_.expect_map(cost, "the monthly cost of war (casualties, economy, sanctions)")) {
      in_.check_keys(cost, {"casualties", "economy", "sanctions"}, {});
      set(quantity(cost, "casualties", Range{0, 1}), b.cost.casualties);
      set(quantity(cost, "economy", Range{0, 1}), b.cost.economy);
      set(quantity(cost, "sanctions", Range{0, 1}), b.cost.sanctions);
    }
    set(quantity(n, "discount", Range{0, 0.9999}), b.discount);
    set(quantity(n, "optimism", Range{-100, 100}), b.optimism);
    set(quantity(n, "trend_belief", Range{-10, 10}), b.trend_belief);
    set(quantity(n, "breakdown_risk", Range{0, 0.99}), b.breakdown_risk);
    set(quantity(n, "breaking_point", Range{0, 0.99}), b.breaking_point);
    b.recruitment_covers_losses = in_.boolean(n, "recruitment_covers_losses");
    b.red_line_follows_front = in_.boolean(n, "red_line_follows_front").value_or(false);
    b.note = in_.string(n, "note").value_or("");
    d_.belligerents.push_back(std::move(b));
  }

  void territory(const YAML::Node& n) {
    if (!in_.expect_map(n, "the territory (issue, start, advancing, rate)")) return;
    in_.check_keys(n, {"issue", "start", "advancing", "rate", "stalemate_ratio", "winner_imposes_terms", "control_max",
                       "front_max", "note"},
                   {"issue", "start", "advancing", "rate"});
    auto& t = d_.territory;
    if (const auto i = issue_ref(n, "issue")) {
      if (sc_.issues[*i].kind != IssueKind::scale)
        in_.fail(YamlReader::get(n, "issue"), fmt::format("expected a scale issue for territory, found the options issue '{}'",
                                                          sc_.issues[*i].id));
      else {
        t.issue = *i;
        territory_issue_ = *i;
        set(quantity(n, "start", Range{scale_min, scale_max}, &sc_.issues[*i]), t.start);
        const YAML::Node control = YamlReader::get(n, "control_max");
        if (control.IsDefined())
          if (const auto v = point(control, sc_.issues[*i], "'control_max' (the furthest point holding ground gives)"))
            t.control_max = *v;
      }
    }
    if (const auto a = actor_ref(n, "advancing")) {
      bool found = false;
      for (std::size_t k = 0; k < d_.belligerents.size(); ++k)
        if (d_.belligerents[k].actor == *a) t.advancing = k, found = true;
      if (!found)
        in_.fail(YamlReader::get(n, "advancing"), fmt::format("expected one of the belligerents, found '{}'", sc_.actors[*a].id));
    }
    set(quantity(n, "rate", Range{0, 100}), t.rate);
    set(quantity(n, "stalemate_ratio", Range{0, 1000, true}), t.stalemate_ratio);
    t.winner_imposes_terms = in_.boolean(n, "winner_imposes_terms").value_or(false);
    const YAML::Node front_max = YamlReader::get(n, "front_max");
    if (front_max.IsDefined())
      if (const auto v = in_.as_number(front_max, "'front_max' (how far the front can go, in scale points)", scale_max,
                                       10 * scale_max))
        t.front_max = *v;
    if (t.control_max > t.front_max)
      in_.fail(YamlReader::get(n, "control_max"),
               fmt::format("expected 'control_max' at or below 'front_max' ({}), found {}", t.front_max, t.control_max));
    t.note = in_.string(n, "note").value_or("");
  }

  void ceasefire_breakdown(const YAML::Node& n) {
    if (!in_.expect_map(n, "the ceasefire breakdown (probability, within_months)")) return;
    in_.check_keys(n, {"probability", "within_months"}, {"probability"});
    dynamics::CeasefireBreakdown c;
    set(quantity(n, "probability", Range{0, 1}), c.probability);
    const YAML::Node within = YamlReader::get(n, "within_months");
    if (within.IsDefined())
      if (const auto v = in_.as_number(within, "'within_months' (whole months)", 1, 1200)) {
        if (*v != std::floor(*v)) in_.fail(within, fmt::format("expected whole months, found {}", within.Scalar()));
        c.within_months = static_cast<int>(*v);
      }
    d_.ceasefire_breakdown = std::move(c);
  }

  void status_quo(const YAML::Node& n) {
    if (!in_.expect_sequence(n, "the status quo while fighting goes on (a list of issue and position)")) return;
    std::set<std::size_t> seen;
    for (const auto& e : n) {
      if (!in_.expect_map(e, "a status quo (issue and position)")) continue;
      in_.check_keys(e, {"issue", "position", "note"}, {"issue", "position"});
      const auto i = issue_ref(e, "issue");
      if (!i) continue;
      if (territory_issue_ && *i == *territory_issue_) {
        in_.fail(YamlReader::get(e, "issue"), fmt::format("expected an issue other than '{}' (its status quo is the "
                                                          "territory's start), found it", sc_.issues[*i].id));
        continue;
      }
      if (!seen.insert(*i).second) {
        in_.fail(YamlReader::get(e, "issue"), fmt::format("expected each issue once, found '{}' again", sc_.issues[*i].id));
        continue;
      }
      dynamics::StatusQuo s;
      s.issue = *i;
      const Issue& issue = sc_.issues[*i];
      const YAML::Node pos = YamlReader::get(e, "position");
      if (pos.IsDefined()) {
        if (issue.kind == IssueKind::scale) s.position = point(pos, issue, "'position'").value_or(0);
        else s.option = option(pos, issue, "'position'").value_or(0);
      }
      s.note = in_.string(e, "note").value_or("");
      d_.status_quo.push_back(std::move(s));
    }
    std::string missing;
    for (std::size_t i = 0; i < sc_.issues.size(); ++i)
      if (!seen.count(i) && (!territory_issue_ || i != *territory_issue_))
        missing += (missing.empty() ? "" : ", ") + sc_.issues[i].id;
    if (!missing.empty() && territory_issue_)
      in_.fail(n, fmt::format("expected a status quo for every issue but the territory, found none for {}", missing));
    std::sort(d_.status_quo.begin(), d_.status_quo.end(),
              [](const dynamics::StatusQuo& a, const dynamics::StatusQuo& b) { return a.issue < b.issue; });
  }

  void third_party(const YAML::Node& n) {
    if (!in_.expect_map(n, "a third party (actor and levers)")) return;
    in_.check_keys(n, {"actor", "levers"}, {"actor", "levers"});
    dynamics::ThirdParty p;
    if (const auto a = actor_ref(n, "actor")) {
      p.actor = *a;
      if (belligerent_actors_.count(*a))
        in_.fail(YamlReader::get(n, "actor"), fmt::format("expected an actor that is not a belligerent, found '{}'", sc_.actors[*a].id));
      if (!third_party_actors_.insert(*a).second)
        in_.fail(YamlReader::get(n, "actor"), fmt::format("expected each third party once, found '{}' again", sc_.actors[*a].id));
    }
    const YAML::Node levers = YamlReader::get(n, "levers");
    if (levers.IsDefined() && in_.expect_sequence(levers, "the list of levers"))
      for (const auto& l : levers) lever(l, p);
    d_.third_parties.push_back(std::move(p));
  }

  void lever(const YAML::Node& n, dynamics::ThirdParty& p) {
    if (!in_.expect_map(n, "a lever")) return;
    Lever l;
    const auto kind = in_.string(n, "kind");
    if (!kind) {
      in_.check_keys(n, {"kind"}, {"kind"});
      return;
    }
    if (*kind == "aid") l.kind = LeverKind::aid;
    else if (*kind == "sanctions") l.kind = LeverKind::sanctions;
    else if (*kind == "guarantee") l.kind = LeverKind::guarantee;
    else if (*kind == "red_line_pressure") l.kind = LeverKind::red_line_pressure;
    else {
      in_.fail(YamlReader::get(n, "kind"),
               fmt::format("expected a lever kind (aid, sanctions, guarantee or red_line_pressure), found '{}'", *kind));
      return;
    }
    if (l.kind == LeverKind::red_line_pressure)
      in_.check_keys(n, {"kind", "target", "issue", "red_line", "probability", "from_month", "evidence", "note"},
                     {"kind", "target", "issue", "red_line"});
    else
      in_.check_keys(n, {"kind", "target", "effect", "probability", "from_month", "evidence", "note"},
                     {"kind", "target", "effect"});
    const auto target = actor_ref(n, "target");
    if (target) {
      l.target = *target;
      const bool belligerent = belligerent_actors_.count(*target) > 0;
      if (l.kind != LeverKind::red_line_pressure && !belligerent)
        in_.fail(YamlReader::get(n, "target"), fmt::format("expected a belligerent as the target of {} lever, found '{}'",
                                                           dynamics::lever_kind_name(l.kind), sc_.actors[*target].id));
    }
    switch (l.kind) {
      case LeverKind::aid: set(quantity(n, "effect", Range{-1, 10}), l.effect); break;
      case LeverKind::sanctions: set(quantity(n, "effect", Range{0, 1}), l.effect); break;
      case LeverKind::guarantee: set(quantity(n, "effect", Range{0, 1}), l.effect); break;
      case LeverKind::red_line_pressure: pressure(n, l, target); break;
    }
    set(quantity(n, "probability", Range{0, 1}), l.probability);
    if (const auto m = in_.number(n, "from_month", 0, 1200)) {
      if (*m != std::floor(*m))
        in_.fail(YamlReader::get(n, "from_month"), fmt::format("expected 'from_month' to be a whole number, found {}", *m));
      l.from_month = static_cast<int>(*m);
    }
    evidence_list(YamlReader::get(n, "evidence"), l.evidence);
    l.note = in_.string(n, "note").value_or("");
    p.levers.push_back(std::move(l));
  }

  void pressure(const YAML::Node& n, Lever& l, std::optional<std::size_t> target) {
    const auto i = issue_ref(n, "issue");
    if (!i) return;
    l.issue = *i;
    const Issue& issue = sc_.issues[*i];
    if (target) {
      const bool has_stance = std::any_of(sc_.stances.begin(), sc_.stances.end(),
                                          [&](const Stance& s) { return s.actor == *target && s.issue == *i; });
      if (!has_stance)
        in_.fail(YamlReader::get(n, "issue"), fmt::format("expected an issue on which '{}' has a stance, found '{}'",
                                                          sc_.actors[*target].id, issue.id));
    }
    const YAML::Node red = YamlReader::get(n, "red_line");
    if (!red.IsDefined()) return;
    if (issue.kind == IssueKind::scale) {
      if (!in_.expect_map(red, "the red line after the pressure (min and/or max)")) return;
      in_.check_keys(red, {"min", "max"}, {});
      AcceptableRange range;
      if (YamlReader::get(red, "min").IsDefined()) range.min = point(YamlReader::get(red, "min"), issue, "the red line's 'min'").value_or(scale_min);
      if (YamlReader::get(red, "max").IsDefined()) range.max = point(YamlReader::get(red, "max"), issue, "the red line's 'max'").value_or(scale_max);
      if (range.min > range.max)
        in_.fail(red, fmt::format("expected the red line's min ({}) at most its max ({})", range.min, range.max));
      l.range = range;
    } else {
      if (!in_.expect_sequence(red, "the acceptable options after the pressure")) return;
      for (const auto& o : red)
        if (const auto k = option(o, issue, "an acceptable option")) l.acceptable_options.push_back(*k);
      std::sort(l.acceptable_options.begin(), l.acceptable_options.end());
      l.acceptable_options.erase(std::unique(l.acceptable_options.begin(), l.acceptable_options.end()), l.acceptable_options.end());
      if (red.size() == 0) in_.fail(red, "expected at least one acceptable option, found an empty list");
    }
  }
};

}  // namespace

std::optional<dynamics::Dynamics> parse_dynamics_yaml(const YAML::Node& node, const Scenario& scenario, YamlReader& in) {
  return DynamicsParser(scenario, in).parse(node);
}

}  // namespace truce
