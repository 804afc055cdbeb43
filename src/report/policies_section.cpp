// What each pressure would achieve: the scenario's named policies against the scenario as
// coded, each with the change in the probability of a ceasefire and its paired interval.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

// "+12.3 points (95%: +11.1..+13.5)".
std::string difference_text(const levers::PolicyAtMonth& a, double level) {
  auto points = [](double d) {
    const std::string n = format_number(100 * d, 1);
    return (d > 0 && n != "0" ? "+" : "") + n;
  };
  return fmt::format("{} points ({}%: {}..{})", points(a.difference), format_number(100 * level, 0), points(a.low),
                     points(a.high));
}

}  // namespace

Section render_policies_section(const Scenario& scenario, const AnalysisRun& run, const levers::PoliciesResult& r,
                                ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "What each pressure would achieve";
  std::string& h = s.html;
  if (r.baseline.at.empty()) return s;
  const int horizon = r.baseline.at.back().month;
  const std::string key = fmt::format("p_ceasefire@{{}}|runs={}|seed={}", r.options.runs, r.options.seed);
  auto p_text = [&](const levers::PolicyAtMonth& a) { return format_percent(a.probability); };

  // The chart: each policy's difference by the horizon, with its interval, around zero.
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json order = nlohmann::json::array();
  std::vector<const levers::PolicyOutcome*> sorted;
  for (const auto& p : r.policies) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->at.back().difference > b->at.back().difference; });
  for (const auto* p : sorted) {
    const auto& a = p->at.back();
    order.push_back(p->name);
    rows.push_back({{"policy", p->name}, {"difference", a.difference}, {"low", a.low}, {"high", a.high},
                    {"probability", a.probability}});
  }
  const nlohmann::json y = {{"field", "policy"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr}};
  const nlohmann::json x = {{"field", "difference"}, {"type", "quantitative"},
                            {"title", fmt::format("change in P(ceasefire by month {}) against the scenario as coded", horizon)},
                            {"axis", {{"format", "+.0%"}}}};
  nlohmann::json spec = {
      {"config", chart_config()},
      {"width", 380},
      {"height", {{"step", 22}}},
      {"data", {{"values", rows}}},
      {"layer",
       nlohmann::json::array(
           {{{"data", {{"values", nlohmann::json::array({{{"zero", 0}}})}}},
             {"mark", {{"type", "rule"}, {"color", "#222"}}},
             {"encoding", {{"x", {{"field", "zero"}, {"type", "quantitative"}}}}}},
            {{"mark", {{"type", "rule"}, {"color", "#0b5394"}, {"strokeWidth", 2}}},
             {"encoding", {{"y", y}, {"x", {{"field", "low"}, {"type", "quantitative"}}}, {"x2", {{"field", "high"}}}}}},
            {{"mark", {{"type", "point"}, {"filled", true}, {"size", 80}, {"color", "#0b5394"}}},
             {"encoding",
              {{"y", y},
               {"x", x},
               {"tooltip", nlohmann::json::array({{{"field", "policy"}, {"title", "Policy"}},
                                                  {{"field", "probability"}, {"title", fmt::format("P(ceasefire by {})", horizon)}, {"format", ".1%"}},
                                                  {{"field", "difference"}, {"title", "Change"}, {"format", "+.1%"}},
                                                  {{"field", "low"}, {"title", "Interval low"}, {"format", "+.1%"}},
                                                  {{"field", "high"}, {"title", "Interval high"}, {"format", "+.1%"}}})}}}}})}};
  h += charts.figure(spec,
                     fmt::format("Each policy alone, everything else as coded: how much it changes the probability of a "
                                 "ceasefire by month {} ({} as coded), with the {}% interval of the paired difference "
                                 "(the same {} runs under each policy).",
                                 horizon, stated(fmt::format(fmt::runtime(key), horizon), p_text(r.baseline.at.back())),
                                 format_number(100 * r.options.interval_level, 0),
                                 format_number(static_cast<double>(r.options.runs), 0)),
                     {"symbol", "rule"});

  // The table: each policy's effect at each month, and what changes in the deal (only the
  // terms that differ from those as coded); what each policy sets and its evidence are in the
  // appendix.
  h += "<table class=\"data policies\"><thead><tr><th>Policy</th>";
  for (const auto& a : r.baseline.at) h += fmt::format("<th>P(ceasefire by {})</th>", a.month);
  h += "<th>What changes in the deal</th></tr></thead><tbody>\n";
  std::string& appendix = s.appendix_html;
  appendix += "<table class=\"data compact\"><thead><tr><th>Policy</th><th>Sets</th><th>Evidence</th></tr></thead><tbody>\n";
  auto row = [&](const levers::PolicyOutcome& p, bool baseline) {
    std::string cells;
    for (const auto& a : p.at)
      cells += fmt::format("<td>{}{}</td>",
                           baseline ? stated(fmt::format(fmt::runtime(key), a.month), p_text(a)) : p_text(a),
                           baseline ? "" : "<br><span class=\"small\">" + difference_text(a, r.options.interval_level) + "</span>");
    std::string deal;
    if (p.usual_terms.empty()) {
      deal = "no ceasefire";
    } else if (baseline) {
      deal = fmt::format("usual terms ({} of ceasefires): <a href=\"#analysis-simulate\">as in the simulation</a>",
                         format_percent(p.usual_terms_share));
    } else {
      std::vector<std::pair<std::string, std::string>> differ;
      for (std::size_t i = 0; i < p.usual_terms.size(); ++i)
        if (i >= r.baseline.usual_terms.size() || p.usual_terms[i] != r.baseline.usual_terms[i]) differ.push_back(p.usual_terms[i]);
      // The issues whose usual term differs, by name (their terms are in the appendix table).
      std::string issues;
      for (const auto& [issue, value] : differ)
        if (const auto i = find_issue(scenario, issue)) issues += (issues.empty() ? "" : ", ") + escape_html(scenario.issues[*i].name);
      deal = differ.empty() ? fmt::format("usual terms as coded ({} of ceasefires)", format_percent(p.usual_terms_share))
                            : fmt::format("usual terms ({} of ceasefires) differ on {}", format_percent(p.usual_terms_share), issues);
    }
    if (!p.most_blocking.empty() && (baseline || p.most_blocking != r.baseline.most_blocking))
      deal += fmt::format("; most often blocking: {} ({} of the months without a deal)", constraint_label(scenario, p.most_blocking),
                          format_percent(p.most_blocking_share));
    // A policy's notes once under the table, marked in its row.
    if (!p.notes.empty()) deal += " \u2020";
    h += fmt::format("<tr><td><b>{}</b></td>{}<td class=\"small\">{}</td></tr>\n", escape_html(p.name), cells, deal);
    if (baseline) return;
    std::string sets, quotes;
    for (const auto& c : p.changes)
      sets += fmt::format("{}{}: {} \u2192 {}", sets.empty() ? "" : "<br>", escape_html(lever_label(scenario, c.parameter)),
                          format_number(c.from, 3), format_number(c.to, 3));
    for (const auto& e : p.evidence)
      quotes += fmt::format("<blockquote class=\"evidence\">\u201c{}\u201d <cite><a href=\"#source-{}\">{}</a></cite></blockquote>",
                            escape_html(e.quote), escape_html(e.source), escape_html(e.source));
    appendix += fmt::format("<tr><td><b>{}</b><br><span class=\"small\">{}</span></td><td class=\"small\">{}{}</td><td>{}</td></tr>\n",
                            escape_html(p.name), escape_html(p.description), sets,
                            p.usual_terms.empty() ? ""
                                                  : "<br>Usual terms: " + describe_terms(scenario, p.usual_terms),
                            quotes);
  };
  row(r.baseline, true);
  for (const auto* p : sorted) row(*p, false);
  h += "</tbody></table>\n";
  appendix += "</tbody></table>\n";
  for (const auto* p : sorted)
    if (!p->notes.empty())
      h += fmt::format("<p class=\"small\">\u2020 {}: {}.</p>\n", escape_html(p->name), escape_html(p->notes.front()));
  h += "<p class=\"small\">What each policy sets, and the sources: <a href=\"#analysis-notes\">in the appendix</a>.</p>\n";

  // Page one: each pressure's effect, largest first.
  std::string list;
  for (const auto* p : sorted)
    list += fmt::format("{}<b>{}</b> {}{}", list.empty() ? "" : "; ", escape_html(p->name),
                        difference_text(p->at.back(), r.options.interval_level),
                        p->notes.empty() ? "" : " (a side commitment: no red line binds it)");
  s.summary.push_back({SummaryTopic::pressure,
                       fmt::format("Each named pressure alone, against the scenario as coded ({} by month {}), changes the "
                                   "probability of a ceasefire by: {}.",
                                   stated(fmt::format(fmt::runtime(key), horizon), p_text(r.baseline.at.back())), horizon, list)});
  s.caveats.push_back(
      "<b>Pressures are the war model\u2019s levers</b> switched on or off; their effects are only as good as the coded "
      "effect sizes (analyst\u2019s estimates), and their intervals are Monte Carlo error only.");
  return s;
}

}  // namespace truce::report
