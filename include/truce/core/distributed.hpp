#pragma once
// Work split over several processes (MPI ranks), with the same result as one process.
//
// An analysis whose work is a set of independent units (Monte Carlo runs, model evaluations,
// negotiations), each depending only on its index, asks for its share of [0, n) with
// gather_process_shares: every process computes its own contiguous slice (a static split,
// the first n % p processes one unit more) and every process gets back all the units in index
// order. The result is the one of the plain loop for any process count, because nothing a unit
// computes depends on where it ran (every draw comes from a counter-based stream keyed by
// seed and index); and because every process ends with the same data, the code after the loop
// runs identically everywhere and reaches the same next collective call.
//
// Only the outermost loop is split: inside a share, process_count() is 1, so a loop nested in
// a unit (a simulation inside a model evaluation) runs on this process's threads alone.
//
// The engine knows no MPI: the default group is this process alone, and a front end that was
// started under mpirun installs a ProcessGroup that talks to the other ranks (the truce
// binary does, src/cli/processes.cpp).

#include <cstddef>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace truce {

// The processes one command runs on. Every call is collective: every process makes it, in
// the same order, or none does.
class ProcessGroup {
 public:
  virtual ~ProcessGroup() = default;
  virtual unsigned rank() const = 0;
  virtual unsigned size() const = 0;
  // Every process passes its bytes; every process gets every process's bytes, by rank.
  virtual std::vector<std::string> all_gather(const std::string& mine) = 0;
  // The lowest rank that passed true, or size() when none did.
  virtual unsigned lowest_rank_with(bool flag) = 0;
};

// The process's group (nullptr: this process alone, the default).
void install_process_group(ProcessGroup* group);

// This process's rank in the installed group (0 without one).
unsigned process_rank();
// The processes the next split loop is shared by: the group's size, but 1 inside a share.
unsigned process_count();

struct IndexRange {
  std::size_t begin = 0, end = 0;
  std::size_t size() const { return end - begin; }
};

// Part `part` of [0, n) split in `parts` contiguous slices whose sizes differ by at most one.
IndexRange share_of(std::size_t n, unsigned part, unsigned parts);

// Thrown on every process but the first when a share failed: the first process reports the
// failure (and only it prints), the others end quietly.
class FailedOnAnotherProcess : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Collective. Runs `work` on this process's share of [0, n) and returns every process's bytes
// by rank. When any share throws, every process throws: the first process rethrows its own
// exception if its share failed, else a std::runtime_error naming the lowest failing process
// and its message; the others throw FailedOnAnotherProcess. Never a partial result.
std::vector<std::string> run_process_shares(std::size_t n, const std::function<std::string(IndexRange)>& work);

// True once run_process_shares has thrown because of a failed share: every process knows, so
// each can end in order (the front end ends the others itself when a failure was only local).
bool failure_known_to_every_process();

// For tests of the failure path: every share computed on process `rank` throws.
void fail_shares_on_process(unsigned rank);

// Collective. `work(range)` returns the range's units in index order, `width` values of T per
// unit (range.size() * width of them); the result is all n units in index order, on every
// process. T must be plain bytes.
template <class T, class Work>
std::vector<T> gather_process_shares(std::size_t n, Work&& work, std::size_t width = 1) {
  static_assert(std::is_trivially_copyable_v<T>, "units cross processes as their bytes");
  if (process_count() == 1) return work(IndexRange{0, n});
  const auto parts = run_process_shares(n, [&](IndexRange range) {
    const std::vector<T> units = work(range);
    if (units.size() != range.size() * width) throw std::logic_error("gather_process_shares: width values per index");
    return std::string(reinterpret_cast<const char*>(units.data()), units.size() * sizeof(T));
  });
  std::size_t bytes = 0;
  for (const auto& p : parts) bytes += p.size();
  if (bytes != n * width * sizeof(T)) throw std::logic_error("gather_process_shares: the shares do not add up to the units");
  std::vector<T> all(n * width);
  std::size_t at = 0;
  for (const auto& p : parts) {
    std::memcpy(static_cast<void*>(all.data() + at), p.data(), p.size());
    at += p.size() / sizeof(T);
  }
  return all;
}

}  // namespace truce
