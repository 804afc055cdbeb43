#include "truce/levers/parameter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace truce::levers {

const char* range_kind_name(RangeKind kind) {
  switch (kind) {
    case RangeKind::natural: return "natural";
    case RangeKind::spread: return "spread";
    case RangeKind::scenario: return "scenario";
    case RangeKind::given: return "given";
  }
  return "?";
}

double standard_normal_quantile(double u) {
  if (!(u > 0.0 && u < 1.0)) return u == 0.0 ? -HUGE_VAL : u == 1.0 ? HUGE_VAL : std::nan("");
  // P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
  // function" (2003): rational approximations, relative error below 1.15e-9.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double low = 0.02425;
  double x = 0.0;
  if (u < low) {
    const double q = std::sqrt(-2.0 * std::log(u));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (u <= 1.0 - low) {
    const double q = u - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log(1.0 - u));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // One step of Halley's method on Phi(x) - u, Phi from erfc (Acklam's refinement).
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - u;
  const double t = e * std::sqrt(2.0 * 3.14159265358979323846) * std::exp(x * x / 2.0);
  return x - t / (1.0 + x * t / 2.0);
}

double quantile(const Parameter& p, double u) {
  if (p.draw) return p.draw(u);
  const double w = p.width();
  if (w <= 0.0) return p.base;
  switch (p.distribution) {
    case Distribution::uniform:
      return p.low + u * w;
    case Distribution::triangular: {
      // Inverse CDF of the triangular distribution with mode c = base.
      const double fc = (p.base - p.low) / w;
      if (u < fc) return p.low + std::sqrt(u * w * (p.base - p.low));
      return p.high - std::sqrt((1.0 - u) * w * (p.high - p.base));
    }
  }
  return p.base;
}

std::vector<double> base_values(const std::vector<Parameter>& parameters) {
  std::vector<double> x;
  x.reserve(parameters.size());
  for (const auto& p : parameters) x.push_back(p.base);
  return x;
}

void check_parameters(const std::vector<Parameter>& parameters) {
  std::set<std::string> names;
  for (const auto& p : parameters) {
    if (!std::isfinite(p.base) || !std::isfinite(p.low) || !std::isfinite(p.high))
      throw std::invalid_argument(fmt::format("parameter '{}': expected finite values", p.name));
    if (!(p.low <= p.base && p.base <= p.high))
      throw std::invalid_argument(fmt::format("parameter '{}': expected low <= base <= high, found {} <= {} <= {}",
                                              p.name, p.low, p.base, p.high));
    if (!names.insert(p.name).second)
      throw std::invalid_argument(fmt::format("parameter '{}' appears twice", p.name));
  }
}

}  // namespace truce::levers
