// truce/core/progress.hpp: what a display is told, and that nothing is shown for short work.

#include "truce/core/progress.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

namespace {

struct Recorder : truce::ProgressDisplay {
  std::vector<std::uint64_t> shown;
  std::uint64_t total = 0;
  int finished = 0;
  void show(std::string_view what, std::uint64_t done, std::uint64_t t, double) override {
    EXPECT_EQ(what, "runs");
    shown.push_back(done);
    total = t;
  }
  void finish() override { ++finished; }
};

struct DisplayGuard {
  explicit DisplayGuard(truce::ProgressDisplay* d) { truce::set_progress_display(d); }
  ~DisplayGuard() { truce::set_progress_display(nullptr); }
};

TEST(Progress, ShortWorkShowsNothing) {
  Recorder r;
  const DisplayGuard guard(&r);
  {
    truce::ProgressTask task("runs", 100);
    for (int i = 0; i < 100; ++i) task.add(1);
  }
  EXPECT_TRUE(r.shown.empty());
  EXPECT_EQ(r.finished, 0);
}

TEST(Progress, LongWorkIsShownRisingAndFinishedOnce) {
  Recorder r;
  const DisplayGuard guard(&r);
  {
    truce::ProgressTask task("runs", 30);
    for (int i = 0; i < 30; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));  // 1.5 s in all
      task.add(1);
    }
  }
  ASSERT_FALSE(r.shown.empty());
  EXPECT_LE(r.shown.size(), 4u);  // after the first second, at most every 250 ms
  EXPECT_GE(r.shown.front(), 18u);  // not before 1 s = 20 steps of 50 ms (with slack)
  for (std::size_t i = 1; i < r.shown.size(); ++i) EXPECT_GT(r.shown[i], r.shown[i - 1]);
  EXPECT_EQ(r.total, 30u);
  EXPECT_EQ(r.finished, 1);
}

}  // namespace
