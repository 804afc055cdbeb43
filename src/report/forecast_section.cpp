// Forecast: where each issue settles by model, and how actors' positions moved round by
// round for the iterative models (history[issue][round][actor] of ForecastResult).

#include <fmt/format.h>

#include <cmath>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

struct ModelForecast {
  std::string model;
  std::string mode;
  std::vector<std::optional<double>> position_by_issue;  // scenario issue order
  // [issue][round][actor]; empty for an issue the model has no rounds for.
  std::vector<std::vector<std::vector<std::optional<double>>>> history;
  std::vector<std::pair<std::string, std::string>> parameters;
  std::vector<std::string> notes;
};

std::optional<double> as_number(const nlohmann::json& v) {
  if (!v.is_number()) return std::nullopt;
  const double x = v.get<double>();
  return std::isfinite(x) ? std::optional<double>(x) : std::nullopt;
}

// Per-issue values may come as an array in issue order or an object keyed by issue id.
const nlohmann::json* per_issue(const Scenario& scenario, const nlohmann::json& value, std::size_t issue) {
  if (value.is_array()) return issue < value.size() ? &value[issue] : nullptr;
  if (value.is_object()) {
    const auto it = value.find(scenario.issues[issue].id);
    return it == value.end() ? nullptr : &*it;
  }
  return nullptr;
}

std::string scalar_text(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

ModelForecast read_model(const Scenario& scenario, const nlohmann::json& j, const std::string& fallback_name) {
  ModelForecast m;
  m.model = j.contains("model") && j["model"].is_string() ? j["model"].get<std::string>() : fallback_name;
  if (j.contains("mode") && j["mode"].is_string()) m.mode = j["mode"].get<std::string>();
  const auto* positions = first_key(j, {"position_by_issue", "positions", "forecast"});
  const auto* history = first_key(j, {"history"});
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    std::optional<double> pos;
    if (positions) {
      if (const auto* v = per_issue(scenario, *positions, i)) {
        pos = as_number(*v);
        if (!pos && v->is_object()) pos = number_at(*v, "position");
      }
    }
    m.position_by_issue.push_back(pos);
    std::vector<std::vector<std::optional<double>>> rounds;
    if (history) {
      if (const auto* h = per_issue(scenario, *history, i); h && h->is_array()) {
        for (const auto& round : *h) {
          std::vector<std::optional<double>> by_actor;
          if (round.is_array())
            for (const auto& x : round) by_actor.push_back(as_number(x));
          rounds.push_back(std::move(by_actor));
        }
      }
    }
    m.history.push_back(std::move(rounds));
  }
  if (const auto* p = first_key(j, {"parameters"})) {
    if (p->is_object())
      for (const auto& [k, v] : p->items()) m.parameters.emplace_back(k, scalar_text(v));
    else if (p->is_array())
      for (const auto& kv : *p) {
        if (kv.is_array() && kv.size() == 2) m.parameters.emplace_back(scalar_text(kv[0]), scalar_text(kv[1]));
        if (kv.is_object() && kv.contains("name") && kv.contains("value"))
          m.parameters.emplace_back(scalar_text(kv["name"]), scalar_text(kv["value"]));
      }
  }
  if (const auto* n = first_key(j, {"notes"}); n && n->is_array())
    for (const auto& x : *n) m.notes.push_back(scalar_text(x));
  return m;
}

bool looks_like_forecast(const nlohmann::json& j) {
  return j.is_object() && (j.contains("position_by_issue") || j.contains("history") || j.contains("positions"));
}

// The forecast analysis may return one ForecastResult, a list of them, an object with a
// list under "models"/"forecasts"/"results", or an object keyed by model name.
// truce forecast's JSON gives positions per issue: issues[{id, forecasts[{model, position}]}].
void fill_positions_from_issues(const Scenario& scenario, const nlohmann::json& result, std::vector<ModelForecast>& models) {
  const auto* issues = first_key(result, {"issues"});
  if (!issues || !issues->is_array()) return;
  for (const auto& issue : *issues) {
    if (!issue.is_object() || !issue.contains("id") || !issue["id"].is_string()) continue;
    const auto i = find_issue(scenario, issue["id"].get<std::string>());
    const auto* forecasts = first_key(issue, {"forecasts"});
    if (!i || !forecasts || !forecasts->is_array()) continue;
    for (const auto& f : *forecasts) {
      if (!f.is_object() || !f.contains("model")) continue;
      for (auto& m : models)
        if (f["model"] == m.model && !m.position_by_issue[*i]) m.position_by_issue[*i] = number_at(f, "position");
    }
  }
}

std::vector<ModelForecast> read_forecasts_unfilled(const Scenario& scenario, const nlohmann::json& result);

