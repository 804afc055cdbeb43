#include "truce/space/bargaining_set.hpp"
#include "truce/core/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <thread>

#include "package_walk.hpp"
#include "truce/space/pareto.hpp"

namespace truce::space {

namespace {
constexpr std::size_t box_rows = 16;  // rows per box for 3+ parties
}  // namespace

BargainingSet BargainingSet::build(const PackageSpace& space, const SpaceOptions& options) {
  check_package_space(space);
  BargainingSet set;
  for (std::size_t a = 0; a < space.actors.size(); ++a)
    if (space.actors[a].veto) set.parties_.push_back(a);
  if (set.parties_.empty()) {
    set.parties_.resize(space.actors.size());
    std::iota(set.parties_.begin(), set.parties_.end(), std::size_t{0});
  }
  std::vector<std::string> ids;
  for (std::size_t r = 0; r < space.red_lines.size(); ++r) ids.push_back(space.red_line_id(r));
  for (const auto& id : options.relaxed_red_lines)
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
      throw std::invalid_argument("expected the id of a red line (ACTOR.ISSUE), found '" + id + "'");
  auto tables = detail::walk_tables(space);
  for (std::size_t r = 0; r < space.red_lines.size(); ++r) {
    const RedLine& rl = space.red_lines[r];
    if (std::find(options.relaxed_red_lines.begin(), options.relaxed_red_lines.end(), ids[r]) !=
        options.relaxed_red_lines.end())
      continue;
    if (!space.actors[rl.actor].veto && !options.non_veto_red_lines) continue;
    for (std::size_t v = 0; v < rl.forbidden.size(); ++v)
      if (rl.forbidden[v]) tables.mask[rl.issue][v] = 1;
  }
  const std::size_t p = set.parties_.size();
  const std::uint64_t n = space.size();
  const unsigned threads = static_cast<unsigned>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(n, std::max(1u, options.threads))));
  std::vector<FrontierBuilder> parts(threads, FrontierBuilder(p));
  auto work = [&](unsigned t) {
    const auto lo = static_cast<std::uint64_t>(static_cast<unsigned __int128>(n) * t / threads);
    const auto hi = static_cast<std::uint64_t>(static_cast<unsigned __int128>(n) * (t + 1) / threads);
    std::vector<double> key(p);
    detail::walk(
        tables, lo, hi, [](std::uint64_t mask) { return mask != 0; },
        [&](std::uint64_t package, const double* u, std::uint64_t) {
          for (std::size_t i = 0; i < p; ++i) key[i] = u[set.parties_[i]];
          parts[t].add(key.data(), package);
        });
    parts[t].flush();
  };
  run_shares(threads, work);
  for (unsigned t = 1; t < threads; ++t) parts[0].absorb(parts[t]);
  parts[0].flush();
  const auto& keys = parts[0].keys();
  const auto& pk = parts[0].ids();
  std::vector<std::size_t> order(pk.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    for (std::size_t i = 0; i < p; ++i)
      if (keys[x * p + i] != keys[y * p + i]) return keys[x * p + i] > keys[y * p + i];
    return pk[x] < pk[y];
  });
  if (p > 2) {
    // Boxes of 16 rows that are close together in every party's utility: Z-order (bits of the
    // utilities, scaled to each party's range, interleaved), ties by the canonical order.
    const std::size_t n_rows = order.size();
    const unsigned bits = static_cast<unsigned>(std::min<std::size_t>(16, 64 / p));
    std::vector<double> lo(p, std::numeric_limits<double>::infinity()), hi(p, -std::numeric_limits<double>::infinity());
    for (std::size_t row = 0; row < n_rows; ++row)
      for (std::size_t i = 0; i < p; ++i) {
        lo[i] = std::min(lo[i], keys[row * p + i]);
        hi[i] = std::max(hi[i], keys[row * p + i]);
      }
    std::vector<std::uint64_t> code(n_rows, 0);
    for (std::size_t row = 0; row < n_rows; ++row) {
      std::uint64_t c = 0;
      std::vector<std::uint64_t> q(p);
      for (std::size_t i = 0; i < p; ++i) {
        const double span = hi[i] - lo[i];
        const double x = span > 0 ? (keys[row * p + i] - lo[i]) / span : 0.0;
        q[i] = std::min<std::uint64_t>((std::uint64_t{1} << bits) - 1, static_cast<std::uint64_t>(x * static_cast<double>(std::uint64_t{1} << bits)));
      }
      for (unsigned b = bits; b-- > 0;)
        for (std::size_t i = 0; i < p; ++i) c = (c << 1) | ((q[i] >> b) & 1);
      code[row] = c;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return code[x] < code[y]; });
  }
  for (const auto i : order) {
    set.utility_.insert(set.utility_.end(), &keys[i * p], &keys[i * p] + p);
    set.packages_.push_back(pk[i]);
  }
  if (p > 2) {
    const std::size_t leaves = (order.size() + box_rows - 1) / box_rows;
    set.box_max_.assign(leaves * p, -std::numeric_limits<double>::infinity());
    for (std::size_t row = 0; row < order.size(); ++row)
      for (std::size_t i = 0; i < p; ++i)
        set.box_max_[(row / box_rows) * p + i] = std::max(set.box_max_[(row / box_rows) * p + i], set.utility_[row * p + i]);
  }
  return set;
}

