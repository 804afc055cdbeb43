#include "truce/io/scenario_json.hpp"

#include "truce/core/scenario_as_of.hpp"
#include "truce/dynamics/dynamics_json.hpp"

namespace truce {

namespace {

nlohmann::json evidence_to_json(const std::vector<Evidence>& list) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : list) evidence.push_back({{"source", e.source}, {"quote", e.quote}});
  return evidence;
}

template <class Patch>
nlohmann::json revision_to_json(const Revision<Patch>& r, nlohmann::json set) {
  nlohmann::json j{{"as_of", r.as_of}};
  if (!r.event.empty()) j["event"] = r.event;
  j.update(set);
  j["evidence"] = evidence_to_json(r.evidence);
  if (!r.note.empty()) j["note"] = r.note;
  return j;
}

nlohmann::json patch_to_json(const Issue& issue, const StancePatch& p) {
  nlohmann::json j = nlohmann::json::object();
  if (p.position) j["position"] = *p.position;
  if (p.option) j["position"] = issue.options.at(*p.option).id;
  if (p.salience) j["salience"] = *p.salience;
  if (p.acceptable_range) j["red_line"] = {{"min", p.acceptable_range->min}, {"max", p.acceptable_range->max}};
  if (p.acceptable_options) {
    nlohmann::json red = nlohmann::json::array();
    for (auto k : *p.acceptable_options) red.push_back(issue.options.at(k).id);
    j["red_line"] = red;
  }
  if (p.option_utilities) {
    nlohmann::json utilities = nlohmann::json::object();
    for (std::size_t k = 0; k < issue.options.size(); ++k) utilities[issue.options[k].id] = p.option_utilities->at(k);
    j["utilities"] = utilities;
  }
  return j;
}

nlohmann::json patch_to_json(const ActorPatch& p) {
  nlohmann::json j = nlohmann::json::object();
  if (p.capability) j["capability"] = *p.capability;
  if (p.risk_attitude) j["risk_attitude"] = *p.risk_attitude;
  if (p.veto) j["veto"] = *p.veto;
  return j;
}

nlohmann::json stance_to_json(const Scenario& sc, const Stance& latest) {
  const Issue& issue = sc.issues[latest.issue];
  // The file's form: the values before any revision, then the revisions.
  Stance s = latest;
  apply_patch(s, latest.base);
  nlohmann::json j;
  j["actor"] = sc.actors[s.actor].id;
  j["issue"] = issue.id;
  j["salience"] = s.salience;
  if (s.capability) j["capability"] = *s.capability;
  if (issue.kind == IssueKind::scale) {
    j["position"] = s.position;
    if (s.acceptable_range) j["red_line"] = {{"min", s.acceptable_range->min}, {"max", s.acceptable_range->max}};
  } else {
    j["position"] = issue.options[s.option].id;
    nlohmann::json utilities = nlohmann::json::object();
    for (std::size_t k = 0; k < issue.options.size(); ++k) utilities[issue.options[k].id] = s.option_utilities[k];
    j["utilities"] = utilities;
    if (!s.acceptable_options.empty()) {
      nlohmann::json red = nlohmann::json::array();
      for (auto k : s.acceptable_options) red.push_back(issue.options[k].id);
      j["red_line"] = red;
    }
  }
  j["evidence"] = evidence_to_json(s.evidence);
  if (!s.note.empty()) j["note"] = s.note;
  if (!s.revisions.empty()) {
    j["revisions"] = nlohmann::json::array();
    for (const auto& r : s.revisions) j["revisions"].push_back(revision_to_json(r, patch_to_json(issue, r.set)));
  }
  return j;
}

nlohmann::json issue_to_json(const Issue& issue) {
  nlohmann::json j{{"id", issue.id}, {"name", issue.name}, {"description", issue.description}};
  if (!issue.proposal.empty()) j["proposal"] = issue.proposal;
  if (issue.kind == IssueKind::scale) {
    j["kind"] = "scale";
    j["low"] = issue.low_meaning;
    j["high"] = issue.high_meaning;
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : issue.points) points.push_back({{"id", p.id}, {"label", p.label}, {"position", p.position}});
    j["points"] = points;
    if (issue.status_quo) j["status_quo"] = *issue.status_quo;
    if (issue.outcome) j["outcome"] = *issue.outcome;
  } else {
    j["kind"] = "options";
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : issue.options) options.push_back({{"id", o.id}, {"label", o.label}});
    j["options"] = options;
  }
  return j;
}

}  // namespace

