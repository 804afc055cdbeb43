// What it takes: the smallest change of some levers (red lines, by default in the report)
// that reaches a goal, such as a non-empty zone of possible agreement.

#include <fmt/format.h>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  const auto* v = first_key(j, {key});
  return v && v->is_string() ? v->get<std::string>() : "";
}

}  // namespace

Section render_what_it_takes_section(const Scenario& scenario, const AnalysisRun& run, ChartSet& charts) {
  (void)charts;
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "What it takes: the smallest change that reaches the goal";
  const nlohmann::json& r = *run.result;
  std::string& h = s.html;
  const std::string goal = text_of(r, "goal");
  const bool already = first_key(r, {"base_meets_goal"}) && r["base_meets_goal"] == true;
  const bool reachable = first_key(r, {"reachable"}) && r["reachable"] == true;
  if (!goal.empty()) h += fmt::format("<p>Goal: <code>{}</code>.</p>\n", escape_html(goal));

  std::string changes;
  if (const auto* c = first_key(r, {"changes"}); c && c->is_array())
    for (const auto& ch : *c) {
      const auto from = number_at(ch, "from"), to = number_at(ch, "to");
      if (!from || !to || *from == *to) continue;
      changes += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                             escape_html(lever_label(scenario, text_of(ch, "lever"))), format_number(*from, 3),
                             format_number(*to, 3), escape_html(text_of(ch, "unit")));
    }

  if (already) {
    h += "<p>The goal already holds as the scenario stands: no change is needed.</p>\n";
  } else if (reachable && !changes.empty()) {
    h += "<table class=\"data\"><thead><tr><th>Lever</th><th>From</th><th>To</th><th>Unit</th></tr></thead><tbody>\n" +
         changes + "</tbody></table>\n";
    std::string list;
    if (const auto* c = first_key(r, {"changes"}); c && c->is_array())
      for (const auto& ch : *c) {
        const auto from = number_at(ch, "from"), to = number_at(ch, "to");
        if (!from || !to || *from == *to) continue;
        list += fmt::format("{}{} from {} to {}", list.empty() ? "" : "; ", escape_html(lever_label(scenario, text_of(ch, "lever"))),
                            format_number(*from, 3), format_number(*to, 3));
      }
    s.summary.push_back({SummaryTopic::opens, fmt::format("The smallest change found that reaches <code>{}</code>: {}.",
                                                          escape_html(goal), list)});
  }
  const std::string conclusion = text_of(r, "conclusion");
  if (!conclusion.empty()) {
    h += fmt::format("<p>{}</p>\n", escape_html(conclusion));
    if (!already && !reachable)
    {
      // Which levers were searched, so "these levers" means something in the summary.
      std::string searched;
      std::size_t n = 0;
      if (const auto* levers = first_key(r, {"levers"}); levers && levers->is_array())
        for (const auto& l : *levers) {
          const std::string name = text_of(l, "name");
          if (name.empty()) continue;
          if (n < 3) searched += (n ? "; " : "") + escape_html(lever_label(scenario, name));
          ++n;
        }
      s.summary.push_back(
          {SummaryTopic::opens,
           n ? fmt::format("Searching {} lever{} ({}{}): {}.", n, n == 1 ? "" : "s", searched, n > 3 ? "; \u2026" : "",
                           escape_html(conclusion))
             : fmt::format("What it takes: {}.", escape_html(conclusion))});
    }
  }
  if (!already && !reachable && conclusion.empty())
    h += "<p>No change of these levers within their ranges reaches the goal.</p>\n";
  const std::string method = text_of(r, "method"), guarantee = text_of(r, "guarantee");
  if (!method.empty() || !guarantee.empty())
    h += fmt::format("<details><summary>Method and guarantee</summary><p class=\"small\">{}</p><p class=\"small\">{}</p></details>\n",
                     escape_html(method), escape_html(guarantee));
  return s;
}

}  // namespace truce::report
