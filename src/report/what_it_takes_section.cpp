// What it takes: the smallest change of some levers (red lines, by default in the report)
// that reaches a goal, such as a non-empty zone of possible agreement.

#include <fmt/format.h>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

Section render_what_it_takes_section(const Scenario& scenario, const AnalysisRun& run,
                                     const levers::WhatItTakesResult& r, ChartSet& charts) {
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

  // Each lever searched: where it stands in its range now and, where the search found one,
  // the value it would need (the chart reads in range units, as the search measures change).
  if (!r.levers.empty()) {
    nlohmann::json rows = nlohmann::json::array();
    nlohmann::json order = nlohmann::json::array();
    auto at = [](const levers::Parameter& p, double v) { return p.width() > 0 ? (v - p.low) / p.width() : 0.5; };
    for (std::size_t k = 0; k < r.levers.size(); ++k) {
      const auto& p = r.levers[k];
      const std::string name = lever_label(scenario, p.name);
      order.push_back(name);
      rows.push_back({{"lever", name}, {"kind", "range"}, {"a", 0}, {"b", 1},
                      {"text", fmt::format("{} .. {} {}", format_number(p.low, 3), format_number(p.high, 3), p.unit)}});
      rows.push_back({{"lever", name}, {"kind", "now"}, {"a", at(p, p.base)}, {"value", format_number(p.base, 3)}});
      if (reachable) {
        for (const auto& c : r.search.changes)
          if (c.lever == k && c.from != c.to)
            rows.push_back({{"lever", name}, {"kind", "needed"}, {"a", at(p, c.to)}, {"value", format_number(c.to, 3)}});
      } else if (k < r.search.closest_point.size() && r.search.closest_point[k] != p.base) {
        const double v = r.search.closest_point[k];
        rows.push_back({{"lever", name}, {"kind", "closest"}, {"a", at(p, v)}, {"value", format_number(v, 3)}});
      }
    }
    const nlohmann::json y = {{"field", "lever"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr},
                              {"axis", {{"labelLimit", 0}}}};
    const nlohmann::json x = {{"field", "a"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}},
                              {"title", "place in the lever\u2019s range (0 = low end, 1 = high end)"}};
    auto only = [](const char* kind) { return nlohmann::json::array({{{"filter", fmt::format("datum.kind === '{}'", kind)}}}); };
    nlohmann::json layers = nlohmann::json::array(
        {{{"transform", only("range")},
          {"mark", {{"type", "bar"}, {"color", "#e3e3e3"}, {"height", 10}}},
          {"encoding", {{"y", y}, {"x", x}, {"x2", {{"field", "b"}}},
                        {"tooltip", nlohmann::json::array({{{"field", "lever"}, {"title", "Lever"}}, {{"field", "text"}, {"title", "Range"}}})}}}},
         {{"transform", nlohmann::json::array({{{"filter", "datum.kind !== 'range'"}}})},
          {"mark", {{"type", "point"}, {"filled", true}, {"size", 90}}},
          {"encoding", {{"y", y}, {"x", x},
                        {"shape", {{"field", "kind"}, {"type", "nominal"}, {"title", nullptr},
                                   {"scale", {{"domain", {"now", "needed", "closest"}}, {"range", {"circle", "diamond", "diamond"}}}},
                                   {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}}}}},
                        {"color", {{"field", "kind"}, {"type", "nominal"}, {"title", nullptr},
                                   {"scale", {{"domain", {"now", "needed", "closest"}}, {"range", {"#333", "#0b5394", "#a50e0e"}}}},
                                   {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}}}}},
                        {"tooltip", nlohmann::json::array({{{"field", "lever"}, {"title", "Lever"}},
                                                           {{"field", "kind"}, {"title", "Setting"}},
                                                           {{"field", "value"}, {"title", "Value"}}})}}}}});
    nlohmann::json spec = {{"config", chart_config()}, {"width", 380}, {"height", {{"step", 26}}},
                           {"data", {{"values", rows}}}, {"layer", layers}};
    h += charts.figure(spec,
                       fmt::format("Each lever searched, over its range (grey): where it stands now (dot){}.",
                                   already ? ""
                                   : reachable ? " and the value the smallest change found needs (diamond)"
                                               : " and, where the search moved it, its value at the closest point found "
                                                 "(diamond), which still misses the goal"),
                       {"rect", "symbol"});
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
         n ? fmt::format("Moving {} lever{} only within {} range{} ({}{}) does not reach <code>{}</code> (<a href=\"#{}\">what "
                         "it takes</a>).",
                         n, n == 1 ? "" : "s", n == 1 ? "its" : "their", n == 1 ? "" : "s", n > 1 ? "" : searched,
                         n > 1 ? "the levers searched are listed there" : "", escape_html(r.goal), escape_html(s.id))
           : fmt::format("What it takes: {}.", escape_html(r.conclusion))});
  }
  h += fmt::format("<details><summary>Method and guarantee</summary><p class=\"small\">{}</p><p class=\"small\">{}</p></details>\n",
                   escape_html(r.method), escape_html(r.guarantee));
  return s;
}

}  // namespace truce::report
