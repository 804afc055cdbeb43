// The negotiation section (src/report/negotiate_section.cpp) on the reference scenario's
// negotiation section: its 13 variants run once per binary (report_fixture.hpp), the table's
// numbers, the charts' specs and marks, page one's sentence and the caveats.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>


#include "../../src/report/sections.hpp"
#include "report_fixture.hpp"
#include "truce/report/html.hpp"

using namespace truce;
using namespace truce::report;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const negotiate::NamedNegotiation& variant(const std::string& id) {
  for (const auto& v : truce::testing::reference_negotiations())
    if (v.id == id) return v;
  throw std::runtime_error("no variant " + id);
}

// The negotiate run on the reference scenario as `truce report` makes it (the section's defaults).
const AnalysisRun& reference_run() {
  static const AnalysisRun run = [] {
    const Analysis* a = find_analysis("negotiate");
    AnalysisRun r;
    r.name = a->name;
    r.description = a->description;
    r.options = a->complete_options(truce::testing::reference_scenario(), report_options(truce::testing::reference_scenario(), "negotiate"));
    r.result = a->typed_run(truce::testing::reference_scenario(), r.options);
    return r;
  }();
  return run;
}

const Section& reference_section() {
  static ChartSet charts;
  static const Section s =
      render_negotiate_section(truce::testing::reference_scenario(), reference_run(),
                               std::get<negotiate::NegotiateResult>(*reference_run().result),
                               truce::testing::reference_negotiations(), charts);
  return s;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = 0; (p = text.find(what, p)) != std::string::npos; p += what.size()) ++n;
  return n;
}

// The charts' specs and expected marks, in page order.
struct Chart {
  std::string marks;
  nlohmann::json spec;
};
std::vector<Chart> charts_of(const std::string& html) {
  // By hand: std::regex recurses per character and overflows the stack on a long spec.
  std::vector<Chart> out;
  const std::string marks_at = "data-expect-marks=\"", spec_at = "-spec\">";
  for (std::size_t p = 0; (p = html.find(marks_at, p)) != std::string::npos;) {
    p += marks_at.size();
    Chart c;
    c.marks = html.substr(p, html.find('"', p) - p);
    const std::size_t begin = html.find(spec_at, p) + spec_at.size();
    c.spec = nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin));
    out.push_back(std::move(c));
    p = begin;
  }
  return out;
}

}  // namespace

// The registry runs negotiate only on a scenario with a negotiation section, and the report
// draws its section then only.
TEST(NegotiateSection, OnlyForAScenarioWithANegotiationSection) {
  const Analysis* a = find_analysis("negotiate");
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->applies);
  EXPECT_TRUE(a->applies(truce::testing::reference_scenario()));
  EXPECT_FALSE(a->applies(truce::testing::fixture_scenario()));
  const std::string html = render_report(truce::testing::fixture_scenario(), truce::testing::all_runs(),
                                         {"9.9.9", "talks.yaml", truce::testing::stub_assets()});
  EXPECT_THAT(html, Not(HasSubstr("id=\"analysis-negotiate\"")));
  EXPECT_THAT(html, Not(HasSubstr("#analysis-negotiate")));
}

