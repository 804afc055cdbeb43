#include "truce/core/distributed.hpp"

#include <fmt/format.h>

#include <atomic>
#include <exception>
#include <new>
#include <thread>

#include "truce/core/work_budget.hpp"

namespace truce {

namespace {

std::atomic<ProcessGroup*> installed{nullptr};
// The thread that installed the group: only it makes collective calls (MPI_THREAD_FUNNELED);
// a split loop reached from another thread runs locally.
std::thread::id owner;
// Above 0 while this process computes a share: loops nested in a unit run locally.
std::atomic<int> inside_share{0};
std::atomic<unsigned> failing_rank{~0u};
std::atomic<bool> shared_failure{false};

// What a failed share says, and the kind of failure it was, so that the first process can
// report it as the same kind (and the CLI with the same exit status).
enum class Kind : char { too_large = 't', invalid = 'i', other = 'o' };

std::string describe(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const WorkTooLarge& x) {
    return char(Kind::too_large) + std::string(x.what());
  } catch (const std::bad_alloc&) {
    return char(Kind::too_large) +
           std::string("out of memory: the work asked for more memory than this machine has; ask for less");
  } catch (const std::invalid_argument& x) {
    return char(Kind::invalid) + std::string(x.what());
  } catch (const std::exception& x) {
    return char(Kind::other) + std::string(x.what());
  } catch (...) {
    return char(Kind::other) + std::string("an unknown exception");
  }
}

[[noreturn]] void report(const std::string& described, unsigned rank, unsigned size) {
  const std::string message = fmt::format("process {} of {} failed: {}", rank, size, described.substr(1));
  switch (described.empty() ? Kind::other : Kind(described[0])) {
    case Kind::too_large: throw WorkTooLarge(message);
    case Kind::invalid: throw std::invalid_argument(message);
    default: throw std::runtime_error(message);
  }
}

}  // namespace

void install_process_group(ProcessGroup* group) {
  owner = std::this_thread::get_id();
  installed = group;
}

void fail_shares_on_process(unsigned rank) { failing_rank = rank; }

bool failure_known_to_every_process() { return shared_failure; }

unsigned process_rank() {
  const ProcessGroup* g = installed;
  return g ? g->rank() : 0;
}

unsigned process_count() {
  const ProcessGroup* g = installed;
  if (!g || inside_share > 0 || std::this_thread::get_id() != owner) return 1;
  return g->size();
}

IndexRange share_of(std::size_t n, unsigned part, unsigned parts) {
  const std::size_t base = n / parts, extra = n % parts;
  const std::size_t begin = part * base + std::min<std::size_t>(part, extra);
  return {begin, begin + base + (part < extra ? 1 : 0)};
}

std::vector<std::string> run_process_shares(std::size_t n, const std::function<std::string(IndexRange)>& work) {
  if (process_count() == 1) return {work(IndexRange{0, n})};
  ProcessGroup& g = *installed.load();
  const unsigned rank = g.rank(), size = g.size();
  std::string mine;
  std::exception_ptr failure;
  ++inside_share;
  try {
    if (rank == failing_rank) throw std::runtime_error("a failure injected for a test of the failure path");
    mine = work(share_of(n, rank, size));
  } catch (...) {
    failure = std::current_exception();
  }
  --inside_share;
  // One small message when all went well; the failure's text only when one did not.
  const unsigned failed = g.lowest_rank_with(failure != nullptr);
  if (failed == size) return g.all_gather(mine);
  const auto messages = g.all_gather(failure ? describe(failure) : std::string());
  shared_failure = true;
  if (rank != 0) throw FailedOnAnotherProcess(fmt::format("process {} of {} failed", failed, size));
  // The first process holds the lowest indices: its own failure is the one the plain loop
  // would have met first, reported as it would have been.
  if (failed == 0) std::rethrow_exception(failure);
  report(messages[failed], failed, size);
}

}  // namespace truce
