// Work started under a CancelScope stops at its next block once the scope's check says so
// (core/progress.hpp), and work started outside any scope never does.

#include <gtest/gtest.h>

#include <atomic>

#include "truce/core/parallel.hpp"
#include "truce/core/progress.hpp"

TEST(CancelScope, WorkStartedUnderItStopsAtTheNextBlockOnEveryThread) {
  std::atomic<bool> stop{false};
  std::atomic<int> blocks{0};
  const truce::CancelScope scope([&] { return stop.load(); });
  truce::ProgressTask task("blocks", 1000);
  EXPECT_THROW(truce::run_shares(2,
                                 [&](unsigned) {
                                   for (int i = 0; i < 1000; ++i) {
                                     if (++blocks == 10) stop = true;
                                     task.add(1);
                                   }
                                 }),
               truce::Cancelled);
  EXPECT_LT(blocks.load(), 1000);
}

TEST(CancelScope, WorkOutsideAScopeAndAfterItEndsIsNeverCancelled) {
  {
    const truce::CancelScope scope([] { return true; });
  }
  truce::ProgressTask task("blocks", 10);
  EXPECT_NO_THROW(for (int i = 0; i < 10; ++i) task.add(1));
}
