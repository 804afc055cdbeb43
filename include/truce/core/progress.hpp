#pragma once
// Progress of long work, for a person watching a terminal. An analysis counts what it has done
// through a ProgressTask; whether and how that is shown is the front end's business (the CLI
// draws a line on stderr when stderr is a terminal, never in machine output). Progress never
// changes a result: counting is all an analysis does, and with no display set it costs one
// relaxed atomic add per block of work.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace truce {

// Receives the state of the running task, at most every few hundred milliseconds.
class ProgressDisplay {
 public:
  virtual ~ProgressDisplay() = default;
  virtual void show(std::string_view what, std::uint64_t done, std::uint64_t total, double elapsed_seconds) = 0;
  virtual void finish() = 0;
};

// The process's display (the CLI sets one; tests and the library default to none).
void set_progress_display(ProgressDisplay* display);

class ProgressTask {
 public:
  // `what` names the units, e.g. "runs", "packages", "model runs".
  ProgressTask(std::string what, std::uint64_t total);
  ProgressTask(const ProgressTask&) = delete;
  ProgressTask& operator=(const ProgressTask&) = delete;
  ~ProgressTask();
  // Thread-safe; call per block of work, not per item.
  void add(std::uint64_t done);

 private:
  std::string what_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::int64_t> next_show_ns_;
  std::chrono::steady_clock::time_point start_;
  ProgressDisplay* display_;
};

}  // namespace truce
