#include "truce/io/scenario_yaml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "truce/core/date.hpp"
#include "truce/core/scenario_as_of.hpp"
#include "truce/io/dynamics_yaml.hpp"
#include "truce/io/input_text.hpp"
#include "truce/io/issue_value_yaml.hpp"
#include "truce/io/revision_yaml.hpp"
#include "truce/io/yaml_reader.hpp"

namespace truce {

namespace {

// Ids are short machine names: a letter, then letters, digits, '-' or '_'. No '.' and no
// spaces: ids are joined with '.' in CLI options such as --relax ACTOR.ISSUE.
bool valid_id(const std::string& id) {
  static const std::regex pattern("[A-Za-z][A-Za-z0-9_-]{0,63}");
  return std::regex_match(id, pattern);
}

// YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists (2025-02-29 does not).
bool valid_date(const std::string& date) {
  static const std::regex pattern("([0-9]{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?");
  std::smatch m;
  if (!std::regex_match(date, m, pattern)) return false;
  if (!m[5].matched) return true;
  const int year = std::stoi(m[1]), month = std::stoi(m[3]), day = std::stoi(m[5]);
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

class ScenarioParser {
 public:
  explicit ScenarioParser(std::string file) : in_(std::move(file)) {}

  Scenario parse(const YAML::Node& root) {
    if (!in_.expect_map(root, "a scenario")) in_.throw_if_problems();
    in_.check_keys(root, {"truce", "id", "name", "description", "start", "as_of", "known_by", "sources", "actors", "issues",
                    "stances", "dynamics", "policies", "negotiation"},
                   {"truce", "name", "actors", "issues"});
    if (YamlReader::get(root, "truce").IsDefined()) {
      const auto version = in_.as_number(YamlReader::get(root, "truce"), "the format version 'truce'", 1, 1e9);
      if (version && *version != scenario_format_version)
        in_.fail(YamlReader::get(root, "truce"), fmt::format("expected the format version {}, found {}", scenario_format_version,
                                            YamlReader::get(root, "truce").Scalar()));
    }
    scenario_.id = in_.string(root, "id").value_or("");
    if (!scenario_.id.empty() && !valid_id(scenario_.id)) bad_id(YamlReader::get(root, "id"), scenario_.id);
    scenario_.name = in_.string(root, "name").value_or("");
    scenario_.description = in_.string(root, "description").value_or("");
    // Dates: `start` (from when the undated values hold); `as_of` / `known_by` record the view
    // a stored scenario was seen in (scenario_as_of.hpp), as the canonical JSON writes them.
    for (auto [key, field] : {std::pair{"start", &scenario_.start}, std::pair{"as_of", &scenario_.as_of},
                              std::pair{"known_by", &scenario_.known_by}}) {
      if (!YamlReader::get(root, key).IsDefined()) continue;
      *field = in_.string(root, key).value_or("");
      if (YamlReader::get(root, key).IsScalar() && !parse_date(*field))
        in_.fail(YamlReader::get(root, key), fmt::format("expected '{}' to be a calendar date YYYY-MM-DD, found '{}'", key, *field));
    }

    each(YamlReader::get(root, "sources"), "the list of sources", [&](const YAML::Node& n) { source(n); });
    each(YamlReader::get(root, "actors"), "the list of actors", [&](const YAML::Node& n) { actor(n); });
    each(YamlReader::get(root, "issues"), "the list of issues", [&](const YAML::Node& n) { issue(n); });
    each(YamlReader::get(root, "stances"), "the list of stances", [&](const YAML::Node& n) { stance(n); });
    if (YamlReader::get(root, "dynamics").IsDefined())
      scenario_.dynamics = parse_dynamics_yaml(YamlReader::get(root, "dynamics"), scenario_, in_);
    each(YamlReader::get(root, "policies"), "the list of policies", [&](const YAML::Node& n) { policy(n); });
    if (YamlReader::get(root, "negotiation").IsDefined()) negotiation(YamlReader::get(root, "negotiation"));
    if (YamlReader::get(root, "actors").IsSequence() && scenario_.actors.empty())
      in_.fail(YamlReader::get(root, "actors"), "expected at least one actor, found an empty list");
    if (YamlReader::get(root, "issues").IsSequence() && scenario_.issues.empty())
      in_.fail(YamlReader::get(root, "issues"), "expected at least one issue, found an empty list");

    in_.throw_if_problems();
    std::sort(scenario_.stances.begin(), scenario_.stances.end(),
              [](const Stance& a, const Stance& b) { return std::pair{a.actor, a.issue} < std::pair{b.actor, b.issue}; });
    return std::move(scenario_);
  }

 private:
  YamlReader in_;
  Scenario scenario_;
  std::map<std::string, std::size_t> source_index_, actor_index_, issue_index_, policy_index_;
  std::set<std::pair<std::size_t, std::size_t>> stance_pairs_;

  template <class F>
  void each(const YAML::Node& list, std::string_view what, F&& f) {
    if (!list.IsDefined()) return;
    if (!in_.expect_sequence(list, what)) return;
    for (const auto& item : list) f(item);
  }

  void bad_id(const YAML::Node& at, const std::string& id) {
    in_.fail(at, fmt::format("expected an id (a letter, then letters, digits, '-' or '_', at most 64), found '{}'", id));
  }

  // Reads an 'id', checks its form and uniqueness among `index`; returns false when unusable.
  bool unique_id(const YAML::Node& map, std::map<std::string, std::size_t>& index, std::size_t position,
                 std::string_view kind, std::string& id) {
    const auto value = in_.string(map, "id");
    if (!value) return false;
    id = *value;
    if (!valid_id(id)) {
      bad_id(YamlReader::get(map, "id"), id);
      return false;
    }
    if (!index.emplace(id, position).second) {
      in_.fail(YamlReader::get(map, "id"), fmt::format("expected each {} id once, found '{}' again", kind, id));
      return false;
    }
    return true;
  }

  void source(const YAML::Node& n) {
    if (!in_.expect_map(n, "a source")) return;
    in_.check_keys(n, {"id", "title", "publisher", "date", "url"}, {"id", "title", "publisher", "date"});
    Source s;
    unique_id(n, source_index_, scenario_.sources.size(), "source", s.id);
    s.title = in_.string(n, "title").value_or("");
    s.publisher = in_.string(n, "publisher").value_or("");
    s.date = in_.string(n, "date").value_or("");
    if (YamlReader::get(n, "date").IsScalar() && !valid_date(s.date))
      in_.fail(YamlReader::get(n, "date"), fmt::format("expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found '{}'", s.date));
    s.url = in_.string(n, "url").value_or("");
    scenario_.sources.push_back(std::move(s));
  }

  void actor(const YAML::Node& n) {
    if (!in_.expect_map(n, "an actor")) return;
    in_.check_keys(n, {"id", "name", "description", "capability", "risk_attitude", "veto", "revisions"},
                   {"id", "name", "capability"});
    Actor a;
    unique_id(n, actor_index_, scenario_.actors.size(), "actor", a.id);
    a.name = in_.string(n, "name").value_or("");
    a.description = in_.string(n, "description").value_or("");
    if (const auto c = in_.number(n, "capability", 0, max_capability)) {
      if (*c <= 0)
        in_.fail(YamlReader::get(n, "capability"), fmt::format("expected 'capability' greater than 0, found {}", YamlReader::get(n, "capability").Scalar()));
      a.capability = *c;
    }
    a.risk_attitude = in_.number(n, "risk_attitude", -1, 1);
    a.veto = in_.boolean(n, "veto").value_or(false);
    actor_revisions(YamlReader::get(n, "revisions"), a);
    scenario_.actors.push_back(std::move(a));
  }

  void issue(const YAML::Node& n) {
    if (!in_.expect_map(n, "an issue")) return;
    in_.check_keys(n, {"id", "name", "description", "kind", "low", "high", "points", "options", "status_quo", "outcome", "proposal"},
                   {"id", "name", "kind"});
    Issue issue;
    unique_id(n, issue_index_, scenario_.issues.size(), "issue", issue.id);
    issue.name = in_.string(n, "name").value_or("");
    issue.description = in_.string(n, "description").value_or("");
    issue.proposal = in_.string(n, "proposal").value_or("");
    const auto kind = in_.string(n, "kind");
    if (kind && *kind != "scale" && *kind != "options")
      in_.fail(YamlReader::get(n, "kind"), fmt::format("expected 'kind' to be scale or options, found '{}'", *kind));
    issue.kind = kind == "options" ? IssueKind::options : IssueKind::scale;
    if (issue.kind == IssueKind::scale) {
      for (auto key : {"low", "high"})
        if (!YamlReader::get(n, key).IsDefined())
          in_.fail(n, fmt::format("expected the key '{}' (what position {} means) on a scale issue, found it missing", key,
                                  std::string(key) == "low" ? 0 : 100));
      if (YamlReader::get(n, "options").IsDefined()) in_.fail(YamlReader::get(n, "options"), "expected 'options' only on an issue of kind options");
      issue.low_meaning = in_.string(n, "low").value_or("");
      issue.high_meaning = in_.string(n, "high").value_or("");
      std::set<std::string> ids;
      each(YamlReader::get(n, "points"), "the named points", [&](const YAML::Node& p) { named_point(p, ids, issue); });
      std::stable_sort(issue.points.begin(), issue.points.end(),
                       [](const NamedPoint& a, const NamedPoint& b) { return a.position < b.position; });
      // After the points, so a status quo or outcome may name one.
      if (YamlReader::get(n, "status_quo").IsDefined())
        issue.status_quo = scale_position(YamlReader::get(n, "status_quo"), issue, "'status_quo'");
      if (YamlReader::get(n, "outcome").IsDefined())
        issue.outcome = scale_position(YamlReader::get(n, "outcome"), issue, "'outcome'");
    } else {
      for (auto key : {"low", "high", "points", "status_quo", "outcome"})
        if (YamlReader::get(n, key).IsDefined()) in_.fail(YamlReader::get(n, key), fmt::format("expected '{}' only on an issue of kind scale", key));
      if (!YamlReader::get(n, "options").IsDefined())
        in_.fail(n, "expected the key 'options' on an issue of kind options, found it missing");
      std::set<std::string> ids;
      each(YamlReader::get(n, "options"), "the options", [&](const YAML::Node& o) { option(o, ids, issue); });
      if (YamlReader::get(n, "options").IsSequence() && issue.options.size() < 2)
        in_.fail(YamlReader::get(n, "options"), fmt::format("expected at least 2 options, found {}", issue.options.size()));
    }
    scenario_.issues.push_back(std::move(issue));
  }

  void named_point(const YAML::Node& n, std::set<std::string>& ids, Issue& issue) {
    if (!in_.expect_map(n, "a named point")) return;
    in_.check_keys(n, {"id", "label", "position"}, {"id", "label", "position"});
    NamedPoint p;
    p.id = in_.string(n, "id").value_or("");
    if (YamlReader::get(n, "id").IsScalar()) {
      if (!valid_id(p.id)) bad_id(YamlReader::get(n, "id"), p.id);
      else if (!ids.insert(p.id).second)
        in_.fail(YamlReader::get(n, "id"), fmt::format("expected each point id once on issue '{}', found '{}' again", issue.id, p.id));
    }
    p.label = in_.string(n, "label").value_or("");
    p.position = in_.number(n, "position", scale_min, scale_max).value_or(0);
    issue.points.push_back(std::move(p));
  }

  void option(const YAML::Node& n, std::set<std::string>& ids, Issue& issue) {
    if (!in_.expect_map(n, "an option")) return;
    in_.check_keys(n, {"id", "label"}, {"id", "label"});
    Option o;
    o.id = in_.string(n, "id").value_or("");
    if (YamlReader::get(n, "id").IsScalar()) {
      if (!valid_id(o.id)) bad_id(YamlReader::get(n, "id"), o.id);
      else if (!ids.insert(o.id).second)
        in_.fail(YamlReader::get(n, "id"), fmt::format("expected each option id once on issue '{}', found '{}' again", issue.id, o.id));
    }
    o.label = in_.string(n, "label").value_or("");
    issue.options.push_back(std::move(o));
  }

  std::optional<std::size_t> reference(const YAML::Node& n, std::string_view key,
                                       const std::map<std::string, std::size_t>& index, std::string_view kind) {
    const auto id = in_.string(n, key);
    if (!id) return std::nullopt;
    const auto it = index.find(*id);
    if (it != index.end()) return it->second;
    in_.fail(YamlReader::get(n, key), fmt::format("expected the id of {} declared in this file, found '{}'", kind, *id));
    return std::nullopt;
  }

  std::optional<double> scale_position(const YAML::Node& n, const Issue& issue, std::string_view what) {
    return read_scale_position(in_, n, issue, what);
  }

  std::optional<std::size_t> option_of(const YAML::Node& n, const Issue& issue, std::string_view what) {
    return read_option(in_, n, issue, what);
  }

  void stance(const YAML::Node& n) {
    if (!in_.expect_map(n, "a stance")) return;
    in_.check_keys(n, {"actor", "issue", "position", "salience", "red_line", "utilities", "evidence", "note", "capability",
                       "revisions"},
                   {"actor", "issue", "position", "salience"});
    Stance s;
    const auto actor = reference(n, "actor", actor_index_, "an actor");
    const auto issue_index = reference(n, "issue", issue_index_, "an issue");
    s.salience = in_.number(n, "salience", 0, 1).value_or(0);
    if (YamlReader::get(n, "capability").IsDefined()) s.capability = in_.number(n, "capability", 0, max_capability);
    s.note = in_.string(n, "note").value_or("");
    each(YamlReader::get(n, "evidence"), "the evidence", [&](const YAML::Node& e) { evidence(e, s); });
    if (!actor || !issue_index) return;
    s.actor = *actor;
    s.issue = *issue_index;
    if (!stance_pairs_.emplace(s.actor, s.issue).second)
      in_.fail(n, fmt::format("expected one stance per actor and issue, found a second for actor '{}' on issue '{}'",
                              scenario_.actors[s.actor].id, scenario_.issues[s.issue].id));
    const Issue& issue = scenario_.issues[s.issue];
    if (issue.kind == IssueKind::scale)
      scale_stance(n, issue, s);
    else
      options_stance(n, issue, s);
    stance_revisions(YamlReader::get(n, "revisions"), issue, s);
    scenario_.stances.push_back(std::move(s));
  }

  void scale_stance(const YAML::Node& n, const Issue& issue, Stance& s) {
    if (YamlReader::get(n, "utilities").IsDefined()) in_.fail(YamlReader::get(n, "utilities"), "expected 'utilities' only on an issue of kind options");
    std::optional<double> position;
    if (YamlReader::get(n, "position").IsDefined()) position = scale_position(YamlReader::get(n, "position"), issue, "'position'");
    s.position = position.value_or(0);
    const YAML::Node red = YamlReader::get(n, "red_line");
    if (!red.IsDefined() || !in_.expect_map(red, "a red line on a scale (min and/or max)")) return;
    in_.check_keys(red, {"min", "max"}, {});
    if (red.size() == 0) in_.fail(red, "expected a red line with 'min' and/or 'max', found neither");
    AcceptableRange range;
    if (YamlReader::get(red, "min").IsDefined()) range.min = scale_position(YamlReader::get(red, "min"), issue, "the red line's 'min'").value_or(scale_min);
    if (YamlReader::get(red, "max").IsDefined()) range.max = scale_position(YamlReader::get(red, "max"), issue, "the red line's 'max'").value_or(scale_max);
    if (range.min > range.max)
      in_.fail(red, fmt::format("expected the red line's min ({}) at most its max ({})", range.min, range.max));
    else if (position && (*position < range.min || *position > range.max))
      in_.fail(YamlReader::get(n, "position"), fmt::format("expected the position inside the actor's own red line [{}, {}], found {}",
                                          range.min, range.max, s.position));
    s.acceptable_range = range;
  }

  void options_stance(const YAML::Node& n, const Issue& issue, Stance& s) {
    if (issue.options.empty()) return;  // the issue's own options were invalid: reported there
    std::optional<std::size_t> option;
    if (YamlReader::get(n, "position").IsDefined()) option = option_of(YamlReader::get(n, "position"), issue, "'position'");
    s.option = option.value_or(0);
    s.option_utilities.assign(issue.options.size(), 0.0);
    s.option_utilities[s.option] = 1.0;
    const YAML::Node utilities = YamlReader::get(n, "utilities");
    if (utilities.IsDefined() && in_.expect_map(utilities, "the utility of each option (option: 0..1)")) {
      s.option_utilities.assign(issue.options.size(), 0.0);
      std::set<std::string> seen;
      for (const auto& entry : utilities) {
        const auto k = option_of(entry.first, issue, "an option");
        if (!k) continue;
        if (!seen.insert(issue.options[*k].id).second)
          in_.fail(entry.first, fmt::format("expected each option once, found '{}' again", issue.options[*k].id));
        s.option_utilities[*k] = in_.as_number(entry.second, "a utility", 0, 1).value_or(0);
      }
      // The position is the option the actor prefers: it must have the highest utility.
      const double best = *std::max_element(s.option_utilities.begin(), s.option_utilities.end());
      if (option && s.option_utilities[*option] < best)
        in_.fail(YamlReader::get(n, "position"),
                 fmt::format("expected the position to be an option with the actor's highest utility ({}), found "
                             "'{}' with {}",
                             best, issue.options[*option].id, s.option_utilities[*option]));
    }
    const YAML::Node red = YamlReader::get(n, "red_line");
    if (!red.IsDefined() || !in_.expect_sequence(red, "a red line on an options issue (the acceptable options)")) return;
    for (const auto& o : red)
      if (const auto k = option_of(o, issue, "an acceptable option")) s.acceptable_options.push_back(*k);
    std::sort(s.acceptable_options.begin(), s.acceptable_options.end());
    s.acceptable_options.erase(std::unique(s.acceptable_options.begin(), s.acceptable_options.end()),
                               s.acceptable_options.end());
    if (red.size() == 0) in_.fail(red, "expected at least one acceptable option, found an empty list");
    else if (option && !std::binary_search(s.acceptable_options.begin(), s.acceptable_options.end(), *option))
      in_.fail(YamlReader::get(n, "position"), fmt::format("expected the position inside the actor's own red line, found '{}'",
                                          issue.options[s.option].id));
  }

  // A named pressure: its changes (parameter names are checked by the policies analysis,
  // which knows the parameter registry), its evidence and note.
  void policy(const YAML::Node& n) {
    if (!in_.expect_map(n, "a policy")) return;
    in_.check_keys(n, {"id", "name", "description", "set", "evidence", "note"}, {"id", "name", "set"});
    Policy p;
    unique_id(n, policy_index_, scenario_.policies.size(), "policy", p.id);
    p.name = in_.string(n, "name").value_or("");
    p.description = in_.string(n, "description").value_or("");
    p.note = in_.string(n, "note").value_or("");
    std::set<std::string> seen;
    each(YamlReader::get(n, "set"), "the policy's changes (a list of parameter and value)", [&](const YAML::Node& c) {
      if (!in_.expect_map(c, "a change (parameter and value)")) return;
      in_.check_keys(c, {"parameter", "value"}, {"parameter", "value"});
      PolicyChange change;
      change.parameter = in_.string(c, "parameter").value_or("");
      if (const auto v = in_.number(c, "value", -1e12, 1e12)) change.value = *v;
      if (!change.parameter.empty() && !seen.insert(change.parameter).second)
        in_.fail(YamlReader::get(c, "parameter"), fmt::format("expected each parameter once in a policy, found '{}' again", change.parameter));
      p.set.push_back(std::move(change));
    });
    if (YamlReader::get(n, "set").IsSequence() && YamlReader::get(n, "set").size() == 0)
      in_.fail(YamlReader::get(n, "set"), "expected at least one change, found an empty list");
    each(YamlReader::get(n, "evidence"), "the policy's evidence", [&](const YAML::Node& e) { evidence_into(e, p.evidence); });
    scenario_.policies.push_back(std::move(p));
  }

  // --- The negotiation section (docs/negotiate.md) ---------------------------------------
  // Agent spellings and whether an actor is a party are checked by the analysis, which knows
  // the agents and the veto actors; here: the form, and that every id names something declared.

  void negotiation(const YAML::Node& n) {
    if (!in_.expect_map(n, "the negotiation section")) return;
    static const std::vector<std::string_view> settings{"protocol", "deadline", "mediator", "agents", "reservation",
                                                        "relax", "outside_options", "policy", "war_month", "discount"};
    std::vector<std::string_view> keys = settings;
    for (auto k : {"variants", "evidence", "note"}) keys.push_back(k);
    in_.check_keys(n, keys, {});
    NegotiationSection section;
    section.defaults = negotiation_settings(n);
    section.note = in_.string(n, "note").value_or("");
    each(YamlReader::get(n, "evidence"), "the negotiation's evidence",
         [&](const YAML::Node& e) { evidence_into(e, section.evidence); });
    std::map<std::string, std::size_t> ids;
    each(YamlReader::get(n, "variants"), "the list of negotiation variants", [&](const YAML::Node& v) {
      if (!in_.expect_map(v, "a negotiation variant")) return;
      std::vector<std::string_view> vkeys = settings;
      for (auto k : {"id", "name", "description", "evidence", "note"}) vkeys.push_back(k);
      in_.check_keys(v, vkeys, {"id", "name"});
      NegotiationVariant variant;
      unique_id(v, ids, section.variants.size(), "negotiation variant", variant.id);
      variant.name = in_.string(v, "name").value_or("");
      variant.description = in_.string(v, "description").value_or("");
      variant.note = in_.string(v, "note").value_or("");
      variant.set = negotiation_settings(v);
      each(YamlReader::get(v, "evidence"), "the variant's evidence",
           [&](const YAML::Node& e) { evidence_into(e, variant.evidence); });
      section.variants.push_back(std::move(variant));
    });
    scenario_.negotiation = std::move(section);
  }

  NegotiationSettings negotiation_settings(const YAML::Node& n) {
    NegotiationSettings s;
    if (YamlReader::get(n, "protocol").IsDefined()) {
      s.protocol = in_.string(n, "protocol");
      if (s.protocol && *s.protocol != "sao" && *s.protocol != "single-text")
        in_.fail(YamlReader::get(n, "protocol"), fmt::format("expected 'protocol' sao or single-text, found '{}'", *s.protocol));
    }
    for (auto [key, field, max] : {std::tuple{"deadline", &s.deadline, 1000000.0}, std::tuple{"war_month", &s.war_month, 600.0}})
      if (YamlReader::get(n, key).IsDefined())
        if (const auto d = in_.number(n, key, std::string_view(key) == "deadline" ? 1 : 0, max)) {
          if (*d != std::floor(*d))
            in_.fail(YamlReader::get(n, key), fmt::format("expected '{}' to be a whole number, found {}", key, *d));
          *field = static_cast<std::uint32_t>(*d);
        }
    if (YamlReader::get(n, "mediator").IsDefined()) {
      s.mediator = in_.string(n, "mediator");
      if (s.mediator && !s.mediator->empty() && s.mediator != "neutral" && !actor_index_.count(*s.mediator))
        in_.fail(YamlReader::get(n, "mediator"),
                 fmt::format("expected 'mediator' to be neutral or the id of an actor declared in this file, found '{}'",
                             *s.mediator));
      if (s.mediator == "neutral") s.mediator = "";
    }
    const YAML::Node agents = YamlReader::get(n, "agents");
    if (agents.IsDefined() && in_.expect_map(agents, "an agent per actor (actor: agent)"))
      for (const auto& entry : agents) {
        const auto actor = in_.as_string(entry.first, "an actor id");
        const auto agent = in_.as_string(entry.second, "an agent (boulware, conceder, staller:ROUND, ...)");
        if (!actor || !agent) continue;
        if (!actor_index_.count(*actor))
          in_.fail(entry.first, fmt::format("expected the id of an actor declared in this file, found '{}'", *actor));
        else if (!s.agents.emplace(*actor, *agent).second)
          in_.fail(entry.first, fmt::format("expected each actor once among the agents, found '{}' again", *actor));
      }
    for (auto [key, field, what, low] :
         {std::tuple{"reservation", &s.reservation, "a reservation value", -1e6},
          std::tuple{"discount", &s.discount, "a discount factor (0 < d <= 1)", 1e-9}}) {
      const YAML::Node map = YamlReader::get(n, key);
      if (!map.IsDefined() || !in_.expect_map(map, fmt::format("{} per actor (actor: number)", what))) continue;
      for (const auto& entry : map) {
        const auto actor = in_.as_string(entry.first, "an actor id");
        const auto value = in_.as_number(entry.second, what, low, std::string_view(key) == "discount" ? 1.0 : 1e6);
        if (!actor || !value) continue;
        if (!actor_index_.count(*actor))
          in_.fail(entry.first, fmt::format("expected the id of an actor declared in this file, found '{}'", *actor));
        else if (!field->emplace(*actor, *value).second)
          in_.fail(entry.first, fmt::format("expected each actor once under '{}', found '{}' again", key, *actor));
      }
    }
    if (YamlReader::get(n, "relax").IsDefined()) {
      s.relax.emplace();
      each(YamlReader::get(n, "relax"), "the red lines to relax (ACTOR.ISSUE)", [&](const YAML::Node& r) {
        const auto id = in_.as_string(r, "a red line (ACTOR.ISSUE)");
        if (!id) return;
        const auto dot = id->find('.');
        if (dot == std::string::npos || !actor_index_.count(id->substr(0, dot)) || !issue_index_.count(id->substr(dot + 1)))
          in_.fail(r, fmt::format("expected a red line as ACTOR.ISSUE of an actor and an issue declared in this file, "
                                  "found '{}'",
                                  *id));
        s.relax->push_back(*id);
      });
    }
    if (YamlReader::get(n, "outside_options").IsDefined()) {
      s.outside_options = in_.string(n, "outside_options");
      if (s.outside_options && *s.outside_options != "scenario" && *s.outside_options != "war")
        in_.fail(YamlReader::get(n, "outside_options"),
                 fmt::format("expected 'outside_options' scenario or war, found '{}'", *s.outside_options));
    }
    if (YamlReader::get(n, "policy").IsDefined()) {
      s.policy = in_.string(n, "policy");
      if (s.policy && !policy_index_.count(*s.policy))
        in_.fail(YamlReader::get(n, "policy"),
                 fmt::format("expected the id of a policy declared in this file, found '{}'", *s.policy));
    }
    return s;
  }

  void evidence(const YAML::Node& n, Stance& s) { evidence_into(n, s.evidence); }

  void evidence_into(const YAML::Node& n, std::vector<Evidence>& list) {
    if (!in_.expect_map(n, "a piece of evidence (source and quote)")) return;
    in_.check_keys(n, {"source", "quote"}, {"source", "quote"});
    Evidence e;
    if (const auto index = reference(n, "source", source_index_, "a source")) e.source = scenario_.sources[*index].id;
    e.quote = in_.string(n, "quote").value_or("");
    list.push_back(std::move(e));
  }

  // --- Dated revisions (docs/timeline.md) -------------------------------------------------

  // The parts every revision has (revision_yaml.hpp: shared with the dynamics' quantities).
  template <class Patch>
  void revision_common(const YAML::Node& n, Revision<Patch>& r) {
    read_revision_common(in_, n, scenario_.start, r, [&](const YAML::Node& list, std::vector<Evidence>& out) {
      each(list, "the evidence", [&](const YAML::Node& e) { evidence_into(e, out); });
    });
  }

  void actor_revisions(const YAML::Node& list, Actor& a) {
    each(list, "the revisions", [&](const YAML::Node& n) {
      if (!in_.expect_map(n, "a revision (as_of, the values it sets, evidence)")) return;
      in_.check_keys(n, {"as_of", "event", "capability", "risk_attitude", "veto", "evidence", "note"}, {"as_of"});
      ActorRevision r;
      revision_common(n, r);
      if (YamlReader::get(n, "capability").IsDefined()) {
        r.set.capability = in_.number(n, "capability", 0, max_capability);
        if (r.set.capability && *r.set.capability <= 0)
          in_.fail(YamlReader::get(n, "capability"), "expected 'capability' greater than 0, found 0");
      }
      if (YamlReader::get(n, "risk_attitude").IsDefined()) r.set.risk_attitude = in_.number(n, "risk_attitude", -1, 1);
      if (YamlReader::get(n, "veto").IsDefined()) r.set.veto = in_.boolean(n, "veto");
      if (r.set == ActorPatch{}) in_.fail(n, "expected a revision to set capability, risk_attitude or veto, found none");
      a.revisions.push_back(std::move(r));
    });
    if (a.revisions.empty()) return;
    sort_revisions_by_date(a.revisions);
    for (const auto& r : a.revisions) {
      if (r.set.capability) a.base.capability = a.capability;
      if (r.set.risk_attitude && a.risk_attitude) a.base.risk_attitude = a.risk_attitude;
      if (r.set.veto) a.base.veto = a.veto;
    }
    for (const auto& r : a.revisions) apply_patch(a, r.set);
  }

  void stance_revisions(const YAML::Node& list, const Issue& issue, Stance& s) {
    std::vector<YAML::Node> nodes;
    each(list, "the revisions", [&](const YAML::Node& n) {
      if (!in_.expect_map(n, "a revision (as_of, the values it sets, evidence)")) return;
      in_.check_keys(n, {"as_of", "event", "position", "salience", "red_line", "utilities", "evidence", "note"},
                     {"as_of"});
      StanceRevision r;
      revision_common(n, r);
      if (YamlReader::get(n, "salience").IsDefined()) r.set.salience = in_.number(n, "salience", 0, 1);
      if (issue.kind == IssueKind::scale) scale_patch(n, issue, r.set);
      else if (!issue.options.empty()) options_patch(n, issue, r.set);
      if (r.set == StancePatch{}) in_.fail(n, "expected a revision to set a position, salience, red line or utilities, found none");
      s.revisions.push_back(std::move(r));
      nodes.push_back(n);
    });
    if (s.revisions.empty() || nodes.size() != s.revisions.size()) return;
    // Keep each revision's node beside it through the sort, to say where a state goes wrong.
    const std::vector<std::size_t> order = revision_date_order(s.revisions);
    std::vector<StanceRevision> sorted;
    for (auto i : order) sorted.push_back(s.revisions[i]);
    // A red line a revision introduces holds the whole scale before it, so the file's form
    // (canonical JSON) says the same as the file.
    for (const auto& r : sorted)
      if (r.set.acceptable_range && !s.acceptable_range) s.acceptable_range = AcceptableRange{};
    for (const auto& r : sorted) {
      if (r.set.position) s.base.position = s.position;
      if (r.set.option) s.base.option = s.option;
      if (r.set.salience) s.base.salience = s.salience;
      if (r.set.acceptable_range) s.base.acceptable_range = s.acceptable_range.value_or(AcceptableRange{});
      if (r.set.acceptable_options) s.base.acceptable_options = s.acceptable_options;
      if (r.set.option_utilities) s.base.option_utilities = s.option_utilities;
    }
    // Every state the revisions pass through must be a stance the file could state directly.
    for (std::size_t k = 0; k < sorted.size(); ++k) {
      apply_patch(s, sorted[k].set);
      const YAML::Node& at = nodes[order[k]];
      if (issue.kind == IssueKind::scale) {
        if (s.acceptable_range && (s.position < s.acceptable_range->min || s.position > s.acceptable_range->max))
          in_.fail(at, fmt::format("expected the position inside the actor's own red line [{}, {}] from {}, found {}",
                                   s.acceptable_range->min, s.acceptable_range->max, sorted[k].as_of, s.position));
      } else if (!issue.options.empty()) {
        const double best = *std::max_element(s.option_utilities.begin(), s.option_utilities.end());
        if (s.option_utilities.at(s.option) < best)
          in_.fail(at, fmt::format("expected the position to be an option with the actor's highest utility ({}) "
                                   "from {}, found '{}' with {}",
                                   best, sorted[k].as_of, issue.options[s.option].id, s.option_utilities[s.option]));
        if (!s.acceptable_options.empty() &&
            !std::binary_search(s.acceptable_options.begin(), s.acceptable_options.end(), s.option))
          in_.fail(at, fmt::format("expected the position inside the actor's own red line from {}, found '{}'",
                                   sorted[k].as_of, issue.options[s.option].id));
      }
    }
    s.revisions = std::move(sorted);
  }

  void scale_patch(const YAML::Node& n, const Issue& issue, StancePatch& p) {
    if (YamlReader::get(n, "utilities").IsDefined())
      in_.fail(YamlReader::get(n, "utilities"), "expected 'utilities' only on an issue of kind options");
    if (YamlReader::get(n, "position").IsDefined()) p.position = scale_position(YamlReader::get(n, "position"), issue, "'position'");
    const YAML::Node red = YamlReader::get(n, "red_line");
    if (!red.IsDefined() || !in_.expect_map(red, "a red line on a scale (min and/or max)")) return;
    in_.check_keys(red, {"min", "max"}, {});
    if (red.size() == 0) in_.fail(red, "expected a red line with 'min' and/or 'max', found neither");
    AcceptableRange range;
    if (YamlReader::get(red, "min").IsDefined()) range.min = scale_position(YamlReader::get(red, "min"), issue, "the red line's 'min'").value_or(scale_min);
    if (YamlReader::get(red, "max").IsDefined()) range.max = scale_position(YamlReader::get(red, "max"), issue, "the red line's 'max'").value_or(scale_max);
    if (range.min > range.max)
      in_.fail(red, fmt::format("expected the red line's min ({}) at most its max ({})", range.min, range.max));
    p.acceptable_range = range;
  }

  void options_patch(const YAML::Node& n, const Issue& issue, StancePatch& p) {
    if (YamlReader::get(n, "position").IsDefined()) p.option = option_of(YamlReader::get(n, "position"), issue, "'position'");
    const YAML::Node utilities = YamlReader::get(n, "utilities");
    if (utilities.IsDefined() && in_.expect_map(utilities, "the utility of each option (option: 0..1)")) {
      std::vector<double> u(issue.options.size(), 0.0);
      for (const auto& entry : utilities)
        if (const auto k = option_of(entry.first, issue, "an option")) u[*k] = in_.as_number(entry.second, "a utility", 0, 1).value_or(0);
      p.option_utilities = u;
    }
    const YAML::Node red = YamlReader::get(n, "red_line");
    if (!red.IsDefined() || !in_.expect_sequence(red, "a red line on an options issue (the acceptable options)")) return;
    std::vector<std::size_t> acceptable;
    for (const auto& o : red)
      if (const auto k = option_of(o, issue, "an acceptable option")) acceptable.push_back(*k);
    std::sort(acceptable.begin(), acceptable.end());
    acceptable.erase(std::unique(acceptable.begin(), acceptable.end()), acceptable.end());
    if (red.size() == 0) in_.fail(red, "expected at least one acceptable option, found an empty list");
    p.acceptable_options = acceptable;
  }
};

}  // namespace

Scenario parse_scenario_yaml(std::string_view text, const std::string& file_name) {
  check_input_text(text, file_name);
  const YAML::Node root = parse_yaml_document(text, file_name);
  return ScenarioParser(file_name).parse(root);
}

}  // namespace truce
