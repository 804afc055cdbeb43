// GENIUS domains: the frontier and points against NegMAS's published run (values given in
// the task brief for issue 4, computed by NegMAS's negmas.preferences.ops on the ANAC files
// in shared/data/genius), GENIUS-scoring frontier sizes, thread independence, and located
// errors from the XML reader.

#include <gtest/gtest.h>

#include <array>

#include "truce/core/diagnostic.hpp"
#include "truce/io/genius_xml.hpp"
#include "truce/space/agreement_space.hpp"
#include "../support/shared_data.hpp"

namespace truce {
namespace {

const std::string genius = ::truce::testing::shared_path("data/genius/");

space::PackageSpace load(const std::string& folder, const std::string& domain, const std::string& a,
                         const std::string& b, GeniusScoring scoring) {
  const auto d = load_genius_domain(genius + folder + "/" + domain);
  return package_space_of(d, {load_genius_profile(genius + folder + "/" + a), load_genius_profile(genius + folder + "/" + b)},
                          scoring);
}

space::SpaceOptions negmas_options(unsigned threads = 1) {
  space::SpaceOptions o;
  o.kalai = space::KalaiGains::raw;
  o.threads = threads;
  return o;
}

TEST(GeniusSpace, LaptopMatchesNegmas) {
  TRUCE_NEEDS_SHARED("data/genius");
  const auto s = load("Laptop", "laptop_domain.xml", "laptop_buyer_utility.xml", "laptop_seller_utility.xml",
                      GeniusScoring::negmas);
  const auto r = space::analyse_space(s, negmas_options());
  EXPECT_EQ(r.packages, 27u);
  EXPECT_EQ(r.frontier.size(), 4u);
  ASSERT_TRUE(r.nash && r.kalai && r.welfare);
  EXPECT_NEAR(r.nash->point.utility[0], 25.5494, 1e-4);
  EXPECT_NEAR(r.nash->point.utility[1], 16.2132, 1e-4);
  EXPECT_NEAR(r.kalai->point.utility[0], 21.7686, 1e-4);
  EXPECT_NEAR(r.kalai->point.utility[1], 17.9808, 1e-4);
  EXPECT_NEAR(r.welfare->point.utility[0], 30.0016, 1e-4);
  EXPECT_NEAR(r.welfare->point.utility[1], 12.4324, 1e-4);
  EXPECT_DOUBLE_EQ(r.reservation[0], 0.0);
}

TEST(GeniusSpace, TravelMatchesNegmas) {
  TRUCE_NEEDS_SHARED("data/genius");
  const auto s = load("Travel", "travel_domain.xml", "travel_chox.xml", "travel_fanny.xml", GeniusScoring::negmas);
  const auto r = space::analyse_space(s, negmas_options());
  EXPECT_EQ(r.packages, 188160u);
  EXPECT_EQ(r.frontier.size(), 21u);
  ASSERT_TRUE(r.nash && r.welfare);
  EXPECT_NEAR(r.nash->point.utility[0], 337.914, 1e-3);
  EXPECT_NEAR(r.nash->point.utility[1], 287.989, 1e-3);
  EXPECT_NEAR(r.welfare->point.utility[0], 387.583, 1e-3);
  EXPECT_NEAR(r.welfare->point.utility[1], 242.233, 1e-3);
}

TEST(GeniusSpace, EnergyFrontierMatchesNegmasOnAnyThreadCount) {
  TRUCE_NEEDS_SHARED("data/genius");
  const auto s = load("Energy", "energy_domain.xml", "energy_consumer.xml", "energy_distributor.xml", GeniusScoring::negmas);
  const auto one = space::analyse_space(s, negmas_options(1));
  EXPECT_EQ(one.packages, 390625u);
  EXPECT_EQ(one.frontier.size(), 252u);
  for (unsigned t : {2u, 3u, 7u}) {
    const auto many = space::analyse_space(s, negmas_options(t));
    ASSERT_EQ(many.frontier.size(), one.frontier.size()) << t << " threads";
    for (std::size_t i = 0; i < one.frontier.size(); ++i) {
      EXPECT_EQ(many.frontier[i].package, one.frontier[i].package);
      EXPECT_EQ(many.frontier[i].packages, one.frontier[i].packages);
    }
    EXPECT_EQ(many.nash->point.package, one.nash->point.package);
  }
}

TEST(GeniusSpace, GridMergesFloatNoise) {
  TRUCE_NEEDS_SHARED("data/genius");
  // On a 1e-9 grid, utilities that differ only by rounding merge: Energy has 251 frontier
  // points (278 packages) instead of 252 (270) compared exactly (docs/space.md).
  const auto s = load("Energy", "energy_domain.xml", "energy_consumer.xml", "energy_distributor.xml", GeniusScoring::negmas);
  auto o = negmas_options();
  o.grid = 1e-9;
  const auto r = space::analyse_space(s, o);
  EXPECT_EQ(r.frontier.size(), 251u);
  std::uint64_t packages = 0;
  for (const auto& p : r.frontier) packages += p.packages;
  EXPECT_EQ(packages, 278u);
}

TEST(GeniusSpace, GeniusScoringFrontiers) {
  TRUCE_NEEDS_SHARED("data/genius");
  // GENIUS normalises weights and evaluations per issue, which changes each party's
  // trade-offs between issues and so the frontier: 12 points for Travel, 210 for Energy.
  const auto travel = load("Travel", "travel_domain.xml", "travel_chox.xml", "travel_fanny.xml", GeniusScoring::genius);
  EXPECT_EQ(space::analyse_space(travel, {}).frontier.size(), 12u);
  const auto energy = load("Energy", "energy_domain.xml", "energy_consumer.xml", "energy_distributor.xml", GeniusScoring::genius);
  const auto r = space::analyse_space(energy, {});
  EXPECT_EQ(r.frontier.size(), 210u);
  EXPECT_NEAR(r.max_utility[0], 1.0, 1e-12);  // GENIUS utilities lie in [0, 1]
  EXPECT_NEAR(r.max_utility[1], 1.0, 1e-12);
}

TEST(GeniusSpace, LaptopGeniusScoringByHand) {
  TRUCE_NEEDS_SHARED("data/genius");
  // Buyer, package (HP, 60 Gb, 19''): weights sum to 1 already; evaluations 30/30, 30/30, 30/30.
  const auto s = load("Laptop", "laptop_domain.xml", "laptop_buyer_utility.xml", "laptop_seller_utility.xml",
                      GeniusScoring::genius);
  const auto u = s.utilities_of(2 * 9 + 0 * 3 + 0);
  EXPECT_NEAR(u[0], 1.0, 1e-12);
  // Seller: HP 20/30, 60 Gb 20/30, 19'' 3/3; its weights sum to 1.0000518, so they are divided by that.
  const double sum = 0.37808251708013424 + 0.1767567099260568 + 0.4452125771655631;
  EXPECT_NEAR(u[1], (0.37808251708013424 * 20 / 30 + 0.1767567099260568 * 20 / 30 + 0.4452125771655631) / sum, 1e-12);
}

TEST(GeniusXml, ProfilesOfOtherFoldersLoadToo) {
  TRUCE_NEEDS_SHARED("data/genius");
  for (const auto& [folder, d, a, b] : std::vector<std::array<std::string, 4>>{
           {"EnglandZimbabwe", "EnglandZimbabwe_domain.xml", "England.xml", "Zimbabwe.xml"},
           {"Grocery", "Grocery_domain.xml", "Grocery_domain_mary.xml", "Grocery_domain_sam.xml"}}) {
    const auto s = load(folder, d, a, b, GeniusScoring::genius);
    EXPECT_EQ(s.size(), folder == "Grocery" ? 1600u : 576u) << folder;
  }
  const auto p = load_genius_profile(genius + "Grocery/Grocery_domain_mary.xml");
  ASSERT_TRUE(p.discount_factor.has_value());
  EXPECT_DOUBLE_EQ(*p.discount_factor, 0.805562132);
}

Diagnostic first_problem(const std::string& text, bool profile) {
  try {
    if (profile) parse_genius_profile(text, "p.xml");
    else parse_genius_domain(text, "d.xml");
  } catch (const InputError& e) {
    return e.diagnostics().front();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return {};
}

TEST(GeniusXml, BrokenXmlIsLocated) {
  const auto d = first_problem("<utility_space>\n  <objective>\n    <issue name=\"a\" index=\"1\">\n  </objective>\n", false);
  EXPECT_EQ(d.file, "d.xml");
  EXPECT_EQ(d.line, 4);
  EXPECT_NE(d.message.find("well-formed XML"), std::string::npos) << d.message;
}

TEST(GeniusXml, MissingWeightIsLocatedAtItsIssue) {
  const auto d = first_problem(R"(<utility_space>
<objective>
<issue index="1" name="a" type="discrete"><item index="1" value="x" evaluation="1"/></issue>
<issue index="2" name="b" type="discrete"><item index="1" value="y" evaluation="2"/></issue>
<weight index="1" value="0.5"/>
</objective>
</utility_space>)",
                               true);
  EXPECT_EQ(d.line, 4);
  EXPECT_EQ(d.column, 1);
  EXPECT_EQ(d.message, "expected a <weight index=\"2\"> for issue 'b', found none");
}

TEST(GeniusXml, BadEvaluationAndRealIssue) {
  auto d = first_problem(R"(<utility_space><objective>
  <issue index="1" name="a"><item index="1" value="x" evaluation="lots"/></issue>
  <weight index="1" value="1"/></objective></utility_space>)",
                         true);
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 29);  // the <item> element
  EXPECT_EQ(d.message, "expected the value's evaluation (a number) in evaluation=\"...\", found 'lots'");
  d = first_problem(R"(<negotiation_template><utility_space><objective>
<issue index="1" name="price" type="real" etype="real"/></objective></utility_space></negotiation_template>)",
                    false);
  EXPECT_EQ(d.line, 2);
  EXPECT_NE(d.message.find("expected a discrete issue"), std::string::npos);
}

TEST(GeniusXml, ProfileThatDoesNotFitTheDomain) {
  const auto domain = parse_genius_domain(R"(<negotiation_template><utility_space><objective>
<issue index="1" name="a"><item index="1" value="x"/><item index="2" value="y"/></issue>
</objective></utility_space></negotiation_template>)",
                                          "d.xml");
  const auto profile = parse_genius_profile(R"(<utility_space><objective>
<issue index="1" name="a"><item index="1" value="x" evaluation="1"/></issue>
<weight index="1" value="1"/></objective></utility_space>)",
                                            "p.xml");
  try {
    package_space_of(domain, {profile}, GeniusScoring::genius);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, "p.xml");
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_EQ(e.diagnostics()[0].message, "expected an evaluation of the domain's value 'y' on issue 'a', found none");
  }
}

}  // namespace
}  // namespace truce
