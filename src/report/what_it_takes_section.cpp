// What it takes: the smallest change of some levers (red lines, by default in the report)
// that reaches a goal, such as a non-empty zone of possible agreement.

#include <fmt/format.h>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

Section render_what_it_takes_section(const Scenario& scenario, const AnalysisRun& run,
                                     const levers::WhatItTakesResult& r, ChartSet& charts) {
  (void)charts;
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "What it takes: the smallest change that reaches the goal";
  std::string& h = s.html;
  const bool already = r.search.base_meets_goal;
  const bool reachable = r.search.reachable;
  h += fmt::format("<p>Goal: <code>{}</code>.</p>\n", escape_html(r.goal));

  // The levers that moved (the search lists every lever, unchanged ones too).
  std::string changes, list;
  for (const auto& c : r.search.changes) {
    if (c.from == c.to) continue;
    const auto& lever = r.levers[c.lever];
    changes += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                           escape_html(lever_label(scenario, lever.name)), format_number(c.from, 3),
                           format_number(c.to, 3), escape_html(lever.unit));
    list += fmt::format("{}{} from {} to {}", list.empty() ? "" : "; ", escape_html(lever_label(scenario, lever.name)),
                        format_number(c.from, 3), format_number(c.to, 3));
  }

  if (already) {
    h += "<p>The goal already holds as the scenario stands: no change is needed.</p>\n";
  } else if (reachable && !changes.empty()) {
    h += "<table class=\"data\"><thead><tr><th>Lever</th><th>From</th><th>To</th><th>Unit</th></tr></thead><tbody>\n" +
         changes + "</tbody></table>\n";
    s.summary.push_back({SummaryTopic::opens, fmt::format("The smallest change found that reaches <code>{}</code>: {}.",
                                                          escape_html(r.goal), list)});
  }
  if (!reachable) {
    h += fmt::format("<p>{}</p>\n", escape_html(r.conclusion));
    // Which levers were searched, so "these levers" means something in the summary.
    std::string searched;
    for (std::size_t n = 0; n < r.levers.size() && n < 3; ++n)
      searched += (n ? "; " : "") + escape_html(lever_label(scenario, r.levers[n].name));
    const std::size_t n = r.levers.size();
    s.summary.push_back(
        {SummaryTopic::opens,
         n ? fmt::format("Searching {} lever{} ({}{}): {}.", n, n == 1 ? "" : "s", searched, n > 3 ? "; \u2026" : "",
                         escape_html(r.conclusion))
           : fmt::format("What it takes: {}.", escape_html(r.conclusion))});
  }
  h += fmt::format("<details><summary>Method and guarantee</summary><p class=\"small\">{}</p><p class=\"small\">{}</p></details>\n",
                   escape_html(r.method), escape_html(r.guarantee));
  return s;
}

}  // namespace truce::report