// One row per variant with the numbers of scenario_negotiations; the report's own run (the
// section's defaults) is the variant with its settings, russia-stalls, and has its numbers.
TEST(NegotiateSection, OneRowPerVariantWithItsNumbers) {
  const auto& variants = truce::testing::reference_negotiations();
  ASSERT_EQ(variants.size(), 13u);
  const std::string& html = reference_section().html;
  EXPECT_EQ(count_of(html, "<tr id=\"negotiation-"), variants.size());
  for (const auto& v : variants) {
    SCOPED_TRACE(v.id);
    EXPECT_THAT(html, HasSubstr(fmt::format("<tr id=\"negotiation-{}\"><td><b>{}</b>", v.id, escape_html(v.name))));
    const std::string key = "negotiate." + v.id;
    for (const auto& p : v.result.parties) {
      EXPECT_THAT(html, HasSubstr(stated(key + ".reservation." + p.id, format_number(p.reservation, 3))));
      if (v.result.agreement) EXPECT_THAT(html, HasSubstr(stated(key + ".utility." + p.id, format_number(p.utility, 3))));
    }
    if (v.result.agreement) EXPECT_THAT(html, HasSubstr(stated(key + ".round", format_number(v.result.round, 0))));
  }
  // Checked by hand: truce negotiate scenarios/ukraine-ceasefire-2025.yaml --variant territory-gives --format json.
  const auto& t = variant("territory-gives").result;
  ASSERT_TRUE(t.agreement);
  EXPECT_EQ(t.round, 93u);
  EXPECT_EQ(t.offers, 187u);
  EXPECT_EQ(format_number(t.parties[0].utility, 3), "0.516");
  EXPECT_EQ(format_number(t.parties[1].utility, 3), "0.566");
  EXPECT_THAT(html, HasSubstr(stated("negotiate.territory-gives.round", "93") + "<br><span class=\"small\">187 offers</span>"));
  EXPECT_THAT(html, HasSubstr(stated("negotiate.territory-gives.utility.russia", "0.516")));
  EXPECT_THAT(html, HasSubstr(stated("negotiate.territory-gives.utility.ukraine", "0.566")));
  // To the frontier / the Nash point.
  EXPECT_THAT(html, HasSubstr("<td><span class=\"num\">0.057</span> / <span class=\"num\">0.095</span></td>"));
  const std::string freeze = "<b>Territory</b>: Fighting stops at the current line of contact; Russia keeps what it holds de "
                             "facto, Ukraine recognises nothing";
  // Under a deal, its terms on the first contested issue and the one the agreements differ on
  // (security guarantees).
  EXPECT_THAT(html, HasSubstr("Under each deal, its terms on Territory and Security guarantees and foreign forces"));
  EXPECT_THAT(html, HasSubstr("<tr class=\"agreement\"><td></td><td colspan=\"5\" class=\"small\">Agreed: " + freeze +
                              "; <b>Security guarantees and foreign forces</b>: No foreign troops"));
  // The run is the defaults, and the defaults are russia-stalls (a variant that sets nothing).
  const auto& own = std::get<negotiate::NegotiateResult>(*reference_run().result);
  const auto& stalls = variant("russia-stalls").result;
  EXPECT_EQ(own.agreement, stalls.agreement);
  EXPECT_EQ(own.offers, stalls.offers);
  EXPECT_EQ(own.why, stalls.why);
  EXPECT_THAT(html, HasSubstr("<tr id=\"negotiation-russia-stalls\"><td><b>Russia stalls, Ukraine concedes slowly (100 "
                              "rounds)</b> <span class=\"small\">(the section\u2019s defaults: the <code>negotiate</code> run)"));
  EXPECT_THAT(html, HasSubstr("<td>Alternating offers, 100 rounds<br><span class=\"small\">Russia staller:60, Ukraine "
                              "boulware</span></td>"));
  EXPECT_THAT(html, Not(HasSubstr("<tr id=\"negotiation-run\">")));
  // Without a deal, why, once under the table; a war-model value of no deal says it is an estimate.
  EXPECT_THAT(html, HasSubstr(escape_html(stalls.why)));
  EXPECT_EQ(count_of(html, escape_html(stalls.why) + "</p>"), 1u);
  const auto& war = variant("territory-gives-war-outside-options").result;
  EXPECT_THAT(html, HasSubstr(fmt::format("no deal: <span class=\"num\">{}</span>, war-model estimate<sup>",
                                          stated("negotiate.territory-gives-war-outside-options.reservation.russia",
                                                 format_number(war.parties[0].reservation, 3)))));
  EXPECT_THAT(html, HasSubstr("</sup> War model: each side\u2019s value of fighting on"));
  EXPECT_THAT(reference_section().appendix_html, HasSubstr(escape_html(war.parties[0].reservation_source)));
  // The appendix has every term of each agreement.
  EXPECT_THAT(reference_section().appendix_html, HasSubstr(describe_terms(truce::testing::reference_scenario(), t.terms)));
}

