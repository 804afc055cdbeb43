#include "truce/levers/parameter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace truce::levers {

double quantile(const Parameter& p, double u) {
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
