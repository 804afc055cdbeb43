#pragma once
// Progress of long work, for a person watching a terminal. An analysis counts what it has done
// through a ProgressTask; whether and how that is shown is the front end's business (the CLI
// draws a line on stderr when stderr is a terminal, never in machine output). Progress never
// changes a result: counting is all an analysis does, and with no display set it costs one
// relaxed atomic add per block of work. The same per-block call is where work that is no
// longer wanted stops (CancelScope below).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <stdexcept>
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

// Work nobody waits for any more (the browser explorer's answer to a state the user has
// already moved past) is stopped between blocks: while a CancelScope lives on a thread, every
// ProgressTask started on that thread asks `cancelled` at each block of work and, when it says
// so, throws Cancelled from add(). The analysis unwinds as from any failure (run_shares
// rethrows on the caller's thread); a result is never cut short, only not made.
class Cancelled : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CancelScope {
 public:
  explicit CancelScope(std::function<bool()> cancelled);
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;
  ~CancelScope();

 private:
  std::function<bool()> previous_;
};

class ProgressTask {
 public:
  // `what` names the units, e.g. "runs", "packages", "model runs".
  ProgressTask(std::string what, std::uint64_t total);
  ProgressTask(const ProgressTask&) = delete;
  ProgressTask& operator=(const ProgressTask&) = delete;
  ~ProgressTask();
  // Thread-safe; call per block of work, not per item. Throws Cancelled when the work was
  // started under a CancelScope whose check now says so.
  void add(std::uint64_t done);

 private:
  std::string what_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::int64_t> next_show_ns_;
  std::chrono::steady_clock::time_point start_;
  ProgressDisplay* display_;
  std::function<bool()> cancelled_;  // the starting thread's CancelScope's, or empty
};

}  // namespace truce
