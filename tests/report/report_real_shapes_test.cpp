// The section renderers read the results the analyses really return (fixtures/real, see
// report_fixture.hpp for how each file was made); expected values are those files' numbers.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report_fixture.hpp"
#include "truce/report/report.hpp"

using namespace truce;
using namespace truce::report;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

std::string render(const std::vector<AnalysisRun>& runs) {
  return render_report(truce::testing::fixture_scenario(), runs, {"9.9.9", "talks.yaml", truce::testing::stub_assets()});
}

}  // namespace

TEST(RealShapes, ForecastTableTrajectoriesAndSummary) {
  const std::string html = render({truce::testing::real_run("forecast")});
  // models compromise, median, nash, eum; positions from issues[].forecasts[].
  EXPECT_THAT(html, HasSubstr("<th>Issue</th><th>compromise</th><th>median</th><th>nash</th><th>eum</th>"));
  // Only eum has rounds: one trajectories chart.
  EXPECT_THAT(html, HasSubstr("Model <b>eum</b>: each actor's position round by round"));
  EXPECT_THAT(html, HasSubstr("Where the issues settle, forecast by the eum model: <b>Territory</b>"));
  // eum's parameters are [{name, value}]: max_rounds 100.
  EXPECT_THAT(html, HasSubstr("<tr><td>max_rounds</td><td>100</td></tr>"));
}

TEST(RealShapes, SpaceWithADeal) {
  const std::string html = render({truce::testing::real_run("space")});
  // space.json: zopa 18, zopa_empty false; nash values alliance renounce, guarantees backstop,
  // sanctions lifted, territory freeze.
  EXPECT_THAT(html, HasSubstr("<b>A deal exists now.</b> 18 packages are acceptable to every party with a veto (North and South)"));
  // Its note on reservation values says what "deal" assumes.
  EXPECT_THAT(html, HasSubstr("and cross no red line. Assumed: reservation values default to 0: no deal is as bad as "
                              "each actor&#39;s worst package."));
  EXPECT_THAT(html, HasSubstr("At the Nash point: <b>Territory</b>: Freeze at the current line of contact; "
                              "<b>Alliance membership</b>: Binding renunciation; <b>Sanctions on North</b>: Lifted; "
                              "<b>Security guarantees</b>: Broker backstop."));
  // Frontier of the two bargainers drawn as a line; reservation values from actors[].reservation (0).
  EXPECT_THAT(html, HasSubstr("data-expect-marks=\"symbol line\""));
  EXPECT_THAT(html, HasSubstr("North\u2019s reservation value"));
}

TEST(RealShapes, SpaceWithoutADealNamesTheBlockingSets) {
  const std::string html = render({truce::testing::real_run("space", "space-no-deal")});
  // space-no-deal.json: zopa_empty true; first blocking set remove ["north.reservation"],
  // opening alliance open, guarantees backstop, sanctions tightened, territory freeze.
  EXPECT_THAT(html, HasSubstr("<b>No deal exists now.</b>"));
  // The section's table of blocking sets, and the chart of the packages they would open.
  EXPECT_THAT(html, HasSubstr("<h3>What blocks a deal</h3>"));
  EXPECT_THAT(html, HasSubstr("Open circles: the package each smallest set of blocking constraints would open"));
  EXPECT_THAT(html, HasSubstr("Relaxing North\u2019s reservation value; or South\u2019s reservation value would open a "
                              "zone of possible agreement"));
  EXPECT_THAT(html, HasSubstr("<tr><td>North\u2019s reservation value</td><td><b>Territory</b>: Freeze at the current line "
                              "of contact; <b>Alliance membership</b>: Door stays open with no date"));
}

TEST(RealShapes, LeversTornadoRanksBySwingAndNamesLeversInWords) {
  const std::string html = render({truce::testing::real_run("levers")});
  // levers.json: red_line_max.south.territory swing 36 (0 at 45, 36 at 65), then
  // red_line_min.north.territory swing 18; the other 31 bars have swing 0. Base output 18.
  EXPECT_THAT(html, HasSubstr("The lever that moves the packages in the zone of possible agreement most: "
                              "<b>South\u2019s red line on Territory (upper end)</b> (0 at 45, 36 at 65; 18 now)."));
  EXPECT_THAT(html, HasSubstr("31 levers did not move the packages in the zone of possible agreement at all"));
  EXPECT_LT(html.find("<tr><td>South\u2019s red line on Territory (upper end)</td>"),
            html.find("<tr><td>North\u2019s red line on Territory (lower end)</td>"));
}

TEST(RealShapes, SimulateProbabilityBandMedianTermsAndBlockers) {
  const std::string html = render({truce::testing::real_run("simulate")});
  // simulate.json: month 36 p 0.312 (0.2730..0.3539), month 12 p 0.132 (0.1051..0.1645),
  // median month of ceasefires 13, 500 runs, 95% Wilson interval (its notes).
  EXPECT_THAT(html, HasSubstr("Probability of a ceasefire by month 36: <b>31%</b> (band 27%\u201335%); "
                              "by month 12: 13% (band 11%\u201316%)."));
  EXPECT_THAT(html, HasSubstr("<li>Where a ceasefire happens, half happen by month 13.</li>"));
  EXPECT_THAT(html, HasSubstr("<li>500 Monte Carlo runs.</li>"));
  EXPECT_THAT(html, HasSubstr("95% Wilson interval over the runs"));
  // terms: territory partial share 1.0, sanctions phased 0.506 > lifted 0.462.
  EXPECT_THAT(html, HasSubstr("<b>Territory</b>: South withdraws from the contested districts; "
                              "<b>Sanctions on North</b>: Relief in stages."));
  // blocking: south.reservation share 0.398 first.
  EXPECT_THAT(html, HasSubstr("<tr><td>South\u2019s reservation value</td><td class=\"num\">40%</td></tr>"));
}

TEST(RealShapes, WhatItTakesWhenTheGoalHoldsAndWhenItCannotBeReached) {
  const std::string holds = render({truce::testing::real_run("what-it-takes")});
  EXPECT_THAT(holds, HasSubstr("The goal already holds as the scenario stands: no change is needed."));
  const std::string unreachable = render({truce::testing::real_run("what-it-takes", "what-it-takes-unreachable")});
  // what-it-takes-unreachable.json: 6 levers, salience.north.territory first; not reachable.
  EXPECT_THAT(unreachable, HasSubstr("Searching 6 levers (North\u2019s salience of Territory; North\u2019s red line on "
                                     "Territory (lower end); North\u2019s salience of Alliance membership; \u2026): no change "
                                     "of these levers within their ranges reaches the goal zopa_size &gt; 0; the closest "
                                     "point found gives 0."));
}
