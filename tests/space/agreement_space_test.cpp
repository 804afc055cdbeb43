// ZOPA, points and blocking sets on hand-made scenarios (answers worked out by hand in the
// comments), and the scenario -> package space conversion.

#include <gtest/gtest.h>

#include "scenarios.hpp"
#include "truce/space/agreement_space.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/space/space_report.hpp"

#include <cmath>

namespace truce::space {
namespace {

using test::blocked;
using test::two_actor_options;

std::vector<std::string> ids_of(const BlockingSet& b) { return b.ids; }

TEST(PackageSpace, ScenarioUtilitiesAreNormalisedPerActor) {
  const auto space = package_space_of(blocked());
  ASSERT_EQ(space.size(), 9u);
  // r: (territory/100 + g_r) / 2 with g_r none 1, nato 0, force 0.5. Package (t50, force) = 1*3 + 2.
  const auto u = space.utilities_of(5);
  EXPECT_DOUBLE_EQ(u[0], (0.5 + 0.5) / 2);
  EXPECT_DOUBLE_EQ(u[1], (0.5 + 0.5) / 2);
  EXPECT_DOUBLE_EQ(u[2], 1.0);  // e sits at 50 and cares about nothing else
  for (std::size_t a = 0; a < 3; ++a) {
    EXPECT_NEAR(space.min_utility(a), 0.0, 1e-12);
    EXPECT_NEAR(space.max_utility(a), 1.0, 1e-12);
  }
  ASSERT_EQ(space.red_lines.size(), 5u);
  EXPECT_EQ(space.red_line_id(0), "r.territory");
  EXPECT_EQ(space.red_line_id(4), "u.guarantees");
}

TEST(PackageSpace, ScaleIssueWithoutNamedPointsOffersQuartersAndPositions) {
  const auto scenario = parse_scenario_yaml(R"(truce: 1
name: s
actors: [{id: a, name: A, capability: 1, veto: true}, {id: b, name: B, capability: 1, veto: true}]
issues: [{id: i, name: I, kind: scale, low: l, high: h}]
stances:
  - {actor: a, issue: i, position: 10, salience: 1}
  - {actor: b, issue: i, position: 60, salience: 0.5}
)",
                                            "s.yaml");
  const auto space = package_space_of(scenario);
  ASSERT_EQ(space.issues[0].values.size(), 7u);  // 0 10 25 50 60 75 100
  EXPECT_EQ(space.issues[0].values[1].id, "10");
  EXPECT_EQ(space.issues[0].values[4].id, "60");
  // a: 1 - |x - 10|/100, from 0.1 (x = 100) to 1, normalised: (0.9 - 0.4) / 0.9 at x = 50.
  EXPECT_NEAR(space.utilities_of(3)[0], 0.5 / 0.9, 1e-12);
}

TEST(AgreementSpace, TwoActorsSplitTheDifference) {
  const auto space = package_space_of(two_actor_options());
  const auto r = analyse_space(space, {});
  EXPECT_EQ(r.packages, 3u);
  EXPECT_EQ(r.passing_red_lines, 3u);
  EXPECT_EQ(r.zopa, 1u);  // only b gives both more than 0 (their worst packages)
  ASSERT_EQ(r.frontier.size(), 3u);
  EXPECT_EQ(r.frontier[0].package, 0u);  // ordered by x's utility descending
  EXPECT_EQ(r.frontier[2].package, 2u);
  EXPECT_FALSE(r.frontier[0].in_zopa);  // y gets 0 from a: no better than no deal
  EXPECT_TRUE(r.frontier[1].in_zopa);
  ASSERT_TRUE(r.nash && r.kalai && r.welfare);
  EXPECT_EQ(r.nash->point.package, 1u);
  EXPECT_DOUBLE_EQ(r.nash->value, 0.25);
  EXPECT_EQ(r.kalai->point.package, 1u);
  EXPECT_DOUBLE_EQ(r.kalai->value, 0.5);
  // Every package has welfare 1: three ties, the first in frontier order is shown.
  EXPECT_EQ(r.welfare->ties, 3u);
  EXPECT_EQ(r.welfare->point.package, 0u);
  EXPECT_TRUE(r.blocking.empty());
  // What `truce runs list` shows of it: a deal exists, 1 package of 3, the Nash package b.
  const Headline h = space_headline(space, r);
  ASSERT_EQ(h.size(), 6u);
  EXPECT_EQ(h[0].name, "deal_exists");
  EXPECT_EQ(std::get<bool>(h[0].value), true);
  EXPECT_EQ(h[1].name, "zopa_size");
  EXPECT_EQ(std::get<double>(h[1].value), 1.0);
  EXPECT_EQ(h[1].unit, "packages");
  EXPECT_EQ(std::get<double>(h[2].value), 3.0);
  EXPECT_EQ(std::get<double>(h[3].value), 3.0);  // the frontier
  EXPECT_EQ(std::get<double>(h[4].value), 0.0);  // no blocking sets
  EXPECT_EQ(h[5].name, "nash_package");
  EXPECT_EQ(std::get<std::string>(h[5].value), "pick=b");
}

TEST(AgreementSpace, CapabilityWeightedNashLeansToTheStronger) {
  // y has capability 3: maximise x^0.5 * y^1.5 (weights normalised to mean 1) over
  // (1,0), (.5,.5), (0,1): only b is positive.
  SpaceOptions o;
  o.capability_weighted_nash = true;
  const auto r = analyse_space(package_space_of(two_actor_options()), o);
  ASSERT_TRUE(r.nash);
  EXPECT_EQ(r.nash->point.package, 1u);
  EXPECT_NEAR(r.nash->value, std::pow(0.5, 0.5) * std::pow(0.5, 1.5), 1e-12);
}

TEST(AgreementSpace, ReservationValuesThatEmptyTheZopa) {
  // x will not take less than 0.6: b (0.5) no longer suffices. Removing x's reservation opens
  // b and c (b has the larger product, gains counted from x's lowest utility 0: 0.5 * 0.5);
  // removing y's opens a (product 1 * 0 = 0: y gains nothing).
  const auto space = package_space_of(two_actor_options());
  SpaceOptions o;
  o.reservation = {{"x", 0.6}};
  const auto r = analyse_space(space, o);
  EXPECT_EQ(r.zopa, 0u);
  ASSERT_TRUE(r.blocking_searched);
  ASSERT_EQ(r.blocking.size(), 2u);
  EXPECT_EQ(ids_of(r.blocking[0]), (std::vector<std::string>{"x.reservation"}));
  EXPECT_EQ(r.blocking[0].opens.package, 1u);
  EXPECT_DOUBLE_EQ(r.blocking[0].nash_product, 0.25);
  EXPECT_EQ(ids_of(r.blocking[1]), (std::vector<std::string>{"y.reservation"}));
  EXPECT_EQ(r.blocking[1].opens.package, 0u);
  // The frontier keeps packages at or above every reservation value: only a (x = 1).
  ASSERT_EQ(r.frontier.size(), 1u);
  EXPECT_EQ(r.frontier[0].package, 0u);
}

TEST(AgreementSpace, RedLinesThatEmptyTheZopa) {
  // Every package crosses one territory and one guarantees red line of r or u (see
  // scenarios.hpp). Minimal pairs, each with its best package by r * u:
  //   r.territory + r.guarantees: (t0, force) r .25 u .75
  //   u.territory + r.guarantees: (t50, force) .5 * .5 (ties (t100, nato); lower number wins)
  //   r.territory + u.guarantees: (t0, none) .5 * .5
  //   u.territory + u.guarantees: (t50, none) .75 * .25
  // Sets needing a reservation too ((t0, nato) gives r 0) are supersets, so not minimal.
  const auto r = analyse_space(package_space_of(blocked()), {});
  EXPECT_EQ(r.packages, 9u);
  EXPECT_EQ(r.passing_red_lines, 0u);
  EXPECT_EQ(r.zopa, 0u);
  EXPECT_TRUE(r.frontier.empty());
  EXPECT_FALSE(r.nash.has_value());
  EXPECT_EQ(r.counted_red_lines, (std::vector<std::string>{"r.territory", "u.territory", "r.guarantees", "u.guarantees"}));
  ASSERT_EQ(r.blocking.size(), 4u);
  EXPECT_EQ(ids_of(r.blocking[0]), (std::vector<std::string>{"r.territory", "r.guarantees"}));
  EXPECT_EQ(r.blocking[0].opens.package, 2u);
  EXPECT_DOUBLE_EQ(r.blocking[0].nash_product, 0.1875);
  EXPECT_EQ(ids_of(r.blocking[1]), (std::vector<std::string>{"u.territory", "r.guarantees"}));
  EXPECT_EQ(r.blocking[1].opens.package, 5u);
  EXPECT_DOUBLE_EQ(r.blocking[1].nash_product, 0.25);
  EXPECT_EQ(ids_of(r.blocking[2]), (std::vector<std::string>{"r.territory", "u.guarantees"}));
  EXPECT_EQ(r.blocking[2].opens.package, 0u);
  EXPECT_EQ(ids_of(r.blocking[3]), (std::vector<std::string>{"u.territory", "u.guarantees"}));
  EXPECT_EQ(r.blocking[3].opens.package, 3u);
  EXPECT_DOUBLE_EQ(r.blocking[3].nash_product, 0.1875);
}

TEST(AgreementSpace, RelaxingOneRedLineLeavesSingleBlockers) {
  // Without u's territory red line, only the guarantees clash: either side's guarantees
  // red line alone opens the ZOPA. r.guarantees: best (t50, force) or (t100, nato), .25 each.
  SpaceOptions o;
  o.relaxed_red_lines = {"u.territory"};
  const auto r = analyse_space(package_space_of(blocked()), o);
  EXPECT_EQ(r.zopa, 0u);
  ASSERT_EQ(r.blocking.size(), 2u);
  EXPECT_EQ(ids_of(r.blocking[0]), (std::vector<std::string>{"r.guarantees"}));
  EXPECT_EQ(r.blocking[0].opens.package, 5u);
  EXPECT_EQ(ids_of(r.blocking[1]), (std::vector<std::string>{"u.guarantees"}));
  EXPECT_EQ(r.blocking[1].opens.package, 3u);  // (t50, none): .75 * .25 beats (t100, none) 1 * 0
}

TEST(AgreementSpace, RelaxingBothOfOneSideOpensTheZopa) {
  // Left: territory t50/t100 with guarantees none. (t50, none): r .75, u .25 is in the ZOPA;
  // (t100, none) gives u 0, on the frontier (at its reservation) but not in the ZOPA.
  SpaceOptions o;
  o.relaxed_red_lines = {"u.territory", "u.guarantees"};
  const auto r = analyse_space(package_space_of(blocked()), o);
  EXPECT_EQ(r.passing_red_lines, 2u);
  EXPECT_EQ(r.zopa, 1u);
  ASSERT_EQ(r.frontier.size(), 2u);
  ASSERT_TRUE(r.nash);
  EXPECT_EQ(r.nash->point.package, 3u);
  EXPECT_DOUBLE_EQ(r.nash->value, 0.75 * 0.25);
  EXPECT_TRUE(r.blocking.empty());
}

TEST(AgreementSpace, NonVetoRedLinesCountOnlyWhenAsked) {
  SpaceOptions o;
  o.relaxed_red_lines = {"u.territory", "u.guarantees"};
  o.non_veto_red_lines = true;  // e accepts at most 50: (t100, none) goes
  const auto r = analyse_space(package_space_of(blocked()), o);
  EXPECT_EQ(r.passing_red_lines, 1u);
  EXPECT_EQ(r.zopa, 1u);
}

TEST(AgreementSpace, UnknownRedLineIsAnOptionError) {
  SpaceOptions o;
  o.relaxed_red_lines = {"r.nothing"};
  EXPECT_THROW(analyse_space(package_space_of(blocked()), o), std::invalid_argument);
}

TEST(AgreementSpace, RegisteredAnalysisMatchesTheEngine) {
  const auto* analysis = find_analysis("space");
  ASSERT_NE(analysis, nullptr);
  const auto scenario = blocked();
  const auto options = analysis->complete_options(scenario, {{"relax", {"u.territory", "u.guarantees"}}});
  // threads is not part of a result's identity: read, not written (runs stored before 0.2 did).
  EXPECT_FALSE(options.contains("threads"));
  EXPECT_EQ(options["max_blocking_set"], 3);
  const auto result = analysis->run(scenario, options);
  EXPECT_EQ(result["zopa"], 1);
  EXPECT_EQ(result["nash"]["values"]["territory"], "t50");
  EXPECT_EQ(result["nash"]["values"]["guarantees"], "none");
  EXPECT_EQ(analysis->run(scenario, options).dump(), result.dump());  // deterministic bytes
  EXPECT_THROW(analysis->complete_options(scenario, {{"bogus", 1}}), std::invalid_argument);
}

}  // namespace
}  // namespace truce::space
