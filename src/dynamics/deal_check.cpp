#include "truce/dynamics/deal_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace truce::dynamics {

namespace {

constexpr std::uint64_t max_packages = 50'000'000;

// The number of packages, saturating at UINT64_MAX instead of overflowing.
std::uint64_t package_count(const space::PackageSpace& space) {
  std::uint64_t n = 1;
  for (const auto& is : space.issues) {
    const std::uint64_t k = is.values.size();
    if (k != 0 && n > UINT64_MAX / k) return UINT64_MAX;
    n *= k;
  }
  return n;
}

}  // namespace

std::vector<space::RedLine> veto_red_lines(const space::PackageSpace& space) {
  std::vector<space::RedLine> lines;
  for (const auto& r : space.red_lines)
    if (space.actors[r.actor].veto) lines.push_back(r);
  std::sort(lines.begin(), lines.end(),
            [](const auto& x, const auto& y) { return std::pair{x.actor, x.issue} < std::pair{y.actor, y.issue}; });
  return lines;
}

DealSpace::DealSpace(const space::PackageSpace& package_space, std::vector<std::size_t> bargainers,
                     const std::vector<space::RedLine>& red_lines, std::vector<std::size_t> constraint_ids)
    : k_(bargainers.size()), bargainers_(std::move(bargainers)), constraint_ids_(std::move(constraint_ids)) {
  if (k_ == 0) throw std::invalid_argument("expected at least one veto actor for the deal check");
  if (red_lines.size() > 64) throw std::invalid_argument("expected at most 64 red lines for the deal check");
  if (k_ > 64) throw std::invalid_argument("expected at most 64 veto actors for the deal check");
  const std::uint64_t n = package_count(package_space);
  if (n > max_packages)
    throw std::invalid_argument(fmt::format("expected at most {} packages for the deal check, found {}", max_packages, n));
  const space::AdditiveUtility& utility = package_space.utility;
  if (utility.weight.size() != package_space.issues.size())
    throw std::invalid_argument("expected a package space with its utilities before normalisation (package_space_of)");
  {
    space::PackageSpace configured = package_space;
    configured.red_lines = red_lines;
    set_ = space::BargainingSet::build(configured);
    if (set_.parties() != bargainers_) throw std::invalid_argument("expected the veto actors as the bargaining parties");
  }
  const std::size_t issues = package_space.issues.size();
  const std::size_t actors = package_space.actors.size();
  // Per issue and value: the red lines it crosses (bit per red line).
  std::vector<std::vector<std::uint64_t>> crosses(issues);
  for (std::size_t j = 0; j < issues; ++j) crosses[j].assign(package_space.issues[j].values.size(), 0);
  for (std::size_t l = 0; l < red_lines.size(); ++l)
    for (std::size_t v = 0; v < red_lines[l].forbidden.size(); ++v)
      if (red_lines[l].forbidden[v]) crosses[red_lines[l].issue][v] |= std::uint64_t{1} << l;

  std::vector<std::vector<double>> u(red_lines.size() + 1);
  std::vector<std::vector<std::uint64_t>> ids(red_lines.size() + 1);
  std::vector<std::size_t> value(issues, 0);
  std::vector<double> sum(k_);
  for (std::uint64_t p = 0; p < n; ++p) {
    if (p > 0)  // next package: last issue fastest
      for (std::size_t j = issues; j-- > 0;) {
        if (++value[j] < package_space.issues[j].values.size()) break;
        value[j] = 0;
      }
    std::uint64_t mask = 0;
    for (std::size_t j = 0; j < issues; ++j) mask |= crosses[j][value[j]];
    if (mask & (mask - 1)) continue;  // crosses two or more red lines: in no frontier
    for (std::size_t b = 0; b < k_; ++b) {
      double s = 0;
      for (std::size_t j = 0; j < issues; ++j) s += utility.weight[j][value[j] * actors + bargainers_[b]];
      sum[b] = utility.normalise(bargainers_[b], s);
    }
    const auto add = [&](std::size_t list) {
      u[list].insert(u[list].end(), sum.begin(), sum.end());
      ids[list].push_back(p);
    };
    if (mask == 0) {
      ++passing_;
      for (std::size_t list = 0; list <= red_lines.size(); ++list) add(list);
    } else {
      add(1 + static_cast<std::size_t>(__builtin_ctzll(mask)));
    }
  }
  base_ = build(u[0], ids[0]);
  for (std::size_t l = 0; l < red_lines.size(); ++l) relaxed_.push_back(build(u[l + 1], ids[l + 1]));
}

