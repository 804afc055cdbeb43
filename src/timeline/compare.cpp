// `compare`: two scenarios side by side, and a one-at-a-time attribution of the difference.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "truce/timeline/timeline.hpp"

namespace truce::timeline {

using nlohmann::json;

namespace {

struct Input {
  InputDifference difference;
  std::function<void(Scenario&)> switch_to_b;  // sets this input alone to B's value
};

std::string num(double x) { return fmt::format("{:g}", x); }

std::string range_text(const std::optional<AcceptableRange>& r) {
  return r ? fmt::format("[{:g}, {:g}]", r->min, r->max) : "none";
}

std::string options_text(const Issue& issue, const std::vector<std::size_t>& ks) {
  if (ks.empty()) return "any";
  std::string t = "[";
  for (std::size_t i = 0; i < ks.size(); ++i) t += (i ? ", " : "") + issue.options.at(ks[i]).id;
  return t + "]";
}

std::string utilities_text(const std::vector<double>& u) {
  std::string t = "{";
  for (std::size_t i = 0; i < u.size(); ++i) t += (i ? ", " : "") + num(u[i]);
  return t + "}";
}

void same_structure(const Scenario& a, const Scenario& b) {
  const auto refuse = [](const std::string& what) {
    throw std::invalid_argument("compare needs two scenarios with the same actors, issues and stances; " + what);
  };
  if (a.actors.size() != b.actors.size()) refuse(fmt::format("A has {} actors, B {}", a.actors.size(), b.actors.size()));
  for (std::size_t i = 0; i < a.actors.size(); ++i)
    if (a.actors[i].id != b.actors[i].id) refuse(fmt::format("actor {} is '{}' in A, '{}' in B", i + 1, a.actors[i].id, b.actors[i].id));
  if (a.issues.size() != b.issues.size()) refuse(fmt::format("A has {} issues, B {}", a.issues.size(), b.issues.size()));
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    const Issue &x = a.issues[i], &y = b.issues[i];
    if (x.id != y.id || x.kind != y.kind || x.options.size() != y.options.size())
      refuse(fmt::format("issue {} is '{}' in A, '{}' in B (or differs in kind or options)", i + 1, x.id, y.id));
  }
  if (a.stances.size() != b.stances.size()) refuse(fmt::format("A has {} stances, B {}", a.stances.size(), b.stances.size()));
  for (std::size_t i = 0; i < a.stances.size(); ++i)
    if (a.stances[i].actor != b.stances[i].actor || a.stances[i].issue != b.stances[i].issue)
      refuse(fmt::format("A has a stance of {} on {} where B has one of {} on {}", a.actors[a.stances[i].actor].id,
                         a.issues[a.stances[i].issue].id, b.actors[b.stances[i].actor].id, b.issues[b.stances[i].issue].id));
}

// Every input that differs, each with how to switch it alone to B's value.
std::vector<Input> differing_inputs(const Scenario& a, const Scenario& b) {
  std::vector<Input> out;
  const auto add = [&](std::string name, std::string x, std::string y, std::function<void(Scenario&)> f) {
    out.push_back({{std::move(name), std::move(x), std::move(y)}, std::move(f)});
  };
  for (std::size_t i = 0; i < a.actors.size(); ++i) {
    const Actor &x = a.actors[i], &y = b.actors[i];
    if (x.capability != y.capability)
      add(x.id + ".capability", num(x.capability), num(y.capability), [i, v = y.capability](Scenario& s) { s.actors[i].capability = v; });
    if (x.risk_attitude != y.risk_attitude)
      add(x.id + ".risk_attitude", x.risk_attitude ? num(*x.risk_attitude) : "inferred",
          y.risk_attitude ? num(*y.risk_attitude) : "inferred", [i, v = y.risk_attitude](Scenario& s) { s.actors[i].risk_attitude = v; });
    if (x.veto != y.veto)
      add(x.id + ".veto", x.veto ? "yes" : "no", y.veto ? "yes" : "no", [i, v = y.veto](Scenario& s) { s.actors[i].veto = v; });
  }
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    const Issue &x = a.issues[i], &y = b.issues[i];
    if (x.status_quo != y.status_quo)
      add(x.id + ".status_quo", x.status_quo ? num(*x.status_quo) : "none", y.status_quo ? num(*y.status_quo) : "none",
          [i, v = y.status_quo](Scenario& s) { s.issues[i].status_quo = v; });
  }
  for (std::size_t k = 0; k < a.stances.size(); ++k) {
    const Stance &x = a.stances[k], &y = b.stances[k];
    const Issue& issue = a.issues[x.issue];
    const std::string at = a.actors[x.actor].id + "." + issue.id + ".";
    if (issue.kind == IssueKind::scale) {
      if (x.position != y.position)
        add(at + "position", num(x.position), num(y.position), [k, v = y.position](Scenario& s) { s.stances[k].position = v; });
      if (x.acceptable_range != y.acceptable_range)
        add(at + "red_line", range_text(x.acceptable_range), range_text(y.acceptable_range),
            [k, v = y.acceptable_range](Scenario& s) { s.stances[k].acceptable_range = v; });
    } else {
      if (x.option != y.option)
        add(at + "position", issue.options[x.option].id, issue.options[y.option].id,
            [k, v = y.option](Scenario& s) { s.stances[k].option = v; });
      if (x.acceptable_options != y.acceptable_options)
        add(at + "red_line", options_text(issue, x.acceptable_options), options_text(issue, y.acceptable_options),
            [k, v = y.acceptable_options](Scenario& s) { s.stances[k].acceptable_options = v; });
      if (x.option_utilities != y.option_utilities)
        add(at + "utilities", utilities_text(x.option_utilities), utilities_text(y.option_utilities),
            [k, v = y.option_utilities](Scenario& s) { s.stances[k].option_utilities = v; });
    }
    if (x.salience != y.salience)
      add(at + "salience", num(x.salience), num(y.salience), [k, v = y.salience](Scenario& s) { s.stances[k].salience = v; });
    if (x.capability != y.capability)
      add(at + "capability", x.capability ? num(*x.capability) : "actor's", y.capability ? num(*y.capability) : "actor's",
          [k, v = y.capability](Scenario& s) { s.stances[k].capability = v; });
  }
  // The war model's numbers are many and move together in a model; they count as one input.
  if (a.dynamics != b.dynamics)
    add("dynamics", a.dynamics ? "A's section" : "none", b.dynamics ? "B's section" : "none",
        [v = b.dynamics](Scenario& s) { s.dynamics = v; });
  return out;
}

