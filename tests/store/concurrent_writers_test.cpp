// Two processes writing to one store at once: every run of both is stored, and neither
// sees "database is locked" (a writer that hits any error exits 3 and fails the test).

#include <gtest/gtest.h>
#include <sys/wait.h>
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
    int status = 0;
    ASSERT_EQ(waitpid(pids[w], &status, 0), pids[w]);
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

}  // namespace
}  // namespace truce
