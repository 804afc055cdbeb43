#pragma once
// A writer process for the reliability tests: writes tagged runs to a store in a loop, and a
// check that a store holds only whole runs afterwards.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <set>

#include "store_test_support.hpp"

namespace truce::test {

inline constexpr std::size_t payload_bytes = 16384;  // a run spans several pages

// Records runs (writer, k) for k = 0, 1, ... (count of them, or until killed when count < 0),
// then ends the process: exit 0, or 3 after printing the error. Writes one byte to ready_fd
// (when given) once the store is open. Call only in a forked child.
[[noreturn]] inline void write_runs_and_exit(const std::string& path, int writer, int count, int ready_fd = -1) {
  int code = 0;
  try {
    auto store = RunStore::open_for_writing(path);
    if (ready_fd >= 0 && ::write(ready_fd, "r", 1) != 1) throw std::runtime_error("cannot signal readiness");
    auto scenario = toy_scenario();
    const std::string payload(payload_bytes, 'x');
    for (int k = 0; count < 0 || k < count; ++k) {
      // Every other run brings a new scenario, so both tables are written in one transaction.
      scenario.description = "writer " + std::to_string(writer) + " variant " + std::to_string(k / 2);
      NewRun run;
      run.command = "weighted_mean";
      run.options = {{"writer", writer}, {"k", k}, {"seed", k}};
      run.scenario_json = canonical_scenario_json(scenario);
      run.scenario_path = "toy.yaml";
      run.result = {{"headline", {{"writer", writer}, {"k", k}}}, {"payload", payload}};
      store.record(run);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "writer %d: %s\n", writer, e.what());
    code = 3;
  }
  std::fflush(stderr);
  _exit(code);
}

// Checks the store holds only whole runs, each writer's runs being k = 0..n-1 without a gap
// (one connection commits them in order, so a gap would be a lost committed run). Returns
// the number of runs per writer.
inline std::map<int, int> check_whole_runs(const std::string& path) {
  std::map<int, int> per_writer;
  { RunStore::open_for_reading(path); }  // opens (recovering the WAL a killed writer left)
  RawDb raw(path, SQLITE_OPEN_READONLY);
  EXPECT_EQ(raw.text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(raw.integer("SELECT count(*) FROM runs WHERE scenario_hash NOT IN (SELECT hash FROM scenarios)"), 0);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM scenarios WHERE hash NOT IN (SELECT scenario_hash FROM runs)"), 0)
      << "a scenario is written only with its run";
  const auto store = RunStore::open_for_reading(path);
  std::map<int, std::set<int>> ks;
  for (const auto& summary : store.list()) {
    const auto run = store.find(summary.id);
    EXPECT_TRUE(run.has_value());
    if (!run) continue;
    const auto options = run->options();
    const auto result = run->result();
    const int writer = options.at("writer"), k = options.at("k");
    EXPECT_EQ(result["headline"]["writer"], writer);
    EXPECT_EQ(result["headline"]["k"], k);
    EXPECT_EQ(result["payload"].get<std::string>().size(), payload_bytes);
    EXPECT_EQ(sha256_hex(run->scenario_json), run->scenario_hash);
    EXPECT_NE(run->scenario_json.find("writer " + std::to_string(writer) + " variant " + std::to_string(k / 2)),
              std::string::npos);
    EXPECT_TRUE(ks[writer].insert(k).second) << "run (" << writer << ", " << k << ") stored twice";
  }
  for (const auto& [writer, set] : ks) {
    EXPECT_EQ(*set.rbegin() + 1, static_cast<int>(set.size())) << "writer " << writer << " has a gap";
    per_writer[writer] = static_cast<int>(set.size());
  }
  return per_writer;
}

}  // namespace truce::test