// The offers chart: one panel per variant with a deal (its offers, frontier, Nash point and
// agreement); the concession curves: one per alternating-offers variant with a deal.
TEST(NegotiateSection, ChartsOfTheOffersAndTheConcessions) {
  std::vector<const negotiate::NamedNegotiation*> deals, sao_deals;
  for (const auto& v : truce::testing::reference_negotiations())
    if (v.result.agreement) {
      deals.push_back(&v);
      if (v.result.protocol == "sao") sao_deals.push_back(&v);
    }
  ASSERT_EQ(deals.size(), 3u);  // territory-gives, -open-ended, -us-single-text
  ASSERT_EQ(sao_deals.size(), 2u);
  const auto charts = charts_of(reference_section().html);
  ASSERT_EQ(charts.size(), 2u);
  EXPECT_EQ(charts[0].marks, "symbol line");
  EXPECT_EQ(charts[1].marks, "line symbol rule");
  const auto& panels = charts[0].spec["concat"];
  ASSERT_EQ(panels.size(), deals.size());
  for (std::size_t k = 0; k < deals.size(); ++k) {
    const auto& r = deals[k]->result;
    const auto& data = panels[k]["data"]["values"];
    std::size_t frontier = 0, offers = 0;
    for (const auto& d : data) {
      const auto kind = d["kind"].get<std::string>();
      frontier += kind == "frontier";
      offers += kind == "offer";
      if (kind == "agreement") {
        EXPECT_NEAR(d["x"].get<double>(), r.parties[0].utility, 1e-4);
        EXPECT_NEAR(d["y"].get<double>(), r.parties[1].utility, 1e-4);
        EXPECT_EQ(d["round"].get<std::uint32_t>(), r.round);
      }
      if (kind == "nash") EXPECT_NEAR(d["x"].get<double>(), r.nash_utility[0], 1e-4);
    }
    EXPECT_EQ(frontier, r.frontier.size());
    EXPECT_GT(frontier, 1u);
    EXPECT_GT(offers, 0u);
    EXPECT_LE(offers, r.trace.size());
  }
  // The single text's texts are the mediator's, coloured as the United States.
  EXPECT_THAT(charts[0].spec.dump(), HasSubstr("\"proposer\":\"United States\""));
  const auto& curves = charts[1].spec["concat"];
  ASSERT_EQ(curves.size(), sao_deals.size());
  // territory-gives: Russia (staller:60) offers its best package until round 60.
  std::size_t k = 0;
  while (sao_deals[k]->id != "territory-gives") ++k;
  double russia_first_change = 1e9;
  for (const auto& d : curves[k]["data"]["values"])
    if (d["proposer"] == "Russia" && !d.contains("last") && d["round"].get<int>() > 0)
      russia_first_change = std::min(russia_first_change, d["round"].get<double>());
  EXPECT_EQ(russia_first_change, 60.0);
}

// Page one: one generated sentence on what the negotiations say; the caveats.
TEST(NegotiateSection, SummaryAndCaveats) {
  const Section& s = reference_section();
  ASSERT_EQ(s.summary.size(), 1u);
  EXPECT_EQ(s.summary[0].topic, SummaryTopic::opens);
  const std::string& line = s.summary[0].html;
  // The names without the words they share ("If Russia's territorial red line gave").
  EXPECT_EQ(line.substr(0, line.find("</a> (round ")),
            "<b><a href=\"#analysis-negotiate\">Negotiation variants</a></b>: on the red lines as coded, none of 2 "
            "reaches a deal (no package both accept); if Russia\u2019s red line on Territory gave, 3 of 11 do, first <a "
            "href=\"#negotiation-territory-gives\">Russia stalls, 100 rounds");
  EXPECT_THAT(line, HasSubstr("Russia stalls, 100 rounds</a> (round " + stated("negotiate.territory-gives.round", "93") +
                              ": Russia " + stated("negotiate.territory-gives.utility.russia", "0.516") + ", Ukraine " +
                              stated("negotiate.territory-gives.utility.ukraine", "0.566") + "); of the others"));
  EXPECT_THAT(line, HasSubstr("; of the others, 7: no package beats fighting on for both, 1: out of time."));
  EXPECT_THAT(line, Not(HasSubstr("territory-gives-open-ended")));  // page one names the first deal only
  // The caveat is in the section beside its numbers, not in page one's box (which must stay two pages).
  EXPECT_TRUE(s.caveats.empty());
  EXPECT_THAT(s.html, HasSubstr("<p class=\"small\"><b>Negotiating agents and deadlines are coded, not estimated</b>; "
                                "war-model values of no deal are estimates.</p>"));
  // A variant blocked by a party's value of no deal says the most the other side's packages give it.
  EXPECT_THAT(s.html, HasSubstr("; at most <span class=\"num\">0.719</span> from a package the other side accepts"));
}

