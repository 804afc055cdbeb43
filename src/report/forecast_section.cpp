// Forecast: where each issue settles by model, and how actors' positions moved round by
// round for the iterative models (history[issue][round][actor] of ForecastResult).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "truce/forecast/ensemble.hpp"

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

// What the summary says of the model it quotes: for the ensemble, where it was fitted, its
// cross-validated error there against the weighted mean's, and what that validation covers.
std::string model_record(const ForecastResult& model) {
  if (model.model != "ensemble") return " (not validated on past decisions; truce backtest scores it)";
  const auto& fit = shipped_ensemble();
  const auto& p = fit.provenance;
  std::string members;
  for (const auto& m : fit.members)
    if (m.weight > 0) members += fmt::format("{}{} {}", members.empty() ? "" : ", ", m.model, format_number(m.weight, 2));
  return fmt::format(
      " (a weighted combination, {}, fitted on {} past decisions: {}; there its cross-validated error was {} points "
      "on the 0..100 scale against the weighted mean\u2019s {}, and its {}% intervals held {}% of outcomes. That "
      "validation covers EU-style legislative bargaining, not war termination)",
      escape_html(members), p.cases, escape_html(p.covers), format_number(p.cross_validated_mae, 1),
      format_number(p.baseline_mae, 1), format_number(100 * fit.level, 0),
      format_number(100 * p.cross_validated_coverage, 0));
}

// Why a model stands apart, from what its result says about itself.
std::string why_apart(const IssueForecast& f) {
  if (f.model == "nash" && f.nash) {
    const auto source = f.nash->disagreement_point_source;
    const char* where = source == DisagreementPointSource::option     ? "as the options give it"
                        : source == DisagreementPointSource::scenario ? "as the scenario states it"
                        : source == DisagreementPointSource::rule_far_end
                            ? "the end of the scale farther from the weighted mean: an assumption, since the scenario "
                              "states no status quo"
                            : "the end of the scale nearer the weighted mean: an assumption, since the scenario states "
                              "no status quo";
    return fmt::format("Nash bargains from the status quo at {} ({})", format_number(f.nash->disagreement_point, 0), where);
  }
  if (f.model == "eum" && f.cycle) return "the EUM\u2019s rounds cycle and it reports the cycle\u2019s mean";
  if (f.model == "eum") return "the EUM moves actors by the challenges they expect to win, not toward the weighted middle";
  if (f.model == "median") return "the median follows the pivotal actor, not the weights\u2019 average";
  if (f.model == "mean") return "the plain mean counts every actor once, whatever its capability";
  if (f.model == "smp") return "the SMP\u2019s actors move toward the coalitions they expect to win";
  return "";
}

// One sentence per scale issue where the models are far apart (more than 25 points from the
// median of the forecasts): which stand apart, by how much, and why, from their results.
std::vector<std::string> disagreement_sentences(const Scenario& scenario, const ForecastAnalysisResult& result,
                                                const std::vector<const ForecastResult*>& models) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    if (scenario.issues[i].kind != IssueKind::scale) continue;
    std::vector<double> xs;
    for (const auto* m : models)
      if (const auto x = position(m->position_by_issue[i])) xs.push_back(*x);
    if (xs.size() < 3) continue;
    std::vector<double> sorted = xs;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    std::string apart, reasons;
    double low = 100, high = 0;
    for (std::size_t j = 0; j < models.size(); ++j) {
      const auto x = position(models[j]->position_by_issue[i]);
      if (!x) continue;
      const IssueForecast* f = forecast_on(result, i, j);
      if (std::abs(*x - median) > 25 && f) {
        apart += fmt::format("{}{} {}", apart.empty() ? "" : " and ", escape_html(models[j]->model), format_number(*x, 0));
        const std::string why = why_apart(*f);
        if (!why.empty()) reasons += (reasons.empty() ? "" : "; ") + why;
      } else {
        low = std::min(low, *x);
        high = std::max(high, *x);
      }
    }
    if (apart.empty()) continue;
    out.push_back(fmt::format("On <b>{}</b> the models disagree: {} against {}..{} for the others{}.",
                              escape_html(scenario.issues[i].name), apart, format_number(low, 0),
                              format_number(high, 0), reasons.empty() ? "" : ", because " + reasons));
  }
  return out;
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

  // Summary: the ensemble's forecast where it ran (the validated one), else an iterative
  // model's, issue by issue, with its interval and nearest named point. A term a veto actor's
  // red line rules out says so next to it.
  std::size_t chosen_index = 0;
  for (const char* preferred : {"eum", "smp", "ensemble"})
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
    std::string interval;
    if (f && f->interval)
      interval = fmt::format(" ({}% interval {}..{})", format_number(100 * f->interval->level, 0),
                             format_number(f->interval->low, 0), format_number(f->interval->high, 0));
    terms += fmt::format("{}<b>{}</b> {}{}{}{}", terms.empty() ? "" : "; ", escape_html(scenario.issues[i].name),
                         format_number(*x), interval,
                         p ? fmt::format(" (near \u201c{}\u201d)", escape_html(p->label)) : "", warning);
  }
  if (!terms.empty())
    s.summary.push_back({SummaryTopic::terms, fmt::format("Where the issues settle, forecast by the {} model{}: {}.",
                                                          escape_html(first.model), model_record(first), terms)});
  for (const auto& sentence : disagreement_sentences(scenario, result, models))
    s.summary.push_back({SummaryTopic::terms, sentence});
  return s;
}

}  // namespace truce::report
