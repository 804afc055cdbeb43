// truce/core/parallel.hpp: every share runs once, failures come back to the caller, and a
// thread count the system cannot give still finishes with the same result.

#include "truce/core/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace {

TEST(RunShares, EveryShareRunsExactlyOnce) {
  for (const unsigned shares : {1u, 2u, 7u, 64u}) {
    std::vector<std::atomic<int>> runs(shares);
    truce::run_shares(shares, [&](unsigned t) { ++runs[t]; });
    for (unsigned t = 0; t < shares; ++t) EXPECT_EQ(runs[t].load(), 1) << "share " << t << " of " << shares;
  }
}

TEST(RunShares, ZeroSharesDoNothing) {
  int calls = 0;
  truce::run_shares(0, [&](unsigned) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(RunShares, TheLowestFailingShareIsRethrownAfterAllJoin) {
  std::atomic<int> finished{0};
  try {
    truce::run_shares(8, [&](unsigned t) {
      if (t == 5) throw std::runtime_error("share 5");
      if (t == 3) throw std::invalid_argument("share 3");
      ++finished;
    });
    FAIL() << "expected an exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "share 3");  // the lowest share's, with its own type
  }
  EXPECT_EQ(finished.load(), 6);  // the other shares all ran to the end
}

TEST(RunShares, MoreSharesThanTheSystemAllowsStillGiveTheSameSum) {
  // 4096 threads exceed what a test container usually grants; shares without a thread run on
  // the caller. The sum of a fixed partition is the same either way: 0 + 1 + ... + 4095.
  std::vector<std::uint64_t> part(4096, 0);
  truce::run_shares(4096, [&](unsigned t) { part[t] = t; });
  EXPECT_EQ(std::accumulate(part.begin(), part.end(), std::uint64_t{0}), 4096ull * 4095ull / 2ull);
}

TEST(ResolveThreadCount, ZeroMeansTheHardwareAndNeverLessThanOne) {
  EXPECT_GE(truce::resolve_thread_count(0), 1u);
  EXPECT_EQ(truce::resolve_thread_count(3), 3u);
}

}  // namespace
