#include "terminal_progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "truce/core/progress.hpp"
#include "truce/core/work_budget.hpp"

namespace truce::cli {

namespace {

class TerminalProgress : public ProgressDisplay {
 public:
  void show(std::string_view what, std::uint64_t done, std::uint64_t total, double elapsed) override {
    const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    std::string line = fmt::format("  {:.0f}% ({} of {} {})", 100.0 * fraction, done, total, what);
    if (fraction > 0.01) line += fmt::format(", about {} left", describe_duration(elapsed * (1.0 - fraction) / fraction));
    width_ = std::max(width_, line.size());
    std::fprintf(stderr, "\r%-*s", static_cast<int>(width_), line.c_str());
    std::fflush(stderr);
  }
  void finish() override {
    std::fprintf(stderr, "\r%*s\r", static_cast<int>(width_), "");
    std::fflush(stderr);
    width_ = 0;
  }

 private:
  std::size_t width_ = 0;
};

}  // namespace

void show_progress_on_terminal() {
  static TerminalProgress display;
  if (::isatty(STDERR_FILENO)) set_progress_display(&display);
}

}  // namespace truce::cli
