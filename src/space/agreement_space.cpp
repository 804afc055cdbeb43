#include "truce/space/agreement_space.hpp"
#include "truce/core/parallel.hpp"
#include "truce/core/progress.hpp"
#include "truce/core/work_budget.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "package_walk.hpp"
#include "truce/space/pareto.hpp"

namespace truce::space {

double utility_key(double utility, double grid) {
  if (grid <= 0) return utility;
  // Round to the nearest multiple of grid (ties to even) without a libm call: adding and
  // subtracting 1.5 * 2^52 leaves an integer-valued double.
  constexpr double magic = 6755399441055744.0;
  const double scaled = utility / grid;
  return (scaled + magic) - magic;
}

namespace {

struct Setup {
  std::size_t k = 0;
  double grid = 0;
  std::vector<double> reservation, reservation_key, disagreement, min_u, max_u;
  std::vector<std::size_t> counted;     // indices into space.red_lines
  std::vector<std::size_t> veto;        // actors whose consent is needed
  std::vector<std::size_t> bargainers;  // veto actors, or everyone when nobody has a veto
  std::vector<double> nash_weight;      // per bargainer
};

Setup setup(const PackageSpace& space, const SpaceOptions& options) {
  check_package_space(space);
  Setup s;
  s.k = space.actors.size();
  if (!(options.grid >= 0) || !std::isfinite(options.grid)) throw std::invalid_argument("expected a grid of 0 or more");
  s.grid = options.grid;
  for (const auto& entry : options.reservation)
    if (std::none_of(space.actors.begin(), space.actors.end(), [&](const auto& actor) { return actor.id == entry.first; }))
      throw std::invalid_argument(fmt::format("space option 'reservation': '{}' is not an actor of the scenario", entry.first));
  for (std::size_t a = 0; a < s.k; ++a) {
    double r = space.actors[a].reservation;
    if (const auto given = options.reservation.find(space.actors[a].id); given != options.reservation.end())
      r = given->second;
    if (!std::isfinite(r)) throw std::invalid_argument(fmt::format("expected a finite reservation for '{}'", space.actors[a].id));
    s.reservation.push_back(r);
    s.reservation_key.push_back(utility_key(r, s.grid));
    s.min_u.push_back(space.min_utility(a));
    s.max_u.push_back(space.max_utility(a));
    // NegMAS: the disagreement point is the reservation value, or the lowest utility if higher.
    s.disagreement.push_back(std::max(r, s.min_u.back()));
    if (space.actors[a].veto) s.veto.push_back(a);
  }
  s.bargainers = s.veto;
  if (s.bargainers.empty()) {
    s.bargainers.resize(s.k);
    std::iota(s.bargainers.begin(), s.bargainers.end(), std::size_t{0});
  }
  double mean = 0;
  for (const auto a : s.bargainers) mean += space.actors[a].capability;
  mean /= static_cast<double>(s.bargainers.size());
  for (const auto a : s.bargainers)
    s.nash_weight.push_back(options.capability_weighted_nash ? space.actors[a].capability / mean : 1.0);
  std::vector<std::string> ids;
  for (std::size_t r = 0; r < space.red_lines.size(); ++r) ids.push_back(space.red_line_id(r));
  for (const auto& id : options.relaxed_red_lines)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      std::string known;
      for (const auto& i : ids) known += (known.empty() ? "" : ", ") + i;
      throw std::invalid_argument(fmt::format("expected the id of a red line (ACTOR.ISSUE: {}), found '{}'",
                                              known.empty() ? "this space has none" : known, id));
    }
  for (std::size_t r = 0; r < space.red_lines.size(); ++r) {
    const bool relaxed =
        std::find(options.relaxed_red_lines.begin(), options.relaxed_red_lines.end(), ids[r]) != options.relaxed_red_lines.end();
    if (relaxed) continue;
    if (!space.actors[space.red_lines[r].actor].veto && !options.non_veto_red_lines) continue;
    s.counted.push_back(r);
  }
  return s;
}

// Thread t of T gets the packages [N t / T, N (t + 1) / T): a fixed partition.
std::pair<std::uint64_t, std::uint64_t> share(std::uint64_t n, unsigned t, unsigned threads) {
  const auto lo = static_cast<std::uint64_t>(static_cast<unsigned __int128>(n) * t / threads);
  const auto hi = static_cast<std::uint64_t>(static_cast<unsigned __int128>(n) * (t + 1) / threads);
  return {lo, hi};
}

template <class Work>
void run_threads(unsigned threads, Work&& work) {
  run_shares(threads, [&work](unsigned t) { work(t); });
}

unsigned thread_count(const SpaceOptions& options, std::uint64_t n) {
  unsigned t = std::max(1u, options.threads);
  if (n < t) t = static_cast<unsigned>(n);
  return std::max(1u, t);
}

struct PassResult {
  std::uint64_t passing = 0, zopa = 0;
  FrontierBuilder frontier;
  explicit PassResult(std::size_t k) : frontier(k) {}
};

// Product of gains (weights as exponents); 0 when any gain is not positive.
double nash_product(const double* u, const std::vector<std::size_t>& who, const std::vector<double>& d,
                    const std::vector<double>& w) {
  double p = 1.0;
  for (std::size_t i = 0; i < who.size(); ++i) {
    const double g = u[who[i]] - d[who[i]];
    if (g <= 0) return 0.0;
    p *= w[i] == 1.0 ? g : std::pow(g, w[i]);
  }
  return p;
}

template <class Score>
std::optional<SolutionPoint> best_point(const std::vector<PackagePoint>& frontier, Score&& score) {
  if (frontier.empty()) return std::nullopt;
  std::vector<double> values;
  for (const auto& p : frontier) values.push_back(score(p.utility.data()));
  const double best = *std::max_element(values.begin(), values.end());
  const double tol = 1e-9 * std::max(1.0, std::abs(best));
  SolutionPoint s;
  s.ties = 0;
  bool chosen = false;
  for (std::size_t i = 0; i < frontier.size(); ++i)
    if (values[i] >= best - tol) {
      if (!chosen) {
        s.point = frontier[i];
        s.value = values[i];
        chosen = true;
      }
      ++s.ties;
    }
  return s;
}

void search_blocking_sets(const PackageSpace& space, const SpaceOptions& options, const Setup& s,
                          SpaceResult& result) {
  const std::size_t elements = s.counted.size() + s.veto.size();
  if (elements > 64) {
    result.notes.push_back(fmt::format(
        "the search for blocking sets handles at most 64 red lines and veto actors; this space has {}: skipped", elements));
    return;
  }
  result.blocking_searched = true;
  auto tables = detail::walk_tables(space);
  for (std::size_t e = 0; e < s.counted.size(); ++e) {
    const RedLine& rl = space.red_lines[s.counted[e]];
    for (std::size_t v = 0; v < rl.forbidden.size(); ++v)
      if (rl.forbidden[v]) tables.mask[rl.issue][v] |= std::uint64_t{1} << e;
  }
  const std::size_t max_set = options.max_blocking_set;
  const std::uint64_t n = space.size();
  const unsigned threads = thread_count(options, n);
  struct Best {
    double value;
    std::uint64_t package;
  };
  std::vector<std::unordered_map<std::uint64_t, Best>> found(threads);
  const std::size_t base_bit = s.counted.size();
  run_threads(threads, [&](unsigned t) {
    const auto [lo, hi] = share(n, t, threads);
    auto& mine = found[t];
    std::vector<double> d(s.k);
    detail::walk(
        tables, lo, hi, [&](std::uint64_t mask) { return static_cast<std::size_t>(std::popcount(mask)) > max_set; },
        [&](std::uint64_t package, const double* u, std::uint64_t mask) {
          std::uint64_t full = mask;
          for (std::size_t i = 0; i < s.veto.size(); ++i) {
            const std::size_t a = s.veto[i];
            if (!(utility_key(u[a], s.grid) > s.reservation_key[a])) full |= std::uint64_t{1} << (base_bit + i);
          }
          if (static_cast<std::size_t>(std::popcount(full)) > max_set) return;
          // Gains over the reservation values kept; a relaxed reservation counts from the lowest utility.
          for (std::size_t a = 0; a < s.k; ++a) d[a] = s.disagreement[a];
          for (std::size_t i = 0; i < s.veto.size(); ++i)
            if (full >> (base_bit + i) & 1) d[s.veto[i]] = s.min_u[s.veto[i]];
          const double value = nash_product(u, s.bargainers, d, s.nash_weight);
          auto it = mine.find(full);
          if (it == mine.end()) mine.emplace(full, Best{value, package});
          else if (value > it->second.value) it->second = Best{value, package};
        });
  });
  std::map<std::uint64_t, Best> all;  // merged in thread order: deterministic
  for (const auto& m : found)
    for (const auto& [mask, b] : m) {
      auto it = all.find(mask);
      if (it == all.end()) all.emplace(mask, b);
      else if (b.value > it->second.value || (b.value == it->second.value && b.package < it->second.package))
        it->second = b;
    }
  std::vector<std::uint64_t> masks;
  for (const auto& [mask, b] : all) masks.push_back(mask);
  std::stable_sort(masks.begin(), masks.end(), [](std::uint64_t a, std::uint64_t b) {
    return std::popcount(a) != std::popcount(b) ? std::popcount(a) < std::popcount(b) : a < b;
  });
  std::vector<std::uint64_t> minimal;
  for (const auto m : masks) {
    bool has_subset = false;
    for (const auto q : minimal) has_subset = has_subset || (q & m) == q;
    if (!has_subset) minimal.push_back(m);
  }
  for (const auto m : minimal) {
    BlockingSet b;
    for (std::size_t e = 0; e < elements; ++e)
      if (m >> e & 1)
        b.ids.push_back(e < base_bit ? space.red_line_id(s.counted[e])
                                     : space.actors[s.veto[e - base_bit]].id + ".reservation");
    const Best& best = all.at(m);
    b.opens = PackagePoint{best.package, space.utilities_of(best.package), 1, false};
    b.nash_product = best.value;
    result.blocking.push_back(std::move(b));
  }
}

// Marks (bit 2 of the walk mask) each value that another value of the same issue dominates:
// at least as good for every actor, better for one, crossing no counted red line the first
// does not. Swapping it in turns any package into one that dominates it and passes the same
// red lines, so no package with a dominated value is on the frontier. With exact comparison
// only (on a grid, rounding the sums could break the argument). Rounded sums are monotone in
// each term, so "at least as good" survives summation; "better" must beat the summation's
// rounding error (m issues, sums of magnitude <= S: under 8 m S eps) to survive it too.
void mark_dominated_values(const PackageSpace& space, const Setup& s, detail::WalkTables& tables) {
  if (s.grid > 0) return;
  const std::size_t k = s.k, m = space.issues.size();
  double magnitude = 0;
  for (std::size_t a = 0; a < k; ++a) {
    double sum = 0;
    for (std::size_t j = 0; j < m; ++j) {
      double biggest = 0;
      for (std::size_t v = 0; v < space.issues[j].values.size(); ++v)
        biggest = std::max(biggest, std::abs(space.contribution[j][v * k + a]));
      sum += biggest;
    }
    magnitude = std::max(magnitude, sum);
  }
  const double margin = 8.0 * static_cast<double>(m) * magnitude * std::numeric_limits<double>::epsilon();
  auto clearly_dominates = [&](const double* w, const double* v) {
    bool better = false;
    for (std::size_t a = 0; a < k; ++a) {
      if (w[a] < v[a]) return false;
      if (w[a] - v[a] > margin) better = true;
    }
    return better;
  };
  for (std::size_t j = 0; j < space.issues.size(); ++j) {
    const std::size_t nv = space.issues[j].values.size();
    // Which counted red lines each value crosses.
    std::vector<std::vector<bool>> crosses(nv, std::vector<bool>(s.counted.size(), false));
    for (std::size_t e = 0; e < s.counted.size(); ++e) {
      const RedLine& rl = space.red_lines[s.counted[e]];
      if (rl.issue != j) continue;
      for (std::size_t v = 0; v < nv; ++v) crosses[v][e] = rl.forbidden[v] != 0;
    }
    const double* t = space.contribution[j].data();
    for (std::size_t v = 0; v < nv; ++v)
      for (std::size_t w = 0; w < nv; ++w) {
        if (w == v || !clearly_dominates(t + w * k, t + v * k)) continue;
        bool subset = true;
        for (std::size_t e = 0; e < s.counted.size() && subset; ++e) subset = !crosses[w][e] || crosses[v][e];
        if (subset) {
          tables.mask[j][v] |= 2;
          break;
        }
      }
  }
}

}  // namespace

