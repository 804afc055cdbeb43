// Two processes writing to one store at once: every run of both is stored, and neither
// sees "database is locked" (a writer that hits any error exits 3 and fails the test).

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>
#include <unistd.h>

#include "writer_process.hpp"

namespace truce {
namespace {

using test::TempDir;

void two_writers(const std::string& path, int runs_each) {
  pid_t pids[2];
  for (int w = 0; w < 2; ++w) {
    pids[w] = fork();
    ASSERT_GE(pids[w], 0) << "fork failed";
    if (pids[w] == 0) test::write_runs_and_exit(path, w, runs_each);
  }
  for (int w = 0; w < 2; ++w) {
    // Bounded: a writer still running after 60 s is stuck; kill it and fail.
    int status = 0;
    pid_t done = 0;
    for (int waited_ms = 0; (done = waitpid(pids[w], &status, WNOHANG)) == 0 && waited_ms < 60000; waited_ms += 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (done == 0) {
      kill(pids[w], SIGKILL);
      waitpid(pids[w], &status, 0);
      ADD_FAILURE() << "writer " << w << " was still writing after 60 s";
      continue;
    }
    ASSERT_EQ(done, pids[w]);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer " << w << " failed (status " << status << ")";
  }
  const auto per_writer = test::check_whole_runs(path);
  EXPECT_EQ(per_writer.size(), 2u);
  for (int w = 0; w < 2; ++w) EXPECT_EQ(per_writer.count(w) ? per_writer.at(w) : 0, runs_each) << "writer " << w;
}

TEST(ConcurrentWriters, BothCreatingTheStoreAtOnceStoreEveryRun) {
  TempDir dir;
  two_writers(dir.file("runs.db"), 150);  // the file does not exist yet: both race to create it
}

TEST(ConcurrentWriters, BothWritingAnExistingStoreStoreEveryRun) {
  TempDir dir;
  const auto path = dir.file("runs.db");
  { RunStore::open_for_writing(path); }
  two_writers(path, 150);
}

TEST(ConcurrentWriters, ManyRacesToCreateAStoreAllSucceed) {
  // Three writers start together on a file that does not exist, 20 times. Each must see an
  // empty file or a whole store, whatever point the others' creation has reached (a race
  // that once showed a half-read header as "another application's database").
  TempDir dir;
  for (int i = 0; i < 20; ++i) {
    const auto path = dir.file("race-" + std::to_string(i) + ".db");
    pid_t pids[3];
    for (int w = 0; w < 3; ++w) {
      pids[w] = fork();
      ASSERT_GE(pids[w], 0) << "fork failed";
      if (pids[w] == 0) test::write_runs_and_exit(path, w, 2);
    }
    for (int w = 0; w < 3; ++w) {
      int status = 0;
      ASSERT_EQ(waitpid(pids[w], &status, 0), pids[w]);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "race " << i << ", writer " << w;
    }
    const auto per_writer = test::check_whole_runs(path);
    EXPECT_EQ(per_writer.size(), 3u);
  }
}

}  // namespace
}  // namespace truce
