// Unit tests of the HTML report: escaping of scenario text, the summary's sentences,
// self-containment, determinism, the fallback renderer. Inputs are the fixtures in
// tests/report/fixtures (results hand-written in the shapes docs/report.md documents; the
// numbers asserted below are those files' numbers, cited at each assertion).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

std::string full_report(const std::string& space_file = "space") {
  return render_report(truce::testing::fixture_scenario(), truce::testing::all_fixture_runs(space_file), stub_context());
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
  // all_fixture_runs: the "broken" analysis failed with this message.
  EXPECT_THAT(html, HasSubstr("options do not fit: &quot;horizon&quot; must be &gt; 0 &amp; &lt; 120"));
  EXPECT_THAT(html, HasSubstr("<dt>Analyses that failed</dt>"));
}

TEST(Report, SummarySaysADealExistsWithTheCountOfPackages) {
  const std::string html = full_report("space");
  // space.json: zopa {empty: false, size: 11}; veto actors North and South (talks.yaml).
  EXPECT_THAT(html, HasSubstr("<b>A deal exists now.</b> 11 packages are acceptable to every party with a veto "
                              "(North and South) and cross no red line."));
  // space.json: nash terms territory=freeze, alliance=renounce, sanctions=lifted, guarantees=backstop.
  EXPECT_THAT(html, HasSubstr("At the Nash point: <b>Territory</b>: Freeze at the current line of contact; "
                              "<b>Alliance membership</b>: Binding renunciation; <b>Sanctions on North</b>: Lifted; "
                              "<b>Security guarantees</b>: Broker backstop."));
  EXPECT_THAT(html, Not(HasSubstr("No deal exists now")));
  // With a deal on the table the levers answer "what moves the outcome", not "what opens a deal".
  EXPECT_THAT(html, HasSubstr("<dt>What moves the outcome most</dt>"));
}

TEST(Report, SummarySaysNoDealExistsAndWhatBlocksIt) {
  const std::string html = full_report("space-no-deal");
  // space-no-deal.json: zopa {empty: true, blocking: north's red line on territory, south's reservation value}.
  EXPECT_THAT(html, HasSubstr("<b>No deal exists now.</b> No package is acceptable to every party with a veto "
                              "(North and South) without crossing a red line or falling below a reservation value."));
  // levers.json's what_it_takes speaks first for "what would open a deal", the space's blockers after it.
  EXPECT_THAT(html, HasSubstr("<dt>What would open a deal</dt>\n<dd>A broker backstop guarantee together with phased "
                              "sanctions relief opens a deal for both belligerents.</dd>"));
  EXPECT_THAT(html, Not(HasSubstr("A deal exists now")));
  // With no levers result, the space's smallest blocking set answers.
  auto runs = truce::testing::all_fixture_runs("space-no-deal");
  runs.erase(runs.begin() + 3);  // levers
  const std::string without_levers = render_report(truce::testing::fixture_scenario(), runs, stub_context());
  EXPECT_THAT(without_levers, HasSubstr("<dd>Relaxing North\u2019s red line on Territory and "
                                        "South\u2019s reservation value"));
}

TEST(Report, SummaryGivesTheLeverThatMovesTheOutcomeMost) {
  const std::string html = full_report();
  // levers.json: swings guarantee |0.52-0.24| = 0.28 > aid 0.22 > trend 0.15 > sanctions 0.11 > optimism 0.07.
  EXPECT_THAT(html, HasSubstr("The lever that moves the probability of a ceasefire within 12 months most: "
                              "<b>Credible security guarantee</b> (24% at \u201cnone\u201d, 52% at \u201cbroker backstop\u201d; 31% now)."));
  const auto guarantee = html.find("<tr><td>Credible security guarantee</td>");
  const auto aid = html.find("<tr><td>Broker aid to South</td>");
  const auto optimism = html.find("<tr><td>North&#39;s optimism about the war</td>");
  ASSERT_NE(guarantee, std::string::npos);
  EXPECT_LT(guarantee, aid);
  EXPECT_LT(aid, optimism);
}

TEST(Report, SummaryGivesTheCeasefireProbabilityWithItsBand) {
  const std::string html = full_report();
  // simulate.json: month 24 probability 0.7565, band 0.709..0.8041; month 12 0.2887, band 0.1888..0.3886.
  EXPECT_THAT(html, HasSubstr("Probability of a ceasefire by month 24: <b>76%</b> (band 71%\u201380%); "
                              "by month 12: 29% (band 19%\u201339%)."));
}

