// Each section renderer on the analyses' own results (run on talks.yaml through the
// registry, report_fixture.hpp): what the section shows is what the typed result says.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report_fixture.hpp"
#include "truce/report/html.hpp"
#include "../../src/report/sections.hpp"  // lever_label, describe_terms

using namespace truce;
using namespace truce::report;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

std::string render(const std::vector<AnalysisRun>& runs) {
  return render_report(truce::testing::fixture_scenario(), runs, {"9.9.9", "talks.yaml", truce::testing::stub_assets()});
}

}  // namespace

TEST(Sections, ForecastTableChartsAndParameters) {
  const auto run = truce::testing::real_run("forecast", nlohmann::json::object());
  const std::string html = render({run});
  // The default models, in their order; eum and smp have rounds, so a chart each.
  // Model titles from the model registry (forecast_models.cpp), not their ids.
  EXPECT_THAT(html, HasSubstr("<th>Issue</th><th>Ensemble</th><th>Compromise</th><th>Mean</th><th>Median</th><th>Nash</th>"
                              "<th>EUM</th><th>SMP</th>"));
  EXPECT_THAT(html, HasSubstr("Model <b>EUM</b>: each actor\u2019s position round by round"));
  EXPECT_THAT(html, HasSubstr("Model <b>SMP</b>: each actor\u2019s position round by round"));
  EXPECT_THAT(html, Not(HasSubstr("Model <b>Compromise</b>: each actor")));
  // The models' parameters and notes are in the appendix, open.
  EXPECT_THAT(html, HasSubstr("<details open><summary>Model EUM: parameters and notes</summary>"));
  // EUM's default max_rounds (expected_utility.hpp) among its parameters.
  EXPECT_THAT(html, HasSubstr("<tr><td>max_rounds</td><td>500</td></tr>"));
  // Every scale issue's eum position, as the result has it.
  const auto& r = std::get<ForecastAnalysisResult>(*run.result);
  for (const auto& issue : r.issues)
    for (const auto& f : issue.forecasts)
      if (f.model == "eum" && issue.kind == IssueKind::scale)
        EXPECT_THAT(html, HasSubstr(stated("forecast.eum." + issue.id, format_number(f.position))));
}

// The summary never gives a term a veto actor's red line rules out without saying so. Nash
// against a stated status quo 0 puts Territory at 15.8, below North's red line (50..100); on
// the guarantees the dynamics section's status quo, no guarantee, stands (North likes it best).
TEST(Sections, ForecastTermsOutsideAVetoActorsRedLineSaySo) {
  const auto run = truce::testing::real_run(
      "forecast", {{"models", {"nash"}}, {"nash", {{"status_quo", {{"territory", 0}, {"alliance", 0}, {"sanctions", 0}}}}}});
  const auto& r = std::get<ForecastAnalysisResult>(*run.result);
  ASSERT_EQ(r.issues[0].forecasts[0].veto_red_lines_crossed, std::vector<std::string>{"north"});
  const std::string html = render({run});
  const std::string warning =
      "<span class=\"red-line\">(outside North\u2019s red line, 50..100: a veto actor rules it out)</span>";
  // Page one's table: value, nearest named term, no interval (Nash gives none), the warning.
  EXPECT_THAT(html, HasSubstr(fmt::format("<tr><td>Territory</td><td class=\"num\">{}</td><td>\u201cNo cession\u201d</td>"
                                          "<td class=\"num\">\u2014</td><td>{}</td></tr>",
                                          stated("forecast.nash.territory", format_number(r.issues[0].forecasts[0].position)),
                                          warning)));
  EXPECT_THAT(html, HasSubstr("<tr><td>Security guarantees</td><td class=\"num\">p 1</td><td>\u201cNo guarantee\u201d (an "
                              "option)</td><td></td><td></td></tr>"));
  // The forecast table marks the term, and shows the options issue's forecast instead of n/a;
  // every option's probability is listed below it.
  EXPECT_THAT(html, HasSubstr(stated("forecast.nash.territory", format_number(r.issues[0].forecasts[0].position)) +
                              "<span class=\"red-line\" title=\"outside a veto actor\u2019s red line\">\u2020</span></td>"));
  // talks.yaml's guarantees: none (A), force (B), backstop (C); Nash picks "none".
  EXPECT_THAT(html, HasSubstr("<td><b>A</b> <span class=\"num\">1</span></td>"));
  EXPECT_THAT(html, HasSubstr("<b>Security guarantees</b>: <b>A</b> No guarantee; <b>B</b> "));
  EXPECT_THAT(html, HasSubstr("<tr><td>Security guarantees</td><td>Nash</td><td class=\"small\">none 1 \u00b7 force 0 "
                              "\u00b7 backstop 0</td></tr>"));
}

