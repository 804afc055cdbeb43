// The scenario as the analyses read it: actors, issues, stances with their evidence
// quotes and sources, so every figure in the report can be traced to its evidence.

#include <fmt/format.h>

#include <map>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

std::string swatch(std::size_t actor) {
  return fmt::format("<span class=\"swatch\" style=\"background:{}\"></span>", actor_colour(actor));
}

std::string position_text(const Issue& issue, const Stance& stance) {
  if (issue.kind == IssueKind::options)
    return stance.option < issue.options.size() ? issue.options[stance.option].label : "?";
  const auto* p = nearest_named_point(issue, stance.position);
  if (p && p->position == stance.position) return fmt::format("{} ({})", format_number(stance.position), p->label);
  if (p) return fmt::format("{} (nearest named point: {})", format_number(stance.position), p->label);
  return format_number(stance.position);
}

std::string red_line_text(const Issue& issue, const Stance& stance) {
  if (stance.acceptable_range)
    return fmt::format("accepts {}\u2013{}", format_number(stance.acceptable_range->min),
                       format_number(stance.acceptable_range->max));
  if (!stance.acceptable_options.empty()) {
    std::string s = "accepts only ";
    for (std::size_t k = 0; k < stance.acceptable_options.size(); ++k) {
      const auto o = stance.acceptable_options[k];
      s += (k ? ", " : "") + (o < issue.options.size() ? issue.options[o].label : std::string("?"));
    }
    return s;
  }
  return "";
}

const Source* find_source(const Scenario& scenario, const std::string& id) {
  for (const auto& s : scenario.sources)
    if (s.id == id) return &s;
  return nullptr;
}

std::string source_citation(const Source& s) {
  // URLs are shown as text, not links: the report makes no request when opened.
  std::string out = fmt::format("{}", escape_html(s.title.empty() ? s.id : s.title));
  if (!s.publisher.empty()) out += ", " + escape_html(s.publisher);
  if (!s.date.empty()) out += ", " + escape_html(s.date);
  if (!s.url.empty()) out += fmt::format(" <span class=\"url\">{}</span>", escape_html(s.url));
  return out;
}

std::string evidence_html(const Scenario& scenario, const Stance& stance) {
  std::string out;
  for (const auto& e : stance.evidence) {
    const Source* s = find_source(scenario, e.source);
    out += fmt::format("<blockquote class=\"evidence\">\u201c{}\u201d <cite>\u2014 <a href=\"#source-{}\">{}</a></cite></blockquote>",
                       escape_html(e.quote), escape_html(e.source),
                       s ? escape_html(s->title.empty() ? s->id : s->title) : escape_html(e.source));
  }
  if (!stance.note.empty()) out += fmt::format("<p class=\"note\">Note: {}</p>", escape_html(stance.note));
  return out;
}

// Actors' positions on every scale issue, with the range each accepts (its red line).
std::string stances_chart(const Scenario& scenario, ChartSet& charts) {
  const auto labels = actor_labels(scenario);
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json issue_order = nlohmann::json::array();
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& issue = scenario.issues[i];
    if (issue.kind != IssueKind::scale) continue;
    bool any = false;
    for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
      const Stance* st = find_stance(scenario, a, i);
      if (!st) continue;
      any = true;
      const auto* p = nearest_named_point(issue, st->position);
      nlohmann::json row = {{"issue", issue.name},
                            {"actor", labels[a]},
                            {"position", st->position},
                            {"salience", st->salience},
                            {"nearest", p ? p->label : ""},
                            {"red_line", st->acceptable_range ? red_line_text(issue, *st) : "none"}};
      if (st->acceptable_range) {
        row["accept_min"] = st->acceptable_range->min;
        row["accept_max"] = st->acceptable_range->max;
      }
      rows.push_back(row);
    }
    if (any) issue_order.push_back(issue.name);
  }
  if (rows.empty()) return "";
  const nlohmann::json tooltip = nlohmann::json::array(
      {{{"field", "actor"}, {"title", "Actor"}},
       {{"field", "issue"}, {"title", "Issue"}},
       {{"field", "position"}, {"title", "Position"}, {"format", ".1f"}},
       {{"field", "nearest"}, {"title", "Nearest named point"}},
       {{"field", "salience"}, {"title", "Salience"}, {"format", ".2f"}},
       {{"field", "red_line"}, {"title", "Red line"}}});
  const nlohmann::json y = {{"field", "issue"}, {"type", "nominal"}, {"sort", issue_order}, {"title", nullptr}};
  const nlohmann::json y_offset = {{"field", "actor"}, {"type", "nominal"}, {"sort", actor_colour_scale(scenario)["domain"]}};
  const nlohmann::json color = {{"field", "actor"}, {"type", "nominal"}, {"title", "Actor"},
                                {"scale", actor_colour_scale(scenario)},
                                {"legend", {{"symbolOpacity", 1}, {"symbolType", "circle"}}}};
  // One row per actor inside each issue's band (the step is the yOffset's).
  const std::size_t step = 16;
  nlohmann::json spec = {
      {"config", chart_config()},
      {"width", 560},
      {"height", {{"step", step}}},
      {"data", {{"values", rows}}},
      {"encoding", {{"y", y}, {"yOffset", y_offset}, {"color", color}}},
      {"layer",
       nlohmann::json::array(
           {{{"transform", nlohmann::json::array({{{"filter", "isValid(datum.accept_min)"}}})},
             {"mark", {{"type", "rule"}, {"strokeWidth", 5}, {"opacity", 0.3}, {"strokeCap", "round"}}},
             {"encoding",
              {{"x", {{"field", "accept_min"}, {"type", "quantitative"}}},
               {"x2", {{"field", "accept_max"}}},
               {"tooltip", tooltip}}}},
            {{"mark", {{"type", "point"}, {"filled", true}, {"opacity", 1}}},
             {"encoding",
              {{"x",
                {{"field", "position"},
                 {"type", "quantitative"},
                 {"scale", {{"domain", {0, 100}}}},
                 {"title", "position (0\u2013100; bars: the range each actor accepts)"}}},
               {"size",
                {{"field", "salience"},
                 {"type", "quantitative"},
                 {"scale", {{"domain", {0, 1}}, {"range", {20, 160}}}},
                 {"title", "Salience"}}},
               {"tooltip", tooltip}}}}})}};
  return charts.figure(spec,
                       "Where each actor stands on each scale issue (dot; larger = more salient) and, "
                       "where it has a red line, the range it would accept (bar).<span class=\"screen-only\"> Hover for values.</span>",
                       {"symbol"});
}

}  // namespace

