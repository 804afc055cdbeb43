// Issue #14 in the report, on the reference scenario: the simulate section shows the
// historical base rate beside its curve (with its sample and source), and the levers section
// says what range each lever moved over, ranks a lever's whole range, and says plainly when
// no lever moves the outcome beyond the Monte Carlo error instead of naming a "largest" one.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report_fixture.hpp"

using namespace truce;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const Scenario& reference() {
  static const Scenario s = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  return s;
}

report::AnalysisRun run(const std::string& name, const nlohmann::json& options) {
  const Analysis* analysis = find_analysis(name);
  report::AnalysisRun r;
  r.name = name;
  r.options = analysis->complete_options(reference(), options);
  r.result = analysis->typed_run(reference(), r.options);
  return r;
}

std::string render(const std::vector<report::AnalysisRun>& runs) {
  return report::render_report(reference(), runs, {"9.9.9", "ukraine-ceasefire-2025.yaml", truce::testing::stub_assets()});
}

TEST(ReportHistory, TheSimulateSectionShowsTheBaseRateBesideTheCurve) {
  const std::string html = render({run("simulate", {{"runs", 1000}, {"months", 36}})});
  // The dashed line beside the curve, and its caption.
  EXPECT_THAT(html, HasSubstr("\"strokeDash\":[6,4]"));
  EXPECT_THAT(html, HasSubstr("Dashed: history, the share of the 5 interstate armed conflicts that had lasted 43 months"));
  EXPECT_THAT(html, HasSubstr("<p><b>History.</b> This war had lasted 43 months at month 0 (2022-02-24 to 2025-10-15). "
                              "Of the interstate armed conflicts in the UCDP Conflict Termination data (conflict "
                              "episodes 1946\u20132020), 5 had lasted as long: 20% (1 of 5) ended within 12 more "
                              "months, 20% by agreement (the model: "));
  EXPECT_THAT(html, HasSubstr("North Korea, South Korea 1949\u20131953 (ceasefire agreement after 49 months)"));
  EXPECT_THAT(html, HasSubstr("Source: UCDP Conflict Termination Dataset v3-2021 (Uppsala Conflict Data Program, CC BY 4.0)"));
  // And in the summary at the top.
  EXPECT_THAT(html, HasSubstr("History: of 5 interstate armed conflicts that had lasted 43 months, as this war has, 20% "
                              "ended within 12 more months (20% by agreement)."));
}

TEST(ReportRanges, TheLeversSectionSaysWhatRangeEachLeverMovedOver) {
  const std::string html = render({run("levers", {{"target", "p_ceasefire@12"}, {"methods", {"tornado"}}})});
  EXPECT_THAT(html, HasSubstr("<th>Moved over</th>"));
  // The US guarantee over 0..1: 0.5% -> 7.5% of 200 runs.
  EXPECT_THAT(html, HasSubstr("<td>its whole range (a policy choice)</td><td>0</td><td class=\"num\">0.5%</td><td>1</td>"
                              "<td class=\"num\">7.5%</td><td class=\"num\">7 points</td>"));
  EXPECT_THAT(html, HasSubstr("\u00b110% around the scenario\u2019s value"));
  // The 12 largest swings are drawn and tabled; all are beyond the Monte Carlo error of 200
  // runs (`truce levers ... --target p_ceasefire@12`: the first swing marked * is the 13th).
  EXPECT_THAT(html, HasSubstr("more levers with smaller swings are not drawn."));
  EXPECT_THAT(html, Not(HasSubstr("* Within the Monte Carlo error")));
}

TEST(ReportRanges, SwingsAllWithinTheMonteCarloErrorRankNoLever) {
  const std::string html = render({run("levers", {{"target", "p_ceasefire@12"},
                                                  {"methods", {"tornado"}},
                                                  {"ranges", "spread"},
                                                  {"parameters", {"lever_probability.*"}}})});
  EXPECT_THAT(html, HasSubstr("None of the 6 levers moved the probability of a ceasefire within 12 months within its "
                              "range by more than the Monte Carlo error of 200 runs"));
  EXPECT_THAT(html, Not(HasSubstr("The lever that moves")));
  EXPECT_THAT(html, Not(HasSubstr("data-expect-marks=\"rect rule\"")));  // no tornado chart
}

}  // namespace