DealSpace::Frontier DealSpace::build(std::vector<double>& u, std::vector<std::uint64_t>& ids) const {
  const std::size_t n = ids.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Utilities descending (lexicographic over bargainers), then package number: the first of
  // equal utility vectors is the one kept.
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    for (std::size_t b = 0; b < k_; ++b)
      if (u[x * k_ + b] != u[y * k_ + b]) return u[x * k_ + b] > u[y * k_ + b];
    return ids[x] < ids[y];
  });
  Frontier f;
  if (k_ == 2) {
    double best = -std::numeric_limits<double>::infinity();
    for (auto i : order)
      if (u[i * 2 + 1] > best) {
        best = u[i * 2 + 1];
        f.u.push_back(u[i * 2]), f.u.push_back(u[i * 2 + 1]);
        f.ids.push_back(ids[i]);
      }
  } else {
    for (auto i : order) {
      bool covered = false;
      for (std::size_t q = 0; q < f.ids.size() && !covered; ++q) {
        bool all = true;
        for (std::size_t b = 0; b < k_ && all; ++b) all = f.u[q * k_ + b] >= u[i * k_ + b];
        covered = all;
      }
      if (covered) continue;
      for (std::size_t b = 0; b < k_; ++b) f.u.push_back(u[i * k_ + b]);
      f.ids.push_back(ids[i]);
    }
  }
  std::vector<double>().swap(u);
  std::vector<std::uint64_t>().swap(ids);
  return f;
}

std::pair<std::size_t, std::size_t> DealSpace::zopa_range(const Frontier& f, const double* r) const {
  // Two bargainers: the frontier has u0 strictly descending and u1 strictly ascending, so the
  // points with u0 > r0 are a prefix and those with u1 > r1 a suffix (strict, as the ZOPA of
  // space::BargainingSet).
  const std::size_t n = f.ids.size();
  std::size_t lo = 0, hi = n;  // first index with u0 <= r0
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (f.u[mid * 2] > r[0]) lo = mid + 1;
    else hi = mid;
  }
  const std::size_t last = lo;
  lo = 0, hi = n;  // first index with u1 > r1
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (f.u[mid * 2 + 1] <= r[1]) lo = mid + 1;
    else hi = mid;
  }
  return {lo, std::max(lo, last)};
}

bool DealSpace::any_inside(const Frontier& f, const double* r) const {
  if (k_ == 2) {
    const auto [first, last] = zopa_range(f, r);
    return first < last;
  }
  for (std::size_t q = 0; q < f.ids.size(); ++q) {
    bool in = true;
    for (std::size_t b = 0; b < k_ && in; ++b) in = f.u[q * k_ + b] > r[b];
    if (in) return true;
  }
  return false;
}

bool DealSpace::zopa_empty(const double* reservation) const { return !set_.query(reservation).zopa; }

std::optional<Deal> DealSpace::nash(const double* r) const {
  const auto q = set_.query(r);
  if (!q.zopa) return std::nullopt;
  Deal d;
  d.package = q.package;
  d.utility.assign(set_.utility(q.row), set_.utility(q.row) + k_);
  d.nash_product = q.nash_product;
  return d;
}

std::size_t DealSpace::blockers(const double* r, std::vector<std::uint64_t>& counts) const {
  std::size_t found = 0;
  double relaxed[64];  // k_ <= 64 (constructor)
  for (std::size_t b = 0; b < k_; ++b) {
    std::copy(r, r + k_, relaxed);
    relaxed[b] = -std::numeric_limits<double>::infinity();
    if (any_inside(base_, relaxed)) ++counts[b], ++found;
  }
  for (std::size_t l = 0; l < relaxed_.size(); ++l)
    if (any_inside(relaxed_[l], r)) ++counts[constraint_ids_[l]], ++found;
  return found;
}

}  // namespace truce::dynamics
