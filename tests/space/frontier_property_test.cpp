// Properties on random small spaces (seeded Philox streams): the streaming frontier equals the
// brute-force one, no frontier point is dominated, every other package is dominated by (or
// equal to) a frontier point, thread count changes nothing, the ZOPA count and the minimal
// blocking sets equal brute force, and the bargaining-set query equals a full scan.

#include <gtest/gtest.h>

#include <Random123/philox.h>

#include <algorithm>
#include <cmath>
#include <bit>
#include <map>
#include <set>

#include "truce/space/agreement_space.hpp"
#include "truce/space/bargaining_set.hpp"
#include "truce/space/pareto.hpp"

namespace truce::space {
namespace {

// Uniform numbers in [0, 1) from Philox4x32 keyed by (seed, stream).
class Stream {
 public:
  Stream(std::uint32_t seed, std::uint32_t stream) : key_{{seed, stream}} {}
  double uniform() {
    if (used_ == 4) {
      ctr_.v[0]++;
      block_ = r123::Philox4x32()(ctr_, key_);
      used_ = 0;
    }
    return block_.v[used_++] * (1.0 / 4294967296.0);
  }
  std::size_t below(std::size_t n) { return std::min(n - 1, static_cast<std::size_t>(uniform() * static_cast<double>(n))); }

 private:
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type ctr_{{0, 0, 0, 0}};
  r123::Philox4x32::ctr_type block_{};
  int used_ = 4;
};

PackageSpace random_space(std::uint32_t seed) {
  Stream rng(seed, 1);
  PackageSpace s;
  const std::size_t k = 2 + rng.below(4), m = 1 + rng.below(4);
  const bool coarse = rng.uniform() < 0.5;  // coarse tables make many equal utilities
  for (std::size_t a = 0; a < k; ++a)
    s.actors.push_back({"a" + std::to_string(a), "", 1.0 + rng.below(3), rng.uniform() < 0.8, 0.0});
  for (std::size_t j = 0; j < m; ++j) {
    SpaceIssue issue{"i" + std::to_string(j), "", {}};
    const std::size_t nv = 1 + rng.below(5);
    for (std::size_t v = 0; v < nv; ++v) issue.values.push_back({std::to_string(v), "", std::nullopt});
    std::vector<double> table(nv * k);
    for (auto& c : table) c = coarse ? 0.25 * static_cast<double>(rng.below(4)) : rng.uniform();
    s.contribution.push_back(std::move(table));
    for (std::size_t a = 0; a < k; ++a)
      if (rng.uniform() < 0.3) {
        RedLine r{a, j, std::vector<std::uint8_t>(nv, 0)};
        for (auto& f : r.forbidden) f = rng.uniform() < 0.4;
        s.red_lines.push_back(std::move(r));
      }
    s.issues.push_back(std::move(issue));
  }
  for (auto& a : s.actors) a.reservation = 0.3 * rng.uniform() * static_cast<double>(m) * (coarse ? 0.75 : 1.0);
  return s;
}

struct Brute {
  std::vector<std::uint64_t> feasible;  // crossing no counted red line, >= reservations
  std::vector<std::vector<double>> u;   // per package
  std::vector<std::uint64_t> breaks;    // per package: counted red lines crossed (bits)
  std::uint64_t zopa = 0;
};

Brute brute(const PackageSpace& s) {
  Brute b;
  const std::uint64_t n = s.size();
  std::vector<std::size_t> counted;
  for (std::size_t r = 0; r < s.red_lines.size(); ++r)
    if (s.actors[s.red_lines[r].actor].veto) counted.push_back(r);
  for (std::uint64_t p = 0; p < n; ++p) {
    const auto v = s.values_of(p);
    b.u.push_back(s.utilities_of(p));
    std::uint64_t mask = 0;
    for (std::size_t e = 0; e < counted.size(); ++e) {
      const RedLine& r = s.red_lines[counted[e]];
      if (r.forbidden[v[r.issue]]) mask |= std::uint64_t{1} << e;
    }
    b.breaks.push_back(mask);
    bool at_least = true, above = true;
    for (std::size_t a = 0; a < s.actors.size(); ++a)
      if (s.actors[a].veto) {
        at_least = at_least && b.u[p][a] >= s.actors[a].reservation;
        above = above && b.u[p][a] > s.actors[a].reservation;
      }
    if (mask == 0 && at_least) b.feasible.push_back(p);
    if (mask == 0 && above) ++b.zopa;
  }
  return b;
}

TEST(FrontierProperty, BuilderEqualsBruteForceOnRandomPoints) {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    Stream rng(seed, 2);
    const std::size_t k = 1 + rng.below(5), n = 1 + rng.below(3000);
    const bool coarse = seed % 2 == 0;
    std::vector<double> keys(n * k);
    for (auto& x : keys) x = coarse ? static_cast<double>(rng.below(6)) : rng.uniform();
    EXPECT_EQ(pareto_frontier(keys, k), pareto_frontier_brute_force(keys, k)) << "seed " << seed << " k " << k;
  }
}

TEST(FrontierProperty, BuilderEqualsBruteForceOnLargeFrontiers) {
  // Points near the simplex sum = 1: most are on the frontier, so the dominance index over
  // the frontier (built from 64 points on) and many merges are exercised.
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    Stream rng(seed, 4);
    const std::size_t k = 3 + seed % 3, n = 2500;
    std::vector<double> keys(n * k);
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (std::size_t a = 0; a < k; ++a) sum += keys[i * k + a] = rng.uniform();
      const double shrink = 1.0 - 0.05 * rng.uniform();
      for (std::size_t a = 0; a < k; ++a) keys[i * k + a] = std::round(keys[i * k + a] / sum * shrink * 1e4);
    }
    const auto fast = pareto_frontier(keys, k);
    EXPECT_GT(fast.size(), 200u);
    EXPECT_EQ(fast, pareto_frontier_brute_force(keys, k)) << "seed " << seed;
  }
}

