#include "truce/levers/minimal_change.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "truce/core/work_budget.hpp"
#include "truce/levers/parallel_evaluation.hpp"
#include "truce/levers/philox_stream.hpp"

namespace truce::levers {

bool Goal::met(double y) const {
  switch (comparison) {
    case Comparison::at_least: return y >= threshold;
    case Comparison::more_than: return y > threshold;
    case Comparison::at_most: return y <= threshold;
    case Comparison::less_than: return y < threshold;
  }
  return false;
}

double Goal::margin(double y) const {
  return comparison == Comparison::at_least || comparison == Comparison::more_than ? y - threshold : threshold - y;
}

std::string Goal::describe(const std::string& output_name) const {
  const char* op = comparison == Comparison::at_least    ? ">="
                   : comparison == Comparison::more_than ? ">"
                   : comparison == Comparison::at_most   ? "<="
                                                         : "<";
  return fmt::format("{} {} {}", output_name, op, threshold);
}

double change_norm(const std::vector<Parameter>& levers, const std::vector<double>& x) {
  double norm = 0.0;
  for (std::size_t k = 0; k < levers.size(); ++k)
    if (levers[k].width() > 0.0) norm += std::fabs(x[k] - levers[k].base) / levers[k].width();
  return norm;
}

namespace {

constexpr int scan_steps = 16;
constexpr std::size_t max_corner_levers = 10;
constexpr std::size_t max_starts = 8;

// Evaluates batches of points, counts runs and remembers the point closest to the goal.
struct Searcher {
  Searcher(const std::vector<Parameter>& l, const Model& m, const Goal& g, unsigned t)
      : levers(l), model(m), goal(g), threads(t) {}
  const std::vector<Parameter>& levers;
  const Model& model;
  const Goal& goal;
  unsigned threads;
  std::size_t runs = 0;
  std::vector<double> closest;
  double closest_output = 0.0;
  double closest_margin = -std::numeric_limits<double>::infinity();