// The whole page with the negotiate run: the section, its sentence under "What would open a
// deal", and every figure stated once or with one value.
TEST(NegotiateSection, InTheReportWithOneValuePerQuantity) {
  const std::string html = render_report(truce::testing::reference_scenario(), {reference_run()},
                                         {"9.9.9", "ukraine-ceasefire-2025.yaml", truce::testing::stub_assets()});
  EXPECT_THAT(html, HasSubstr("<section id=\"analysis-negotiate\" class=\"analysis\">"));
  EXPECT_THAT(html, HasSubstr("<dd><b><a href=\"#analysis-negotiate\">Negotiation variants</a></b>: on the red lines as coded"));
  EXPECT_THAT(html, Not(HasSubstr("<li><b>Negotiating agents and deadlines are coded, not estimated</b>")));
  EXPECT_TRUE(quantity_conflicts(html).empty());
  EXPECT_EQ(quantity_statements(html)["negotiate.territory-gives.utility.russia"], 2u);  // table and page one
}

// A run whose settings no variant has (here: the defaults, with the variant that has them
// taken out) is a row of its own, first.
TEST(NegotiateSection, ARunNoVariantMatchesIsARowOfItsOwn) {
  Scenario scenario = truce::testing::reference_scenario();
  scenario.negotiation->variants.erase(scenario.negotiation->variants.begin());
  std::vector<negotiate::NamedNegotiation> variants(truce::testing::reference_negotiations().begin() + 1,
                                                    truce::testing::reference_negotiations().end());
  AnalysisRun run = reference_run();
  ChartSet charts;
  const Section s = render_negotiate_section(scenario, run, std::get<negotiate::NegotiateResult>(*run.result), variants, charts);
  EXPECT_EQ(count_of(s.html, "<tr id=\"negotiation-"), 13u);
  EXPECT_THAT(s.html, HasSubstr("<tbody>\n<tr id=\"negotiation-run\"><td><b>The section\u2019s defaults</b> <span "
                                "class=\"small\">(the section\u2019s defaults: the <code>negotiate</code> run)"));
}

// A run with options of its own (the explorer's): a row of its own, said to be the run, not the defaults.
TEST(NegotiateSection, ARunWithOptionsOfItsOwnIsARowOfItsOwn) {
  const Analysis* a = find_analysis("negotiate");
  AnalysisRun run;
  run.name = a->name;
  run.options = a->complete_options(truce::testing::reference_scenario(), {{"agents", {"tough", "conceder"}}, {"steps", 20}});
  run.result = a->typed_run(truce::testing::reference_scenario(), run.options);
  ChartSet charts;
  const Section s = render_negotiate_section(truce::testing::reference_scenario(), run,
                                             std::get<negotiate::NegotiateResult>(*run.result),
                                             truce::testing::reference_negotiations(), charts);
  EXPECT_EQ(count_of(s.html, "<tr id=\"negotiation-"), 14u);
  EXPECT_THAT(s.html, HasSubstr("<tbody>\n<tr id=\"negotiation-run\"><td><b>This run (its own options)</b> <span "
                                "class=\"small\">(the <code>negotiate</code> run)</span></td><td>Alternating offers, 20 "
                                "rounds<br><span class=\"small\">Russia tough, Ukraine conceder</span>"));
}
