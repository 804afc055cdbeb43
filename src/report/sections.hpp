#pragma once
// Internal to the report writer: what a section renderer returns, the shared chart helpers
// (actor palette, Vega-Lite config) and one renderer per analysis, each reading its
// analysis' typed result.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/report/report.hpp"

namespace truce::report {

// What a section contributes to page one, the answer. Text is HTML. The topics in page order:
// whether a deal exists, what blocks it and would open one, what each pressure would achieve,
// the ceasefire month by month, how the picture changed, the most likely terms.
enum class SummaryTopic { deal, opens, pressure, ceasefire, changed, terms, other };
struct SummaryLine {
  SummaryTopic topic = SummaryTopic::other;
  std::string html;
};

struct Section {
  std::string analysis;  // the analysis name ("" for the scenario section)
  std::string id;     // HTML anchor
  std::string title;
  std::string html;   // the body: charts, tables, notes
  std::vector<SummaryLine> summary;
  std::string terms_table;
  std::string appendix_html;  // detail that explains the numbers but need not interrupt them (model notes)  // the most likely terms as a compact table for page one (forecast)
  // What the section's numbers rest on, one sentence each (HTML), for the caveats box on page
  // one: assumptions, model switches and how much they move the result, what validation covers.
  std::vector<std::string> caveats;
  std::optional<bool> deal_exists;  // set by the section that knows (the agreement space)
};

// Hands out chart ids in page order so the page is deterministic.
class ChartSet {
 public:
  // A <figure> holding the chart, its spec as JSON, and a caption. `expected_marks` lists
  // the Vega mark types the browser test expects to find drawn (e.g. "line", "symbol").
  std::string figure(const nlohmann::json& spec, const std::string& caption_html,
                     const std::vector<std::string>& expected_marks);
  int count() const { return next_; }

 private:
  int next_ = 0;
};

// Actor colours: a fixed palette keyed by the actor's order in the scenario, so an actor
// has the same colour in every chart of the report.
const std::vector<std::string>& actor_palette();
std::string actor_colour(std::size_t actor);
// The label an actor has in every chart (its name; "name (id)" where names repeat).
std::vector<std::string> actor_labels(const Scenario& scenario);
// Vega-Lite colour scale for actors: every actor of the scenario in order, whether or not
// it appears in this chart's data.
nlohmann::json actor_colour_scale(const Scenario& scenario);
// Shared Vega-Lite config: fonts and sizes that stay readable on screen and in the PDF.
nlohmann::json chart_config();

// "North's", "Allies'": an actor's name made possessive (typographic apostrophe).
std::string possessive(const std::string& name);

// Text wrapped at spaces into lines of at most `max_chars` characters (a longer word has a
// line of its own): for chart labels, which are wrapped, never cut short.
std::vector<std::string> wrap_words(const std::string& text, std::size_t max_chars);

// A package's terms, (issue id, value id) pairs, as "Issue: label; ..." in the scenario's
// issue order (a point's or option's label where the issue names one).
std::string describe_terms(const Scenario& scenario, const std::vector<std::pair<std::string, std::string>>& terms);

// Next to a term on `issue` that crosses the red lines of the actors `crossed`
// (red_line_check.hpp): " (outside Russia’s red line, 70..100: a veto actor rules it out)",
// every veto actor among them in the one bracket; "" when no veto actor's red line is crossed
// (the others' are not the point of a warning). HTML.
std::string veto_red_line_warning(const Scenario& scenario, std::size_t issue, const std::vector<std::size_t>& crossed);

// A constraint's id in words: "ACTOR.ISSUE" is the actor's red line on the issue,
// "ACTOR.reservation" its reservation value; anything else as it is. HTML.
std::string constraint_label(const Scenario& scenario, const std::string& id);

// A lever's name in words: "red_line_max.south.territory" -> "South's red line on Territory
// (upper end)"; the name itself when it is not one truce levers makes.
std::string lever_label(const Scenario& scenario, const std::string& parameter);

// Renderers, one per analysis result.
Section render_scenario_section(const Scenario& scenario, ChartSet& charts);
Section render_forecast_section(const Scenario& scenario, const AnalysisRun& run, const ForecastAnalysisResult& result,
                                ChartSet& charts);
Section render_space_section(const Scenario& scenario, const AnalysisRun& run, const space::SpaceAnalysisResult& result,
                             ChartSet& charts);
Section render_simulate_section(const Scenario& scenario, const AnalysisRun& run, const dynamics::SimulateResult& result,
                                ChartSet& charts);
Section render_levers_section(const Scenario& scenario, const AnalysisRun& run, const levers::LeversResult& result,
                              ChartSet& charts);
Section render_what_it_takes_section(const Scenario& scenario, const AnalysisRun& run,
                                     const levers::WhatItTakesResult& result, ChartSet& charts);

Section render_policies_section(const Scenario& scenario, const AnalysisRun& run, const levers::PoliciesResult& result,
                                ChartSet& charts);

Section render_backtest_section(const Scenario& scenario, const AnalysisRun& run, const backtest::BacktestResult& result,
                                ChartSet& charts);

// Negotiation as a process: every variant of the scenario's negotiation section (run here,
// with its trace: negotiate::scenario_negotiations), the run's own negotiation among them.
Section render_negotiate_section(const Scenario& scenario, const AnalysisRun& run, const negotiate::NegotiateResult& result,
                                 ChartSet& charts);
// The same with the variants already run (tests run them once).
Section render_negotiate_section(const Scenario& scenario, const AnalysisRun& run, const negotiate::NegotiateResult& result,
                                 const std::vector<negotiate::NamedNegotiation>& variants, ChartSet& charts);

// "How the picture changed": the headline answers by date, each point with its revisions.
Section render_timeline_section(const Scenario& scenario, const AnalysisRun& run, const timeline::TimelineResult& result,
                                ChartSet& charts);

// Page one: the answer in plain words and the caveats box, from whatever sections exist;
// says what is not yet available.
std::string render_summary(const Scenario& scenario, const std::vector<AnalysisRun>& runs,
                           const std::vector<Section>& sections);

// What the scenario's stances rest on, for the caveats box: how many cite a quoted source,
// how many are the analyst's estimate by their own notes.
std::string evidence_caveat(const Scenario& scenario);

// A forecast model's title for readers ("EUM", "Ensemble"); the name where none is registered.
std::string model_title(const std::string& model);
// The same inside a sentence: "the EUM", "the ensemble model" (acronyms and names as titled,
// other titles in lower case).
std::string model_words(const std::string& model);

}  // namespace truce::report
