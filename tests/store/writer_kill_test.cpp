// A writer killed at random moments (SIGKILL: no cleanup at all) leaves a store that opens,
// passes PRAGMA integrity_check and holds only whole runs.

#include <Random123/philox.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "writer_process.hpp"

namespace truce {
namespace {

using test::TempDir;

// Kill moment for kill number i: 1 ms plus a Philox-drawn 0..24 ms, seeded so a failure
// reproduces with the same schedule.
std::chrono::microseconds kill_delay(std::uint32_t seed, std::uint32_t i) {
  r123::Philox4x32 philox;
  const r123::Philox4x32::ctr_type counter = {{i, 0, 0, 0}};
  const r123::Philox4x32::key_type key = {{seed, 0}};
  return std::chrono::microseconds(1000 + philox(counter, key)[0] % 24000);
}

TEST(WriterKill, KilledWritersLeaveOnlyWholeRuns) {
  TempDir dir;
  const auto path = dir.file("runs.db");
  constexpr int kills = 50;
  constexpr std::uint32_t seed = 20261123;
  int killed_while_running = 0;
  for (int i = 0; i < kills; ++i) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0) << "fork failed";
    if (pid == 0) test::write_runs_and_exit(path, i, -1);
    std::this_thread::sleep_for(kill_delay(seed, static_cast<std::uint32_t>(i)));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      ++killed_while_running;
    else
      ADD_FAILURE() << "writer " << i << " ended by itself (status " << status << "), so it hit an error";
    if (i % 10 == 9) test::check_whole_runs(path);  // the store is sound between kills too
  }
  EXPECT_EQ(killed_while_running, kills);
  const auto per_writer = test::check_whole_runs(path);
  int total = 0;
  for (const auto& [writer, n] : per_writer) total += n;
  // Every kill landed somewhere in open, record or commit; most writers got some runs in.
  EXPECT_GT(total, kills);
  EXPECT_GT(per_writer.size(), static_cast<std::size_t>(kills / 2));
  std::printf("%d kills, %d whole runs from %zu writers\n", kills, total, per_writer.size());
}

}  // namespace
}  // namespace truce
