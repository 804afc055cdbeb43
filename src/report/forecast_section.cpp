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

// "A", "B", ... "Z", "AA": an option's letter in the forecast table.
std::string option_letter(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

// The caveat on the forecasts: how the quoted model did on past decisions, compared with the
// plain weighted mean, and what that validation does not cover.
std::string forecast_caveat(const ForecastResult& model) {
  if (model.model != "ensemble")
    return fmt::format("<b>Forecasts.</b> The {} model is not validated on past decisions (<code>truce backtest</code> "
                       "scores it); read its terms as one model\u2019s view.",
                       escape_html(model_title(model.model)));
  const auto& fit = shipped_ensemble();
  const auto& p = fit.provenance;
  const double gain = p.baseline_mae - p.cross_validated_mae;
  return fmt::format(
      "<b>Forecasts.</b> On {} past EU legislative decisions the ensemble missed the outcome by {} points on average "
      "(0..100 scale), the capability \u00d7 salience weighted mean of the positions by {}: {}. Its {}% intervals held "
      "{}% of outcomes. That validation covers legislative bargaining, not war termination.",
      p.cases, format_number(p.cross_validated_mae, 1), format_number(p.baseline_mae, 1),
      std::abs(gain) < 1.0 ? "no real improvement on the simple weighted mean"
                           : (gain > 0 ? fmt::format("{} points better", format_number(gain, 1))
                                       : fmt::format("{} points worse", format_number(-gain, 1))),
      format_number(100 * fit.level, 0), format_number(100 * p.cross_validated_coverage, 0));
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
        apart += fmt::format("{}{} {}", apart.empty() ? "" : " and ", escape_html(model_words(models[j]->model)), format_number(*x, 0));
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
  constexpr double panel_width = 170, panel_height = 120;
  constexpr std::size_t label_chars = 24;  // a line of a named point's label, at font size 10
  // One line's height on the 0..100 scale, with room for the line spacing and a gap.
  constexpr double label_line_units = 14.0 * 100.0 / panel_height;
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
    // Named points: a faint rule each, and its label, whole and wrapped, where the lines fit
    // between the labels already placed (a label that would crowd another is left to the
    // tooltip; none is cut short).
    std::vector<std::pair<double, double>> taken;  // label spans on the 0..100 scale
    for (const auto& p : issue.points) {
      const auto lines = wrap_words(p.label, label_chars);
      const double half = static_cast<double>(lines.size()) * label_line_units / 2;
      bool fits = p.position - half >= -4 && p.position + half <= 104;
      for (const auto& [lo, hi] : taken) fits = fits && (p.position + half < lo || p.position - half > hi);
      if (fits) taken.emplace_back(p.position - half, p.position + half);
      rows.push_back({{"kind", "point"}, {"issue", issue.name}, {"position", p.position},
                      {"point", p.label}, {"label", fits ? nlohmann::json(lines) : nlohmann::json("")}});
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
      {"columns", 3},
      {"spacing", {{"column", 130}, {"row", 20}}},
      {"resolve", {{"scale", {{"x", "independent"}}}}},
      {"spec",
       {{"width", panel_width},
        {"height", panel_height},
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
                       fmt::format("Model <b>{}</b>: each actor\u2019s position round by round (round 0 = the stances "
                                   "in the scenario); black diamond: the forecast; dashed lines: the issue's named "
                                   "points.<span class=\"screen-only\"> Hover for values.</span>",
                                   escape_html(model_title(m.model))),
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
  // Table: issue x model, numbers only, so it fits a page: a scale issue's cell is the
  // position (the ensemble's with its interval), an options issue's the forecast option and
  // its probability. Terms a veto actor's red line rules out are marked; page one names them.
  h += "<table class=\"data forecast\"><thead><tr><th>Issue</th>";
  for (const auto* m : models) h += fmt::format("<th>{}</th>", escape_html(model_title(m->model)));
  h += "</tr></thead><tbody>\n";
  bool any_marked = false;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& issue = scenario.issues[i];
    h += fmt::format("<tr><td>{}</td>", escape_html(issue.name));
    for (std::size_t j = 0; j < models.size(); ++j) {
      const IssueForecast* f = forecast_on(result, i, j);
      const bool marked = f && !f->veto_red_lines_crossed.empty();
      any_marked = any_marked || marked;
      const std::string mark = marked ? "<span class=\"red-line\" title=\"outside a veto actor\u2019s red line\">\u2020</span>" : "";
      if (issue.kind == IssueKind::options) {
        const auto c = f ? chosen_option(issue, *f) : std::nullopt;
        if (!c) {
          h += "<td>n/a</td>";
          continue;
        }
        // The option by its letter (the legend under the table names it), so the row stays one line.
        std::size_t letter = 0;
        for (std::size_t o = 0; o < issue.options.size(); ++o)
          if (issue.options[o].id == *f->option) letter = o;
        h += fmt::format("<td><b>{}</b> <span class=\"num\">{}</span>{}</td>", option_letter(letter),
                         format_number(c->probability, 2), mark);
        continue;
      }
      const auto x = position(models[j]->position_by_issue[i]);
      if (!x) {
        h += "<td>n/a</td>";
        continue;
      }
      const std::string interval =
          f && f->interval ? fmt::format("<br><span class=\"small\">{}..{}</span>", format_number(f->interval->low, 0),
                                         format_number(f->interval->high, 0))
                           : "";
      h += fmt::format("<td class=\"num\">{}{}{}</td>",
                       stated(fmt::format("forecast.{}.{}", models[j]->model, issue.id), format_number(*x)), mark, interval);
    }
    h += "</tr>\n";
  }
  h += "</tbody></table>\n";
  std::string legend;
  for (const auto& issue : scenario.issues) {
    if (issue.kind != IssueKind::options) continue;
    legend += fmt::format("{}<b>{}</b>: ", legend.empty() ? "" : "<br>", escape_html(issue.name));
    for (std::size_t o = 0; o < issue.options.size(); ++o)
      legend += fmt::format("{}<b>{}</b> {}", o ? "; " : "", option_letter(o), escape_html(issue.options[o].label));
    legend += ".";
  }
  if (!legend.empty()) h += fmt::format("<p class=\"small\">{}</p>\n", legend);
  h += fmt::format(
      "<p class=\"small\">Positions on each issue\u2019s 0..100 scale{}; options issues: the forecast option (by its "
      "letter above) and its probability (<a href=\"#analysis-{}-options\">every option\u2019s in the appendix</a>).{}</p>\n",
      std::any_of(result.issues.begin(), result.issues.end(),
                  [](const auto& is) { return std::any_of(is.forecasts.begin(), is.forecasts.end(), [](const auto& f) { return f.interval.has_value(); }); })
          ? "; under a value, its 80% interval where the model gives one"
          : "",
      escape_html(run.name), any_marked ? " \u2020 Outside a veto actor\u2019s red line: that actor rules the term out." : "");

  // Where the models are far apart, and why.
  const auto apart = disagreement_sentences(scenario, result, models);
  if (!apart.empty()) {
    h += "<ul class=\"points\">\n";
    for (const auto& sentence : apart) h += fmt::format("<li>{}</li>\n", sentence);
    h += "</ul>\n";
  }

  // Every option's probability, by model, for the options issues.
  std::string options_rows;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    if (scenario.issues[i].kind != IssueKind::options) continue;
    for (std::size_t j = 0; j < models.size(); ++j)
      if (const IssueForecast* f = forecast_on(result, i, j); f && !f->option_probabilities.empty())
        options_rows += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"small\">{}</td></tr>\n",
                                    escape_html(scenario.issues[i].name), escape_html(model_title(models[j]->model)),
                                    option_probabilities_html(*f));
  }
  if (!options_rows.empty())
    s.appendix_html += fmt::format("<h3 id=\"analysis-{}-options\">Options issues: every option\u2019s probability</h3>\n"
                     "<table class=\"data compact\"><thead><tr><th>Issue</th><th>Model</th><th>Probabilities</th></tr>"
                     "</thead><tbody>\n{}</tbody></table>\n",
                     escape_html(run.name), options_rows);

  for (const auto* m : models) h += trajectories_chart(scenario, *m, charts);

  std::string& notes = s.appendix_html;
  for (const auto* m : models) {
    if (m->parameters.empty() && m->notes.empty()) continue;
    notes += fmt::format("<details open><summary>Model {}: parameters and notes</summary>", escape_html(model_title(m->model)));
    if (!m->parameters.empty()) {
      notes += "<table class=\"data compact\"><tbody>";
      for (const auto& [k, v] : m->parameters)
        notes += fmt::format("<tr><td>{}</td><td>{}</td></tr>", escape_html(k), escape_html(v));
      notes += "</tbody></table>";
    }
    if (!m->notes.empty()) {
      notes += "<ul>";
      for (const auto& n : m->notes) notes += fmt::format("<li>{}</li>", escape_html(n));
      notes += "</ul>";
    }
    notes += "</details>\n";
  }
  if (!notes.empty())
    h += "<p class=\"small\">Each model\u2019s parameters and notes: <a href=\"#analysis-notes\">in the appendix</a>.</p>\n";

  // Summary: the ensemble's forecast where it ran (the validated one), else an iterative
  // model's, issue by issue, with its interval and nearest named point. A term a veto actor's
  // red line rules out says so next to it.
  std::size_t chosen_index = 0;
  for (const char* preferred : {"eum", "smp", "ensemble"})
    for (std::size_t j = 0; j < models.size(); ++j)
      if (models[j]->model == preferred) chosen_index = j;
  const ForecastResult* chosen = models[chosen_index];
  // Page one: a compact table of the chosen model's terms, and the record it has.
  std::string rows;
  const auto& first = *chosen;
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& issue = scenario.issues[i];
    const IssueForecast* f = forecast_on(result, i, chosen_index);
    std::string warning = f ? veto_red_line_warning(scenario, i, crossed_actors(scenario, *f)) : "";
    if (!warning.empty() && warning.front() == ' ') warning.erase(0, 1);  // a cell of its own
    if (issue.kind == IssueKind::options) {
      const auto c = f ? chosen_option(issue, *f) : std::nullopt;
      if (!c) continue;
      rows += fmt::format("<tr><td>{}</td><td class=\"num\">p {}</td><td>\u201c{}\u201d (an option)</td><td></td><td>{}</td></tr>\n",
                          escape_html(issue.name), format_number(c->probability, 2), escape_html(c->label), warning);
      continue;
    }
    const auto x = position(first.position_by_issue[i]);
    if (!x) continue;
    const auto* p = nearest_named_point(issue, *x);
    const std::string interval = f && f->interval ? fmt::format("{}..{}", format_number(f->interval->low, 0),
                                                                format_number(f->interval->high, 0))
                                                  : "\u2014";
    rows += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                        escape_html(issue.name), stated(fmt::format("forecast.{}.{}", first.model, issue.id), format_number(*x)),
                        p ? "\u201c" + escape_html(p->label) + "\u201d" : "", interval, warning);
  }
  if (!rows.empty()) {
    const bool with_interval = first.model == "ensemble";
    s.summary.push_back({SummaryTopic::terms, fmt::format("Where each issue settles, forecast by the {} model{}.",
                                                          escape_html(model_words(first.model)),
                                                          first.model == "ensemble" ? " (validated on EU legislative decisions, "
                                                                                      "not on wars: see the caveats)"
                                                                                    : " (not validated on past decisions)")});
    s.terms_table = fmt::format(
        "<table class=\"data terms\"><colgroup><col style=\"width:19%\"><col style=\"width:11%\"><col style=\"width:36%\">"
        "<col style=\"width:10%\"><col style=\"width:24%\"></colgroup><thead><tr><th>Issue</th><th>Forecast</th>"
        "<th>Nearest named term</th><th>{}</th><th>Red lines</th></tr></thead><tbody>\n{}</tbody></table>",
        with_interval ? "80% interval" : "Interval", rows);
  }
  s.caveats.push_back(forecast_caveat(first));
  if (!apart.empty())
    s.caveats.push_back(fmt::format("<b>The forecast models disagree</b> by more than 25 points on {} issues "
                                    "(<a href=\"#{}\">which and why</a>): the terms above are the ensemble\u2019s, not a "
                                    "consensus.",
                                    apart.size(), escape_html(s.id)));
  return s;
}

}  // namespace truce::report
