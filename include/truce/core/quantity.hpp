#pragma once
// A Quantity is one number of the war model: either a fixed value or a distribution that
// Monte Carlo samples once per run. Each carries its own evidence (source and quote) or the
// analyst's note, so every input number of a simulation can be traced. A quantity may carry
// dated revisions (docs/timeline.md), each setting the whole quantity from its date on.

#include <string>
#include <vector>

#include "truce/core/scenario_elements.hpp"


namespace truce::dynamics {

enum class Distribution {
  fixed,       // value
  uniform,     // a = min, b = max
  normal,      // a = mean, b = standard deviation
  triangular,  // a = min, b = mode, c = max
  lognormal,   // a = median (exp of the log-mean), b = sigma of the log
};

// What a dated revision of a quantity sets: the whole quantity, a fixed value or a
// distribution with its parameters (the revision carries its own evidence and note).
struct QuantityValue {
  Distribution distribution = Distribution::fixed;
  double a = 0.0, b = 0.0, c = 0.0;

  bool operator==(const QuantityValue&) const = default;
};

using QuantityRevision = Revision<QuantityValue>;

struct Quantity {
  Distribution distribution = Distribution::fixed;
  double a = 0.0, b = 0.0, c = 0.0;  // parameters, as listed above; fixed: a = value
  std::vector<Evidence> evidence;
  std::string note;  // the analyst's reasoning where no source gives the number
  // Dated changes, in date order (file order on a tie). The value above is the latest date's,
  // what every analysis sees; `base` keeps the value the file gives before any revision (the
  // evidence and note above are the file's, for that value). Without revisions `base` is {}.
  std::vector<QuantityRevision> revisions;
  QuantityValue base;

  static Quantity fixed(double value) {
    Quantity q;
    q.a = value;
    return q;
  }
  bool is_fixed() const { return distribution == Distribution::fixed; }
  QuantityValue value() const { return {distribution, a, b, c}; }
  void set(const QuantityValue& v) { distribution = v.distribution, a = v.a, b = v.b, c = v.c; }
  bool operator==(const Quantity&) const = default;
};

// The distribution's mean (the fixed value for a fixed quantity).
double mean_of(const Quantity& q);

// Smallest and largest values a draw can take before clamping (infinite for normal tails,
// 0 and +inf for lognormal).
double support_min(const Quantity& q);
double support_max(const Quantity& q);

// A draw from two independent uniforms u1, u2 in (0, 1) (inverse CDF; Box-Muller for the
// normal and lognormal, which use both). Fixed quantities ignore them.
double sample(const Quantity& q, double u1, double u2);

// "uniform", "normal", ...; and back (false when unknown).
const char* distribution_name(Distribution d);
bool distribution_from_name(const std::string& name, Distribution& out);

}  // namespace truce::dynamics