json value_of(const Headline& h, const std::string& name) {
  for (const auto& f : h)
    if (f.name == name)
      return std::visit(
          [](const auto& v) -> json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, double>)
              if (std::isnan(v)) return nullptr;
            return v;
          },
          f.value);
  return nullptr;
}

std::string value_text(const json& v) {
  if (v.is_null()) return "-";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_number()) {
    const double x = v.get<double>();
    return x == std::round(x) && std::abs(x) < 1e15 ? fmt::format("{:.0f}", x) : fmt::format("{:.4g}", x);
  }
  return v.get<std::string>();
}

}  // namespace

CompareResult compare_scenarios(const Scenario& a_in, const Scenario& b_in, const TimelineOptions& options,
                                const std::string& rank_by, const history::TerminationData* history) {
  const Scenario a = without_revisions(a_in), b = without_revisions(b_in);
  same_structure(a, b);
  CompareResult r;
  r.a_label = a.as_of.empty() ? a.name : a.name + " as of " + a.as_of;
  r.b_label = b.as_of.empty() ? b.name : b.name + " as of " + b.as_of;
  const auto inputs = differing_inputs(a, b);
  for (const auto& i : inputs) r.inputs.push_back(i.difference);
  const Headline ha = answers_of(a, options, history).headline;
  const Headline hb = inputs.empty() ? ha : answers_of(b, options, history).headline;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> names;  // name -> label, unit
  for (const auto* h : {&ha, &hb})
    for (const auto& f : *h)
      if (std::none_of(names.begin(), names.end(), [&](const auto& n) { return n.first == f.name; }))
        names.push_back({f.name, {f.label, f.unit}});
  for (const auto& [name, lu] : names) {
    FigureComparison fc{name, lu.first, lu.second, value_of(ha, name), value_of(hb, name), false};
    fc.differs = fc.a != fc.b;
    r.figures.push_back(std::move(fc));
  }
  // The ranking figure: asked for, else P(ceasefire by the horizon) where it differs, else the
  // first number that differs.
  const auto numeric_differs = [&](const std::string& name) {
    for (const auto& f : r.figures)
      if (f.name == name) return f.differs && f.a.is_number() && f.b.is_number();
    return false;
  };
  if (!rank_by.empty()) {
    if (std::none_of(r.figures.begin(), r.figures.end(), [&](const auto& f) { return f.name == rank_by; }))
      throw std::invalid_argument("compare: no figure named '" + rank_by + "' to rank by");
    r.ranked_by = rank_by;
  } else if (const auto p = fmt::format("simulate.p_ceasefire_by_{}", options.months); numeric_differs(p)) {
    r.ranked_by = p;
  } else {
    for (const auto& f : r.figures)
      if (numeric_differs(f.name)) {
        r.ranked_by = f.name;
        break;
      }
  }
  if (inputs.empty()) {
    r.notes.push_back("No input differs: the two scenarios give the same answers.");
    return r;
  }
  for (const auto& input : inputs) {
    Scenario s = a;
    input.switch_to_b(s);
    const Headline hs = answers_of(s, options, history).headline;
    Attribution at{input.difference.input, {}, 0};
    for (const auto& f : r.figures) {
      if (!f.differs || !f.a.is_number()) continue;
      const json v = value_of(hs, f.name);
      const double move = v.is_number() ? v.get<double>() - f.a.get<double>() : std::nan("");
      at.moves.push_back({f.name, move});
      if (f.name == r.ranked_by) at.ranked_move = move;
    }
    r.attribution.push_back(std::move(at));
  }
  std::stable_sort(r.attribution.begin(), r.attribution.end(), [](const Attribution& x, const Attribution& y) {
    const double ax = std::isnan(x.ranked_move) ? -1 : std::abs(x.ranked_move);
    const double ay = std::isnan(y.ranked_move) ? -1 : std::abs(y.ranked_move);
    return ax > ay;
  });
  r.notes.push_back("Attribution is one at a time: each input alone switched from A's value to B's, the others kept at "
                    "A's. Inputs interact, so the moves need not add up to the difference.");
  return r;
}

