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

std::string position_text(double x) {
  std::string s = fmt::format("{:.6f}", x);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::uint64_t PackageTable::packages() const {
  std::uint64_t n = 1;
  for (const auto& is : issues) n *= is.ids.size();
  return n;
}

std::vector<std::size_t> PackageTable::values_of(std::uint64_t package) const {
  std::vector<std::size_t> v(issues.size());
  for (std::size_t j = issues.size(); j-- > 0;) {
    v[j] = package % issues[j].ids.size();
    package /= issues[j].ids.size();
  }
  return v;
}

double raw_scale_utility(const Scenario& scenario, std::size_t actor, std::size_t issue, double position) {
  const Stance* s = find_stance(scenario, actor, issue);
  if (s == nullptr) return 0.0;
  return s->salience * (1.0 - std::abs(position - s->position) / (scale_max - scale_min));
}

double raw_option_utility(const Scenario& scenario, std::size_t actor, std::size_t issue, std::size_t option) {
  const Stance* s = find_stance(scenario, actor, issue);
  if (s == nullptr) return 0.0;
  const double u = option < s->option_utilities.size() ? s->option_utilities[option] : (option == s->option ? 1.0 : 0.0);
  return s->salience * u;
}

PackageTable package_table_of(const Scenario& scenario) {
  PackageTable t;
  t.actors = scenario.actors.size();
  const std::size_t k = t.actors;
  for (std::size_t j = 0; j < scenario.issues.size(); ++j) {
    const Issue& is = scenario.issues[j];
    PackageTable::IssueValues values;
    if (is.kind == IssueKind::scale) {
      if (!is.points.empty()) {
        for (const auto& p : is.points) values.ids.push_back(p.id), values.positions.push_back(p.position);
      } else {
        std::vector<double> xs{0, 25, 50, 75, 100};
        for (const auto& s : scenario.stances)
          if (s.issue == j) xs.push_back(s.position);
        std::sort(xs.begin(), xs.end());
        xs.erase(std::unique(xs.begin(), xs.end(), [](double a, double b) { return std::abs(a - b) < 1e-9; }), xs.end());
        for (double x : xs) values.ids.push_back(position_text(x)), values.positions.push_back(x);
      }
    } else {
      for (const auto& o : is.options) values.ids.push_back(o.id);
    }
    const std::size_t nv = values.ids.size();
    std::vector<double> raw(nv * k, 0.0);
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t v = 0; v < nv; ++v)
        raw[v * k + a] = is.kind == IssueKind::scale ? raw_scale_utility(scenario, a, j, values.positions[v])
                                                     : raw_option_utility(scenario, a, j, v);
    t.issues.push_back(std::move(values));
    t.raw.push_back(std::move(raw));
  }
  t.offset.assign(k, 0.0);
  t.range.assign(k, 0.0);
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t j = 0; j < t.issues.size(); ++j) {
      const std::size_t nv = t.issues[j].ids.size();
      double lo = t.raw[j][a], hi = lo;
      for (std::size_t v = 1; v < nv; ++v) lo = std::min(lo, t.raw[j][v * k + a]), hi = std::max(hi, t.raw[j][v * k + a]);
      t.offset[a] += lo;
      t.range[a] += hi - lo;
    }
  return t;
}

std::vector<std::uint8_t> forbidden_values(const Scenario& scenario, const PackageTable& table, std::size_t issue,
                                           const std::optional<AcceptableRange>& range,
                                           const std::vector<std::size_t>& acceptable_options) {
  const std::size_t nv = table.issues[issue].ids.size();
  std::vector<std::uint8_t> forbidden(nv, 0);
  for (std::size_t v = 0; v < nv; ++v) {
    if (scenario.issues[issue].kind == IssueKind::scale) {
      const double x = table.issues[issue].positions[v];
      if (range && (x < range->min - 1e-9 || x > range->max + 1e-9)) forbidden[v] = 1;
    } else if (!acceptable_options.empty() &&
               !std::binary_search(acceptable_options.begin(), acceptable_options.end(), v)) {
      forbidden[v] = 1;
    }
  }
  return forbidden;
}

std::vector<RedLine> veto_red_lines(const Scenario& scenario, const PackageTable& table) {
  std::vector<RedLine> lines;
  for (const auto& s : scenario.stances)  // sorted by (actor, issue)
    if (scenario.actors[s.actor].veto && s.has_red_line())
      lines.push_back({s.actor, s.issue, forbidden_values(scenario, table, s.issue, s.acceptable_range, s.acceptable_options)});
  return lines;
}

