#include "truce/core/parallel.hpp"

#include <algorithm>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace truce {

unsigned resolve_thread_count(unsigned requested) {
  if (requested == 0) requested = std::thread::hardware_concurrency();
  return std::max(1u, requested);
}

void run_shares(unsigned shares, const std::function<void(unsigned)>& work) {
  if (shares == 0) return;
  std::vector<std::exception_ptr> errors(shares);
  const auto guarded = [&](unsigned t) {
    try {
      work(t);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  unsigned started = 1;  // share 0 is the caller's
  try {
    pool.reserve(shares - 1);
    for (; started < shares; ++started) pool.emplace_back(guarded, started);
  } catch (const std::system_error&) {
    // No more threads to be had: the remaining shares run here below.
  } catch (const std::bad_alloc&) {
  }
  guarded(0);
  for (unsigned t = started; t < shares; ++t) guarded(t);
  for (auto& th : pool) th.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace truce