TEST(Report, SummarySaysPlainlyWhatIsNotYetAvailable) {
  const Scenario scenario = truce::testing::fixture_scenario();
  const std::string html = render_report(scenario, {}, stub_context());
  EXPECT_THAT(html, HasSubstr("Not yet available: this build of truce has no space analysis."));
  EXPECT_THAT(html, HasSubstr("Not yet available: this build of truce has no space or forecast analysis."));
  EXPECT_THAT(html, HasSubstr("Not yet available: this build of truce has no what-it-takes, levers or space analysis."));
  EXPECT_THAT(html, HasSubstr("Not yet available: this build of truce has no simulate analysis."));
  EXPECT_THAT(html, HasSubstr("No analysis ran: this build of truce registers none yet."));
  // The scenario section is there regardless.
  EXPECT_THAT(html, HasSubstr("<section id=\"scenario\">"));

  // With only a forecast, the most likely terms come from the forecast (first model: eum,
  // territory 57.2 nearest to "South withdraws from the contested districts" at 58).
  const std::string forecast_only =
      render_report(scenario, {truce::testing::fixture_run("forecast", "forecast")}, stub_context());
  EXPECT_THAT(forecast_only, HasSubstr("Where the issues settle, forecast by the eum model: <b>Territory</b> 57.2 "
                                       "(near \u201cSouth withdraws from the contested districts\u201d)"));
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

TEST(Report, GenericSectionForAnAnalysisWithoutItsOwnView) {
  const std::string html = full_report();
  // negotiate.json: headline, rounds 14, agreement true, a trace of 30 items.
  EXPECT_THAT(html, HasSubstr("negotiate: Stacked alternating offers reached agreement in round 14 of 40."));
  EXPECT_THAT(html, HasSubstr("<tr><td><code>rounds</code></td><td>14</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<tr><td><code>agreement</code></td><td>yes</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<tr><td><code>trace</code></td><td>a list of 30 items</td></tr>"));
}

TEST(Report, ProvenanceListsVersionOptionsAndSeeds) {
  const std::string html = full_report();
  EXPECT_THAT(html, HasSubstr("truce 9.9.9 on scenario file <code>talks.yaml</code>"));
  // simulate's options {"months": 24, "runs": 2000, "seed": 7} (report_fixture.hpp).
  EXPECT_THAT(html, HasSubstr("&quot;runs&quot;: 2000"));
  EXPECT_THAT(html, HasSubstr("<td class=\"num\">7</td>"));
}

TEST(Report, UnreadableResultsBecomeSentencesNotCrashes) {
  const Scenario scenario = truce::testing::fixture_scenario();
  std::vector<AnalysisRun> runs;
  for (const char* name : {"forecast", "space", "simulate", "levers"}) {
    AnalysisRun r;
    r.name = name;
    r.result = nlohmann::json{{"unexpected", {1, 2, 3}}};
    runs.push_back(r);
  }
  const std::string html = render_report(scenario, runs, stub_context());
  EXPECT_THAT(html, HasSubstr("The forecast result has no model forecasts this report can read"));
  EXPECT_THAT(html, HasSubstr("The result has no ceasefire probability by month this report can read"));
  EXPECT_THAT(html, HasSubstr("Not available: the space analysis ran but its result does not say."));
  EXPECT_THAT(html, HasSubstr("Not available: the space analysis ran but its result does not say; "
                              "the forecast analysis ran but its result does not say."));
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
  EXPECT_EQ(report_options(with_war, "levers"), (nlohmann::json{{"target", "p_ceasefire@12"}, {"methods", {"tornado"}}}));
  EXPECT_EQ(report_options(without_war, "levers"), (nlohmann::json{{"target", "zopa_size"}, {"methods", {"tornado"}}}));
  EXPECT_EQ(report_options(with_war, "what-it-takes"), (nlohmann::json{{"goal", "zopa nonempty"}, {"levers", {"red_line_*"}}}));
  EXPECT_EQ(report_options(with_war, "forecast"), nlohmann::json::object());
}

TEST(Report, LeversThatMoveNothingAreCountedNotDrawn) {
  AnalysisRun run;
  run.name = "levers";
  run.result = nlohmann::json{
      {"base_output", 0.0},
      {"target", {{"description", "packages in the zone of possible agreement (count)"}}},
      {"tornado", {{"bars", {{{"parameter", "capability.north"}, {"low", 72}, {"high", 88}, {"output_at_low", 0.0}, {"output_at_high", 0.0}},
                             {{"parameter", "salience.south.territory"}, {"low", 0.9}, {"high", 1}, {"output_at_low", 0.0}, {"output_at_high", 0.0}}}}}}};
  const std::string html = render_report(truce::testing::fixture_scenario(), {run}, stub_context());
  EXPECT_THAT(html, HasSubstr("None of the 2 levers moved the packages in the zone of possible agreement within its range (baseline 0)."));
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
}
