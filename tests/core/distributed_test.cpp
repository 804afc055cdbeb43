// Work split over processes (core/distributed.hpp) without MPI: the static split, the loop as
// one process runs it, and, through a stand-in group that plays the first of two ranks, the
// assembly in index order, the local run of nested loops, and a failure on the other rank.
// The real thing, mpirun and its bytes, is tests/cli/mpi_test.cpp.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "truce/core/distributed.hpp"

namespace {

using namespace truce;

TEST(Distributed, SharesAreContiguousCoverEveryIndexAndDifferByAtMostOne) {
  for (std::size_t n : {0u, 1u, 2u, 5u, 64u, 1001u})
    for (unsigned parts : {1u, 2u, 3u, 7u, 64u}) {
      std::size_t next = 0, smallest = n, largest = 0;
      for (unsigned p = 0; p < parts; ++p) {
        const IndexRange r = share_of(n, p, parts);
        EXPECT_EQ(r.begin, next) << n << " " << parts;
        next = r.end;
        smallest = std::min(smallest, r.size());
        largest = std::max(largest, r.size());
      }
      EXPECT_EQ(next, n);
      EXPECT_LE(largest - smallest, 1u);
    }
}

TEST(Distributed, WithoutAGroupTheLoopIsThePlainOne) {
  EXPECT_EQ(process_rank(), 0u);
  EXPECT_EQ(process_count(), 1u);
  const auto squares = gather_process_shares<std::uint64_t>(5, [](IndexRange r) {
    std::vector<std::uint64_t> v;
    for (std::size_t i = r.begin; i < r.end; ++i) v.push_back(i * i);
    return v;
  });
  EXPECT_EQ(squares, (std::vector<std::uint64_t>{0, 1, 4, 9, 16}));
}

// Rank 0 of two; "rank 1" answers with what its share would have given, or fails.
class FirstOfTwo : public ProcessGroup {
 public:
  std::string other_bytes;
  bool other_fails = false;
  unsigned rank() const override { return 0; }
  unsigned size() const override { return 2; }
  std::vector<std::string> all_gather(const std::string& mine) override {
    return {mine, other_fails ? std::string("ta share too large for its budget") : other_bytes};
  }
  unsigned lowest_rank_with(bool flag) override { return flag ? 0 : other_fails ? 1 : 2; }
};

struct Installed {
  explicit Installed(ProcessGroup& g) { install_process_group(&g); }
  ~Installed() { install_process_group(nullptr); }
};

TEST(Distributed, TheFirstRankComputesItsShareAndGetsTheUnitsInIndexOrder) {
  FirstOfTwo group;
  const std::vector<double> theirs{30, 40};
  group.other_bytes.assign(reinterpret_cast<const char*>(theirs.data()), theirs.size() * sizeof(double));
  const Installed installed(group);
  EXPECT_EQ(process_count(), 2u);
  unsigned nested = 0;
  const auto all = gather_process_shares<double>(5, [&](IndexRange r) {
    EXPECT_EQ(r.begin, 0u);
    EXPECT_EQ(r.end, 3u);  // 5 over 2: the first gets the extra one
    nested = process_count();
    std::vector<double> v;
    for (std::size_t i = r.begin; i < r.end; ++i) v.push_back(static_cast<double>(i));
    return v;
  });
  EXPECT_EQ(nested, 1u);  // loops inside a share run on this process alone
  EXPECT_EQ(all, (std::vector<double>{0, 1, 2, 30, 40}));
}

TEST(Distributed, AFailureOnAnotherRankIsReportedByTheFirstNamingIt) {
  FirstOfTwo group;
  group.other_fails = true;
  const Installed installed(group);
  try {
    run_process_shares(4, [](IndexRange) { return std::string("fine"); });
    FAIL() << "expected the other rank's failure";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "process 1 of 2 failed: a share too large for its budget");
  }
  EXPECT_TRUE(failure_known_to_every_process());
}

}  // namespace
