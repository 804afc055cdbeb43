// The report's timeline section, "How the picture changed": the headline answers on every
// date a dated revision changed the scenario, each point with the revisions behind it and
// their quotes (docs/timeline.md).
#include <fmt/format.h>

#include <cmath>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

// What changed on a date, for a tooltip (plain text) and for the table (HTML with quotes).
std::string revisions_text(const timeline::TimelinePoint& p) {
  std::string t;
  for (const auto& r : p.revisions) {
    t += (t.empty() ? "" : " | ") + revision_subject(r) + ": " + r.change;
    for (const auto& e : r.evidence) t += " (" + e.source + ": \u201c" + e.quote + "\u201d)";
  }
  return t.empty() ? "the scenario's start values" : t;
}

std::string revisions_html(const timeline::TimelinePoint& p) {
  if (p.revisions.empty()) return "<i>start</i>";
  std::string h = "<ul>";
  for (const auto& r : p.revisions) {
    h += fmt::format("<li>{}<b>{}</b>: {}", r.event.empty() ? "" : escape_html(r.event) + ": ",
                     escape_html(revision_subject(r)), escape_html(r.change));
    for (const auto& e : r.evidence)
      h += fmt::format("<br><q>{}</q> ({})", escape_html(e.quote), escape_html(e.source));
    h += "</li>";
  }
  return h + "</ul>";
}

}  // namespace