json to_json(const CompareResult& r) {
  json inputs = json::array();
  for (const auto& i : r.inputs) inputs.push_back({{"input", i.input}, {"a", i.a}, {"b", i.b}});
  json figures = json::array();
  for (const auto& f : r.figures)
    figures.push_back({{"name", f.name}, {"label", f.label}, {"unit", f.unit}, {"a", f.a}, {"b", f.b}, {"differs", f.differs}});
  json attribution = json::array();
  for (const auto& a : r.attribution) {
    json moves = json::object();
    for (const auto& [name, m] : a.moves) moves[name] = std::isnan(m) ? json(nullptr) : json(m);
    attribution.push_back({{"input", a.input}, {"moves", moves},
                           {"ranked_move", std::isnan(a.ranked_move) ? json(nullptr) : json(a.ranked_move)}});
  }
  return {{"analysis", "compare"}, {"a", r.a_label},         {"b", r.b_label},
          {"inputs", inputs},      {"figures", figures},     {"ranked_by", r.ranked_by},
          {"attribution", attribution}, {"notes", r.notes}};
}

std::string compare_text(const CompareResult& r) {
  std::string out = fmt::format("A: {}\nB: {}\n", r.a_label, r.b_label);
  if (r.inputs.empty()) {
    out += "\nNo input differs.\n";
  } else {
    out += fmt::format("\nInputs that differ ({}):\n", r.inputs.size());
    for (const auto& i : r.inputs) out += fmt::format("  {}: {} -> {}\n", i.input, i.a, i.b);
  }
  std::size_t differing = 0;
  for (const auto& f : r.figures) differing += f.differs;
  out += fmt::format("\nAnswers ({} of {} differ):\n", differing, r.figures.size());
  std::size_t width = 0;
  for (const auto& f : r.figures) width = std::max(width, f.name.size());
  for (const auto& f : r.figures)
    out += fmt::format("  {} {:<{}}  {:>14}  {:>14}\n", f.differs ? "*" : " ", f.name, width, value_text(f.a), value_text(f.b));
  if (!r.attribution.empty()) {
    out += fmt::format("\nWhat each input alone does (A with that input of B), ranked by {}:\n",
                       r.ranked_by.empty() ? "(no numeric figure differs)" : r.ranked_by);
    for (const auto& a : r.attribution) {
      out += fmt::format("  {}: {}", a.input, r.ranked_by.empty() ? "" : fmt::format("{:+.4g}", a.ranked_move));
      std::string others;
      for (const auto& [name, m] : a.moves)
        if (name != r.ranked_by && m != 0 && !std::isnan(m)) others += fmt::format("{}{} {:+.4g}", others.empty() ? "" : ", ", name, m);
      out += others.empty() ? "\n" : " (" + others + ")\n";
    }
  }
  for (const auto& n : r.notes) out += "note: " + n + "\n";
  return out;
}

}  // namespace truce::timeline