// Relaxing South's red line on Territory (with North's reservation value raised) moves the
// Nash point to the partial withdrawal (58), outside South's 0..55: the summary says so.
TEST(Sections, SpaceTermsOutsideAVetoActorsRelaxedRedLineSaySo) {
  const auto run = truce::testing::real_run(
      "space", {{"relax", {"south.territory"}}, {"reservation", {{"north", 0.7}, {"south", 0.3}}}});
  const std::string html = render({run});
  EXPECT_THAT(html, HasSubstr("<dd>At the Nash point: <b>Territory</b>: South withdraws from the contested districts "
                              "<span class=\"red-line\">(outside South\u2019s red line, 0..55: a veto actor rules it "
                              "out)</span>; <b>Alliance membership</b>: Binding renunciation;"));
}

TEST(Sections, SpaceWithADealDrawsTheFrontierAndItsSolutionPoints) {
  const auto run = truce::testing::real_run("space", nlohmann::json::object());
  const std::string html = render({run});
  const auto& r = std::get<space::SpaceAnalysisResult>(*run.result);
  ASSERT_GT(r.result.zopa, 0u);
  // The frontier over all four actors, a line through the part no other point beats for
  // North and South, and the three solution points.
  // Every package binned under the frontier (rect), the frontier's points and its line.
  EXPECT_THAT(html, HasSubstr("data-expect-marks=\"rect symbol line\""));
  EXPECT_GE(r.two_bargainer_frontier.size(), 2u);
  EXPECT_LE(r.two_bargainer_frontier.size(), r.result.frontier.size());
  EXPECT_THAT(html, HasSubstr("North\u2019s reservation value"));
  EXPECT_THAT(html, HasSubstr(fmt::format("<tr><td>Nash point</td><td>{}</td>",
                                          describe_terms(truce::testing::fixture_scenario(), r.terms(r.result.nash->point.package)))));
  EXPECT_THAT(html, Not(HasSubstr("<h3>What blocks a deal</h3>")));
}

TEST(Sections, TheTwoBargainerFrontierIsWhatNeitherCanImproveOn) {
  const auto& r = std::get<space::SpaceAnalysisResult>(*truce::testing::real_run("space", nlohmann::json::object()).result);
  const auto x = r.result.bargainers[0], y = r.result.bargainers[1];
  // Brute force over the frontier: a point is on the pair's frontier exactly when no other
  // point is at least as good for both and better for one.
  std::vector<std::size_t> expected;
  for (std::size_t i = 0; i < r.result.frontier.size(); ++i) {
    const auto& p = r.result.frontier[i].utility;
    bool beaten = false;
    for (const auto& q : r.result.frontier)
      beaten = beaten || (q.utility[x] >= p[x] && q.utility[y] >= p[y] && (q.utility[x] > p[x] || q.utility[y] > p[y]));
    if (!beaten) expected.push_back(i);
  }
  EXPECT_EQ(r.two_bargainer_frontier, expected);
}

TEST(Sections, SpaceWithoutADealTabulatesTheBlockingSets) {
  const auto run = truce::testing::real_run("space", truce::testing::no_deal_space_options());
  const std::string html = render({run});
  const auto& r = std::get<space::SpaceAnalysisResult>(*run.result);
  ASSERT_EQ(r.result.zopa, 0u);
  ASSERT_EQ(r.result.blocking.size(), 2u);  // {north.reservation}, {south.reservation}
  // A sentence in the section; the package each set opens in the appendix.
  EXPECT_THAT(html, HasSubstr("<p><b>What blocks a deal:</b> relaxing North\u2019s reservation value; or South\u2019s "
                              "reservation value alone would open one"));
  EXPECT_THAT(html, HasSubstr("<h4>What blocks a deal</h4>"));
  EXPECT_THAT(html, HasSubstr("Open circles: the package each smallest set of blocking constraints would open"));
  EXPECT_THAT(html, HasSubstr(fmt::format("<tr><td>North\u2019s reservation value</td><td>{}</td></tr>",
                                          describe_terms(truce::testing::fixture_scenario(),
                                                         r.terms(r.result.blocking[0].opens.package)))));
}