TEST(FrontierProperty, SpaceFrontierOnRandomSpaces) {
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    const PackageSpace s = random_space(seed);
    const std::size_t k = s.actors.size();
    const Brute b = brute(s);
    SpaceOptions o;
    const auto r = analyse_space(s, o);
    EXPECT_EQ(r.zopa, b.zopa) << "seed " << seed;
    // Brute-force frontier among feasible packages, one per distinct utility vector.
    std::vector<double> keys;
    for (const auto p : b.feasible) keys.insert(keys.end(), b.u[p].begin(), b.u[p].end());
    std::vector<std::uint64_t> expected;
    for (const auto i : pareto_frontier_brute_force(keys, k)) expected.push_back(b.feasible[i]);
    std::vector<std::uint64_t> got;
    for (const auto& p : r.frontier) got.push_back(p.package);
    std::sort(got.begin(), got.end());
    ASSERT_EQ(got, expected) << "seed " << seed;
    std::uint64_t counted = 0;
    for (const auto& f : r.frontier) counted += f.packages;
    // No frontier point dominated; every feasible package dominated by or equal to one.
    std::uint64_t equal = 0;
    for (const auto p : b.feasible) {
      bool on = false, covered = false;
      for (const auto& f : r.frontier) {
        EXPECT_FALSE(dominates(b.u[p].data(), f.utility.data(), k)) << "seed " << seed;
        on = on || f.utility == b.u[p];
        covered = covered || dominates(f.utility.data(), b.u[p].data(), k);
      }
      EXPECT_TRUE(on || covered) << "seed " << seed << " package " << p;
      equal += on;
    }
    EXPECT_EQ(counted, equal) << "seed " << seed;
    // Thread count changes nothing.
    o.threads = 3;
    const auto r3 = analyse_space(s, o);
    ASSERT_EQ(r3.frontier.size(), r.frontier.size());
    for (std::size_t i = 0; i < r.frontier.size(); ++i) EXPECT_EQ(r3.frontier[i].package, r.frontier[i].package);
    ASSERT_EQ(r3.blocking.size(), r.blocking.size());
    for (std::size_t i = 0; i < r.blocking.size(); ++i) EXPECT_EQ(r3.blocking[i].ids, r.blocking[i].ids);
  }
}

