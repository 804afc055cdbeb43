#include "truce/dynamics/continuation_value.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace truce::dynamics {

namespace {

// delta^n for real n >= 0 (pow(0, 0) = 1, which the k = 0 term needs).
double power(double delta, double n) { return n == 0 ? 1.0 : std::pow(delta, n); }

// sum_{k=0}^{n-1} k delta^k = delta (1 - n delta^(n-1) + (n-1) delta^n) / (1 - delta)^2.
double prefix_k(double delta, double n) {
  if (n <= 1) return 0.0;
  if (delta == 0) return 0.0;
  const double one = 1.0 - delta;
  return delta * (1.0 - n * power(delta, n - 1) + (n - 1) * power(delta, n)) / (one * one);
}

double utility(double t, double position) { return 1.0 - std::abs(t - position) / 100.0; }

}  // namespace

double geometric_sum(double delta, double m, double n) {
  const double head = power(delta, m);
  const double tail = n < 0 ? 0.0 : power(delta, n);
  return (head - tail) / (1.0 - delta);
}

double arithmetico_geometric_sum(double delta, double m, double n) {
  const double one = 1.0 - delta;
  const double all = delta / (one * one);
  return (n < 0 ? all : prefix_k(delta, n)) - prefix_k(delta, m);
}

double discounted_territory_utility(double t0, double drift, double position, double delta) {
  t0 = std::clamp(t0, 0.0, 100.0);
  if (drift == 0 || delta == 0) return utility(t0, position);
  // Months (real) where the line reaches the position or a bound; only those ahead matter.
  std::array<double, 3> breaks{(position - t0) / drift, (0.0 - t0) / drift, (100.0 - t0) / drift};
  std::array<double, 4> bounds{};  // integer segment starts, ascending, from 0
  std::size_t nb = 0;
  bounds[nb++] = 0;
  std::sort(breaks.begin(), breaks.end());
  for (double b : breaks)
    if (b > 0 && std::isfinite(b) && b < 1e9) {
      const double m = std::ceil(b);
      if (m > bounds[nb - 1]) bounds[nb++] = m;
    }
  double sum = 0.0;
  for (std::size_t j = 0; j < nb; ++j) {
    const double m = bounds[j];
    const double n = j + 1 < nb ? bounds[j + 1] : -1.0;
    // The affine piece that holds at k = m holds on [m, n): judge it between m and the next
    // real break after m (the function is continuous, so the piece to the right of m).
    double next = m + 1.0;
    for (double b : breaks)
      if (b > m) {
        next = std::min(next, b);
        break;
      }
    const double k_mid = 0.5 * (m + next);
    const double t_mid = t0 + k_mid * drift;
    if (t_mid <= 0.0 || t_mid >= 100.0) {
      sum += utility(std::clamp(t_mid, 0.0, 100.0), position) * geometric_sum(delta, m, n);
    } else {
      const double side = t_mid >= position ? 1.0 : -1.0;  // d|T - x|/dT
      const double alpha = 1.0 - side * (t0 - position) / 100.0;
      const double beta = -side * drift / 100.0;
      sum += alpha * geometric_sum(delta, m, n) + beta * arithmetico_geometric_sum(delta, m, n);
    }
  }
  return (1.0 - delta) * sum;
}

double front_utility(double front, double position, const FrontScale& scale) {
  const double c = scale.control_max;
  double u = 1.0 - std::abs(std::min(front, c) - position) / 100.0;
  if (front > c) u += (position > c ? 1.0 : -1.0) * (front - c) / 100.0;
  return std::min(1.0, u);
}

double discounted_front_utility(double t0, double drift, double position, double delta, const FrontScale& scale) {
  if (scale.is_issue_scale()) return discounted_territory_utility(t0, drift, position, delta);
  const double high = scale.front_max;
  t0 = std::clamp(t0, 0.0, high);
  const auto g = [&](double k) { return front_utility(std::clamp(t0 + k * drift, 0.0, high), position, scale); };
  if (drift == 0 || delta == 0) return g(0);
  // u is piecewise affine in f with kinks at x and c (for x beyond c, u reaches its cap 1 at
  // f = x); the clamp adds 0 and front_max. Between the months the line crosses them, the
  // summand is affine in k: its two coefficients are read off two points of the piece.
  std::array<double, 4> breaks{(position - t0) / drift, (scale.control_max - t0) / drift, (0.0 - t0) / drift,
                               (high - t0) / drift};
  std::sort(breaks.begin(), breaks.end());
  std::array<double, 5> bounds{};
  std::size_t nb = 0;
  bounds[nb++] = 0;
  for (double b : breaks)
    if (b > 0 && std::isfinite(b) && b < 1e9) {
      const double m = std::ceil(b);
      if (m > bounds[nb - 1]) bounds[nb++] = m;
    }
  // delta^bound, one pow per bound (the sums below need no other power): this runs four times
  // per side and month, so pow was most of a simulation's time.
  std::array<double, 5> power_at{};
  for (std::size_t j = 0; j < nb; ++j) power_at[j] = power(delta, bounds[j]);
  const double one = 1.0 - delta;
  // sum_{k=0}^{x-1} k delta^k = (delta - x delta^x + (x - 1) delta^(x+1)) / (1 - delta)^2.
  const auto prefix = [&](double x, double px) { return (delta - x * px + (x - 1) * px * delta) / (one * one); };
  double sum = 0.0;
  for (std::size_t j = 0; j < nb; ++j) {
    const double m = bounds[j];
    const bool last = j + 1 == nb;
    double next = m + 1.0;
    for (double b : breaks)
      if (b > m) {
        next = std::min(next, b);
        break;
      }
    const double k_mid = 0.5 * (m + next);
    const double beta = (g(k_mid) - g(m)) / (k_mid - m);
    const double alpha = g(m) - beta * m;
    const double pm = power_at[j], pn = last ? 0.0 : power_at[j + 1];
    const double geometric = (pm - pn) / one;
    const double weighted = (last ? delta / (one * one) : prefix(bounds[j + 1], pn)) - prefix(m, pm);
    sum += alpha * geometric + (beta == 0 ? 0.0 : beta * weighted);
  }
  return one * sum;
}

double discounted_front_utility_by_summing(double t0, double drift, double position, double delta,
                                           const FrontScale& scale, int months) {
  const double high = scale.front_max;
  t0 = std::clamp(t0, 0.0, high);
  double sum = 0.0, weight = 1.0;
  for (int k = 0; k < months; ++k) {
    sum += weight * front_utility(std::clamp(t0 + k * drift, 0.0, high), position, scale);
    weight *= delta;
  }
  sum += weight / (1.0 - delta) * front_utility(std::clamp(t0 + months * drift, 0.0, high), position, scale);
  return (1.0 - delta) * sum;
}

double discounted_territory_utility_by_summing(double t0, double drift, double position, double delta, int months) {
  double sum = 0.0, weight = 1.0;
  for (int k = 0; k < months; ++k) {
    sum += weight * utility(std::clamp(t0 + k * drift, 0.0, 100.0), position);
    weight *= delta;
  }
  // The tail after `months` terms: the line has stopped at a bound by then, or keeps going
  // (tests pick `months` large enough that weight is negligible).
  sum += weight / (1.0 - delta) * utility(std::clamp(t0 + months * drift, 0.0, 100.0), position);
  return (1.0 - delta) * sum;
}

}  // namespace truce::dynamics
