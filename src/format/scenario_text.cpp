#include "truce/format/scenario_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "truce/core/dynamics_section.hpp"
#include "truce/core/quantity.hpp"
#include "truce/core/scenario_as_of.hpp"
#include "truce/format/text_table.hpp"

namespace truce {

namespace {

std::string number(double v) {
  // Whole numbers without decimals, others with as few as needed (up to 4).
  if (v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{:.0f}", v);
  std::string s = fmt::format("{:.4f}", v);
  while (s.back() == '0') s.pop_back();
  return s;
}

std::string point_name(const Issue& issue, double position) {
  for (const auto& p : issue.points)
    if (p.position == position) return fmt::format("{} ({})", number(position), p.id);
  return number(position);
}

// "250000" for a fixed number, "triangular(0.8, 1, 1.3)" for a distribution.
std::string quantity(const dynamics::Quantity& q) {
  using dynamics::Distribution;
  switch (q.distribution) {
    case Distribution::fixed: return number(q.a);
    case Distribution::triangular:
      return fmt::format("{}({}, {}, {})", dynamics::distribution_name(q.distribution), number(q.a), number(q.b),
                         number(q.c));
    default: return fmt::format("{}({}, {})", dynamics::distribution_name(q.distribution), number(q.a), number(q.b));
  }
}

// The war model's inputs at a glance; every number and its evidence are in --format json.
std::string dynamics_as_text(const Scenario& sc, const dynamics::Dynamics& d) {
  TextTable belligerents{{"belligerent", "forces", "recruitment/month", "lethality", "equipment", "aid", "discount",
                          "breakdown risk"},
                         {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right,
                          Align::right, Align::right},
                         {}};
  for (const auto& b : d.belligerents)
    belligerents.rows.push_back({sc.actors[b.actor].id, quantity(b.forces), quantity(b.recruitment),
                                 quantity(b.lethality), quantity(b.equipment), quantity(b.external_aid),
                                 quantity(b.discount), quantity(b.breakdown_risk)});
  std::string out = "\nDynamics (truce simulate)\n" + belligerents.render();
  out += fmt::format("  front line: issue '{}' starts at {}, moves at {} a month\n", sc.issues[d.territory.issue].id,
                     quantity(d.territory.start), quantity(d.territory.rate));
  // The war's dates pick the historical base rate simulate shows beside its curve.
  if (d.dates) out += fmt::format("  war started {}; month 0 is {}\n", d.dates->started, d.dates->as_of);
  TextTable levers{{"third party", "lever", "on", "effect", "probability", "from month"},
                   {Align::left, Align::left, Align::left, Align::right, Align::right, Align::right},
                   {}};
  for (const auto& t : d.third_parties)
    for (const auto& l : t.levers)
      levers.rows.push_back({sc.actors[t.actor].id, dynamics::lever_kind_name(l.kind), sc.actors[l.target].id,
                             l.kind == dynamics::LeverKind::red_line_pressure ? sc.issues[l.issue].id : quantity(l.effect),
                             quantity(l.probability), std::to_string(l.from_month)});
  if (!levers.rows.empty()) out += levers.render();
  return out + "  (every number, with its evidence or note: truce show --format json)\n";
}

}  // namespace

std::string describe_position(const Issue& issue, const Stance& s) {
  return issue.kind == IssueKind::scale ? point_name(issue, s.position) : issue.options[s.option].id;
}

std::string describe_red_line(const Issue& issue, const Stance& s) {
  if (s.acceptable_range)
    return fmt::format("[{}, {}]", point_name(issue, s.acceptable_range->min), point_name(issue, s.acceptable_range->max));
  if (s.acceptable_options.empty()) return "";
  std::string out;
  for (auto k : s.acceptable_options) out += (out.empty() ? "" : ", ") + issue.options[k].id;
  return "{" + out + "}";
}

std::string scenario_as_text(const Scenario& sc) {
  std::string out = fmt::format("{}{}\n", sc.name, sc.id.empty() ? "" : fmt::format(" [{}]", sc.id));
  if (!sc.description.empty()) out += sc.description + "\n";
  for (const auto& note : sc.notes) out += "note: " + note + "\n";

  TextTable actors{{"actor", "name", "capability", "veto", "risk attitude"},
                   {Align::left, Align::left, Align::right, Align::left, Align::right}, {}};
  for (const auto& a : sc.actors)
    actors.rows.push_back({a.id, a.name, number(a.capability), a.veto ? "yes" : "",
                           a.risk_attitude ? number(*a.risk_attitude) : "inferred"});
  out += fmt::format("\nActors ({})\n", sc.actors.size()) + actors.render();

  TextTable issues{{"issue", "kind", "name", "points / options"}, {}, {}};
  for (const auto& i : sc.issues) {
    std::string choices;
    if (i.kind == IssueKind::scale)
      for (const auto& p : i.points) choices += (choices.empty() ? "" : ", ") + fmt::format("{}={}", number(p.position), p.id);
    else
      for (const auto& o : i.options) choices += (choices.empty() ? "" : ", ") + o.id;
    issues.rows.push_back({i.id, i.kind == IssueKind::scale ? "scale 0..100" : "options", i.name, choices});
  }
  out += fmt::format("\nIssues ({})\n", sc.issues.size()) + issues.render();
  for (const auto& i : sc.issues)
    if (i.kind == IssueKind::scale && (!i.low_meaning.empty() || !i.high_meaning.empty()))
      out += fmt::format("  {}: 0 = {}; 100 = {}\n", i.id, i.low_meaning, i.high_meaning);

  TextTable stances{{"actor", "issue", "position", "salience", "red line", "evidence"},
                    {Align::left, Align::left, Align::left, Align::right, Align::left, Align::left}, {}};
  for (const auto& s : sc.stances) {
    const Issue& issue = sc.issues[s.issue];
    std::string evidence;
    std::vector<std::string> cited;  // each source once, in the order first cited
    for (const auto& e : s.evidence)
      if (std::find(cited.begin(), cited.end(), e.source) == cited.end()) {
        cited.push_back(e.source);
        evidence += (evidence.empty() ? "" : ", ") + e.source;
      }
    if (evidence.empty()) evidence = s.note.empty() ? "none" : "note only";
    stances.rows.push_back({sc.actors[s.actor].id, issue.id, describe_position(issue, s), fixed(s.salience, 2),
                            describe_red_line(issue, s), evidence});
  }
  out += fmt::format("\nStances ({})\n", sc.stances.size()) + stances.render();
  if (!sc.as_of.empty() || !sc.known_by.empty())
    out += fmt::format("(as of {}{})\n", sc.as_of.empty() ? "the latest date" : sc.as_of,
                       sc.known_by.empty() ? "" : ", with what was published by " + sc.known_by);

  // Dated revisions (docs/timeline.md): the values above are the latest date's.
  if (const auto revisions = scenario_revisions(sc); !revisions.empty()) {
    TextTable table{{"from", "event", "whose", "change", "evidence"}, {}, {}};
    for (const auto& r : revisions)
      table.rows.push_back({r.as_of, r.event, r.issue.empty() ? r.actor : r.actor + "." + r.issue, r.change, r.sources});
    out += fmt::format("\nRevisions ({}; the stances above stand at the latest; --as-of DATE goes back)\n",
                       revisions.size()) + table.render();
  }

  if (sc.dynamics) out += dynamics_as_text(sc, *sc.dynamics);

  if (!sc.sources.empty()) {
    TextTable sources{{"source", "date", "publisher", "title"}, {}, {}};
    for (const auto& s : sc.sources) sources.rows.push_back({s.id, s.date, s.publisher, s.title});
    out += fmt::format("\nSources ({})\n", sc.sources.size()) + sources.render();
  }
  return out;
}

}  // namespace truce
