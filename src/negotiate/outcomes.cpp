// Per-party utilities over the package space, the sorted outcome tables, and numpy's argsort
// order for ties (docs/negotiate.md, "Ties").

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "truce/negotiate/sao.hpp"

namespace truce::negotiate {

NegotiationDomain::NegotiationDomain(const space::PackageSpace& space, std::vector<double> reservation) {
  space::check_package_space(space);
  parties_ = space.actors.size();
  if (parties_ < 2) throw std::invalid_argument("a negotiation needs at least two parties");
  if (!reservation.empty() && reservation.size() != parties_)
    throw std::invalid_argument(fmt::format("expected {} reservation values, found {}", parties_, reservation.size()));
  for (const auto& issue : space.issues) {
    radix_.push_back(static_cast<std::uint32_t>(issue.values.size()));
    size_ = space.size();
  }
  value_utility_.assign(parties_, {});
  forbidden_.assign(parties_, std::vector<std::vector<std::uint8_t>>(radix_.size()));
  for (std::size_t p = 0; p < parties_; ++p) {
    for (std::size_t j = 0; j < radix_.size(); ++j) {
      std::vector<double> row(radix_[j]);
      for (std::size_t v = 0; v < radix_[j]; ++v) row[v] = space.contribution[j][v * parties_ + p];
      value_utility_[p].push_back(std::move(row));
    }
    reservation_.push_back(reservation.empty() ? space.actors[p].reservation : reservation[p]);
  }
  for (const auto& line : space.red_lines) {
    auto& f = forbidden_[line.actor][line.issue];
    if (f.empty()) f.assign(radix_[line.issue], 0);
    for (std::size_t v = 0; v < line.forbidden.size() && v < f.size(); ++v) f[v] |= line.forbidden[v];
  }
}

double NegotiationDomain::utility(std::size_t party, std::uint64_t package) const {
  // Decoded from the last issue (fastest) but summed from the first, as NegMAS sums.
  std::uint32_t values[64];
  const std::size_t n = radix_.size();
  std::uint32_t* v = n <= 64 ? values : nullptr;
  std::vector<std::uint32_t> heap;
  if (!v) {
    heap.resize(n);
    v = heap.data();
  }
  for (std::size_t j = n; j-- > 0;) {
    v[j] = static_cast<std::uint32_t>(package % radix_[j]);
    package /= radix_[j];
  }
  const auto& table = value_utility_[party];
  double u = 0.0;
  for (std::size_t j = 0; j < n; ++j) u += table[j][v[j]];
  return u;
}

bool NegotiationDomain::within_red_lines(std::size_t party, std::uint64_t package) const {
  const auto& f = forbidden_[party];
  for (std::size_t j = radix_.size(); j-- > 0;) {
    const auto value = package % radix_[j];
    package /= radix_[j];
    if (!f[j].empty() && f[j][value]) return false;
  }
  return true;
}

bool NegotiationDomain::has_red_lines(std::size_t party) const {
  for (const auto& f : forbidden_[party])
    if (!f.empty()) return true;
  return false;
}

namespace {

std::uint64_t extreme_package(const std::vector<std::vector<double>>& table, const std::vector<std::uint32_t>& radix,
                              bool best) {
  std::uint64_t package = 0;
  for (std::size_t j = 0; j < radix.size(); ++j) {
    std::size_t pick = 0;
    for (std::size_t v = 1; v < radix[j]; ++v) {
      // NegMAS: the maximum keeps the last of equal values (>=), the minimum the first (<).
      if (best ? table[j][v] >= table[j][pick] : table[j][v] < table[j][pick]) pick = v;
    }
    package = package * radix[j] + pick;
  }
  return package;
}

}  // namespace

std::uint64_t NegotiationDomain::best_package(std::size_t party) const {
  return extreme_package(value_utility_[party], radix_, true);
}

std::uint64_t NegotiationDomain::best_package_within_red_lines(std::size_t party) const {
  // Red lines are per issue, so the best package within them is the best allowed value of each
  // issue (the last of equals, as best_package); an issue with every value ruled out keeps its best.
  const auto& table = value_utility_[party];
  std::uint64_t package = 0;
  for (std::size_t j = 0; j < radix_.size(); ++j) {
    const auto& f = forbidden_[party][j];
    std::optional<std::size_t> pick;
    for (std::size_t v = 0; v < radix_[j]; ++v)
      if ((f.empty() || !f[v]) && (!pick || table[j][v] >= table[j][*pick])) pick = v;
    if (!pick) {
      pick = 0;
      for (std::size_t v = 1; v < radix_[j]; ++v)
        if (table[j][v] >= table[j][*pick]) pick = v;
    }
    package = package * radix_[j] + *pick;
  }
  return package;
}

std::uint64_t NegotiationDomain::worst_package(std::size_t party) const {
  return extreme_package(value_utility_[party], radix_, false);
}

std::vector<double> NegotiationDomain::all_utilities(std::size_t party) const {
  std::vector<double> out(size_);
  const std::size_t n = radix_.size();
  const auto& table = value_utility_[party];
  if (n == 0) {
    out.assign(size_, 0.0);
    return out;
  }
  // An odometer over the values with partial sums: prefix[j] is the sum of the first j issues'
  // contributions, in issue order, so every package gets exactly the bits utility() gives it.
  std::vector<std::uint32_t> v(n, 0);
  std::vector<double> prefix(n + 1, 0.0);
  for (std::size_t j = 0; j < n; ++j) prefix[j + 1] = prefix[j] + table[j][0];
  for (std::uint64_t p = 0; p < size_; ++p) {
    out[p] = prefix[n];
    std::size_t j = n;
    while (j-- > 0) {
      if (++v[j] < radix_[j]) break;
      v[j] = 0;
    }
    if (j == static_cast<std::size_t>(-1)) break;
    for (std::size_t k = j; k < n; ++k) prefix[k + 1] = prefix[k] + table[k][v[k]];
  }
  return out;
}

namespace {

// The heapsort numpy falls back to when the introsort's depth runs out: a binary max-heap over
// idx[0..n) keyed by values, 1-based as numpy indexes it.
void heap_argsort(const double* values, std::uint32_t* idx, std::int64_t n) {
  std::uint32_t* a = idx - 1;
  auto sift = [&](std::int64_t i, std::int64_t size, std::uint32_t held) {
    std::int64_t j = i * 2;
    while (j <= size) {
      if (j < size && values[a[j]] < values[a[j + 1]]) ++j;
      if (!(values[held] < values[a[j]])) break;
      a[i] = a[j];
      i = j;
      j += j;
    }
    a[i] = held;
  };
  for (std::int64_t l = n >> 1; l > 0; --l) sift(l, n, a[l]);
  for (std::int64_t size = n; size > 1;) {
    const std::uint32_t held = a[size];
    a[size] = a[1];
    --size;
    sift(1, size, held);
  }
}

}  // namespace

std::vector<std::uint32_t> numpy_argsort(const std::vector<double>& values) {
  const std::int64_t num = static_cast<std::int64_t>(values.size());
  std::vector<std::uint32_t> idx(values.size());
  std::iota(idx.begin(), idx.end(), 0u);
  if (num < 2) return idx;
  const double* v = values.data();
  constexpr std::int64_t small = 15;  // numpy's SMALL_QUICKSORT
  int depth_limit = 0;
  for (std::uint64_t u = static_cast<std::uint64_t>(num); u >>= 1;) ++depth_limit;
  depth_limit *= 2;
  struct Pending {
    std::int64_t left, right;
    int depth;
  };
  std::vector<Pending> stack;
  std::int64_t left = 0, right = num - 1;
  int depth = depth_limit;
  std::uint32_t* s = idx.data();
  for (;;) {
    bool heap_done = false;
    if (depth < 0) {
      heap_argsort(v, s + left, right - left + 1);
      heap_done = true;
    }
    if (!heap_done) {
      while (right - left > small) {
        const std::int64_t mid = left + ((right - left) >> 1);
        if (v[s[mid]] < v[s[left]]) std::swap(s[mid], s[left]);
        if (v[s[right]] < v[s[mid]]) std::swap(s[right], s[mid]);
        if (v[s[mid]] < v[s[left]]) std::swap(s[mid], s[left]);
        const double pivot = v[s[mid]];
        std::int64_t i = left, j = right - 1;
        std::swap(s[mid], s[j]);
        for (;;) {
          do ++i;
          while (v[s[i]] < pivot);
          do --j;
          while (pivot < v[s[j]]);
          if (i >= j) break;
          std::swap(s[i], s[j]);
        }
        std::swap(s[i], s[right - 1]);
        // The larger side waits on the stack; the smaller is sorted next.
        if (i - left < right - i) {
          stack.push_back({i + 1, right, 0});
          right = i - 1;
        } else {
          stack.push_back({left, i - 1, 0});
          left = i + 1;
        }
        stack.back().depth = --depth;
      }
      for (std::int64_t i = left + 1; i <= right; ++i) {
        const std::uint32_t held = s[i];
        const double key = v[held];
        std::int64_t j = i;
        while (j > left && key < v[s[j - 1]]) {
          s[j] = s[j - 1];
          --j;
        }
        s[j] = held;
      }
    }
    if (stack.empty()) break;
    left = stack.back().left;
    right = stack.back().right;
    depth = stack.back().depth;
    stack.pop_back();
  }
  return idx;
}

SortedOutcomes sort_outcomes(const NegotiationDomain& domain, std::size_t party, TieOrder ties) {
  if (domain.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument(fmt::format("a negotiation over {} packages: at most {} are supported", domain.size(),
                                            std::numeric_limits<std::uint32_t>::max()));
  const std::vector<double> all = domain.all_utilities(party);
  const double reservation = domain.reservation(party);
  const bool red_lines = domain.has_red_lines(party);
  // Acceptable packages keep package order (NegMAS's list of rational outcomes), then sorted.
  std::vector<double> rational_u;
  std::vector<std::uint32_t> rational_p, other_p;
  rational_u.reserve(all.size());
  rational_p.reserve(all.size());
  for (std::uint64_t p = 0; p < all.size(); ++p) {
    if (all[p] >= reservation && (!red_lines || domain.within_red_lines(party, p))) {
      rational_u.push_back(all[p]);
      rational_p.push_back(static_cast<std::uint32_t>(p));
    } else {
      other_p.push_back(static_cast<std::uint32_t>(p));
    }
  }
  std::vector<std::uint32_t> order;
  if (ties == TieOrder::numpy) {
    order = numpy_argsort(rational_u);
  } else {
    order.resize(rational_u.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return rational_u[a] < rational_u[b]; });
  }
  SortedOutcomes s;
  s.reservation = reservation;
  s.acceptable = order.size();
  s.utility.reserve(all.size());
  s.package.reserve(all.size());
  for (const auto i : order) {
    s.utility.push_back(rational_u[i]);
    s.package.push_back(rational_p[i]);
  }
  for (const auto p : other_p) {
    s.utility.push_back(all[p]);
    s.package.push_back(p);
  }
  // The best package NegMAS's agents use (extreme outcome by its per-issue rule); under a
  // red line or below the reservation value, the best acceptable package instead.
  const std::uint64_t best = domain.best_package(party);
  if (domain.acceptable(party, best) || s.acceptable == 0) {
    s.best = best;
    s.best_utility = domain.utility(party, best);
  } else {
    s.best = s.package[s.acceptable - 1];
    s.best_utility = s.utility[s.acceptable - 1];
  }
  s.worst_utility = domain.utility(party, domain.worst_package(party));
  if (red_lines && s.acceptable > 0) s.worst_utility = std::max(s.worst_utility, s.utility[0]);
  return s;
}

std::optional<std::size_t> SortedOutcomes::worst_in(double low, double high) const {
  if (acceptable == 0) return std::nullopt;
  const std::size_t last = acceptable - 1;
  const auto begin = utility.begin();
  std::size_t i = static_cast<std::size_t>(std::lower_bound(begin, begin + static_cast<std::ptrdiff_t>(acceptable), low) - begin);
  if (i > last) return last;  // everything below `low`: the top, as NegMAS clamps
  // NegMAS then looks for a utility nearer to `low` within [low - 1e-6, high + 2e-6]: only the
  // largest utility below `low` can be, and the first position holding it wins.
  if (i > 0) {
    const double below = utility[i - 1];
    constexpr double eps = 1e-6;
    if (below >= low - eps && below <= high + 2 * eps && std::abs(below - low) < std::abs(utility[i] - low)) {
      const auto first = std::lower_bound(begin, begin + static_cast<std::ptrdiff_t>(i), below);
      return static_cast<std::size_t>(first - begin);
    }
  }
  return i;
}

}  // namespace truce::negotiate
