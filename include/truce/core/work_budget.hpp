#pragma once
// The budget check run before work whose size is known in advance (docs/security.md): a
// scenario of 40 three-valued issues is a valid file, but its 1.2e19 packages would take
// millennia. Such work is refused at once with an estimate and the way to go ahead.
//
// The budget is a limit on estimated seconds of work, set once per process by the command
// line (`--budget SECONDS`, 0 = no limit). It is not an analysis option: it decides whether
// to start, never what a result is, so runs stored under any budget rerun identically.

#include <stdexcept>
#include <string>
#include <string_view>

namespace truce {

// Work refused because it exceeds the budget or the machine (memory, threads).
class WorkTooLarge : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr double default_work_budget_seconds = 600;

// The process-wide limit on estimated seconds; 0 means none.
double work_budget_seconds();
void set_work_budget_seconds(double seconds);

// Throws WorkTooLarge when `estimated_seconds` exceeds the budget. `what` says what the work
// is ("enumerating 1.2e19 packages"), `how_to_shrink` what the user could change instead of
// raising the budget.
void check_work_budget(std::string_view what, double estimated_seconds, std::string_view how_to_shrink);

// Throws WorkTooLarge when `bytes` of working memory would exceed this machine's physical
// memory: a clear message instead of an allocation failing gigabytes later.
void check_memory_need(std::string_view what, double bytes, std::string_view how_to_shrink);

// "2.3 s", "4 min", "3.1 hours", "2,700 years".
std::string describe_duration(double seconds);

}  // namespace truce
