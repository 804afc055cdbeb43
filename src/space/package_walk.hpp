#pragma once
// Enumerating a package index range in mixed-radix order (last issue fastest) with incremental
// utility sums: the sum over the issues before level j is kept per level, so moving to the next
// package costs one table row per actor, and a carry only recomputes the levels below it.
// Subtrees whose prefix already crosses a counted red line are skipped whole.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "truce/space/package_space.hpp"

namespace truce::space::detail {

struct WalkTables {
  std::size_t m = 0, k = 0;
  std::vector<std::uint64_t> radix, stride;
  std::vector<const double*> table;                 // per issue: value * k + actor
  std::vector<std::vector<std::uint64_t>> mask;     // per issue, per value: bits of the red lines it crosses
};

inline WalkTables walk_tables(const PackageSpace& space) {
  WalkTables t;
  t.m = space.issues.size();
  t.k = space.actors.size();
  t.radix.resize(t.m);
  t.stride.resize(t.m);
  t.mask.resize(t.m);
  std::uint64_t s = 1;
  for (std::size_t j = t.m; j-- > 0;) {
    t.radix[j] = space.issues[j].values.size();
    t.stride[j] = s;
    s *= t.radix[j];
    t.mask[j].assign(t.radix[j], 0);
  }
  for (std::size_t j = 0; j < t.m; ++j) t.table.push_back(space.contribution[j].data());
  return t;
}

// Calls visit(package, utilities, red_line_mask) for every package n in [begin, end) whose
// mask does not satisfy prune(mask); prune is also asked about every prefix.
template <class Prune, class Visit>
void walk(const WalkTables& t, std::uint64_t begin, std::uint64_t end, Prune&& prune, Visit&& visit) {
  if (begin >= end) return;
  const std::size_t m = t.m, k = t.k;
  std::vector<std::uint64_t> d(m);
  {
    std::uint64_t x = begin;
    for (std::size_t j = m; j-- > 0;) {
      d[j] = x % t.radix[j];
      x /= t.radix[j];
    }
  }
  std::vector<double> prefix(m * k, 0.0);  // prefix[j*k + a]: sum over issues before j
  std::vector<std::uint64_t> prefix_mask(m, 0);
  std::vector<double> u(k);
  std::uint64_t n = begin;
  std::size_t level = 0;
  // Increments digit j with carry; returns false when the whole space is done.
  auto carry = [&](std::size_t j) -> bool {
    while (true) {
      if (++d[j] < t.radix[j]) {
        level = j;
        return true;
      }
      d[j] = 0;
      if (j == 0) return false;
      --j;
    }
  };
  while (true) {
    bool skipped = false, more = true;
    for (std::size_t j = level; j + 1 < m; ++j) {
      const std::uint64_t mj = prefix_mask[j] | t.mask[j][d[j]];
      if (prune(mj)) {
        std::uint64_t offset = 0;
        for (std::size_t l = j + 1; l < m; ++l) {
          offset += d[l] * t.stride[l];
          d[l] = 0;
        }
        n += t.stride[j] - offset;
        more = carry(j);
        skipped = true;
        break;
      }
      prefix_mask[j + 1] = mj;
      const double* row = t.table[j] + d[j] * k;
      const double* src = &prefix[j * k];
      double* dst = &prefix[(j + 1) * k];
      for (std::size_t a = 0; a < k; ++a) dst[a] = src[a] + row[a];
    }
    if (skipped) {
      if (!more || n >= end) return;
      continue;
    }
    const std::size_t last = m - 1;
    const std::uint64_t first = d[last];
    const std::uint64_t count = std::min<std::uint64_t>(t.radix[last] - first, end - n);
    const double* base = &prefix[last * k];
    const std::uint64_t pm = prefix_mask[last];
    const std::vector<std::uint64_t>& last_mask = t.mask[last];
    for (std::uint64_t v = first; v < first + count; ++v) {
      const std::uint64_t mask = pm | last_mask[v];
      if (prune(mask)) continue;
      const double* row = t.table[last] + v * k;
      for (std::size_t a = 0; a < k; ++a) u[a] = base[a] + row[a];
      visit(n + (v - first), u.data(), mask);
    }
    n += count;
    if (n >= end || m == 1) return;
    d[last] = 0;
    if (!carry(last - 1)) return;
  }
}

}  // namespace truce::space::detail
