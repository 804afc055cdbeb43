// The fallback for an analysis without a dedicated renderer: its headline and a table of
// its numeric (and short text) leaves, so a new analysis shows up in the report at once.

#include <fmt/format.h>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

constexpr std::size_t max_rows = 60;
constexpr std::size_t max_array_walked = 12;

void collect_leaves(const nlohmann::json& j, const std::string& path, std::vector<std::pair<std::string, std::string>>& rows,
                    std::size_t& skipped) {
  if (rows.size() >= max_rows) {
    ++skipped;
    return;
  }
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) collect_leaves(v, path.empty() ? k : path + "." + k, rows, skipped);
  } else if (j.is_array()) {
    if (j.size() > max_array_walked) {
      rows.emplace_back(path, fmt::format("a list of {} items", j.size()));
      return;
    }
    for (std::size_t k = 0; k < j.size(); ++k) collect_leaves(j[k], fmt::format("{}[{}]", path, k), rows, skipped);
  } else if (j.is_number()) {
    rows.emplace_back(path, format_number(j.get<double>(), 4));
  } else if (j.is_boolean()) {
    rows.emplace_back(path, j.get<bool>() ? "yes" : "no");
  } else if (j.is_string()) {
    rows.emplace_back(path, shorten(j.get<std::string>(), 160));
  } else if (j.is_null()) {
    rows.emplace_back(path, "n/a");
  }
}

}  // namespace

Section render_generic_section(const Scenario& scenario, const AnalysisRun& run, ChartSet& charts) {
  (void)scenario;
  (void)charts;
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = run.description.empty() ? run.name : fmt::format("{}: {}", run.name, run.description);
  const nlohmann::json& r = *run.result;
  std::string& h = s.html;
  if (const auto* headline = first_key(r, {"headline", "summary"}); headline && headline->is_string()) {
    h += fmt::format("<p class=\"headline\">{}</p>\n", escape_html(headline->get<std::string>()));
    s.summary.push_back({SummaryTopic::other, fmt::format("{}: {}", escape_html(run.name), escape_html(headline->get<std::string>()))});
  }
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t skipped = 0;
  collect_leaves(r, "", rows, skipped);
  h += "<p class=\"small\">This report has no dedicated view of this analysis yet; its result\u2019s values:</p>\n";
  h += "<table class=\"data compact\"><thead><tr><th>Field</th><th>Value</th></tr></thead><tbody>\n";
  for (const auto& [k, v] : rows)
    h += fmt::format("<tr><td><code>{}</code></td><td>{}</td></tr>\n", escape_html(k.empty() ? "(result)" : k), escape_html(v));
  h += "</tbody></table>\n";
  if (skipped) h += fmt::format("<p class=\"small\">{} more values not shown; `truce {} FILE --format json` prints them all.</p>\n", skipped, escape_html(run.name));
  return s;
}

SectionRenderer section_renderer(const std::string& analysis_name) {
  // The analyses' registry names, and the names the models run under on their own.
  if (analysis_name == "forecast" || analysis_name == "eum" || analysis_name == "smp" || analysis_name == "compromise")
    return render_forecast_section;
  if (analysis_name == "space" || analysis_name == "zopa") return render_space_section;
  if (analysis_name == "simulate" || analysis_name == "dynamics") return render_simulate_section;
  if (analysis_name == "levers" || analysis_name == "sensitivity") return render_levers_section;
  if (analysis_name == "what-it-takes") return render_what_it_takes_section;
  return render_generic_section;
}

}  // namespace truce::report
