#include "truce/space/pareto.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
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
  auto remember = [&](std::size_t i) {  // newest first, at most 8 (no allocation once full)
    if (recent_.size() < 8) recent_.push_back(i);
    for (std::size_t r = recent_.size() - 1; r > 0; --r) recent_[r] = recent_[r - 1];
    recent_[0] = i;
  };
  if (index_.empty()) {
    const double s = sum_of(p, k_);
    for (std::size_t i = 0; i < n && sums_[i] > s; ++i)
      if (dominates(&keys_[i * k_], p, k_)) {
        remember(i);
        return true;
      }
    return false;
  }
  const std::size_t i = index_.dominator(p);
  if (i == SIZE_MAX) return false;
  remember(i);
  return true;
}

std::size_t FrontierBuilder::Index::dominator(const double* p) const {
  auto covers = [&](const double* box) {
    for (std::size_t i = 0; i < k; ++i)
      if (box[i] < p[i]) return false;
    return true;
  };
  const std::size_t n = of.size(), leaves = leaf_max.size() / k, nodes = node_max.size() / k;
  for (std::size_t node = 0; node < nodes; ++node) {
    if (!covers(&node_max[node * k])) continue;
    const std::size_t leaf_end = std::min(leaves, (node + 1) * 16);
    for (std::size_t leaf = node * 16; leaf < leaf_end; ++leaf) {
      if (!covers(&leaf_max[leaf * k])) continue;
      const std::size_t end = std::min(n, (leaf + 1) * 16);
      for (std::size_t q = leaf * 16; q < end; ++q)
        if (dominates(&keys[q * k], p, k)) return of[q];
    }
  }
  return SIZE_MAX;
}

void FrontierBuilder::Index::build(const double* points, std::size_t n, std::size_t dims) {
  k = dims;
  keys.clear();
  leaf_max.clear();
  node_max.clear();
  of.clear();
  if (k <= 2 || n < 64) return;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return points[a * k] > points[b * k]; });
  const std::size_t leaves = (n + 15) / 16;
  const auto slabs = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(leaves))));
  const std::size_t per_slab = ((n + slabs - 1) / slabs + 15) / 16 * 16;
  for (std::size_t start = 0; start < n; start += per_slab) {
    const auto first = order.begin() + static_cast<std::ptrdiff_t>(start);
    const auto last = order.begin() + static_cast<std::ptrdiff_t>(std::min(n, start + per_slab));
    std::sort(first, last, [&](std::size_t a, std::size_t b) { return points[a * k + 1] > points[b * k + 1]; });
  }
  of = order;
  keys.reserve(n * k);
  for (const std::size_t i : order) keys.insert(keys.end(), points + i * k, points + i * k + k);
  leaf_max.assign(leaves * k, -std::numeric_limits<double>::infinity());
  for (std::size_t q = 0; q < n; ++q)
    for (std::size_t i = 0; i < k; ++i) leaf_max[(q / 16) * k + i] = std::max(leaf_max[(q / 16) * k + i], keys[q * k + i]);
  const std::size_t nodes = (leaves + 15) / 16;
  node_max.assign(nodes * k, -std::numeric_limits<double>::infinity());
  for (std::size_t l = 0; l < leaves; ++l)
    for (std::size_t i = 0; i < k; ++i) node_max[(l / 16) * k + i] = std::max(node_max[(l / 16) * k + i], leaf_max[l * k + i]);
}

void FrontierBuilder::build_index() { index_.build(keys_.data(), ids_.size(), k_); }

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
  else {
    merge_many();
    build_index();
  }
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
    if (!index_.empty()) dominated = index_.dominator(p.key) != SIZE_MAX;
    else
      for (std::size_t i = 0; i < ids_.size() && sums_[i] > p.sum; ++i)
        if (dominates(&keys_[i * k], p.key, k)) {
          dominated = true;
          break;
        }
    if (!dominated) accepted.push_back(p);
  }
  std::vector<double> accepted_keys;
  accepted_keys.reserve(accepted.size() * k);
  for (const Row& a : accepted) accepted_keys.insert(accepted_keys.end(), a.key, a.key + k);
  Index accepted_index;
  accepted_index.build(accepted_keys.data(), accepted.size(), k);
  std::vector<Row> merged;
  merged.reserve(ids_.size() + accepted.size());
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    const Row f{sums_[i], &keys_[i * k], ids_[i], counts_[i]};
    bool dominated = false;
    if (!accepted_index.empty()) dominated = accepted_index.dominator(f.key) != SIZE_MAX;
    else
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
