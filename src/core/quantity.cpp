#include "truce/core/quantity.hpp"

#include <cmath>
#include <limits>
#include <numbers>

namespace truce::dynamics {

double mean_of(const Quantity& q) {
  switch (q.distribution) {
    case Distribution::fixed: return q.a;
    case Distribution::uniform: return 0.5 * (q.a + q.b);
    case Distribution::normal: return q.a;
    case Distribution::triangular: return (q.a + q.b + q.c) / 3.0;
    case Distribution::lognormal: return q.a * std::exp(0.5 * q.b * q.b);
  }
  return q.a;
}

double support_min(const Quantity& q) {
  switch (q.distribution) {
    case Distribution::fixed:
    case Distribution::uniform:
    case Distribution::triangular: return q.a;
    case Distribution::normal: return q.b > 0 ? -std::numeric_limits<double>::infinity() : q.a;
    case Distribution::lognormal: return q.b > 0 ? 0.0 : q.a;
  }
  return q.a;
}

double support_max(const Quantity& q) {
  switch (q.distribution) {
    case Distribution::fixed: return q.a;
    case Distribution::uniform: return q.b;
    case Distribution::triangular: return q.c;
    case Distribution::normal:
    case Distribution::lognormal: return q.b > 0 ? std::numeric_limits<double>::infinity() : q.a;
  }
  return q.a;
}

namespace {
// A standard normal draw (Box-Muller, cosine branch): exact in distribution for u1, u2 uniform.
double standard_normal(double u1, double u2) {
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}
}  // namespace

double sample(const Quantity& q, double u1, double u2) {
  switch (q.distribution) {
    case Distribution::fixed: return q.a;
    case Distribution::uniform: return q.a + (q.b - q.a) * u1;
    case Distribution::normal: return q.a + q.b * standard_normal(u1, u2);
    case Distribution::triangular: {
      // Inverse CDF: F(mode) = (mode - min) / (max - min).
      const double lo = q.a, mode = q.b, hi = q.c, width = hi - lo;
      if (width <= 0) return lo;
      const double f_mode = (mode - lo) / width;
      if (u1 < f_mode) return lo + std::sqrt(u1 * width * (mode - lo));
      return hi - std::sqrt((1.0 - u1) * width * (hi - mode));
    }
    case Distribution::lognormal: return q.a * std::exp(q.b * standard_normal(u1, u2));
  }
  return q.a;
}

const char* distribution_name(Distribution d) {
  switch (d) {
    case Distribution::fixed: return "fixed";
    case Distribution::uniform: return "uniform";
    case Distribution::normal: return "normal";
    case Distribution::triangular: return "triangular";
    case Distribution::lognormal: return "lognormal";
  }
  return "fixed";
}

bool distribution_from_name(const std::string& name, Distribution& out) {
  for (auto d : {Distribution::uniform, Distribution::normal, Distribution::triangular, Distribution::lognormal})
    if (name == distribution_name(d)) {
      out = d;
      return true;
    }
  return false;
}

}  // namespace truce::dynamics