  std::vector<double> evaluate(const std::vector<std::vector<double>>& points) {
    auto out = evaluate_points(
        points.size(), levers.size(), [&](std::size_t i, std::vector<double>& x) { x = points[i]; }, model, threads);
    runs += points.size();
    for (std::size_t i = 0; i < points.size(); ++i) {
      const double m = goal.margin(out[i]);
      if (m > closest_margin) {
        closest_margin = m;
        closest = points[i];
        closest_output = out[i];
      }
    }
    return out;
  }
  double evaluate(const std::vector<double>& point) { return evaluate(std::vector<std::vector<double>>{point})[0]; }
};

struct Candidate {
  std::vector<double> point;
  double output = 0.0;
  std::string found_by;
};

std::vector<double> along(const std::vector<double>& base, const std::vector<double>& target, double t) {
  std::vector<double> x(base.size());
  for (std::size_t k = 0; k < base.size(); ++k) x[k] = base[k] + t * (target[k] - base[k]);
  return x;
}

// Smallest t in (lo, hi] meeting the goal on the segment base -> target, knowing that t = lo
// does not and t = hi does; stops when the step is below `tolerance` in range units.
Candidate bisect(Searcher& s, const std::vector<double>& base, const std::vector<double>& target, double lo,
                 double hi, double hi_output, double tolerance, const std::string& found_by) {
  const double full = change_norm(s.levers, target);
  double y_hi = hi_output;
  while ((hi - lo) * full > tolerance) {
    const double mid = 0.5 * (lo + hi);
    const double y = s.evaluate(along(base, target, mid));
    if (s.goal.met(y)) {
      hi = mid;
      y_hi = y;
    } else {
      lo = mid;
    }
  }
  return {along(base, target, hi), y_hi, found_by};
}

// Compass search: poll every move that shrinks one lever's change, or trades part of it for
// half as much change on another lever; take the feasible move with the smallest norm.
Candidate compass_search(Searcher& s, Candidate start, double tolerance) {
  const auto& levers = s.levers;
  const std::size_t k = levers.size();
  double step = 0.25;
  Candidate best = std::move(start);
  double best_norm = change_norm(levers, best.point);
  while (step >= tolerance && best_norm > 0.0) {
    std::vector<std::vector<double>> moves;
    for (std::size_t i = 0; i < k; ++i) {
      const double w = levers[i].width();
      const double delta = best.point[i] - levers[i].base;
      if (w <= 0.0 || delta == 0.0) continue;
      const double r = std::min(step, std::fabs(delta) / w);  // range units given up on lever i
      auto shrunk = best.point;
      shrunk[i] -= std::copysign(r * w, delta);
      moves.push_back(shrunk);
      for (std::size_t j = 0; j < k; ++j) {
        if (j == i || levers[j].width() <= 0.0) continue;
        for (double dir : {1.0, -1.0}) {
          auto traded = shrunk;
          traded[j] = std::clamp(traded[j] + dir * 0.5 * r * levers[j].width(), levers[j].low, levers[j].high);
          if (traded[j] != shrunk[j]) moves.push_back(traded);
        }
      }
    }
    const auto outputs = s.evaluate(moves);
    std::size_t chosen = moves.size();
    double chosen_norm = best_norm;
    for (std::size_t m = 0; m < moves.size(); ++m) {
      const double norm = change_norm(levers, moves[m]);
      if (s.goal.met(outputs[m]) && norm < chosen_norm - 1e-12) {
        chosen = m;
        chosen_norm = norm;
      }
    }
    if (chosen == moves.size()) {
      step /= 2.0;
    } else {
      best.point = moves[chosen];
      best.output = outputs[chosen];
      best_norm = chosen_norm;
    }
  }
  return best;
}

}  // namespace

MinimalChange minimal_change(const std::vector<Parameter>& levers, const Model& model, const Goal& goal,
                             const MinimalChangeOptions& options) {
  check_parameters(levers);
  if (levers.empty()) throw std::invalid_argument("what-it-takes needs at least one lever");
  if (!(options.tolerance > 0.0)) throw std::invalid_argument("the tolerance must be positive");
  const std::size_t k = levers.size();
  const auto base = base_values(levers);
  Searcher s(levers, model, goal, options.threads);
  MinimalChange result;
  result.single_lever_norm.assign(k, std::numeric_limits<double>::quiet_NaN());

  auto finish = [&](const Candidate& c) {
    result.reachable = true;
    result.norm = change_norm(levers, c.point);
    result.output = c.output;
    result.found_by = c.found_by;
    for (std::size_t i = 0; i < k; ++i) {
      const double w = levers[i].width();
      result.changes.push_back({i, base[i], c.point[i], w > 0.0 ? (c.point[i] - base[i]) / w : 0.0});
    }
    result.model_runs = s.runs;
    return result;
  };

  result.base_output = s.evaluate(base);
  if (goal.met(result.base_output)) {
    result.base_meets_goal = true;
    return finish({base, result.base_output, "base"});
  }

  // 2. Each lever alone, toward each end: a scan, then bisection.
  std::vector<Candidate> starts;
  {
    std::vector<std::vector<double>> scan;
    std::vector<std::pair<std::size_t, std::vector<double>>> ends;  // (lever, end point)
    for (std::size_t i = 0; i < k; ++i)
      for (double end : {levers[i].low, levers[i].high}) {
        if (end == base[i]) continue;
        auto target = base;
        target[i] = end;
        ends.emplace_back(i, target);
        for (int step = 1; step <= scan_steps; ++step) scan.push_back(along(base, target, double(step) / scan_steps));
      }
    const auto outputs = s.evaluate(scan);
    for (std::size_t e = 0; e < ends.size(); ++e)
      for (int step = 1; step <= scan_steps; ++step) {
        const double y = outputs[e * scan_steps + static_cast<std::size_t>(step - 1)];
        if (!goal.met(y)) continue;
        auto c = bisect(s, base, ends[e].second, double(step - 1) / scan_steps, double(step) / scan_steps, y,
                        options.tolerance, "single lever");
        const std::size_t i = ends[e].first;
        const double norm = change_norm(levers, c.point);
        if (std::isnan(result.single_lever_norm[i]) || norm < result.single_lever_norm[i])
          result.single_lever_norm[i] = norm;
        starts.push_back(std::move(c));
        break;
      }
  }

  // 3. Combinations: corners and seeded random probes of the box.
  {
    std::vector<std::vector<double>> probes;
    check_memory_need(fmt::format("{} probes of {} levers", options.probes, k),
                      static_cast<double>(options.probes) * (48.0 + 8.0 * static_cast<double>(k)),
                      "ask for fewer probes (--probes)");
    if (k <= max_corner_levers)
      for (std::size_t mask = 0; mask < (std::size_t{1} << k); ++mask) {
        std::vector<double> x(k);
        for (std::size_t i = 0; i < k; ++i) x[i] = (mask >> i) & 1 ? levers[i].high : levers[i].low;
        probes.push_back(x);
      }
    const PhiloxStream stream(options.seed, stream_search_probes);
    for (std::size_t p = 0; p < options.probes; ++p) {
      std::vector<double> x(k);
      for (std::size_t i = 0; i < k; ++i) x[i] = levers[i].low + stream.uniform(p * k + i) * levers[i].width();
      probes.push_back(x);
    }
    const auto outputs = s.evaluate(probes);
    std::vector<std::size_t> feasible;
    for (std::size_t p = 0; p < probes.size(); ++p)
      if (goal.met(outputs[p])) feasible.push_back(p);
    std::stable_sort(feasible.begin(), feasible.end(), [&](std::size_t a, std::size_t b) {
      return change_norm(levers, probes[a]) < change_norm(levers, probes[b]);
    });
    if (feasible.size() > max_starts) feasible.resize(max_starts);
    for (std::size_t p : feasible)
      starts.push_back(bisect(s, base, probes[p], 0.0, 1.0, outputs[p], options.tolerance, "combination"));
  }

  if (starts.empty()) {
    result.model_runs = s.runs;
    result.closest_point = s.closest;
    result.closest_output = s.closest_output;
    for (std::size_t i = 0; i < k; ++i)
      if (levers[i].width() > 0.0 && (s.closest[i] == levers[i].low || s.closest[i] == levers[i].high))
        result.binding.push_back(i);
    return result;
  }

  // 4. Improve every start by compass search; keep the smallest change (first on ties).
  Candidate best;
  double best_norm = std::numeric_limits<double>::infinity();
  for (auto& start : starts) {
    const double start_norm = change_norm(levers, start.point);
    auto improved = compass_search(s, start, options.tolerance);
    const double norm = change_norm(levers, improved.point);
    if (norm < start_norm - 1e-12) {
      std::size_t moved = 0;
      for (std::size_t i = 0; i < k; ++i) moved += improved.point[i] != base[i];
      improved.found_by = moved > 1 ? "combination" : "single lever";
    }
    if (norm < best_norm - 1e-12) {
      best_norm = norm;
      best = std::move(improved);
    }
  }
  return finish(best);
}

}  // namespace truce::levers
