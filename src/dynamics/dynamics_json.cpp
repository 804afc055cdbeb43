#include "truce/dynamics/dynamics_json.hpp"

namespace truce::dynamics {

namespace {

nlohmann::json evidence_json(const std::vector<Evidence>& evidence) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : evidence) list.push_back({{"source", e.source}, {"quote", e.quote}});
  return list;
}

void add_notes(nlohmann::json& j, const std::vector<Evidence>& evidence, const std::string& note) {
  if (!evidence.empty()) j["evidence"] = evidence_json(evidence);
  if (!note.empty()) j["note"] = note;
}

nlohmann::json red_line_json(const Issue& issue, const Lever& l) {
  if (issue.kind == IssueKind::scale) {
    const AcceptableRange r = l.range.value_or(AcceptableRange{});
    return {{"min", r.min}, {"max", r.max}};
  }
  nlohmann::json list = nlohmann::json::array();
  for (auto k : l.acceptable_options) list.push_back(issue.options[k].id);
  return list;
}

}  // namespace

namespace {

// A value or a distribution with its parameters, as the YAML gives it.
nlohmann::json value_json(const QuantityValue& q) {
  switch (q.distribution) {
    case Distribution::fixed: return {{"value", q.a}};
    case Distribution::uniform: return {{"distribution", "uniform"}, {"min", q.a}, {"max", q.b}};
    case Distribution::normal: return {{"distribution", "normal"}, {"mean", q.a}, {"sd", q.b}};
    case Distribution::triangular: return {{"distribution", "triangular"}, {"min", q.a}, {"mode", q.b}, {"max", q.c}};
    case Distribution::lognormal: return {{"distribution", "lognormal"}, {"median", q.a}, {"sigma", q.b}};
  }
  return nlohmann::json::object();
}

}  // namespace

nlohmann::json quantity_to_json(const Quantity& q) {
  if (q.is_fixed() && q.evidence.empty() && q.note.empty() && q.revisions.empty()) return q.a;
  // The file's form: the value before any revision, then the revisions (the loader applies
  // them again, so the latest value comes back).
  nlohmann::json j = value_json(q.revisions.empty() ? q.value() : q.base);
  add_notes(j, q.evidence, q.note);
  if (!q.revisions.empty()) {
    j["revisions"] = nlohmann::json::array();
    for (const auto& r : q.revisions) {
      nlohmann::json e{{"as_of", r.as_of}};
      if (!r.event.empty()) e["event"] = r.event;
      e.update(value_json(r.set));
      e["evidence"] = evidence_json(r.evidence);
      if (!r.note.empty()) e["note"] = r.note;
      j["revisions"].push_back(e);
    }
  }
  return j;
}

nlohmann::json dynamics_to_json(const Scenario& sc, const Dynamics& d) {
  nlohmann::json j;
  if (d.dates) {
    nlohmann::json started = d.dates->started;
    if (!d.dates->evidence.empty() || !d.dates->note.empty()) {
      started = {{"date", d.dates->started}};
      add_notes(started, d.dates->evidence, d.dates->note);
    }
    j["war_started"] = started;
    j["as_of"] = d.dates->as_of;
  }
  j["belligerents"] = nlohmann::json::array();
  for (const auto& b : d.belligerents) {
    nlohmann::json e{{"actor", sc.actors[b.actor].id},
                     {"forces", quantity_to_json(b.forces)},
                     {"recruitment", quantity_to_json(b.recruitment)},
                     {"lethality", quantity_to_json(b.lethality)},
                     {"equipment", quantity_to_json(b.equipment)},
                     {"external_aid", quantity_to_json(b.external_aid)},
                     {"cost",
                      {{"casualties", quantity_to_json(b.cost.casualties)},
                       {"economy", quantity_to_json(b.cost.economy)},
                       {"sanctions", quantity_to_json(b.cost.sanctions)}}},
                     {"discount", quantity_to_json(b.discount)},
                     {"optimism", quantity_to_json(b.optimism)},
                     {"trend_belief", quantity_to_json(b.trend_belief)},
                     {"red_line_follows_front", b.red_line_follows_front},
                     {"breakdown_risk", quantity_to_json(b.breakdown_risk)}};
    // Written only where set, so that a scenario without it keeps its canonical bytes.
    if (!(b.breaking_point == Quantity::fixed(0))) e["breaking_point"] = quantity_to_json(b.breaking_point);
    if (b.recruitment_covers_losses) e["recruitment_covers_losses"] = *b.recruitment_covers_losses;
    if (!b.note.empty()) e["note"] = b.note;
    j["belligerents"].push_back(e);
  }
  const Territory& t = d.territory;
  j["territory"] = {{"issue", sc.issues[t.issue].id},
                    {"start", quantity_to_json(t.start)},
                    {"advancing", sc.actors[d.belligerents.at(t.advancing).actor].id},
                    {"rate", quantity_to_json(t.rate)},
                    {"stalemate_ratio", quantity_to_json(t.stalemate_ratio)},
                    {"winner_imposes_terms", t.winner_imposes_terms}};
  if (t.control_max != scale_max) j["territory"]["control_max"] = t.control_max;
  if (t.front_max != scale_max) j["territory"]["front_max"] = t.front_max;
  if (!t.note.empty()) j["territory"]["note"] = t.note;
  if (d.ceasefire_breakdown)
    j["ceasefire_breakdown"] = {{"probability", quantity_to_json(d.ceasefire_breakdown->probability)},
                                {"within_months", d.ceasefire_breakdown->within_months}};
  j["status_quo"] = nlohmann::json::array();
  for (const auto& s : d.status_quo) {
    const Issue& issue = sc.issues[s.issue];
    nlohmann::json e{{"issue", issue.id}};
    if (issue.kind == IssueKind::scale) e["position"] = s.position;
    else e["position"] = issue.options[s.option].id;
    if (!s.note.empty()) e["note"] = s.note;
    j["status_quo"].push_back(e);
  }
  j["third_parties"] = nlohmann::json::array();
  for (const auto& p : d.third_parties) {
    nlohmann::json levers = nlohmann::json::array();
    for (const auto& l : p.levers) {
      nlohmann::json e{{"kind", lever_kind_name(l.kind)},
                       {"target", sc.actors[l.target].id},
                       {"probability", quantity_to_json(l.probability)},
                       {"from_month", l.from_month}};
      if (l.kind == LeverKind::red_line_pressure) {
        e["issue"] = sc.issues[l.issue].id;
        e["red_line"] = red_line_json(sc.issues[l.issue], l);
      } else {
        e["effect"] = quantity_to_json(l.effect);
      }
      add_notes(e, l.evidence, l.note);
      levers.push_back(e);
    }
    j["third_parties"].push_back({{"actor", sc.actors[p.actor].id}, {"levers", levers}});
  }
  return j;
}

}  // namespace truce::dynamics