Section render_scenario_section(const Scenario& scenario, ChartSet& charts) {
  Section s;
  s.id = "scenario";
  s.title = "The scenario: actors, issues, stances and evidence";
  std::string& h = s.html;
  if (!scenario.description.empty()) h += fmt::format("<p>{}</p>\n", escape_html(scenario.description));

  // Actors.
  h += "<h3>Actors</h3>\n<table class=\"data\"><thead><tr><th>Actor</th><th>Capability</th><th>Veto</th>"
       "<th>Risk attitude</th><th>Description</th></tr></thead><tbody>\n";
  const auto labels = actor_labels(scenario);
  for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
    const auto& actor = scenario.actors[a];
    h += fmt::format(
        "<tr><td class=\"actor\">{}{} <span class=\"id\">{}</span></td><td class=\"num\">{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>\n",
        swatch(a), escape_html(labels[a]), escape_html(actor.id), format_number(actor.capability, 2),
        actor.veto ? "yes" : "no",
        actor.risk_attitude ? format_number(*actor.risk_attitude, 2) : "inferred by the model",
        escape_html(actor.description));
  }
  h += "</tbody></table>\n";

  // Issues.
  h += "<h3>Issues</h3>\n";
  for (const auto& issue : scenario.issues) {
    h += fmt::format("<div class=\"issue\"><h4>{} <span class=\"id\">{}</span></h4>\n", escape_html(issue.name),
                     escape_html(issue.id));
    if (!issue.description.empty()) h += fmt::format("<p>{}</p>\n", escape_html(issue.description));
    if (issue.kind == IssueKind::scale) {
      h += fmt::format("<p class=\"scale\"><b>0</b> = {}<br><b>100</b> = {}</p>\n", escape_html(issue.low_meaning),
                       escape_html(issue.high_meaning));
      if (!issue.points.empty()) {
        h += "<ul class=\"points\">";
        for (const auto& p : issue.points)
          h += fmt::format("<li><b>{}</b> {}</li>", format_number(p.position), escape_html(p.label));
        h += "</ul>\n";
      }
    } else {
      h += "<p>Options (no order):</p><ul class=\"points\">";
      for (const auto& o : issue.options) h += fmt::format("<li>{}</li>", escape_html(o.label));
      h += "</ul>\n";
    }
    h += "</div>\n";
  }

  h += "<h3>Stances</h3>\n";
  h += stances_chart(scenario, charts);
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    const auto& issue = scenario.issues[i];
    h += fmt::format("<h4>{}</h4>\n<table class=\"data stances\"><thead><tr><th>Actor</th><th>Position</th>"
                     "<th>Salience</th><th>Red line</th><th>Evidence</th></tr></thead><tbody>\n",
                     escape_html(issue.name));
    bool any = false;
    for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
      const Stance* st = find_stance(scenario, a, i);
      if (!st) continue;
      any = true;
      h += fmt::format("<tr><td class=\"actor\">{}{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
                       swatch(a), escape_html(labels[a]), escape_html(position_text(issue, *st)),
                       format_number(st->salience, 2), escape_html(red_line_text(issue, *st)),
                       evidence_html(scenario, *st));
    }
    if (!any) h += "<tr><td colspan=\"5\">No actor has a stance on this issue.</td></tr>\n";
    h += "</tbody></table>\n";
  }

  // Sources.
  h += "<h3>Sources</h3>\n<ol class=\"sources\">\n";
  for (const auto& src : scenario.sources)
    h += fmt::format("<li id=\"source-{}\"><span class=\"id\">{}</span> {}</li>\n", escape_html(src.id),
                     escape_html(src.id), source_citation(src));
  h += "</ol>\n";

  if (!scenario.notes.empty()) {
    h += "<h3>Notes from loading the scenario</h3>\n<ul>";
    for (const auto& n : scenario.notes) h += fmt::format("<li>{}</li>", escape_html(n));
    h += "</ul>\n";
  }
  return s;
}

}  // namespace truce::report