std::vector<ModelForecast> read_forecasts(const Scenario& scenario, const nlohmann::json& result) {
  auto models = read_forecasts_unfilled(scenario, result);
  fill_positions_from_issues(scenario, result, models);
  return models;
}

std::vector<ModelForecast> read_forecasts_unfilled(const Scenario& scenario, const nlohmann::json& result) {
  std::vector<ModelForecast> out;
  if (looks_like_forecast(result)) {
    out.push_back(read_model(scenario, result, "forecast"));
    return out;
  }
  const nlohmann::json* list = result.is_array() ? &result : first_key(result, {"models", "forecasts", "results"});
  if (list && list->is_array()) {
    for (const auto& m : *list) {
      if (m.is_object() && m.contains("available") && m["available"] == false) continue;  // not in this build
      if (looks_like_forecast(m)) out.push_back(read_model(scenario, m, "model " + std::to_string(out.size() + 1)));
    }
    return out;
  }
  if (list && list->is_object()) {
    for (const auto& [name, m] : list->items())
      if (looks_like_forecast(m)) out.push_back(read_model(scenario, m, name));
    return out;
  }
  if (result.is_object())
    for (const auto& [name, m] : result.items())
      if (looks_like_forecast(m)) out.push_back(read_model(scenario, m, name));
  return out;
}

// Positions by round, one panel per scale issue, one line per actor.
std::string trajectories_chart(const Scenario& scenario, const ModelForecast& m, ChartSet& charts) {
  const auto labels = actor_labels(scenario);
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json issue_order = nlohmann::json::array();
  constexpr double panel_width = 240;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& issue = scenario.issues[i];
    if (issue.kind != IssueKind::scale || m.history[i].size() < 1) continue;
    bool any = false;
    for (std::size_t r = 0; r < m.history[i].size(); ++r)
      for (std::size_t a = 0; a < m.history[i][r].size() && a < labels.size(); ++a)
        if (const auto x = m.history[i][r][a]) {
          rows.push_back({{"kind", "position"}, {"issue", issue.name}, {"round", r}, {"actor", labels[a]}, {"position", *x}});
          any = true;
        }
    if (!any) continue;
    issue_order.push_back(issue.name);
    // Named points: a faint rule each; a label only where it does not crowd the previous one.
    double last_labelled = -1e9;
    for (const auto& p : issue.points) {
      const bool label = p.position - last_labelled >= 9.0;
      if (label) last_labelled = p.position;
      rows.push_back({{"kind", "point"}, {"issue", issue.name}, {"position", p.position},
                      {"point", p.label}, {"label", label ? shorten(p.label, 22) : ""}});
    }
    if (m.position_by_issue[i])
      rows.push_back({{"kind", "forecast"}, {"issue", issue.name}, {"position", *m.position_by_issue[i]},
                      {"round", m.history[i].size() - 1}});
  }
  if (issue_order.empty()) return "";
  std::size_t most_rounds = 0;
  for (const auto& h : m.history) most_rounds = std::max(most_rounds, h.size());
  const nlohmann::json y = {{"field", "position"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 100}}}},
                            {"title", "position"}};
  auto filter = [](const char* kind) {
    return nlohmann::json::array({{{"filter", fmt::format("datum.kind === '{}'", kind)}}});
  };
  nlohmann::json spec = {
      {"config", chart_config()},
      {"data", {{"values", rows}}},
      {"facet", {{"field", "issue"}, {"type", "nominal"}, {"sort", issue_order}, {"title", nullptr}}},
      {"columns", 2},
      {"spacing", {{"column", 140}, {"row", 24}}},
      {"resolve", {{"scale", {{"x", "independent"}}}}},
      {"spec",
       {{"width", panel_width},
        {"height", 200},
        {"layer",
         nlohmann::json::array(
             {{{"transform", filter("point")},
               {"mark", {{"type", "rule"}, {"color", "#bbb"}, {"strokeDash", {3, 3}}}},
               {"encoding", {{"y", y}, {"tooltip", nlohmann::json::array({{{"field", "point"}, {"title", "Named point"}},
                                                                            {{"field", "position"}, {"title", "Position"}}})}}}},
              {{"transform", filter("point")},
               // Named points labelled right of the panel, where no line can run over them.
               {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "middle"}, {"fontSize", 10},
                         {"color", "#666"}, {"x", panel_width + 4}}},
               {"encoding", {{"y", y}, {"text", {{"field", "label"}}}}}},
              {{"transform", filter("position")},
               // Dots on every round only while they stay apart.
               {"mark", {{"type", "line"}, {"point", most_rounds <= 30 ? nlohmann::json{{"filled", true}, {"size", 30}} : nlohmann::json(false)},
                         {"strokeWidth", 2}}},
               {"encoding",
                {{"x", {{"field", "round"}, {"type", "quantitative"}, {"title", "round"}, {"axis", {{"tickMinStep", 1}, {"format", "d"}}}}},
                 {"y", y},
                 {"color", {{"field", "actor"}, {"type", "nominal"}, {"title", nullptr}, {"scale", actor_colour_scale(scenario)},
                            {"legend", {{"orient", "top"}, {"direction", "horizontal"}, {"symbolType", "stroke"},
                                        {"symbolStrokeWidth", 3}}}}},
                 {"tooltip", nlohmann::json::array({{{"field", "actor"}, {"title", "Actor"}},
                                                    {{"field", "round"}, {"title", "Round"}},
                                                    {{"field", "position"}, {"title", "Position"}, {"format", ".1f"}}})}}}},
              {{"transform", filter("forecast")},
               {"mark", {{"type", "point"}, {"shape", "diamond"}, {"size", 140}, {"filled", true}, {"color", "#222"}}},
               {"encoding",
                {{"x", {{"field", "round"}, {"type", "quantitative"}}},
                 {"y", y},
                 {"tooltip", nlohmann::json::array({{{"field", "issue"}, {"title", "Forecast on"}},
                                                    {{"field", "position"}, {"title", "Position"}, {"format", ".1f"}}})}}}}})}}}};
  return charts.figure(spec,
                       fmt::format("Model <b>{}</b>: each actor's position round by round (round 0 = the stances "
                                   "in the scenario); black diamond: the forecast; dashed lines: the issue's named "
                                   "points. Hover for values.",
                                   escape_html(m.model)),
                       {"line", "symbol"});
}

}  // namespace

