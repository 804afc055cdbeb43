#include "truce/levers/parallel_evaluation.hpp"
#include "truce/core/distributed.hpp"
#include "truce/core/parallel.hpp"
#include "truce/core/progress.hpp"
#include "truce/core/work_budget.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>

namespace truce::levers {

namespace {

// The outputs at points [range.begin, range.end) of `count`, on this process's threads;
// out[i - range.begin] is point i's.
std::vector<double> evaluate_range(std::size_t count, IndexRange range, std::size_t dimension,
                                   const PointMaker& make_point, const Model& model, unsigned threads) {
  const std::size_t first_point = range.begin;
  std::vector<double> out(range.size(), 0.0);
  if (range.size() == 0) return out;
  // Blocks small enough to balance slow and fast points, large enough to keep the
  // counter off the hot path; as many threads as there are blocks, at most.
  constexpr std::size_t block = 16;
  const std::size_t blocks = (range.size() + block - 1) / block;
  const auto threads_used = static_cast<unsigned>(std::min<std::size_t>(resolve_thread_count(threads), blocks));
  // The share's first point first, on this thread and timed: its cost times the share's size is
  // the budget's estimate. Its result is kept, so the outputs are those of the plain loop below
  // for any thread count.
  std::size_t first_failed = std::numeric_limits<std::size_t>::max();
  std::exception_ptr first_failure;
  {
    std::vector<double> point(dimension);
    const auto start = std::chrono::steady_clock::now();
    try {
      make_point(first_point, point);
      out[0] = model(point);
    } catch (...) {
      first_failed = first_point;
      first_failure = std::current_exception();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    check_work_budget(fmt::format("{} model runs", count),
                      seconds * static_cast<double>(range.size() - 1) / threads_used,
                      "ask for fewer samples or probes, or fewer runs per model evaluation");
  }
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::size_t failed_index = first_failed;
  std::exception_ptr failure = first_failure;

  ProgressTask progress("model runs", range.size());
  auto work = [&] {
    std::vector<double> point(dimension);
    for (;;) {
      const std::size_t b = next.fetch_add(1);
      if (b >= blocks) return;
      const std::size_t end = std::min(range.end, first_point + (b + 1) * block);
      for (std::size_t i = std::max<std::size_t>(first_point + b * block, first_point + 1); i < end; ++i) {
        try {
          make_point(i, point);
          out[i - first_point] = model(point);
        } catch (...) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (i < failed_index) {
            failed_index = i;
            failure = std::current_exception();
          }
        }
      }
      progress.add(end - (first_point + b * block));
    }
  };

  run_shares(threads_used, [&work](unsigned) { work(); });
  if (failure) std::rethrow_exception(failure);
  return out;
}

}  // namespace

std::vector<double> evaluate_points(std::size_t count, std::size_t dimension, const PointMaker& make_point,
                                    const Model& model, unsigned threads) {
  check_memory_need(fmt::format("keeping {} model outputs", count), static_cast<double>(count) * sizeof(double),
                    "ask for fewer samples or probes");
  // Each process evaluates its contiguous share of the points (truce/core/distributed.hpp);
  // every process gets every output, in point order.
  return gather_process_shares<double>(count, [&](IndexRange range) {
    return evaluate_range(count, range, dimension, make_point, model, threads);
  });
}

}  // namespace truce::levers