TEST(Sections, LeversTornadoRanksBySwingAndNamesLeversInWords) {
  const auto run = truce::testing::real_run("levers", truce::testing::levers_options());
  const std::string html = render({run});
  const auto& r = std::get<levers::LeversResult>(*run.result);
  EXPECT_THAT(html, HasSubstr("data-expect-marks=\"rect rule\""));
  std::size_t without_effect = 0;
  for (const auto& b : r.tornado->bars) without_effect += b.swing == 0;
  ASSERT_GT(without_effect, 0u);
  EXPECT_THAT(html, HasSubstr(fmt::format("{} levers did not move the packages in the zone of possible agreement at all",
                                          without_effect)));
  EXPECT_THAT(html, HasSubstr("red line on Territory"));
}

TEST(Sections, SimulateShowsTheMedianMonthTermsAndBlockers) {
  const auto run = truce::testing::real_run("simulate", truce::testing::simulate_options());
  const std::string html = render({run});
  const auto& r = std::get<dynamics::SimulateResult>(*run.result);
  ASSERT_TRUE(r.median_month_of_ceasefires);
  EXPECT_THAT(html, HasSubstr(fmt::format("<li>Where a ceasefire happens, half happen by month {}.</li>",
                                          *r.median_month_of_ceasefires)));
  EXPECT_THAT(html, HasSubstr("Most frequent terms of a ceasefire in the war model, issue by issue: <b>Territory</b>: "));
  // The terms as a distribution: the top package's share, and the front line at the ceasefires.
  ASSERT_FALSE(r.frequent_packages.empty());
  EXPECT_THAT(html, HasSubstr(fmt::format("<p><b>The terms.</b> The most frequent package is {} of the ceasefires",
                                          format_percent(r.frequent_packages.front().share))));
  EXPECT_THAT(html, HasSubstr(fmt::format("Ceasefires come when the front line (Territory) stands at a median of {}",
                                          format_number(r.front_line_at_ceasefire.median, 0))));
  ASSERT_FALSE(r.blocking.empty());
  EXPECT_THAT(html, HasSubstr(fmt::format("</td><td class=\"num\">{}</td></tr>", format_percent(r.blocking[0].share))));
}

TEST(Sections, WhatItTakesWhenTheGoalHoldsAndWhenItCannotBeReached) {
  // With the scenario's reservation values a ZOPA exists already.
  const std::string holds = render({truce::testing::real_run("what-it-takes", truce::testing::what_it_takes_options())});
  EXPECT_THAT(holds, HasSubstr("The goal already holds as the scenario stands: no change is needed."));
  // North's capability alone cannot pull the compromise on Territory to 99: a weighted mean
  // of positions below 99 stays below 99 whatever one weight is.
  const auto run = truce::testing::real_run(
      "what-it-takes", {{"goal", "forecast.territory >= 99"}, {"levers", {"capability.north"}}, {"target_options", {{"model", "compromise"}}}});
  const auto& r = std::get<levers::WhatItTakesResult>(*run.result);
  ASSERT_FALSE(r.search.reachable);  // its best: North at the top of its range, 54.4954 (the run's closest_output)
  const std::string unreachable = render({run});
  EXPECT_THAT(unreachable, HasSubstr("Moving 1 lever only within its range (North\u2019s capability) does not reach "
                                     "<code>forecast.territory &gt;= 99</code>"));
  // The chart: the lever's range, where it stands, and where the search left it (the top of
  // its range).
  EXPECT_THAT(unreachable, HasSubstr("data-expect-marks=\"rect symbol\""));
  EXPECT_THAT(unreachable, HasSubstr("\"kind\":\"closest\""));
  EXPECT_THAT(unreachable, HasSubstr("no change of these levers within their ranges reaches the goal forecast.territory &gt;= 99; the closest point found gives 54.4954"));
}
