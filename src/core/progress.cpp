#include "truce/core/progress.hpp"

#include <mutex>

namespace truce {

namespace {
std::atomic<ProgressDisplay*> process_display{nullptr};
std::mutex drawing;
// The first update shows after a second (short work shows nothing), then every 250 ms.
constexpr std::int64_t first_after_ns = 1'000'000'000;
constexpr std::int64_t every_ns = 250'000'000;

std::int64_t since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

void set_progress_display(ProgressDisplay* display) { process_display = display; }

namespace {
// The innermost CancelScope's check on this thread (work started here carries it to its threads).
thread_local std::function<bool()> scope_cancelled;
}  // namespace

CancelScope::CancelScope(std::function<bool()> cancelled) : previous_(std::move(scope_cancelled)) {
  scope_cancelled = std::move(cancelled);
}

CancelScope::~CancelScope() { scope_cancelled = std::move(previous_); }

ProgressTask::ProgressTask(std::string what, std::uint64_t total)
    : what_(std::move(what)),
      total_(total),
      next_show_ns_(first_after_ns),
      start_(std::chrono::steady_clock::now()),
      display_(process_display.load()),
      cancelled_(scope_cancelled) {}

ProgressTask::~ProgressTask() {
  if (!display_ || next_show_ns_.load() == first_after_ns) return;  // nothing was shown
  const std::lock_guard<std::mutex> lock(drawing);
  display_->finish();
}

void ProgressTask::add(std::uint64_t done) {
  if (cancelled_ && cancelled_()) throw Cancelled("cancelled: " + what_ + " no longer wanted");
  const std::uint64_t now_done = done_.fetch_add(done, std::memory_order_relaxed) + done;
  if (!display_) return;
  const std::int64_t t = since(start_);
  std::int64_t due = next_show_ns_.load(std::memory_order_relaxed);
  if (t < due || !next_show_ns_.compare_exchange_strong(due, t + every_ns)) return;
  std::unique_lock<std::mutex> lock(drawing, std::try_to_lock);
  if (lock.owns_lock()) display_->show(what_, now_done, total_, static_cast<double>(t) * 1e-9);
}

}  // namespace truce
