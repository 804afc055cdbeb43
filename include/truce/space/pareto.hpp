#pragma once
// Pareto frontiers of utility vectors (keys: the utilities, or their grid points, see
// utility_key). A point is dominated when another is at least as good for every actor and
// better for one. Points with equal keys are one frontier point: the builder keeps the lowest
// id and counts how many ids share it.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace truce::space {

// Builds a frontier from a stream of points without keeping the stream: a cheap filter
// against the current frontier first (a staircase search for 2 actors; recent dominators and
// the frontier in order of decreasing sum for more), then blocks of survivors merged in by
// sort-and-sweep (2 actors) or sort-filter-skyline (more). The result is the same set
// whatever the order the points come in.
class FrontierBuilder {
 public:
  explicit FrontierBuilder(std::size_t actors, std::size_t block = 1u << 13);
  void add(const double* key, std::uint64_t id, std::uint64_t count = 1);
  // Adds every point of another builder's frontier (for merging per-thread results).
  void absorb(const FrontierBuilder& other);
  // Merges pending points; after it, keys()/ids() are the frontier.
  void flush();
  std::size_t actors() const { return k_; }
  std::size_t size() const { return ids_.size(); }
  const std::vector<double>& keys() const { return keys_; }  // row-major, size() x actors()
  const std::vector<std::uint64_t>& ids() const { return ids_; }
  const std::vector<std::uint64_t>& counts() const { return counts_; }  // ids sharing each point

 private:
  bool filtered(const double* key);
  void merge_two();
  void merge_many();

  std::size_t k_, block_;
  std::vector<double> keys_;           // frontier (2 actors: sorted by key0 desc, key1 asc)
  std::vector<std::uint64_t> ids_, counts_;
  std::vector<double> sums_;           // k > 2: per frontier point, sum of keys (sorted desc)
  std::vector<double> pending_keys_;
  std::vector<std::uint64_t> pending_ids_, pending_counts_;
  std::vector<std::size_t> recent_;    // k > 2: indices of recent dominators (move to front)
};

// Indices (ascending) of the rows of keys (n x actors, row-major) on the Pareto frontier, one
// per distinct point (the lowest row): by the builder above, and by comparing every pair (for tests).
std::vector<std::size_t> pareto_frontier(const std::vector<double>& keys, std::size_t actors);
std::vector<std::size_t> pareto_frontier_brute_force(const std::vector<double>& keys, std::size_t actors);

// True if a dominates b (a >= b everywhere, > somewhere).
inline bool dominates(const double* a, const double* b, std::size_t k) {
  bool better = false;
  for (std::size_t i = 0; i < k; ++i) {
    if (a[i] < b[i]) return false;
    if (a[i] > b[i]) better = true;
  }
  return better;
}

}  // namespace truce::space
