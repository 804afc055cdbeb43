// Unit tests of the HTML report: escaping of scenario text, the summary's sentences,
// self-containment, determinism, provenance. Inputs are the analyses run on
// tests/report/fixtures/talks.yaml through the registry (report_fixture.hpp); where a number
// is asserted, the comment says where it comes from.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <regex>

#include "report_fixture.hpp"
#include "truce/report/chart_assets.hpp"
#include "truce/report/html.hpp"
#include "truce/report/report.hpp"
#include "../../src/report/sections.hpp"  // lever_label

using namespace truce;
using namespace truce::report;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

ReportContext stub_context() { return {"9.9.9", "talks.yaml", truce::testing::stub_assets()}; }

std::string full_report(bool deal = true) {
  return render_report(truce::testing::fixture_scenario(), truce::testing::all_runs(deal), stub_context());
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = 0; (p = text.find(what, p)) != std::string::npos; p += what.size()) ++n;
  return n;
}

}  // namespace

TEST(Html, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(escape_html(R"(<a href="x">Tom & Jerry's</a>)"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(escape_html("plain text"), "plain text");
}

TEST(Html, JsonInScriptCannotCloseTheElement) {
  const nlohmann::json value = {{"quote", "</script><script>alert(1)</script> & <!-- x -->"}};
  const std::string text = json_for_script(value);
  EXPECT_THAT(text, Not(HasSubstr("</")));
  EXPECT_THAT(text, Not(HasSubstr("<!--")));
  EXPECT_EQ(nlohmann::json::parse(text), value);  // same value once parsed
}

TEST(Html, NumbersAndPercentagesForReaders) {
  EXPECT_EQ(format_number(57.25, 1), "57.2");  // 57.25 is 57.249999... in binary
  EXPECT_EQ(format_number(60.0), "60");
  EXPECT_EQ(format_number(-0.01, 1), "0");
  EXPECT_EQ(format_percent(0.7566), "76%");
  EXPECT_EQ(format_percent(0.025), "2.5%");
}

TEST(Report, ScenarioTextIsEscapedEverywhere) {
  const std::string html = full_report();
  // Scenario name `Ceasefire talks <test> & "quotes"` (talks.yaml) in the title and header.
  EXPECT_THAT(html, HasSubstr("<title>truce report: Ceasefire talks &lt;test&gt; &amp; &quot;quotes&quot;</title>"));
  EXPECT_THAT(html, HasSubstr("<h1>Ceasefire talks &lt;test&gt; &amp; &quot;quotes&quot;</h1>"));
  // Description with <b>markup</b> shows as text.
  EXPECT_THAT(html, HasSubstr("carries &lt;b&gt;markup&lt;/b&gt; &amp; entities"));
  EXPECT_THAT(html, Not(HasSubstr("<b>markup</b>")));
  // Evidence quote `North wants "all four districts" & more <now>.` from source wire-1.
  EXPECT_THAT(html, HasSubstr("North wants &quot;all four districts&quot; &amp; more &lt;now&gt;."));
  EXPECT_THAT(html, HasSubstr("<a href=\"#source-wire-1\">Talks resume in Geneva &amp; Riyadh</a>"));
  // Source publisher `Wire <Service>` and title with quotes.
  EXPECT_THAT(html, HasSubstr("Wire &lt;Service&gt;"));
  EXPECT_THAT(html, HasSubstr("Editorial: &quot;No deal&quot; is a deal"));
  // No raw `<test>`, `<now>` or `<Service>` anywhere, charts' JSON included.
  EXPECT_THAT(html, Not(HasSubstr("<test>")));
  EXPECT_THAT(html, Not(HasSubstr("<now>")));
  EXPECT_THAT(html, Not(HasSubstr("<Service>")));
  // Every <script> element is closed exactly once: no text ends one early.
  EXPECT_EQ(count(html, "<script"), count(html, "</script>"));
}

TEST(Report, ErrorTextOfAFailedAnalysisIsEscaped) {
  const std::string html = full_report();
  // all_runs: the what-it-takes analysis failed with this message.
  EXPECT_THAT(html, HasSubstr("options do not fit: &quot;horizon&quot; must be &gt; 0 &amp; &lt; 120"));
  EXPECT_THAT(html, HasSubstr("<dt>Analyses that failed</dt>"));
}

TEST(Report, SummarySaysADealExistsWithTheCountOfPackages) {
  const std::string html = full_report(true);
  // talks.yaml: 108 packages, 18 cross no red line of North or South (the veto actors), and
  // with reservation values 0 each of them beats no deal for both (`truce space talks.yaml`).
  EXPECT_THAT(html, HasSubstr("<b>A deal exists now.</b> " + stated("space.zopa_packages", "18") + " packages are acceptable to every party with a veto "
                              "(North and South) and cross no red line. Assumed: reservation values are 0 unless "
                              "set: no deal is as bad as each actor&#39;s worst package."));
  // The Nash point: territory=freeze, alliance=renounce, sanctions=lifted, guarantees=backstop.
  EXPECT_THAT(html, HasSubstr("At the Nash point: <b>Territory</b>: Freeze at the current line of contact; "
                              "<b>Alliance membership</b>: Binding renunciation; <b>Sanctions on North</b>: Lifted; "
                              "<b>Security guarantees</b>: Broker backstop."));
  EXPECT_THAT(html, Not(HasSubstr("No deal exists now")));
  // With a deal on the table the levers answer "what moves the outcome", not "what opens a deal".
  EXPECT_THAT(html, HasSubstr("<dt>What moves the outcome most</dt>"));
}

TEST(Report, SummarySaysNoDealExistsAndWhatBlocksIt) {
  const std::string html = full_report(false);
  // Reservation values north 0.75, south 0.6: no package gives both more (`truce space
  // talks.yaml --reservation north=0.75 --reservation south=0.6`: ZOPA 0).
  EXPECT_THAT(html, HasSubstr("<b>No deal exists now.</b> No package is acceptable to every party with a veto "
                              "(North and South) without crossing a red line or falling below a reservation value."));
  EXPECT_THAT(html, Not(HasSubstr("A deal exists now")));
  // The smallest blocking sets of that run: {north.reservation}, {south.reservation}.
  EXPECT_THAT(html, HasSubstr("<dd>Relaxing North\u2019s reservation value; or South\u2019s reservation value would "
                              "open a zone of possible agreement"));
  EXPECT_THAT(html, HasSubstr("<dt>What would open a deal</dt>"));
  // Broker's and Allies' reservation values are not set: the assumption is still said.
  EXPECT_THAT(html, HasSubstr("Assumed: reservation values are 0 unless set"));
}

TEST(Report, SummaryGivesTheLeverThatMovesTheOutcomeMost) {
  const std::string html = full_report();
  const auto& levers = std::get<levers::LeversResult>(*truce::testing::real_run("levers", truce::testing::levers_options()).result);
  // The bar with the largest swing among those with both outputs defined comes first in the summary.
  const levers::TornadoRow* top = nullptr;
  for (const auto& b : levers.tornado->bars)
    if (std::isfinite(b.swing) && (!top || b.swing > top->swing)) top = &b;
  ASSERT_NE(top, nullptr);
  ASSERT_GT(top->swing, 0.0);
  EXPECT_THAT(html, HasSubstr(fmt::format("The lever that moves the packages in the zone of possible agreement most: "
                                          "<b>{}</b> ({} at ",
                                          escape_html(lever_label(truce::testing::fixture_scenario(), top->parameter)),
                                          format_number(top->output_at_low, 3))));
}

TEST(Report, SummaryGivesTheCeasefireProbabilityWithItsBand) {
  const std::string html = full_report();
  const auto& sim =
      std::get<dynamics::SimulateResult>(*truce::testing::real_run("simulate", truce::testing::simulate_options()).result);
  // 400 runs, 24 months: the last month and month 12 of the run's cumulative probability.
  const auto& m24 = sim.ceasefire_by_month.at(24);
  const auto& m12 = sim.ceasefire_by_month.at(12);
  EXPECT_THAT(html, HasSubstr(fmt::format("Probability of a ceasefire by month 24: <b>{}</b> (band {}\u2013{}); by month "
                                          "12: {} (band {}\u2013{}).",
                                          stated("p_ceasefire@24|runs=400|seed=7", format_percent(m24.probability)), format_percent(m24.low),
                                          format_percent(m24.high), stated("p_ceasefire@12|runs=400|seed=7", format_percent(m12.probability)),
                                          format_percent(m12.low), format_percent(m12.high))));
  // The band is the analysis' own interval, named from its fields.
  EXPECT_THAT(html, HasSubstr("shaded: its 95% Wilson interval over the runs (Monte Carlo error only, not model error)"));
  EXPECT_THAT(html, HasSubstr("<li>400 Monte Carlo runs.</li>"));
}

TEST(Report, SummarySaysPlainlyWhatIsNotYetAvailable) {
  const Scenario& scenario = truce::testing::fixture_scenario();
  const std::string html = render_report(scenario, {}, stub_context());
  EXPECT_THAT(html, HasSubstr("Not yet available: this build of truce has no space analysis."));
  EXPECT_THAT(html, HasSubstr("Not yet available: this build of truce has no space or forecast analysis."));
  EXPECT_THAT(html, HasSubstr("Not yet available: this build of truce has no what-it-takes, levers or space analysis."));
  EXPECT_THAT(html, HasSubstr("Not yet available: this build of truce has no simulate analysis."));
  EXPECT_THAT(html, HasSubstr("No analysis ran: this build of truce registers none yet."));
  // The scenario section is there regardless.
  EXPECT_THAT(html, HasSubstr("<section id=\"scenario\">"));

  // With only a forecast, the most likely terms come from the forecast: the ensemble where it
  // ran (the default models), with its interval, its backtested record and what the
  // validation covers.
  const auto run = truce::testing::real_run("forecast", nlohmann::json::object());
  const std::string forecast_only = render_report(scenario, {run}, stub_context());
  EXPECT_THAT(forecast_only, HasSubstr("Where each issue settles, forecast by the ensemble model (validated on EU "
                                       "legislative decisions, not on wars: see the caveats)."));
  // The caveats box gives the record from the shipped fit (data/ensemble/ensemble.json: 184
  // DEU I issues, cross-validated error 23.6 against the weighted mean's 23.7).
  EXPECT_THAT(forecast_only, HasSubstr("<b>Forecasts.</b> On 184 past EU legislative decisions the ensemble missed the "
                                       "outcome by 23.6 points on average (0..100 scale), the capability \u00d7 salience "
                                       "weighted mean of the positions by 23.7: no real improvement on the simple weighted mean."));
  EXPECT_THAT(forecast_only, HasSubstr("That validation covers legislative bargaining, not war termination"));
  // Where the models are far apart, one sentence says which and why (talks.yaml, Sanctions:
  // Nash 9.0 and the EUM 97.4 lie more than 25 points from the forecasts' median, 60; the
  // others run from 46.2 to 62.4).
  EXPECT_THAT(forecast_only, HasSubstr("On <b>Sanctions on North</b> the models disagree: Nash 9 and EUM 97 against 46..62 "
                                       "for the others, because Nash bargains from the status quo at "));
  const auto& r = std::get<ForecastAnalysisResult>(*run.result);
  const auto& territory = r.issues[0].forecasts[0];
  ASSERT_EQ(territory.model, "ensemble");
  ASSERT_TRUE(territory.interval.has_value());
  // Page one's table: the value (marked as the ensemble's forecast), then the nearest named
  // term, then the interval.
  const auto row = forecast_only.find("<tr><td>Territory</td><td class=\"num\">" +
                                      stated("forecast.ensemble.territory", format_number(territory.position)) + "</td>");
  ASSERT_NE(row, std::string::npos);
  EXPECT_THAT(forecast_only.substr(row, forecast_only.find("</tr>", row) - row),
              HasSubstr(fmt::format("<td class=\"num\">{}..{}</td>", format_number(territory.interval->low, 0),
                                    format_number(territory.interval->high, 0))));
}

TEST(Report, ForecastTableShowsTheCompromiseClosedForm) {
  // The compromise model is the capability x salience weighted mean of the positions
  // (docs/models.md): computed here from talks.yaml's stances on Territory.
  const Scenario& scenario = truce::testing::fixture_scenario();
  const auto k = *find_issue(scenario, "territory");
  double weighted = 0, weights = 0;
  for (const auto& st : scenario.stances)
    if (st.issue == k) {
      const double w = st.capability.value_or(scenario.actors[st.actor].capability) * st.salience;
      weighted += w * st.position;
      weights += w;
    }
  ASSERT_GT(weights, 0);
  const std::string html = full_report();
  // The forecast table's Territory row (it has a cell per model): the compromise model's cell.
  const auto table = html.find("<table class=\"data forecast\">");
  ASSERT_NE(table, std::string::npos);
  const auto row = html.find("<tr><td>Territory</td>", table);
  ASSERT_NE(row, std::string::npos);
  const std::string territory = html.substr(row, html.find("</tr>", row) - row);
  EXPECT_THAT(territory, HasSubstr(stated("forecast.compromise.territory", format_number(weighted / weights))));
}

TEST(Report, SelfContainedNoRemoteSourceOrLink) {
  const std::string html = full_report();
  const std::regex remote(R"((src|href)\s*=\s*["']?\s*(https?:)?//)", std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, remote));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  // The source's URL (talks.yaml, wire-1) is shown as text for the reader to copy.
  EXPECT_THAT(html, HasSubstr("<span class=\"url\">https://example.org/a?x=1&amp;y=2</span>"));
  // The chart libraries are inlined (here the stubs).
  EXPECT_THAT(html, HasSubstr("<script>/*vega*/</script>"));
  EXPECT_THAT(html, HasSubstr("<script>/*vega-embed*/</script>"));
}

TEST(Report, SameInputsSameBytes) { EXPECT_EQ(full_report(), full_report()); }

TEST(Report, OneChartPerViewWithTheMarksTheBrowserTestExpects) {
  const std::string html = full_report();
  // forecast: eum and smp have history (compromise has none) -> 2; space 1; simulate 1;
  // levers 1; the scenario's stances chart 1.
  EXPECT_EQ(count(html, "class=\"vega-chart\""), 6);
  EXPECT_THAT(html, HasSubstr("data-expect-marks=\"line symbol area\""));  // simulate: band
  EXPECT_THAT(html, HasSubstr("data-expect-marks=\"rect rule\""));         // levers: tornado
}

TEST(Report, ProvenanceListsVersionOptionsAndSeeds) {
  const std::string html = full_report();
  EXPECT_THAT(html, HasSubstr("truce 9.9.9 on scenario file <code>talks.yaml</code>"));
  // simulate's options {"months": 24, "runs": 400, "seed": 7} (report_fixture.hpp).
  EXPECT_THAT(html, HasSubstr("&quot;runs&quot;: 400"));
  EXPECT_THAT(html, HasSubstr("<td class=\"num\">7</td>"));
}

TEST(ChartAssets, MissingLibrariesNameTheInstallCommand) {
  try {
    find_chart_assets({"/nonexistent/node_modules"});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("scripts/setup-report.sh"));
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/node_modules"));
  }
}

TEST(ChartAssets, SearchPathStartsWithTheEnvironmentVariable) {
  ::setenv("TRUCE_NODE_MODULES", "/opt/somewhere/node_modules", 1);
  const auto path = chart_asset_search_path("/usr/local/bin/truce");
  ::unsetenv("TRUCE_NODE_MODULES");
  ASSERT_GE(path.size(), 4u);
  EXPECT_EQ(path[0], "/opt/somewhere/node_modules");
  EXPECT_EQ(path[1], "/usr/local/bin/node_modules");
  EXPECT_EQ(path[2], "/usr/local/node_modules");
  EXPECT_EQ(path[3], "/usr/node_modules");
}

TEST(ChartAssets, ABinaryBuiltInsideTheSourceTreeFindsTheSourceTreesNodeModules) {
  const auto path = chart_asset_search_path(TRUCE_BINARY);
  const auto wanted = std::filesystem::weakly_canonical(std::filesystem::path(TRUCE_SOURCE_DIR) / "node_modules");
  bool found = false;
  for (const auto& p : path) found = found || std::filesystem::weakly_canonical(p) == wanted;
  EXPECT_TRUE(found) << "search path does not include " << wanted;
}

TEST(Report, OptionsTheReportChoosesWhereAnAnalysisNeedsThem) {
  // truce levers requires a target and what-it-takes a goal and levers (wip-levers'
  // complete_levers_options / complete_what_it_takes_options throw without them).
  Scenario with_war = truce::testing::fixture_scenario();  // talks.yaml has a dynamics section
  ASSERT_TRUE(with_war.dynamics.has_value());
  Scenario without_war = with_war;
  without_war.dynamics.reset();
  // The tornado and, beside it, Sobol indices with 128 samples and 100 bootstrap resamples.
  EXPECT_EQ(report_options(with_war, "levers"), (nlohmann::json{{"target", "p_ceasefire@12"},
                                                                {"methods", {"tornado", "sobol"}},
                                                                {"samples", 128},
                                                                {"bootstrap", 100}}));
  EXPECT_EQ(report_options(without_war, "levers"), (nlohmann::json{{"target", "zopa_size"},
                                                                   {"methods", {"tornado", "sobol"}},
                                                                   {"samples", 128},
                                                                   {"bootstrap", 100}}));
  EXPECT_EQ(report_options(with_war, "what-it-takes"), (nlohmann::json{{"goal", "zopa nonempty"}, {"levers", {"red_line_*"}}}));
  EXPECT_EQ(report_options(with_war, "forecast"), nlohmann::json::object());
}

TEST(Report, LeversThatMoveNothingAreCountedNotDrawn) {
  // Capabilities do not enter the packages' utilities (docs/space.md), so moving them cannot
  // change the size of the ZOPA: 18 packages at every setting.
  const auto run = truce::testing::real_run(
      "levers", {{"target", "zopa_size"}, {"methods", {"tornado"}}, {"parameters", {"capability.north", "capability.south"}}});
  const std::string html = render_report(truce::testing::fixture_scenario(), {run}, stub_context());
  EXPECT_THAT(html, HasSubstr("None of the 2 levers moved the packages in the zone of possible agreement within its range (baseline 18)."));
  EXPECT_THAT(html, HasSubstr("No single lever, moved within its range, changes the packages in the zone of possible agreement."));
  EXPECT_EQ(count(html, "class=\"vega-chart\""), 1);  // only the scenario's stances chart
}

TEST(Report, LeverNamesInWords) {
  const Scenario scenario = truce::testing::fixture_scenario();
  EXPECT_EQ(lever_label(scenario, "red_line_max.south.territory"), "South\u2019s red line on Territory (upper end)");
  EXPECT_EQ(lever_label(scenario, "capability.north"), "North\u2019s capability");
  EXPECT_EQ(lever_label(scenario, "salience.allies.guarantees"), "Allies\u2019 salience of Security guarantees");
  EXPECT_EQ(lever_label(scenario, "war.south.breakdown_risk"), "South\u2019s breakdown risk");
  EXPECT_EQ(lever_label(scenario, "war.territory.stalemate_ratio"), "front line: stalemate ratio");
  EXPECT_EQ(lever_label(scenario, "something.else"), "something.else");
  // Third parties' levers: their probability (whether it is used) and their effect.
  const Scenario reference = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  EXPECT_EQ(lever_label(reference, "lever_probability.united-states.guarantee.ukraine"),
            "United States\u2019 guarantee to Ukraine: whether it is used");
  EXPECT_EQ(lever_label(reference, "lever.united-states.aid.ukraine#2"), "United States\u2019 aid to Ukraine (2): its effect");
  EXPECT_EQ(lever_label(reference, "lever_probability.united-states.pressure.ukraine.territory"),
            "United States\u2019 pressure on Ukraine\u2019s red line on Territory: whether it is used");
}

// Page one cannot contradict the sections: every figure stated in more than one place (the
// ceasefire probability, the forecast per issue, the zone's size, the levers' baseline) is
// marked with its quantity, and each quantity has one value on the whole page.
TEST(Report, NoQuantityIsStatedWithTwoValues) {
  for (const bool deal : {true, false}) {
    const std::string html = full_report(deal);
    EXPECT_THAT(quantity_conflicts(html), ::testing::IsEmpty()) << (deal ? "with a deal" : "without one");
    const auto counts = quantity_statements(html);
    // Stated on page one and again in its section: the check compares real pairs.
    // Keys name the runs and seed (report_fixture.hpp: simulate 400 runs, seed 7).
    const std::string p12 = "p_ceasefire@12|runs=400|seed=7", p24 = "p_ceasefire@24|runs=400|seed=7";
    EXPECT_GE(counts.count(p12) ? counts.at(p12) : 0, 2u);
    EXPECT_GE(counts.count(p24) ? counts.at(p24) : 0, 2u);
    EXPECT_GE(counts.count("forecast.ensemble.territory") ? counts.at("forecast.ensemble.territory") : 0, 2u);
  }
  // The check finds a contradiction when there is one: the same quantity, another value.
  const std::string contradicted = full_report(true) + stated("p_ceasefire@12|runs=400|seed=7", "99.5%");
  const auto conflicts = quantity_conflicts(contradicted);
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].key, "p_ceasefire@12|runs=400|seed=7");
  EXPECT_EQ(conflicts[0].values.back(), "99.5%");
}

