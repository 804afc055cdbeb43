// The report's backtest section: how each model did on the scenario's past decisions.
#include <fmt/format.h>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

Section render_backtest_section(const Scenario&, const AnalysisRun& run, const backtest::BacktestResult& r, ChartSet&) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "Backtest: each model against the outcomes of past decisions";
  std::string& h = s.html;
  h += fmt::format("<p>{} issues with an outcome and at least {} actors, in {} proposals; {} without an outcome and {} with "
                   "too few actors are not scored. Errors are absolute, on the 0..100 scale; the difference is this "
                   "model's error minus the {}'s, case by case, with a 95% bootstrap interval over proposals.</p>\n",
                   r.cases.size(), r.options.min_actors, r.proposals, r.without_outcome, r.too_few_actors,
                   escape_html(r.baseline));
  h += "<table class=\"data\"><thead><tr><th>Model</th><th>MAE</th><th>Median AE</th><th>RMSE</th><th>Beats "
       "baseline</th><th>Difference (95% interval)</th><th>Sign test p</th></tr></thead><tbody>\n";
  for (const auto& m : r.models)
    h += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td "
        "class=\"num\">{}%</td><td class=\"num\">{} ({} .. {})</td><td class=\"num\">{}</td></tr>\n",
        escape_html(m.model), format_number(m.mae, 2), format_number(m.median_ae, 2), format_number(m.rmse, 2),
        format_number(100 * m.share_beats, 0), format_number(m.mean_difference, 2), format_number(m.difference_low, 2),
        format_number(m.difference_high, 2), format_number(m.sign_test_p, 3));
  h += "</tbody></table>\n";
  if (r.coverage)
    h += fmt::format("<p>The cross-validated ensemble's {}% intervals held {} of {} outcomes ({}%), {} points wide on "
                     "average.</p>\n",
                     format_number(100 * r.coverage->level, 0), r.coverage->covered, r.coverage->cases,
                     format_number(100 * r.coverage->share, 1), format_number(r.coverage->mean_width, 1));
  return s;
}

}  // namespace truce::report
