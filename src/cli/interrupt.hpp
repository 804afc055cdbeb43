#pragma once
// What truce does on Ctrl-C, SIGTERM or SIGHUP: kill the child process it is waiting for
// (Chromium, with every process it started), remove its temporary files, and end with the
// shell's status for the signal (128 + N). docs/security.md.

#include <sys/types.h>

namespace truce::cli {

void install_signal_handlers();

// While one of these lives, a signal kills the process group `child` (started in a group of
// its own) and lets the waiting code clean up (folders too) and then end_if_interrupted().
class ChildProcessWatch {
 public:
  explicit ChildProcessWatch(pid_t child_group);
  ChildProcessWatch(const ChildProcessWatch&) = delete;
  ChildProcessWatch& operator=(const ChildProcessWatch&) = delete;
  ~ChildProcessWatch();
};

// Thrown by code that waited for a child when a signal arrived; main ends the process by it.
struct Interrupted {};

// The signal that arrived while a ChildProcessWatch lived, or 0.
int pending_signal();

// When a signal is pending: removes what is registered and ends the process by that signal.
void end_if_interrupted();

}  // namespace truce::cli