TEST(FrontierProperty, BlockingSetsEqualBruteForce) {
  int empty_cases = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const PackageSpace s = random_space(seed);
    const auto r = analyse_space(s, {});
    if (r.zopa != 0) continue;
    ++empty_cases;
    const Brute b = brute(s);
    std::vector<std::size_t> counted, veto;
    for (std::size_t i = 0; i < s.red_lines.size(); ++i)
      if (s.actors[s.red_lines[i].actor].veto) counted.push_back(i);
    for (std::size_t a = 0; a < s.actors.size(); ++a)
      if (s.actors[a].veto) veto.push_back(a);
    std::set<std::uint64_t> sets;
    for (std::uint64_t p = 0; p < b.u.size(); ++p) {
      std::uint64_t m = b.breaks[p];
      for (std::size_t i = 0; i < veto.size(); ++i)
        if (!(b.u[p][veto[i]] > s.actors[veto[i]].reservation)) m |= std::uint64_t{1} << (counted.size() + i);
      if (std::popcount(m) <= 3) sets.insert(m);
    }
    std::set<std::vector<std::string>> expected;
    for (const auto m : sets) {
      bool minimal = true;
      for (const auto q : sets) minimal = minimal && !(q != m && (q & m) == q);
      if (!minimal) continue;
      std::vector<std::string> ids;
      for (std::size_t e = 0; e < counted.size() + veto.size(); ++e)
        if (m >> e & 1)
          ids.push_back(e < counted.size() ? s.red_line_id(counted[e]) : s.actors[veto[e - counted.size()]].id + ".reservation");
      expected.insert(ids);
    }
    std::set<std::vector<std::string>> got;
    for (const auto& bs : r.blocking) got.insert(bs.ids);
    EXPECT_EQ(got, expected) << "seed " << seed;
  }
  EXPECT_GT(empty_cases, 10);  // the random spaces do exercise the search
}

TEST(FrontierProperty, BargainingSetQueryEqualsFullScan) {
  for (std::uint32_t seed = 1; seed <= 100; ++seed) {
    const PackageSpace s = random_space(seed);
    SpaceOptions threaded;
    threaded.threads = 1 + seed % 4;
    const auto set = BargainingSet::build(s, threaded);
    const auto& parties = set.parties();
    const Brute b = brute(s);
    Stream rng(seed, 3);
    for (int q = 0; q < 20; ++q) {
      std::vector<double> r(parties.size());
      for (auto& x : r) x = rng.uniform() * static_cast<double>(s.issues.size()) * 0.7;
      bool zopa = false;
      double best = 0;
      std::uint64_t best_package = 0;
      for (std::uint64_t p = 0; p < b.u.size(); ++p) {
        if (b.breaks[p] != 0) continue;
        double product = 1;
        bool inside = true;
        for (std::size_t i = 0; i < parties.size(); ++i) {
          inside = inside && b.u[p][parties[i]] > r[i];
          product *= b.u[p][parties[i]] - r[i];
        }
        if (inside && (!zopa || product > best)) {
          zopa = true;
          best = product;
          best_package = p;
        }
      }
      const auto deal = set.query(r.data());
      ASSERT_EQ(deal.zopa, zopa) << "seed " << seed << " query " << q;
      if (zopa) {
        EXPECT_DOUBLE_EQ(deal.nash_product, best) << "seed " << seed;
        EXPECT_EQ(s.utilities_of(deal.package), s.utilities_of(best_package)) << "seed " << seed;
      }
    }
  }
}

}  // namespace
}  // namespace truce::space
