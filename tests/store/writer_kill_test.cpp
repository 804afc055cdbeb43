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

// Kill moment for kill number i: `from` plus a Philox-drawn 0..span-1 microseconds, seeded so
// a failure reproduces with the same schedule.
std::chrono::microseconds kill_delay(std::uint32_t seed, std::uint32_t i, std::uint32_t from, std::uint32_t span) {
  r123::Philox4x32 philox;
  const r123::Philox4x32::ctr_type counter = {{i, 0, 0, 0}};
  const r123::Philox4x32::key_type key = {{seed, 0}};
  return std::chrono::microseconds(from + philox(counter, key)[0] % span);
}

TEST(WriterKill, KilledWritersLeaveOnlyWholeRuns) {
  TempDir dir;
  const auto path = dir.file("runs.db");
  constexpr int kills = 50;
  constexpr std::uint32_t seed = 20261123;
  int killed_while_running = 0;
  { RunStore::open_for_writing(path); }  // created first: kills during creation are the next test's
  for (int i = 0; i < kills; ++i) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0) << "fork failed";
    if (pid == 0) {
      close(ready[0]);
      test::write_runs_and_exit(path, i, -1, ready[1]);
    }
    close(ready[1]);
    char byte = 0;
    const bool opened = read(ready[0], &byte, 1) == 1;  // EOF if the writer died opening the store
    close(ready[0]);
    EXPECT_TRUE(opened) << "writer " << i << " could not open the store";
    // Writers record a run every 1-5 ms here (FULL sync on ext4): kill 0..15.999 ms after the
    // store is open, so kills fall before, inside and after commits.
    std::this_thread::sleep_for(kill_delay(seed, static_cast<std::uint32_t>(i), 0, 16000));
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
  // The writers did write (so kills fell among writes): at 1-5 ms a run and 8 ms on average
  // before the kill, about 2 runs per writer; ask for far fewer, so a loaded machine passes.
  EXPECT_GE(total, kills / 5);
  std::printf("%d kills, %d whole runs from %zu writers\n", kills, total, per_writer.size());
}

TEST(WriterKill, AWriterKilledWhileCreatingTheStoreLeavesAUsableFile) {
  // Creation (WAL switch, then each migration in its transaction) takes 13-49 ms here: kill
  // inside it, at 0..39.999 ms, on a fresh file each time; the next writer must find an
  // empty file or a whole store, never a file it refuses.
  TempDir dir;
  constexpr std::uint32_t seed = 777;
  for (std::uint32_t i = 0; i < 30; ++i) {
    const auto path = dir.file("runs-" + std::to_string(i) + ".db");
    const pid_t pid = fork();
    ASSERT_GE(pid, 0) << "fork failed";
    if (pid == 0) test::write_runs_and_exit(path, 0, -1);
    std::this_thread::sleep_for(kill_delay(seed, i, 0, 40000));
    kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    try {
      auto store = RunStore::open_for_writing(path);
      auto run = test::fake_run(test::toy_scenario());
      run.options["writer"] = 1;  // another writer: its run 0 follows whatever writer 0 stored
      run.options["k"] = 0;
      run.result = {{"headline", {{"writer", 1}, {"k", 0}}}, {"payload", std::string(test::payload_bytes, 'x')}};
      run.scenario_json = [] {
        auto scenario = test::toy_scenario();
        scenario.description = "writer 1 variant 0";
        return canonical_scenario_json(scenario);
      }();
      store.record(run);
    } catch (const StoreError& e) {
      ADD_FAILURE() << "kill " << i << ": " << e.what();
      continue;
    }
    const auto per_writer = test::check_whole_runs(path);
    EXPECT_EQ(per_writer.at(1), 1);
  }
}

}  // namespace
}  // namespace truce