DealSpace::DealSpace(const PackageTable& table, std::vector<std::size_t> bargainers, const std::vector<RedLine>& red_lines,
                     std::vector<std::size_t> constraint_ids, const std::vector<double>& welfare_weight)
    : k_(bargainers.size()), bargainers_(std::move(bargainers)), constraint_ids_(std::move(constraint_ids)) {
  if (k_ == 0) throw std::invalid_argument("expected at least one veto actor for the deal check");
  if (red_lines.size() > 64) throw std::invalid_argument("expected at most 64 red lines for the deal check");
  const std::uint64_t n = table.packages();
  if (n > max_packages)
    throw std::invalid_argument(fmt::format("expected at most {} packages for the deal check, found {}", max_packages, n));
  const std::size_t issues = table.issues.size();
  const std::size_t actors = table.actors;
  // Per issue and value: the red lines it crosses (bit per red line).
  std::vector<std::vector<std::uint64_t>> crosses(issues);
  for (std::size_t j = 0; j < issues; ++j) crosses[j].assign(table.issues[j].ids.size(), 0);
  for (std::size_t l = 0; l < red_lines.size(); ++l)
    for (std::size_t v = 0; v < red_lines[l].forbidden.size(); ++v)
      if (red_lines[l].forbidden[v]) crosses[red_lines[l].issue][v] |= std::uint64_t{1} << l;

  std::vector<std::vector<double>> u(red_lines.size() + 1), welfare(red_lines.size() + 1);
  std::vector<std::vector<std::uint64_t>> ids(red_lines.size() + 1);
  std::vector<std::size_t> value(issues, 0);
  std::vector<double> sum(k_);
  for (std::uint64_t p = 0; p < n; ++p) {
    if (p > 0)  // next package: last issue fastest
      for (std::size_t j = issues; j-- > 0;) {
        if (++value[j] < table.issues[j].ids.size()) break;
        value[j] = 0;
      }
    std::uint64_t mask = 0;
    for (std::size_t j = 0; j < issues; ++j) mask |= crosses[j][value[j]];
    if (mask & (mask - 1)) continue;  // crosses two or more red lines: in no frontier
    for (std::size_t b = 0; b < k_; ++b) {
      double s = 0;
      for (std::size_t j = 0; j < issues; ++j) s += table.raw[j][value[j] * actors + bargainers_[b]];
      sum[b] = table.normalise(bargainers_[b], s);
    }
    double w = 0;
    for (std::size_t a = 0; a < actors; ++a) {
      if (welfare_weight[a] == 0) continue;
      double s = 0;
      for (std::size_t j = 0; j < issues; ++j) s += table.raw[j][value[j] * actors + a];
      w += welfare_weight[a] * table.normalise(a, s);
    }
    const auto add = [&](std::size_t list) {
      u[list].insert(u[list].end(), sum.begin(), sum.end());
      welfare[list].push_back(w);
      ids[list].push_back(p);
    };
    if (mask == 0) {
      ++passing_;
      for (std::size_t list = 0; list <= red_lines.size(); ++list) add(list);
    } else {
      add(1 + static_cast<std::size_t>(__builtin_ctzll(mask)));
    }
  }
  base_ = build(u[0], welfare[0], ids[0]);
  for (std::size_t l = 0; l < red_lines.size(); ++l) relaxed_.push_back(build(u[l + 1], welfare[l + 1], ids[l + 1]));
}

DealSpace::Frontier DealSpace::build(std::vector<double>& u, std::vector<double>& welfare,
                                     std::vector<std::uint64_t>& ids) const {
  const std::size_t n = ids.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Utilities descending (lexicographic over bargainers), then the other actors' welfare
  // descending, then package number: the first of equal utility vectors is the one kept.
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    for (std::size_t b = 0; b < k_; ++b)
      if (u[x * k_ + b] != u[y * k_ + b]) return u[x * k_ + b] > u[y * k_ + b];
    if (welfare[x] != welfare[y]) return welfare[x] > welfare[y];
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
  std::vector<double>().swap(welfare);
  std::vector<std::uint64_t>().swap(ids);
  return f;
}

std::pair<std::size_t, std::size_t> DealSpace::zopa_range(const Frontier& f, const double* r) const {
  // Two bargainers: the frontier has u0 strictly descending and u1 strictly ascending, so the
  // points with u0 >= r0 are a prefix and those with u1 >= r1 a suffix.
  const std::size_t n = f.ids.size();
  std::size_t lo = 0, hi = n;  // first index with u0 < r0
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (f.u[mid * 2] >= r[0]) lo = mid + 1;
    else hi = mid;
  }
  const std::size_t last = lo;
  lo = 0, hi = n;  // first index with u1 >= r1
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (f.u[mid * 2 + 1] < r[1]) lo = mid + 1;
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
    for (std::size_t b = 0; b < k_ && in; ++b) in = f.u[q * k_ + b] >= r[b];
    if (in) return true;
  }
  return false;
}

bool DealSpace::zopa_empty(const double* reservation) const { return !any_inside(base_, reservation); }

std::optional<Deal> DealSpace::nash(const double* r) const {
  const Frontier& f = base_;
  std::size_t first = 0, last = f.ids.size();
  if (k_ == 2) std::tie(first, last) = zopa_range(f, r);
  std::optional<std::size_t> best;
  double best_product = -1.0;
  std::size_t inside = 0;
  for (std::size_t q = first; q < last; ++q) {
    double product = 1.0;
    bool in = true;
    for (std::size_t b = 0; b < k_ && in; ++b) {
      const double gain = f.u[q * k_ + b] - r[b];
      in = gain >= 0;
      product *= gain;
    }
    if (!in) continue;
    ++inside;
    if (product > best_product + 1e-12) best_product = product, best = q;
  }
  if (!best) return std::nullopt;
  Deal d;
  d.package = f.ids[*best];
  d.utility.assign(f.u.begin() + static_cast<std::ptrdiff_t>(*best * k_),
                   f.u.begin() + static_cast<std::ptrdiff_t>((*best + 1) * k_));
  d.nash_product = best_product;
  d.zopa_frontier_points = inside;
  return d;
}

std::size_t DealSpace::blockers(const double* r, std::vector<std::uint64_t>& counts) const {
  std::size_t found = 0;
  double relaxed[64];
  const std::size_t k = std::min<std::size_t>(k_, 64);
  for (std::size_t b = 0; b < k; ++b) {
    std::copy(r, r + k, relaxed);
    relaxed[b] = -std::numeric_limits<double>::infinity();
    if (any_inside(base_, relaxed)) ++counts[b], ++found;
  }
  for (std::size_t l = 0; l < relaxed_.size(); ++l)
    if (any_inside(relaxed_[l], r)) ++counts[constraint_ids_[l]], ++found;
  return found;
}

}  // namespace truce::dynamics
