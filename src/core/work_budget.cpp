#include "truce/core/work_budget.hpp"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <fmt/format.h>

namespace truce {

namespace {
std::atomic<double> budget{default_work_budget_seconds};
}

double work_budget_seconds() { return budget.load(); }
void set_work_budget_seconds(double seconds) { budget.store(seconds); }

std::string describe_duration(double seconds) {
  if (!std::isfinite(seconds)) return "forever";
  if (seconds < 120) return fmt::format("{:.2g} s", seconds);
  if (seconds < 2 * 3600) return fmt::format("{:.0f} min", seconds / 60);
  if (seconds < 2 * 86400) return fmt::format("{:.1f} hours", seconds / 3600);
  if (seconds < 2 * 365.25 * 86400) return fmt::format("{:.0f} days", seconds / 86400);
  const double years = seconds / (365.25 * 86400);
  return years < 1e6 ? fmt::format("{:.0f} years", years) : fmt::format("{:.2g} years", years);
}

void check_work_budget(std::string_view what, double estimated_seconds, std::string_view how_to_shrink) {
  const double limit = work_budget_seconds();
  if (limit <= 0 || estimated_seconds <= limit) return;
  throw WorkTooLarge(fmt::format(
      "{} would take about {} on this machine (an estimate), over the budget of {}; {}, or pass --budget {:.0f} "
      "(or --budget 0 for no limit) to go ahead",
      what, describe_duration(estimated_seconds), describe_duration(limit), how_to_shrink,
      std::isfinite(estimated_seconds) ? std::ceil(estimated_seconds * 1.5) : 0.0));
}

void check_memory_need(std::string_view what, double bytes, std::string_view how_to_shrink) {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return;
  const double physical = static_cast<double>(pages) * static_cast<double>(page);
  if (bytes <= physical / 2) return;
  throw WorkTooLarge(fmt::format("{} needs about {:.1f} GB of memory, more than half of this machine's {:.1f} GB; {}",
                                 what, bytes / 1e9, physical / 1e9, how_to_shrink));
}

}  // namespace truce