// The caveats box says what the numbers rest on, from the scenario and the results.
TEST(Report, CaveatsBoxSaysWhatTheNumbersRestOn) {
  const std::string html = full_report(true);
  const auto box = html.find("<section id=\"caveats\" class=\"caveats\">");
  ASSERT_NE(box, std::string::npos);
  const std::string caveats = html.substr(box, html.find("</section>", box) - box);
  // talks.yaml's stances: counted here from the scenario.
  const Scenario& scenario = truce::testing::fixture_scenario();
  std::size_t quoted = 0;
  for (const auto& st : scenario.stances) quoted += !st.evidence.empty();
  EXPECT_THAT(caveats, HasSubstr(fmt::format("Of the {} stances, {} quote a source for the position", scenario.stances.size(), quoted)));
  EXPECT_THAT(caveats, HasSubstr("<b>Forecasts.</b>"));
  EXPECT_THAT(caveats, HasSubstr("<b>The ceasefire probability</b> comes from a war model"));
  EXPECT_THAT(caveats, HasSubstr("no backtest for war termination"));
  EXPECT_THAT(caveats, HasSubstr("<b>Red lines are absolute</b>"));
}

// Print: nothing that only works on screen reaches paper, and the appendix is headed.
TEST(Report, PrintLayoutHidesInteractiveTextAndHeadsTheAppendix) {
  const std::string html = full_report(true);
  // Every "hover" is inside a screen-only span.
  for (std::size_t p = 0; (p = html.find("Hover", p)) != std::string::npos; ++p) {
    const auto span = html.rfind("<span class=\"screen-only\">", p);
    ASSERT_NE(span, std::string::npos);
    EXPECT_EQ(html.find("</span>", span), html.find("</span>", p)) << html.substr(p > 80 ? p - 80 : 0, 160);
  }
  EXPECT_THAT(html, HasSubstr("<h2 class=\"appendix-title\">Appendix</h2>"));
  EXPECT_THAT(html, HasSubstr("details::details-content { content-visibility: visible; display: block; }"));
  // Options: only those not at their default (the report's levers and what-it-takes
  // options), the complete JSON on screen only.
  EXPECT_THAT(html, HasSubstr("<details class=\"screen-only\"><summary>Complete options of every analysis (JSON)"));
  EXPECT_THAT(html, HasSubstr("all at their defaults"));
}