Section render_timeline_section(const Scenario&, const AnalysisRun& run, const timeline::TimelineResult& r,
                                ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "How the picture changed";
  std::string& h = s.html;
  if (r.points.empty()) {
    h += "<p>The scenario has no dated revisions: nothing moved.</p>\n";
    return s;
  }
  h += fmt::format("<p>The headline answers on the {} dates where a dated revision changed the scenario{}; the "
                   "table below gives the revisions that took effect on each date and their sources.<span "
                   "class=\"screen-only\"> Hover over a point for them.</span></p>\n",
                   r.points.size(), r.known_by.empty() ? "" : ", with only the evidence published by " + escape_html(r.known_by));
  // Chart 1: P(ceasefire) by date.
  nlohmann::json rows = nlohmann::json::array();
  const std::string horizon = fmt::format("P(ceasefire by month {})", r.options.months);
  for (const auto& p : r.points) {
    const std::string why = revisions_text(p);
    if (p.p_ceasefire_by_12) rows.push_back({{"date", p.date}, {"figure", "P(ceasefire by month 12)"}, {"value", *p.p_ceasefire_by_12}, {"revisions", why}});
    if (p.p_ceasefire_by_horizon && r.options.months != 12)
      rows.push_back({{"date", p.date}, {"figure", horizon}, {"value", *p.p_ceasefire_by_horizon}, {"revisions", why}});
  }
  const nlohmann::json x = {{"field", "date"}, {"type", "temporal"}, {"title", "date"}, {"axis", {{"format", "%Y-%m-%d"}}}};
  const nlohmann::json tooltip = nlohmann::json::array({{{"field", "date"}, {"type", "temporal"}, {"title", "Date"}, {"format", "%Y-%m-%d"}},
                                                        {{"field", "figure"}, {"title", "Figure"}},
                                                        {{"field", "value"}, {"title", "Value"}, {"format", ".1%"}},
                                                        {{"field", "revisions"}, {"title", "What changed"}}});
  if (!rows.empty()) {
    nlohmann::json spec = {
        {"config", chart_config()}, {"width", 600}, {"height", 260}, {"data", {{"values", rows}}},
        {"mark", {{"type", "line"}, {"interpolate", "step-after"}, {"point", {{"filled", true}, {"size", 60}}}}},
        {"encoding", {{"x", x},
                      {"y", {{"field", "value"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}}, {"axis", {{"format", ".0%"}}}, {"title", "probability"}}},
                      {"color", {{"field", "figure"}, {"type", "nominal"}, {"title", nullptr}}},
                      {"tooltip", tooltip}}}};
    h += charts.figure(spec, "Probability of a ceasefire (simulate) at each date, as the scenario stood then.", {"line", "symbol"});
  }
  // Chart 2: the headline forecast per scale issue by date.
  nlohmann::json frows = nlohmann::json::array();
  for (const auto& p : r.points)
    for (const auto& f : p.headline)
      if (f.name.rfind("forecast.", 0) == 0 && f.unit == "position")
        if (const double* v = std::get_if<double>(&f.value); v && !std::isnan(*v))
          frows.push_back({{"date", p.date}, {"issue", f.label}, {"position", *v}, {"revisions", revisions_text(p)}});
  if (!frows.empty()) {
    nlohmann::json spec = {
        {"config", chart_config()}, {"width", 600}, {"height", 300}, {"data", {{"values", frows}}},
        {"mark", {{"type", "line"}, {"interpolate", "step-after"}, {"point", {{"filled", true}, {"size", 40}}}}},
        {"encoding", {{"x", x},
                      {"y", {{"field", "position"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 100}}}}, {"title", "forecast position (0..100)"}}},
                      {"color", {{"field", "issue"}, {"type", "nominal"}, {"title", nullptr}}},
                      {"tooltip", nlohmann::json::array({{{"field", "date"}, {"type", "temporal"}, {"title", "Date"}, {"format", "%Y-%m-%d"}},
                                                         {{"field", "issue"}, {"title", "Issue (model)"}},
                                                         {{"field", "position"}, {"title", "Forecast"}, {"format", ".1f"}},
                                                         {{"field", "revisions"}, {"title", "What changed"}}})}}}};
    h += charts.figure(spec, "Forecast per scale issue (the ensemble, else the first model) at each date.", {"line", "symbol"});
  }
  // The table: every date, its answers and the revisions with their quotes.
  // The dates with their revisions and quotes: in the appendix, where they support the charts.
  std::string& h_table = s.appendix_html;
  h += "<p class=\"small\">Each date\u2019s revisions, their quotes and answers: <a href=\"#analysis-notes\">in the "
       "appendix</a>.</p>\n";
  h_table += "<table class=\"data\"><thead><tr><th>Date</th><th>What changed (evidence)</th><th>ZOPA</th><th>Territorial gap"
       "</th><th>Blocking sets</th><th>P(ceasefire)</th></tr></thead><tbody>\n";
  for (const auto& p : r.points) {
    std::string blocking;
    for (const auto& set : p.blocking_sets) {
      std::string one;
      for (const auto& id : set) one += (one.empty() ? "" : ", ") + id;
      blocking += (blocking.empty() ? "" : "; ") + ("{" + one + "}");
    }
    h_table += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
                     escape_html(p.date), revisions_html(p), p.zopa_size ? std::to_string(*p.zopa_size) : "-",
                     p.territorial_gap ? format_number(p.territorial_gap->gap, 0) : "-",
                     escape_html(blocking.empty() ? "none" : blocking),
                     p.p_ceasefire_by_horizon ? format_percent(*p.p_ceasefire_by_horizon) : "-");
  }
  h_table += "</tbody></table>\n";
  for (const auto& n : r.notes) h += "<p class=\"note\">" + escape_html(n) + "</p>\n";

  // Page one: from the first date to the last, P(ceasefire) and the zone, and the date that
  // moved P(ceasefire) most with what changed then.
  const auto& first = r.points.front();
  const auto& last = r.points.back();
  if (r.points.size() >= 2 && first.p_ceasefire_by_horizon && last.p_ceasefire_by_horizon) {
    const timeline::TimelinePoint* biggest = nullptr;
    double move = 0;
    for (std::size_t k = 1; k < r.points.size(); ++k)
      if (r.points[k].p_ceasefire_by_horizon && r.points[k - 1].p_ceasefire_by_horizon) {
        const double d = std::abs(*r.points[k].p_ceasefire_by_horizon - *r.points[k - 1].p_ceasefire_by_horizon);
        if (d > move) move = d, biggest = &r.points[k];
      }
    std::string why;
    if (biggest && !biggest->revisions.empty()) {
      std::string changes;
      for (const auto& rev : biggest->revisions)
        changes += fmt::format("{}{}{}: {}", changes.empty() ? "" : "; ", escape_html(rev.actor),
                               rev.issue.empty() ? "" : "." + escape_html(rev.issue), escape_html(rev.change));
      why = fmt::format(" The largest move came on {}{} ({}).", escape_html(biggest->date),
                        biggest->revisions.front().event.empty() ? "" : ", " + escape_html(biggest->revisions.front().event),
                        changes);
    }
    s.summary.push_back(
        {SummaryTopic::changed,
         fmt::format("From {} to {}: P(ceasefire by month {}) {} \u2192 {}; packages in the zone of agreement {} \u2192 "
                     "{}.{} <a href=\"#{}\">How the picture changed</a>.",
                     escape_html(first.date), escape_html(last.date), r.options.months,
                     format_percent(*first.p_ceasefire_by_horizon), format_percent(*last.p_ceasefire_by_horizon),
                     first.zopa_size ? std::to_string(*first.zopa_size) : "n/a",
                     last.zopa_size ? std::to_string(*last.zopa_size) : "n/a", why, escape_html(s.id))});
  }
  return s;
}

}  // namespace truce::report
