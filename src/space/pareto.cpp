#include "truce/space/pareto.hpp"

#include <algorithm>
#include <numeric>

namespace truce::space {

namespace {
double sum_of(const double* key, std::size_t k) {
  double s = 0;
  for (std::size_t i = 0; i < k; ++i) s += key[i];
  return s;
}
}  // namespace

FrontierBuilder::FrontierBuilder(std::size_t actors, std::size_t block) : k_(actors), block_(block) {}

bool FrontierBuilder::filtered(const double* p) {
  const std::size_t n = ids_.size();
  if (n == 0) return false;
  if (k_ == 2) {
    // Staircase: key0 descending, key1 ascending. The last point with key0 >= p0 has the
    // highest key1 of all points that could dominate p.
    std::size_t lo = 0, hi = n;  // first index with key0 < p0
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (keys_[2 * mid] >= p[0]) lo = mid + 1;
      else hi = mid;
    }
    if (lo == 0) return false;
    const double* f = &keys_[2 * (lo - 1)];
    return dominates(f, p, 2);
  }
  for (std::size_t r = 0; r < recent_.size(); ++r) {
    const std::size_t i = recent_[r];
    if (i < n && dominates(&keys_[i * k_], p, k_)) {
      if (r > 0) std::swap(recent_[r], recent_[r - 1]);
      return true;
    }
  }
  const double s = sum_of(p, k_);
  for (std::size_t i = 0; i < n && sums_[i] > s; ++i)
    if (dominates(&keys_[i * k_], p, k_)) {
      if (recent_.size() < 8) recent_.insert(recent_.begin(), i);
      else {
        recent_.pop_back();
        recent_.insert(recent_.begin(), i);
      }
      return true;
    }
  return false;
}

void FrontierBuilder::add(const double* key, std::uint64_t id, std::uint64_t count) {
  if (filtered(key)) return;
  pending_keys_.insert(pending_keys_.end(), key, key + k_);
  pending_ids_.push_back(id);
  pending_counts_.push_back(count);
  if (pending_ids_.size() >= block_) flush();
}

void FrontierBuilder::absorb(const FrontierBuilder& other) {
  for (std::size_t i = 0; i < other.ids_.size(); ++i) add(&other.keys_[i * k_], other.ids_[i], other.counts_[i]);
  for (std::size_t i = 0; i < other.pending_ids_.size(); ++i)
    add(&other.pending_keys_[i * k_], other.pending_ids_[i], other.pending_counts_[i]);
  flush();
}

void FrontierBuilder::flush() {
  if (pending_ids_.empty()) return;
  if (k_ == 2) merge_two();
  else merge_many();
  pending_keys_.clear();
  pending_ids_.clear();
  pending_counts_.clear();
  recent_.clear();
}

void FrontierBuilder::merge_two() {
  // Sort-and-sweep over the frontier and the pending points together, by key0 then key1
  // descending (package number ascending among equals).
  const std::size_t n = ids_.size(), m = pending_ids_.size();
  std::vector<double> all_keys(keys_);
  all_keys.insert(all_keys.end(), pending_keys_.begin(), pending_keys_.end());
  std::vector<std::uint64_t> all_ids(ids_);
  all_ids.insert(all_ids.end(), pending_ids_.begin(), pending_ids_.end());
  std::vector<std::uint64_t> all_counts(counts_);
  all_counts.insert(all_counts.end(), pending_counts_.begin(), pending_counts_.end());
  std::vector<std::size_t> order(n + m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (all_keys[2 * a] != all_keys[2 * b]) return all_keys[2 * a] > all_keys[2 * b];
    if (all_keys[2 * a + 1] != all_keys[2 * b + 1]) return all_keys[2 * a + 1] > all_keys[2 * b + 1];
    return all_ids[a] < all_ids[b];
  });
  keys_.clear();
  ids_.clear();
  counts_.clear();
  for (const std::size_t i : order) {
    const double a = all_keys[2 * i], b = all_keys[2 * i + 1];
    if (!ids_.empty()) {
      const double la = keys_[keys_.size() - 2], lb = keys_.back();
      if (la == a && lb == b) {  // the same point: the lowest id (first in order) stands for it
        counts_.back() += all_counts[i];
        continue;
      }
      if (b <= lb) continue;  // an earlier point (key0 >= a) is at least as good on key1
    }
    keys_.push_back(a);
    keys_.push_back(b);
    ids_.push_back(all_ids[i]);
    counts_.push_back(all_counts[i]);
  }
}

