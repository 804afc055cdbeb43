#include "truce/levers/parallel_evaluation.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

namespace truce::levers {

unsigned resolve_threads(unsigned threads) {
  if (threads == 0) threads = std::thread::hardware_concurrency();
  return std::max(1u, threads);
}

std::vector<double> evaluate_points(std::size_t count, std::size_t dimension, const PointMaker& make_point,
                                    const Model& model, unsigned threads) {
  std::vector<double> out(count, 0.0);
  // Blocks small enough to balance slow and fast points, large enough to keep the
  // counter off the hot path.
  constexpr std::size_t block = 16;
  const std::size_t blocks = (count + block - 1) / block;
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::size_t failed_index = std::numeric_limits<std::size_t>::max();
  std::exception_ptr failure;

  auto work = [&] {
    std::vector<double> point(dimension);
    for (;;) {
      const std::size_t b = next.fetch_add(1);
      if (b >= blocks) return;
      const std::size_t end = std::min(count, (b + 1) * block);
      for (std::size_t i = b * block; i < end; ++i) {
        try {
          make_point(i, point);
          out[i] = model(point);
        } catch (...) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (i < failed_index) {
            failed_index = i;
            failure = std::current_exception();
          }
        }
      }
    }
  };

  const unsigned n = static_cast<unsigned>(std::min<std::size_t>(resolve_threads(threads), std::max<std::size_t>(blocks, 1)));
  if (n <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(n - 1);
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  return out;
}

}  // namespace truce::levers
