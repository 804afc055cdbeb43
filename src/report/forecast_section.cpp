// Forecast: where each issue settles by model, and how actors' positions moved round by
// round for the iterative models (history[issue][round][actor] of ForecastResult).

#include <fmt/format.h>

#include <cmath>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

// A position, or nullopt where the model has none (not_applicable, no stance).
std::optional<double> position(double x) { return std::isfinite(x) ? std::optional<double>(x) : std::nullopt; }

// --- Red lines and options issues ---
// Model `m`'s forecast on issue `i` as the result states it (nullptr if absent).
const IssueForecast* forecast_on(const ForecastAnalysisResult& result, std::size_t i, std::size_t m) {
  if (i >= result.issues.size() || m >= result.issues[i].forecasts.size()) return nullptr;
  return &result.issues[i].forecasts[m];
}

// The actors (indices) whose red line a forecast crosses, veto actors or not.
std::vector<std::size_t> crossed_actors(const Scenario& scenario, const IssueForecast& f) {
  std::vector<std::size_t> out;
  for (const auto* ids : {&f.veto_red_lines_crossed, &f.other_red_lines_crossed})
    for (const auto& id : *ids)
      if (const auto a = find_actor(scenario, id)) out.push_back(*a);
  return out;
}

// An options issue's forecast option: its label and probability, or nullopt.
struct ChosenOption {
  std::string label;
  double probability = 0;
};
std::optional<ChosenOption> chosen_option(const Issue& issue, const IssueForecast& f) {
  if (!f.option) return std::nullopt;
  ChosenOption c{*f.option, 0};
  for (const auto& o : issue.options)
    if (o.id == *f.option) c.label = o.label;
  for (const auto& p : f.option_probabilities)
    if (p.option == *f.option) c.probability = p.probability;
  return c;
}

// Every option's probability, small, in the issue's order: "none 0.12 · un-peacekeeping 0.30".
std::string option_probabilities_html(const IssueForecast& f) {
  std::string text;
  for (const auto& p : f.option_probabilities)
    text += fmt::format("{}{} {}", text.empty() ? "" : " \u00b7 ", escape_html(p.option), format_number(p.probability, 2));
  return text;
}

