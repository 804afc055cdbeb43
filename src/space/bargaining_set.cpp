#include "truce/space/bargaining_set.hpp"

#include <algorithm>
#include <numeric>
#include <thread>

#include "package_walk.hpp"
#include "truce/space/pareto.hpp"

namespace truce::space {

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
  std::vector<FrontierBuilder> parts(threads, FrontierBuilder(p, 1u << 13));
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
  if (threads == 1) work(0);
  else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
  }
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
  for (const auto i : order) {
    set.utility_.insert(set.utility_.end(), &keys[i * p], &keys[i * p] + p);
    set.packages_.push_back(pk[i]);
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
  for (std::size_t row = lo; row < hi; ++row) {
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
  return best;
}

}  // namespace truce::space
