#include "interrupt.hpp"

#include <csignal>
#include <unistd.h>

#include <atomic>

#include "truce/io/output_file.hpp"

namespace truce::cli {

namespace {

std::atomic<pid_t> watched_group{0};
volatile std::sig_atomic_t caught = 0;

[[noreturn]] void end_by(int signal_number) {
  remove_temporaries_now();
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
  _exit(128 + signal_number);  // in case the signal is blocked
}

extern "C" void on_signal(int signal_number) {
  caught = signal_number;
  const pid_t group = watched_group.load();
  if (group > 0) {
    ::kill(-group, SIGKILL);
    return;  // the code waiting for the child cleans up and ends the process
  }
  end_by(signal_number);
}

}  // namespace

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (const int s : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction previous {};
    // A signal ignored by whoever started truce (nohup) stays ignored.
    if (sigaction(s, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
    sigaction(s, &action, nullptr);
  }
}

ChildProcessWatch::ChildProcessWatch(pid_t child_group) {
  watched_group = child_group;
  if (caught) ::kill(-child_group, SIGKILL);  // a signal arrived while the child was starting
}

ChildProcessWatch::~ChildProcessWatch() { watched_group = 0; }

int pending_signal() { return caught; }

void end_if_interrupted() {
  if (caught) end_by(caught);
}

}  // namespace truce::cli