// Packages walked per second by one thread, frontier and points included: 10^9 packages x 4
// actors in 34 s on 2 threads of the reference machine (docs/PERFORMANCE.md), rounded down.
constexpr double packages_per_thread_second = 1.5e7;

void check_space_budget(const PackageSpace& space, const SpaceOptions& options) {
  const double n = space.approximate_size();
  // The threads the walk itself will use (thread_count), for a count that may pass 2^64.
  const double threads = thread_count(options, n < 1.8e19 ? static_cast<std::uint64_t>(n) : UINT64_MAX);
  const double per_thread = packages_per_thread_second * 4.0 / std::max<double>(4.0, static_cast<double>(space.actors.size()));
  check_work_budget(fmt::format("enumerating {:.3g} packages ({} issues, {} actors)", n, space.issues.size(),
                                space.actors.size()),
                    n / (per_thread * threads), "narrow the scenario (fewer issues, or fewer values on them)");
}

SpaceResult analyse_space(const PackageSpace& space, const SpaceOptions& options) {
  check_space_budget(space, options);
  const Setup s = setup(space, options);
  SpaceResult result;
  result.packages = space.size();
  result.reservation = s.reservation;
  result.disagreement = s.disagreement;
  result.min_utility = s.min_u;
  result.max_utility = s.max_u;
  result.bargainers = s.bargainers;
  for (const auto r : s.counted) result.counted_red_lines.push_back(space.red_line_id(r));
  result.notes = space.notes;
  if (s.veto.empty()) result.notes.push_back("no actor has a veto: every package crossing no counted red line is in the ZOPA");

  auto tables = detail::walk_tables(space);
  for (const auto r : s.counted) {
    const RedLine& rl = space.red_lines[r];
    for (std::size_t v = 0; v < rl.forbidden.size(); ++v)
      if (rl.forbidden[v]) tables.mask[rl.issue][v] |= 1;
  }
  mark_dominated_values(space, s, tables);
  const std::uint64_t n = result.packages;
  const unsigned threads = thread_count(options, n);
  std::vector<PassResult> parts;
  for (unsigned t = 0; t < threads; ++t) parts.emplace_back(s.k);
  const std::size_t k = s.k;
  ProgressTask progress("packages", n);
  const auto walk_with_progress = [&progress](const auto& tables, std::uint64_t lo, std::uint64_t hi, auto skip,
                                              auto visit) {
    // In chunks, so a long walk reports progress; the packages and their order are the same.
    constexpr std::uint64_t chunk = std::uint64_t{1} << 24;
    for (std::uint64_t c = lo; c < hi;) {
      const std::uint64_t e = hi - c > chunk ? c + chunk : hi;
      detail::walk(tables, c, e, skip, visit);
      progress.add(e - c);
      c = e;
    }
  };
  run_threads(threads, [&](unsigned t) {
    const auto [lo, hi] = share(n, t, threads);
    PassResult& part = parts[t];
    std::vector<double> key(k);
    walk_with_progress(
        tables, lo, hi, [](std::uint64_t mask) { return (mask & 1) != 0; },
        [&](std::uint64_t package, const double* u, std::uint64_t mask) {
          ++part.passing;
          const double* kp = u;  // exact comparison: the utilities are the keys
          if (s.grid > 0) {
            for (std::size_t a = 0; a < k; ++a) key[a] = utility_key(u[a], s.grid);
            kp = key.data();
          }
          bool at_least = true, above = true;
          for (const auto a : s.veto) {
            at_least = at_least && kp[a] >= s.reservation_key[a];
            above = above && kp[a] > s.reservation_key[a];
          }
          if (above) ++part.zopa;
          // The frontier of the packages at or above every reservation value (NegMAS) equals
          // the frontier of all packages restricted to them, so filter first; and a package
          // with a dominated value (bit 2) is dominated, so it need not be offered.
          if (at_least && !(mask & 2)) part.frontier.add(kp, package);
        });
    part.frontier.flush();
  });
  FrontierBuilder& merged = parts[0].frontier;
  for (unsigned t = 1; t < threads; ++t) merged.absorb(parts[t].frontier);
  merged.flush();
  for (const auto& p : parts) {
    result.passing_red_lines += p.passing;
    result.zopa += p.zopa;
  }
  // Canonical order: actor 0's utility descending, then actor 1's, ..., then package number.
  std::vector<std::size_t> order(merged.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto& keys = merged.keys();
  const auto& ids = merged.ids();
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    for (std::size_t a = 0; a < k; ++a)
      if (keys[x * k + a] != keys[y * k + a]) return keys[x * k + a] > keys[y * k + a];
    return ids[x] < ids[y];
  });
  for (const auto i : order) {
    PackagePoint point{ids[i], space.utilities_of(ids[i]), merged.counts()[i], true};
    for (const auto a : s.veto) point.in_zopa = point.in_zopa && utility_key(point.utility[a], s.grid) > s.reservation_key[a];
    result.frontier.push_back(std::move(point));
  }

  std::vector<double> best(k, 0.0);
  for (std::size_t a = 0; a < k; ++a)
    for (const auto& p : result.frontier) best[a] = std::max(best[a], p.utility[a]);
  result.nash = best_point(result.frontier, [&](const double* u) {
    return nash_product(u, s.bargainers, s.disagreement, s.nash_weight);
  });
  result.kalai = best_point(result.frontier, [&](const double* u) {
    double m = std::numeric_limits<double>::infinity();
    for (const auto a : s.bargainers) {
      double g = u[a] - s.disagreement[a];
      if (options.kalai == KalaiGains::normalised) {
        const double span = best[a] - s.disagreement[a];
        g = span > 1e-12 ? g / span : 1.0;
      }
      m = std::min(m, g);
    }
    return m;
  });
  result.welfare = best_point(result.frontier, [&](const double* u) {
    double w = 0;
    for (std::size_t a = 0; a < k; ++a) w += u[a];
    return w;
  });
  if (result.zopa == 0) search_blocking_sets(space, options, s, result);
  return result;
}

}  // namespace truce::space