namespace {

// A negotiation set-up's fields as the YAML states them (only those set), so the canonical
// JSON reads back to the same section.
void negotiation_settings_into(const NegotiationSettings& s, nlohmann::json& j) {
  if (s.protocol) j["protocol"] = *s.protocol;
  if (s.deadline) j["deadline"] = *s.deadline;
  if (s.mediator) j["mediator"] = s.mediator->empty() ? std::string("neutral") : *s.mediator;
  if (!s.agents.empty()) j["agents"] = s.agents;
  if (!s.reservation.empty()) j["reservation"] = s.reservation;
  if (!s.discount.empty()) j["discount"] = s.discount;
  if (s.relax) j["relax"] = *s.relax;
  if (s.outside_options) j["outside_options"] = *s.outside_options;
  if (s.policy) j["policy"] = *s.policy;
  if (s.war_month) j["war_month"] = *s.war_month;
}

nlohmann::json evidence_json(const std::vector<Evidence>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : list) out.push_back({{"source", e.source}, {"quote", e.quote}});
  return out;
}

nlohmann::json negotiation_to_json(const NegotiationSection& n) {
  nlohmann::json j = nlohmann::json::object();
  negotiation_settings_into(n.defaults, j);
  if (!n.evidence.empty()) j["evidence"] = evidence_json(n.evidence);
  if (!n.note.empty()) j["note"] = n.note;
  if (!n.variants.empty()) {
    j["variants"] = nlohmann::json::array();
    for (const auto& v : n.variants) {
      nlohmann::json variant = {{"id", v.id}, {"name", v.name}};
      if (!v.description.empty()) variant["description"] = v.description;
      negotiation_settings_into(v.set, variant);
      if (!v.evidence.empty()) variant["evidence"] = evidence_json(v.evidence);
      if (!v.note.empty()) variant["note"] = v.note;
      j["variants"].push_back(std::move(variant));
    }
  }
  return j;
}

}  // namespace


nlohmann::json scenario_to_json(const Scenario& sc) {
  nlohmann::json j;
  j["truce"] = sc.format_version;
  if (!sc.id.empty()) j["id"] = sc.id;
  j["name"] = sc.name;
  j["description"] = sc.description;
  if (!sc.start.empty()) j["start"] = sc.start;
  if (!sc.as_of.empty()) j["as_of"] = sc.as_of;
  if (!sc.known_by.empty()) j["known_by"] = sc.known_by;
  j["sources"] = nlohmann::json::array();
  for (const auto& s : sc.sources) {
    nlohmann::json source{{"id", s.id}, {"title", s.title}, {"publisher", s.publisher}, {"date", s.date}};
    if (!s.url.empty()) source["url"] = s.url;
    j["sources"].push_back(source);
  }
  j["actors"] = nlohmann::json::array();
  for (const auto& latest : sc.actors) {
    Actor a = latest;  // the file's form: the values before any revision, then the revisions
    apply_patch(a, latest.base);
    bool risk_revised = false;
    for (const auto& r : a.revisions) risk_revised = risk_revised || r.set.risk_attitude.has_value();
    if (risk_revised && !latest.base.risk_attitude) a.risk_attitude.reset();
    nlohmann::json actor{{"id", a.id}, {"name", a.name}, {"description", a.description},
                         {"capability", a.capability}, {"veto", a.veto}};
    if (a.risk_attitude) actor["risk_attitude"] = *a.risk_attitude;
    if (!a.revisions.empty()) {
      actor["revisions"] = nlohmann::json::array();
      for (const auto& r : a.revisions) actor["revisions"].push_back(revision_to_json(r, patch_to_json(r.set)));
    }
    j["actors"].push_back(actor);
  }
  j["issues"] = nlohmann::json::array();
  for (const auto& issue : sc.issues) j["issues"].push_back(issue_to_json(issue));
  j["stances"] = nlohmann::json::array();
  for (const auto& s : sc.stances) j["stances"].push_back(stance_to_json(sc, s));
  if (sc.dynamics) j["dynamics"] = dynamics::dynamics_to_json(sc, *sc.dynamics);
  if (!sc.policies.empty()) {
    j["policies"] = nlohmann::json::array();
    for (const auto& p : sc.policies) {
      nlohmann::json policy = {{"id", p.id}, {"name", p.name}};
      if (!p.description.empty()) policy["description"] = p.description;
      // The changes in the file's order (an object would sort them).
      nlohmann::json set = nlohmann::json::array();
      for (const auto& c : p.set) set.push_back({{"parameter", c.parameter}, {"value", c.value}});
      policy["set"] = set;
      nlohmann::json evidence = nlohmann::json::array();
      for (const auto& e : p.evidence) evidence.push_back({{"source", e.source}, {"quote", e.quote}});
      policy["evidence"] = evidence;
      if (!p.note.empty()) policy["note"] = p.note;
      j["policies"].push_back(std::move(policy));
    }
  }
  if (sc.negotiation) j["negotiation"] = negotiation_to_json(*sc.negotiation);
  return j;
}

std::string canonical_scenario_json(const Scenario& scenario) { return scenario_to_json(scenario).dump(2) + "\n"; }

}  // namespace truce