Section render_forecast_section(const Scenario& scenario, const AnalysisRun& run, ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "Forecast: where each issue settles";
  const auto models = read_forecasts(scenario, *run.result);
  if (models.empty()) {
    s.html = "<p class=\"missing\">The forecast result has no model forecasts this report can read "
             "(expected position_by_issue / history; see docs/report.md).</p>\n";
    return s;
  }
  std::string& h = s.html;
  // Table: issue x model.
  h += "<table class=\"data\"><thead><tr><th>Issue</th>";
  for (const auto& m : models) h += fmt::format("<th>{}</th>", escape_html(m.model));
  h += "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& issue = scenario.issues[i];
    if (issue.kind != IssueKind::scale) continue;
    h += fmt::format("<tr><td>{}</td>", escape_html(issue.name));
    for (const auto& m : models) {
      const auto& x = m.position_by_issue[i];
      if (!x) {
        h += "<td>n/a</td>";
        continue;
      }
      const auto* p = nearest_named_point(issue, *x);
      h += fmt::format("<td><span class=\"num\">{}</span>{}</td>", format_number(*x),
                       p ? fmt::format("<br><span class=\"small\">nearest: {}</span>", escape_html(p->label)) : "");
    }
    h += "</tr>\n";
  }
  h += "</tbody></table>\n";

  for (const auto& m : models) h += trajectories_chart(scenario, m, charts);

  for (const auto& m : models) {
    if (m.parameters.empty() && m.notes.empty()) continue;
    h += fmt::format("<details><summary>Model {}: parameters and notes</summary>", escape_html(m.model));
    if (!m.parameters.empty()) {
      h += "<table class=\"data compact\"><tbody>";
      for (const auto& [k, v] : m.parameters)
        h += fmt::format("<tr><td>{}</td><td>{}</td></tr>", escape_html(k), escape_html(v));
      h += "</tbody></table>";
    }
    if (!m.notes.empty()) {
      h += "<ul>";
      for (const auto& n : m.notes) h += fmt::format("<li>{}</li>", escape_html(n));
      h += "</ul>";
    }
    h += "</details>\n";
  }

  // Summary: an iterative model's forecast where there is one (they model the bargaining
  // itself), issue by issue, with the nearest named point.
  const ModelForecast* chosen = &models.front();
  for (const char* preferred : {"smp", "eum"})
    for (const auto& m : models)
      if (m.model == preferred) chosen = &m;
  std::string terms;
  const auto& first = *chosen;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& x = first.position_by_issue[i];
    if (!x) continue;
    const auto* p = nearest_named_point(scenario.issues[i], *x);
    terms += fmt::format("{}<b>{}</b> {}{}", terms.empty() ? "" : "; ", escape_html(scenario.issues[i].name),
                         format_number(*x), p ? fmt::format(" (near \u201c{}\u201d)", escape_html(p->label)) : "");
  }
  if (!terms.empty())
    s.summary.push_back({SummaryTopic::terms, fmt::format("Where the issues settle, forecast by the {} model: {}.",
                                                          escape_html(first.model), terms)});
  return s;
}

}  // namespace truce::report