BargainingSet::Deal BargainingSet::query(const double* r) const {
  const std::size_t p = parties_.size(), n = packages_.size();
  std::size_t lo = 0, hi = n;
  if (p == 2) {
    // Staircase: party 0 descending, party 1 ascending. Rows with u0 > r0 are a prefix, rows
    // with u1 > r1 a suffix.
    const double* u = utility_.data();
    std::size_t a = 0, b = n;  // first row with u0 <= r0
    while (a < b) {
      const std::size_t m = (a + b) / 2;
      if (u[2 * m] > r[0]) a = m + 1;
      else b = m;
    }
    hi = a;
    a = 0;
    b = n;  // first row with u1 > r1
    while (a < b) {
      const std::size_t m = (a + b) / 2;
      if (u[2 * m + 1] > r[1]) b = m;
      else a = m + 1;
    }
    lo = a;
  }
  Deal best;
  auto scan = [&](std::size_t from, std::size_t to) {
    for (std::size_t row = from; row < to; ++row) {
      const double* u = &utility_[row * p];
      double product = 1.0;
      bool inside = true;
      for (std::size_t i = 0; i < p && inside; ++i) {
        const double g = u[i] - r[i];
        inside = g > 0;
        product *= g;
      }
      if (!inside) continue;
      if (!best.zopa || product > best.nash_product ||
          (product == best.nash_product && packages_[row] < best.package)) {
        best.zopa = true;
        best.nash_product = product;
        best.package = packages_[row];
        best.row = row;
      }
    }
  };
  if (p > 2) {
    // Best-first: scan the box with the largest possible product first, then every box that
    // could still beat the best found.
    const std::size_t leaves = box_max_.size() / p;
    thread_local std::vector<double> bound;
    bound.resize(leaves);
    std::size_t top = leaves;
    for (std::size_t leaf = 0; leaf < leaves; ++leaf) {
      const double* box = &box_max_[leaf * p];
      double b = 1.0;
      for (std::size_t i = 0; i < p && b > 0; ++i) b = box[i] > r[i] ? b * (box[i] - r[i]) : 0.0;
      bound[leaf] = b;
      if (b > 0 && (top == leaves || b > bound[top])) top = leaf;
    }
    if (top == leaves) return best;
    scan(top * box_rows, std::min(n, top * box_rows + box_rows));
    for (std::size_t leaf = 0; leaf < leaves; ++leaf) {
      if (leaf == top || bound[leaf] <= 0 || (best.zopa && bound[leaf] < best.nash_product)) continue;
      scan(leaf * box_rows, std::min(n, leaf * box_rows + box_rows));
    }
    return best;
  }
  scan(lo, hi);
  return best;
}

}  // namespace truce::space
