#include "truce/forecast/nash_bargaining.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace truce {

namespace {

struct Party {
  double x;  // ideal position
  double d;  // |q - x|: how far the status quo is from it
  double w;  // exponent c s
};

// d/dx log of the objective on a linear piece, from the right (+) or the left (-) of x:
// g_i'(x) is +1 left of x_i and -1 right of it (the 1/100 cancels in g'/g).
double derivative(const std::vector<Party>& parties, double x, bool from_right) {
  double sum = 0;
  for (const auto& p : parties) {
    const double gain = p.d - std::abs(x - p.x);
    const bool rising = from_right ? x < p.x : x <= p.x;
    sum += p.w * (rising ? 1.0 : -1.0) / gain;
  }
  return sum;
}

}  // namespace

NashBargainingSolution nash_bargaining_position(const std::vector<double>& positions, const std::vector<double>& weights,
                                                double status_quo) {
  if (positions.size() != weights.size()) throw std::invalid_argument("nash_bargaining_position: sizes differ");
  std::vector<Party> parties;
  // Feasible set: intersection of the open intervals (x_i - d_i, x_i + d_i).
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (!(weights[i] > 0)) continue;  // exponent 0: the factor is 1 wherever it is positive
    const Party p{positions[i], std::abs(status_quo - positions[i]), weights[i]};
    lo = std::max(lo, p.x - p.d);
    hi = std::min(hi, p.x + p.d);
    parties.push_back(p);
  }
  NashBargainingSolution degenerate{std::numeric_limits<double>::quiet_NaN(), false, true, {}};
  for (std::size_t i = 0; i < positions.size(); ++i)
    if (weights[i] > 0 && positions[i] == status_quo) degenerate.on_status_quo.push_back(i);
  if (!degenerate.on_status_quo.empty()) return degenerate;
  if (parties.empty() || !(lo < hi)) return {status_quo, false, false, {}};

  // Breakpoints inside (lo, hi), ascending: where some g_i changes slope.
  std::vector<double> points;
  for (const auto& p : parties)
    if (p.x > lo && p.x < hi) points.push_back(p.x);
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  // Concave: walk the breakpoints until the right derivative turns non-positive.
  double seg_lo = lo;
  for (double b : points) {
    if (derivative(parties, b, false) >= 0 && derivative(parties, b, true) <= 0) return {b, true, false, {}};  // kink maximum
    if (derivative(parties, b, false) < 0) {
      // The maximiser lies in (seg_lo, b): the left derivative at b is already negative.
      break;
    }
    seg_lo = b;
  }
  double seg_hi = hi;
  for (double b : points)
    if (b > seg_lo) {
      seg_hi = b;
      break;
    }
  // Root of the monotone (decreasing) first-order condition in the open segment. At an open
  // end of the feasible set the derivative tends to -/+ infinity, so the root is interior.
  double a = seg_lo, z = seg_hi;
  for (int it = 0; it < 200; ++it) {
    const double m = a + (z - a) / 2;
    if (m <= a || m >= z) break;
    if (derivative(parties, m, true) > 0)
      a = m;
    else
      z = m;
  }
  // a and z are adjacent doubles (or equal) around the root: take the one with the smaller |f'|.
  const double fa = std::abs(derivative(parties, a, true)), fz = std::abs(derivative(parties, z, true));
  const double x = (a == seg_lo) ? z : (z == seg_hi ? a : (fa <= fz ? a : z));
  return {x, true, false, {}};
}

}  // namespace truce
