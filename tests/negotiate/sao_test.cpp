// The SAO protocol and its agents on spaces small enough to check by hand, NegMAS's full offer
// traces, red lines as hard constraints, numpy's sort order, and thread independence.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <random>

#include "truce/io/genius_xml.hpp"
#include "truce/negotiate/negotiate_analysis.hpp"
#include "truce/negotiate/sao.hpp"
#include "truce/negotiate/tournament.hpp"
#include "../support/shared_data.hpp"

namespace truce::negotiate {
namespace {

// A space of one issue per entry of `utilities` ([issue][value] = {u0, u1}), two parties.
space::PackageSpace two_party_space(const std::vector<std::vector<std::pair<double, double>>>& utilities) {
  space::PackageSpace s;
  s.actors = {{"a", "A", 1.0, true, 0.0}, {"b", "B", 1.0, true, 0.0}};
  for (std::size_t j = 0; j < utilities.size(); ++j) {
    space::SpaceIssue issue{"i" + std::to_string(j), "issue " + std::to_string(j), {}};
    std::vector<double> c;
    for (std::size_t v = 0; v < utilities[j].size(); ++v) {
      issue.values.push_back({"v" + std::to_string(v), "value " + std::to_string(v), std::nullopt});
      c.push_back(utilities[j][v].first);
      c.push_back(utilities[j][v].second);
    }
    s.issues.push_back(std::move(issue));
    s.contribution.push_back(std::move(c));
  }
  return s;
}

SaoRun run(const space::PackageSpace& s, const std::vector<std::string>& agents, std::uint32_t steps,
           bool trace = false, std::uint64_t seed = 0) {
  NegotiationDomain d(s);
  std::vector<SortedOutcomes> tables;
  for (std::size_t p = 0; p < d.parties(); ++p) tables.push_back(sort_outcomes(d, p, TieOrder::enumeration));
  std::vector<const SortedOutcomes*> t;
  for (const auto& x : tables) t.push_back(&x);
  std::vector<AgentSpec> a;
  for (const auto& name : agents) a.push_back(parse_agent(name));
  SaoSettings settings;
  settings.steps = steps;
  settings.trace = trace;
  settings.seed = seed;
  return run_sao(d, t, a, settings);
}

// One issue: A = (1, 0), C = (0.5, 0.5), B = (0, 1). A Boulware agent's aspiration
// 1 - t^4 - 1e-4 reaches C's 0.5 only when t >= 0.5^(1/4) ~ 0.8409. With 10 rounds,
// t = (r + 1) / 11: round 8 has t = 0.818 (aspiration 0.552, still above C), round 9, the last,
// has t = 0.909 (aspiration 0.317): the first party rejects B and offers C, the second accepts.
// Offers: 2 in each of rounds 0..8, then C: 19.
TEST(Sao, BoulwareAgainstBoulwareAgreesInTheLastRound) {
  const auto s = two_party_space({{{1.0, 0.0}, {0.5, 0.5}, {0.0, 1.0}}});
  const SaoRun r = run(s, {"boulware", "boulware"}, 10, true);
  ASSERT_EQ(r.ending, Ending::agreement);
  EXPECT_EQ(r.agreement, 1u);  // C
  EXPECT_EQ(r.round, 9u);
  EXPECT_EQ(r.offers, 19u);
  EXPECT_EQ(r.accepted_offer_by, 0u);
  ASSERT_EQ(r.trace.size(), 19u);
  for (std::size_t k = 0; k + 1 < r.trace.size(); ++k) EXPECT_EQ(r.trace[k].package, k % 2 == 0 ? 0u : 2u) << k;
  // Without a compromise within reach, the deadline ends it: 2 offers in each of 10 rounds.
  const auto hard = two_party_space({{{1.0, 0.0}, {0.0, 1.0}}});
  const SaoRun none = run(hard, {"boulware", "boulware"}, 10);
  EXPECT_EQ(none.ending, Ending::deadline);
  EXPECT_EQ(none.offers, 20u);
}

// A Conceder's aspiration 1 - t^0.25 - 1e-4 falls below C's 0.5 once t^0.25 >= 0.4999, from
// round 6 of 100 (t = 7/101 = 0.0693); from then on it offers C (and never accepts A, worth 0
// to it: its aspiration stays above 0.002). The Boulware first party accepts C when its own
// aspiration 1 - t^4 - 1e-4 falls to 0.5: round 84 (t = 85/101, t^4 = 0.5016; round 83 has
// t^4 = 0.4785). It accepts before offering, so the offers are rounds 0..83's: 168.
TEST(Sao, BoulwareAgainstConcederMeetsWhereBoulwareConcedes) {
  const auto s = two_party_space({{{1.0, 0.0}, {0.5, 0.5}, {0.0, 1.0}}});
  const SaoRun r = run(s, {"boulware", "conceder"}, 100);
  ASSERT_EQ(r.ending, Ending::agreement);
  EXPECT_EQ(r.agreement, 1u);
  EXPECT_EQ(r.round, 84u);
  EXPECT_EQ(r.accepted_offer_by, 1u);  // Boulware accepts the Conceder's C
  EXPECT_EQ(r.offers, 168u);
}

// A staller:90 offers its best (A) and accepts nothing until round 90, where C (the Conceder's
// standing offer) clears its Boulware aspiration (t = 91/101, 1 - t^4 = 0.341): round 90, 180 offers.
TEST(Sao, StallerAcceptsNothingBeforeItsRound) {
  const auto s = two_party_space({{{1.0, 0.0}, {0.5, 0.5}, {0.0, 1.0}}});
  const SaoRun staller = run(s, {"staller:90", "conceder"}, 100, true);
  ASSERT_EQ(staller.ending, Ending::agreement);
  EXPECT_EQ(staller.round, 90u);
  EXPECT_EQ(staller.offers, 180u);
  EXPECT_EQ(staller.accepted_offer_by, 1u);
  for (const auto& o : staller.trace)
    if (o.proposer == 0) EXPECT_EQ(o.package, 0u) << "round " << o.round;
  // Past the deadline it never agrees.
  EXPECT_EQ(run(s, {"staller:100", "conceder"}, 100).ending, Ending::deadline);
}

TEST(Sao, ToughAgainstToughNeverAgreesAndMicroConcedesStepByStep) {
  const auto s = two_party_space({{{1.0, 0.0}, {0.5, 0.5}, {0.0, 1.0}}});
  const SaoRun tough = run(s, {"tough", "tough"}, 20);
  EXPECT_EQ(tough.ending, Ending::deadline);
  EXPECT_EQ(tough.offers, 40u);
  // MiCRO vs MiCRO: round 0: a offers A, b receives A (1 received, 0 sent) offers B; round 1: a
  // has sent 1 and received 1: concedes to C; b: C is worth 0.5 = its next offer C's 0.5:
  // accepts (accept_same).
  const SaoRun micro = run(s, {"micro", "micro"}, 20, true);
  ASSERT_EQ(micro.ending, Ending::agreement);
  EXPECT_EQ(micro.agreement, 1u);
  EXPECT_EQ(micro.round, 1u);
  EXPECT_EQ(micro.offers, 3u);
  EXPECT_EQ(micro.micro_random_choices, 0u);
}

TEST(Sao, RandomAgentsAreSeededAndThreeCanNegotiate) {
  space::PackageSpace s = two_party_space({{{1.0, 0.0}, {0.6, 0.3}, {0.4, 0.7}, {0.0, 1.0}},
                                           {{0.2, 0.1}, {0.1, 0.2}, {0.0, 0.0}}});
  const SaoRun a = run(s, {"random", "random"}, 50, true, 7);
  const SaoRun b = run(s, {"random", "random"}, 50, true, 7);
  ASSERT_EQ(a.trace.size(), b.trace.size());
  for (std::size_t k = 0; k < a.trace.size(); ++k) EXPECT_EQ(a.trace[k].package, b.trace[k].package);
  bool differs = false;
  for (std::uint64_t seed = 8; seed < 16 && !differs; ++seed) {
    const SaoRun c = run(s, {"random", "random"}, 50, true, seed);
    differs = c.trace.size() != a.trace.size() || c.offers != a.offers ||
              !std::equal(c.trace.begin(), c.trace.end(), a.trace.begin(),
                          [](const Offer& x, const Offer& y) { return x.package == y.package; });
  }
  EXPECT_TRUE(differs) << "other seeds, other draws";
  // A third party: an offer stands only when both others accept it.
  s.actors.push_back({"c", "C", 1.0, true, 0.0});
  for (std::size_t j = 0; j < s.issues.size(); ++j) {
    std::vector<double> c;
    for (std::size_t v = 0; v < s.issues[j].values.size(); ++v) {
      c.push_back(s.contribution[j][v * 2]);
      c.push_back(s.contribution[j][v * 2 + 1]);
      c.push_back(0.5);
    }
    s.contribution[j] = c;
  }
  const SaoRun three = run(s, {"boulware", "conceder", "linear"}, 100, true);
  ASSERT_EQ(three.ending, Ending::agreement);
  NegotiationDomain d(s);
  for (std::size_t p = 0; p < 3; ++p) EXPECT_TRUE(d.acceptable(p, three.agreement));
  // Each offer answers the one before it: the proposer changes every time.
  for (std::size_t k = 1; k < three.trace.size(); ++k) EXPECT_NE(three.trace[k].proposer, three.trace[k - 1].proposer);
  EXPECT_EQ(three.trace.back().package, three.agreement);
}

// Red lines are hard constraints: an agent never offers or accepts a package that crosses one
// of its red lines or is worth less than its reservation value.
TEST(Sao, RedLinesAndReservationValuesBindEveryAgent) {
  auto s = two_party_space({{{1.0, 0.0}, {0.7, 0.3}, {0.3, 0.7}, {0.0, 1.0}}, {{0.5, 0.0}, {0.25, 0.25}, {0.0, 0.5}}});
  s.red_lines.push_back({0, 0, {0, 0, 0, 1}});  // a never gives issue 0 value 3
  s.red_lines.push_back({1, 1, {1, 0, 0}});     // b never gives issue 1 value 0
  s.actors[0].reservation = 0.6;
  NegotiationDomain d(s);
  for (const std::string agent : {"boulware", "linear", "conceder", "tft", "micro", "tough", "random", "staller:5"}) {
    for (const std::string other : {"conceder", "micro", "random"}) {
      const SaoRun r = run(s, {agent, other}, 60, true, 3);
      for (const auto& o : r.trace) EXPECT_TRUE(d.acceptable(o.proposer, o.package)) << agent << " vs " << other;
      if (r.ending == Ending::agreement) {
        EXPECT_TRUE(d.acceptable(0, r.agreement)) << agent << " vs " << other;
        EXPECT_TRUE(d.acceptable(1, r.agreement)) << agent << " vs " << other;
      }
    }
  }
}

TEST(NumpyArgsort, SortsAndKeepsSmallArraysStable) {
  std::mt19937 rng(5);
  for (const std::size_t n : {1u, 2u, 15u, 16u, 17u, 100u, 5000u}) {
    std::vector<double> v(n);
    for (auto& x : v) x = static_cast<double>(rng() % 7);  // many ties
    const auto idx = numpy_argsort(v);
    std::vector<std::uint32_t> sorted = idx;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(sorted[i], i);  // a permutation
    for (std::size_t i = 1; i < n; ++i) ASSERT_LE(v[idx[i - 1]], v[idx[i]]);
    // Up to 16 elements numpy sorts by insertion only, which is stable.
    if (n <= 16)
      for (std::size_t i = 1; i < n; ++i)
        if (v[idx[i - 1]] == v[idx[i]]) EXPECT_LT(idx[i - 1], idx[i]);
  }
  // 17 equal values, by hand through numpy's partition: the pivot (index 8) is parked at 15; both
  // scans stop at every equal element, so they swap 1<->14, 2<->13, ..., 7<->8, the pivot comes
  // back to position 8, and the two halves (16 and fewer elements) are left as they are.
  EXPECT_EQ(numpy_argsort(std::vector<double>(17, 1.0)),
            (std::vector<std::uint32_t>{0, 14, 13, 12, 11, 10, 9, 15, 8, 6, 5, 4, 3, 2, 1, 7, 16}));
}

// The whole analysis gives the same bytes for any thread count (sorting is spread over threads).
TEST(Negotiate, SameResultForAnyThreadCount) {
  TRUCE_NEEDS_SHARED("data/genius");
  const std::string dir = ::truce::testing::shared_path("data/genius/Grocery/");
  const auto s = package_space_of(load_genius_domain(dir + "Grocery_domain.xml"),
                                  {load_genius_profile(dir + "Grocery_domain_mary.xml"),
                                   load_genius_profile(dir + "Grocery_domain_sam.xml")},
                                  GeniusScoring::negmas);
  NegotiateOptions o;
  o.agents = {"random", "micro"};
  o.semantics = Semantics::negmas;
  o.trace = true;
  o.seed = 11;
  o.threads = 1;
  const std::string one = to_json(negotiate(s, o)).dump();
  for (unsigned t : {2u, 4u}) {
    o.threads = t;
    EXPECT_EQ(to_json(negotiate(s, o)).dump(), one) << t << " threads";
  }
}

// NegMAS's full offer traces (traces/public_*.csv): every offer, in order, the same outcome.
TEST(NegmasSao, FullTracesMatchOfferByOffer) {
  TRUCE_NEEDS_SHARED("data/negmas_sao/traces");
  TRUCE_NEEDS_SHARED("data/genius");
  struct Case {
    std::string file, folder, domain, first, second, a, b;
    std::uint32_t steps;
  };
  const std::vector<Case> cases = {
      {"public_Laptop_Boulware_vs_Conceder_n100.csv", "Laptop", "laptop_domain.xml", "laptop_buyer_utility.xml",
       "laptop_seller_utility.xml", "boulware", "conceder", 100},
      {"public_Grocery_Boulware_vs_Conceder_n100.csv", "Grocery", "Grocery_domain.xml", "Grocery_domain_mary.xml",
       "Grocery_domain_sam.xml", "boulware", "conceder", 100},
      {"public_EnglandZimbabwe_Boulware_vs_Conceder_n100.csv", "EnglandZimbabwe", "EnglandZimbabwe_domain.xml",
       "England.xml", "Zimbabwe.xml", "boulware", "conceder", 100},
      {"public_Energy_Boulware_vs_Conceder_n1000.csv", "Energy", "energy_domain.xml", "energy_consumer.xml",
       "energy_distributor.xml", "boulware", "conceder", 1000},
  };
  std::size_t offers = 0;
  for (const auto& c : cases) {
    const std::string dir = ::truce::testing::shared_path("data/genius/" + c.folder + "/");
    const auto s = package_space_of(load_genius_domain(dir + c.domain),
                                    {load_genius_profile(dir + c.first), load_genius_profile(dir + c.second)},
                                    GeniusScoring::negmas);
    NegotiationDomain d(s);
    const SortedOutcomes t0 = sort_outcomes(d, 0, TieOrder::numpy), t1 = sort_outcomes(d, 1, TieOrder::numpy);
    SaoSettings settings;
    settings.steps = c.steps;
    settings.trace = true;
    const SaoRun r = run_sao(d, {&t0, &t1}, {parse_agent(c.a), parse_agent(c.b)}, settings);
    std::ifstream in(::truce::testing::shared_path("data/negmas_sao/traces/" + c.file));
    std::string line;
    std::getline(in, line);  // offer_idx,round,relative_time,proposer,outcome,u_first_negmas,u_second_negmas
    std::size_t k = 0;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      // The outcome field has no commas; split the first five fields.
      std::vector<std::string> f;
      std::size_t at = 0;
      for (int i = 0; i < 5; ++i) {
        const auto comma = line.find(',', at);
        f.push_back(line.substr(at, comma - at));
        at = comma + 1;
      }
      ASSERT_LT(k, r.trace.size()) << c.file;
      const auto v = s.values_of(r.trace[k].package);
      std::string outcome;
      for (std::size_t j = 0; j < v.size(); ++j)
        outcome += (j ? ";" : "") + s.issues[j].id + "=" + s.issues[j].values[v[j]].id;
      EXPECT_EQ(outcome, f[4]) << c.file << " offer " << k;
      EXPECT_EQ(std::to_string(r.trace[k].round), f[1]) << c.file << " offer " << k;
      EXPECT_EQ(r.trace[k].proposer == 0 ? "first" : "second", f[3]) << c.file << " offer " << k;
      ++k;
    }
    EXPECT_EQ(k, r.trace.size()) << c.file;
    offers += k;
  }
  std::cout << "[ NegMAS  ] " << offers << " offers of " << cases.size() << " full traces match\n";
}

// The mediator's single text on two issues of three values, utilities (a, b) per value:
//   X: x0 (0, 0.5), x1 (0.3, 0.3), x2 (0.6, 0);  Y: y0 (0, 0.5), y1 (0.1, 0.4), y2 (0.4, 0).
// Both disagreement utilities are 0 (worst packages). The nine packages (a, b; Nash product):
//   x0y0 (0, 1; 0)      x0y1 (0.1, 0.9; 0.09)  x0y2 (0.4, 0.5; 0.20)
//   x1y0 (0.3, 0.8; 0.24) x1y1 (0.4, 0.7; 0.28) x1y2 (0.7, 0.3; 0.21)
//   x2y0 (0.6, 0.5; 0.30) x2y1 (0.7, 0.4; 0.28) x2y2 (1, 0; 0)
// so the Nash point is x2y0 (0.6, 0.5). From the first text x0y0 (product 0) the best
// neighbour is x2y0 (0.30 against x1y0 0.24, x0y2 0.20, x0y1 0.09); none of x2y0's neighbours
// beats 0.30 (x1y0 0.24, x0y0 0, x2y1 0.28, x2y2 0): the mediator stops there, in round 0.
TEST(SingleText, MediatorReachesTheNashPointComputedByHand) {
  auto s = two_party_space({{{0.0, 0.5}, {0.3, 0.3}, {0.6, 0.0}}, {{0.0, 0.5}, {0.1, 0.4}, {0.4, 0.0}}});
  const NegotiationDomain d(s);
  const SaoRun r = run_single_text(d, 100, true);
  ASSERT_EQ(r.ending, Ending::agreement);
  EXPECT_EQ(r.agreement, 6u);  // x2y0: 2 * 3 + 0
  EXPECT_NEAR(d.utility(0, r.agreement), 0.6, 1e-12);
  EXPECT_NEAR(d.utility(1, r.agreement), 0.5, 1e-12);
  EXPECT_EQ(r.offers, 2u);  // the first text and one move
  EXPECT_EQ(r.round, 0u);
  // The space analysis's Nash point is the same package, and the analysis says it is there.
  NegotiateOptions o;
  o.protocol = Protocol::single_text;
  const auto result = negotiate(s, o);
  ASSERT_TRUE(result.agreement);
  EXPECT_EQ(result.package, 6u);
  ASSERT_TRUE(result.nash_distance.has_value());
  EXPECT_EQ(*result.nash_distance, 0.0);
  EXPECT_TRUE(result.on_pareto_frontier);
  // A red line of b's on x2 rules the Nash point out: the mediator settles on the best text b
  // accepts, x1y1 (0.28; x1y0 0.24 and x0y2 0.20 are lower, and x1y1's neighbours x1y2 0.21,
  // x0y1 0.09 do not beat it). From x0y0 it first moves to x1y0 (0.24, the best of x1y0 0.24,
  // x0y2 0.20, x0y1 0.09), then to x1y1.
  s.red_lines.push_back({1, 0, {0, 0, 1}});
  const SaoRun lined = run_single_text(NegotiationDomain(s), 100, true);
  ASSERT_EQ(lined.ending, Ending::agreement);
  EXPECT_EQ(lined.agreement, 4u);  // x1y1
  EXPECT_EQ(lined.offers, 3u);
  EXPECT_EQ(lined.round, 1u);
}

// Boulware and Conceder on A = (1, 0), C = (0.5, 0.5), B = (0, 1), 100 rounds, by hand (see the
// tests above): every pairing agrees on C (on the frontier and the Nash point); Boulware with
// either first agrees in round 84 (its aspiration reaches 0.5 there), Conceder with Conceder in
// round 6 (its own aspiration reaches 0.5). Self-play counts for both sides, so Boulware's
// rounds are 84 x 4 / 4 and Conceder's (6 + 6 + 84 + 84) / 4 = 45.
TEST(Tournament, ScoresAreTheHandCheckedRuns) {
  std::vector<TournamentDomain> domains{{"abc", two_party_space({{{1.0, 0.0}, {0.5, 0.5}, {0.0, 1.0}}})}};
  TournamentOptions o;
  o.agents = {"boulware", "conceder"};
  o.steps = 100;
  o.runs = true;
  const auto r = run_tournament(domains, o);
  EXPECT_EQ(r.negotiations, 4u);
  ASSERT_EQ(r.runs.size(), 4u);
  EXPECT_EQ(r.runs[3].round, 6u);  // conceder vs conceder
  ASSERT_EQ(r.scores.size(), 2u);
  for (const auto& s : r.scores) {
    EXPECT_EQ(s.negotiations, 4u);
    EXPECT_DOUBLE_EQ(s.agreement_rate, 1.0);
    EXPECT_DOUBLE_EQ(s.mean_utility, 0.5);
    EXPECT_DOUBLE_EQ(s.mean_share, 0.5);
    EXPECT_DOUBLE_EQ(s.mean_welfare, 1.0);
    EXPECT_DOUBLE_EQ(s.mean_pareto_distance, 0.0);
    EXPECT_DOUBLE_EQ(s.mean_nash_distance, 0.0);
  }
  EXPECT_DOUBLE_EQ(r.scores[0].mean_rounds, 84.0);
  EXPECT_DOUBLE_EQ(r.scores[1].mean_rounds, 45.0);
}

TEST(Tournament, SameBytesForAnyThreadCount) {
  TRUCE_NEEDS_SHARED("data/genius");
  std::vector<TournamentDomain> domains;
  for (const auto& [folder, d, a, b] :
       std::vector<std::array<std::string, 4>>{{"Laptop", "laptop_domain.xml", "laptop_buyer_utility.xml",
                                                "laptop_seller_utility.xml"},
                                               {"Grocery", "Grocery_domain.xml", "Grocery_domain_mary.xml",
                                                "Grocery_domain_sam.xml"}}) {
    const std::string dir = ::truce::testing::shared_path("data/genius/" + folder + "/");
    domains.push_back({folder, package_space_of(load_genius_domain(dir + d),
                                                {load_genius_profile(dir + a), load_genius_profile(dir + b)},
                                                GeniusScoring::negmas)});
  }
  TournamentOptions o;
  o.agents = {"boulware", "micro", "random", "tft"};
  o.repetitions = 3;
  o.steps = 200;
  o.runs = true;
  o.semantics = Semantics::negmas;
  o.threads = 1;
  const std::string one = to_json(run_tournament(domains, o)).dump();
  for (unsigned t : {2u, 3u, 8u}) {
    o.threads = t;
    EXPECT_EQ(to_json(run_tournament(domains, o)).dump(), one) << t << " threads";
  }
}

}  // namespace
}  // namespace truce::negotiate