// Positions by round, one panel per scale issue, one line per actor.
std::string trajectories_chart(const Scenario& scenario, const ForecastResult& m, ChartSet& charts) {
  const auto labels = actor_labels(scenario);
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json issue_order = nlohmann::json::array();
  constexpr double panel_width = 240;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& issue = scenario.issues[i];
    if (issue.kind != IssueKind::scale || i >= m.history.size() || m.history[i].empty()) continue;
    bool any = false;
    for (std::size_t r = 0; r < m.history[i].size(); ++r)
      for (std::size_t a = 0; a < m.history[i][r].size() && a < labels.size(); ++a)
        if (const auto x = position(m.history[i][r][a])) {
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
    if (const auto x = position(m.position_by_issue[i]))
      rows.push_back({{"kind", "forecast"}, {"issue", issue.name}, {"position", *x},
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

Section render_forecast_section(const Scenario& scenario, const AnalysisRun& run, const ForecastAnalysisResult& result,
                                ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "Forecast: where each issue settles";
  std::vector<const ForecastResult*> models;
  for (const auto& m : result.models) models.push_back(&m.forecast);
  if (models.empty()) return s;  // the options name at least one model
  std::string& h = s.html;
  // Table: issue x model. A scale issue's cell is the position and its nearest named point;
  // an options issue's the forecast option, its probability and every option's.
  h += "<table class=\"data\"><thead><tr><th>Issue</th>";
  for (const auto* m : models) h += fmt::format("<th>{}</th>", escape_html(m->model));
  h += "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& issue = scenario.issues[i];
    h += fmt::format("<tr><td>{}</td>", escape_html(issue.name));
    for (std::size_t j = 0; j < models.size(); ++j) {
      const IssueForecast* f = forecast_on(result, i, j);
      const std::string warning = f ? veto_red_line_warning(scenario, i, crossed_actors(scenario, *f)) : "";
      if (issue.kind == IssueKind::options) {
        const auto c = f ? chosen_option(issue, *f) : std::nullopt;
        if (!c) {
          h += "<td>n/a</td>";
          continue;
        }
        h += fmt::format("<td>{} <span class=\"num\">{}</span>{}<br><span class=\"small\">{}</span></td>",
                         escape_html(c->label), format_number(c->probability, 2), warning, option_probabilities_html(*f));
        continue;
      }
      const auto x = position(models[j]->position_by_issue[i]);
      if (!x) {
        h += "<td>n/a</td>";
        continue;
      }
      const auto* p = nearest_named_point(issue, *x);
      h += fmt::format("<td><span class=\"num\">{}</span>{}{}</td>", format_number(*x),
                       p ? fmt::format("<br><span class=\"small\">nearest: {}</span>", escape_html(p->label)) : "",
                       warning);
    }
    h += "</tr>\n";
  }
  h += "</tbody></table>\n";
  h += "<p class=\"small\">Options issues: the forecast option and its probability, then every option\u2019s "
       "(docs/forecast.md says how each model forecasts them). A term in red lies outside a veto actor\u2019s "
       "red line.</p>\n";

  for (const auto* m : models) h += trajectories_chart(scenario, *m, charts);

  for (const auto* m : models) {
    if (m->parameters.empty() && m->notes.empty()) continue;
    h += fmt::format("<details><summary>Model {}: parameters and notes</summary>", escape_html(m->model));
    if (!m->parameters.empty()) {
      h += "<table class=\"data compact\"><tbody>";
      for (const auto& [k, v] : m->parameters)
        h += fmt::format("<tr><td>{}</td><td>{}</td></tr>", escape_html(k), escape_html(v));
      h += "</tbody></table>";
    }
    if (!m->notes.empty()) {
      h += "<ul>";
      for (const auto& n : m->notes) h += fmt::format("<li>{}</li>", escape_html(n));
      h += "</ul>";
    }
    h += "</details>\n";
  }

  // Summary: an iterative model's forecast where there is one (they model the bargaining
  // itself), issue by issue, with the nearest named point.
  // A term a veto actor's red line rules out says so next to it.
  std::size_t chosen_index = 0;
  for (const char* preferred : {"smp", "eum"})
    for (std::size_t j = 0; j < models.size(); ++j)
      if (models[j]->model == preferred) chosen_index = j;
  const ForecastResult* chosen = models[chosen_index];
  std::string terms;
  const auto& first = *chosen;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const IssueForecast* f = forecast_on(result, i, chosen_index);
    const std::string warning = f ? veto_red_line_warning(scenario, i, crossed_actors(scenario, *f)) : "";
    if (scenario.issues[i].kind == IssueKind::options) {
      const auto c = f ? chosen_option(scenario.issues[i], *f) : std::nullopt;
      if (!c) continue;
      terms += fmt::format("{}<b>{}</b> \u201c{}\u201d (probability {}){}", terms.empty() ? "" : "; ",
                           escape_html(scenario.issues[i].name), escape_html(c->label), format_number(c->probability, 2),
                           warning);
      continue;
    }
    const auto x = position(first.position_by_issue[i]);
    if (!x) continue;
    const auto* p = nearest_named_point(scenario.issues[i], *x);
    terms += fmt::format("{}<b>{}</b> {}{}{}", terms.empty() ? "" : "; ", escape_html(scenario.issues[i].name),
                         format_number(*x), p ? fmt::format(" (near \u201c{}\u201d)", escape_html(p->label)) : "",
                         warning);
  }
  if (!terms.empty())
    s.summary.push_back({SummaryTopic::terms, fmt::format("Where the issues settle, forecast by the {} model: {}.",
                                                          escape_html(first.model), terms)});
  return s;
}

}  // namespace truce::report