void FrontierBuilder::merge_many() {
  const std::size_t k = k_;
  // Sort-filter-skyline: ordered by decreasing sum, a point can only be dominated by one
  // before it (dominance on the grid implies a strictly larger sum).
  struct Row {
    double sum;
    const double* key;
    std::uint64_t id;
    std::uint64_t count;
  };
  auto before = [k](const Row& a, const Row& b) {
    if (a.sum != b.sum) return a.sum > b.sum;
    for (std::size_t i = 0; i < k; ++i)
      if (a.key[i] != b.key[i]) return a.key[i] > b.key[i];
    return a.id < b.id;
  };
  std::vector<Row> pending;
  pending.reserve(pending_ids_.size());
  for (std::size_t i = 0; i < pending_ids_.size(); ++i)
    pending.push_back({sum_of(&pending_keys_[i * k], k), &pending_keys_[i * k], pending_ids_[i], pending_counts_[i]});
  std::sort(pending.begin(), pending.end(), before);
  std::vector<Row> accepted;
  for (const Row& p : pending) {
    bool dominated = false;
    for (const Row& a : accepted) {
      if (a.sum <= p.sum) break;
      if (dominates(a.key, p.key, k)) {
        dominated = true;
        break;
      }
    }
    if (dominated) continue;
    // Not dominated by the current frontier either (its points before p in sum order).
    for (std::size_t i = 0; i < ids_.size() && sums_[i] > p.sum; ++i)
      if (dominates(&keys_[i * k], p.key, k)) {
        dominated = true;
        break;
      }
    if (!dominated) accepted.push_back(p);
  }
  std::vector<Row> merged;
  merged.reserve(ids_.size() + accepted.size());
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    const Row f{sums_[i], &keys_[i * k], ids_[i], counts_[i]};
    bool dominated = false;
    for (const Row& a : accepted) {
      if (a.sum <= f.sum) break;
      if (dominates(a.key, f.key, k)) {
        dominated = true;
        break;
      }
    }
    if (!dominated) merged.push_back(f);
  }
  const std::size_t old = merged.size();
  merged.insert(merged.end(), accepted.begin(), accepted.end());
  std::inplace_merge(merged.begin(), merged.begin() + static_cast<std::ptrdiff_t>(old), merged.end(), before);
  std::vector<double> keys;
  std::vector<std::uint64_t> ids, counts;
  std::vector<double> sums;
  keys.reserve(merged.size() * k);
  for (const Row& r : merged) {
    // Equal points are adjacent in this order: the first (lowest id) stands for all of them.
    if (!ids.empty() && sums.back() == r.sum && std::equal(r.key, r.key + k, keys.end() - static_cast<std::ptrdiff_t>(k))) {
      counts.back() += r.count;
      continue;
    }
    keys.insert(keys.end(), r.key, r.key + k);
    ids.push_back(r.id);
    counts.push_back(r.count);
    sums.push_back(r.sum);
  }
  keys_.swap(keys);
  ids_.swap(ids);
  counts_.swap(counts);
  sums_.swap(sums);
}

std::vector<std::size_t> pareto_frontier(const std::vector<double>& keys, std::size_t actors) {
  FrontierBuilder builder(actors, 1024);
  const std::size_t n = actors == 0 ? 0 : keys.size() / actors;
  for (std::size_t i = 0; i < n; ++i) builder.add(&keys[i * actors], i);
  builder.flush();
  std::vector<std::size_t> out(builder.ids().begin(), builder.ids().end());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::size_t> pareto_frontier_brute_force(const std::vector<double>& keys, std::size_t actors) {
  const std::size_t n = actors == 0 ? 0 : keys.size() / actors;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n; ++i) {
    bool dominated = false, repeated = false;
    for (std::size_t j = 0; j < n && !dominated && !repeated; ++j) {
      dominated = j != i && dominates(&keys[j * actors], &keys[i * actors], actors);
      repeated = j < i && std::equal(&keys[j * actors], &keys[j * actors] + actors, &keys[i * actors]);
    }
    if (!dominated && !repeated) out.push_back(i);
  }
  return out;
}

}  // namespace truce::space
