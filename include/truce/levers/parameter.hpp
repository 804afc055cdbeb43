#pragma once
// The generic object of sensitivity analysis: a model is a deterministic function from a
// vector of named parameters (each with a base value and a range) to one number.
// Nothing here knows about scenarios; src/levers/scenario_parameters.cpp binds them.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace truce::levers {

// How a parameter is drawn over its range for global (Sobol) sensitivity analysis.
// uniform: on [low, high]. triangular: on [low, high] with its mode at the base value.
enum class Distribution { uniform, triangular };

// Where a parameter's range comes from, so that every output can say which kind of range a
// swing or an index is over: a policy number's whole natural range reads very differently
// from +-10% around an estimate.
enum class RangeKind {
  natural,   // the number's whole natural range (a policy choice: a lever's probability 0..1)
  spread,    // +-spread around the scenario's value (a physical quantity known up to an error)
  scenario,  // the distribution the scenario gives
  given,     // NAME=LOW:HIGH on the command line
};

// "natural", "spread", "scenario", "given": the word the JSON and the tables use.
const char* range_kind_name(RangeKind kind);

struct Parameter {
  std::string name;   // e.g. "salience.russia.territory"
  double base = 0.0;  // the value in the scenario
  double low = 0.0;   // low <= base <= high
  double high = 0.0;
  std::string unit;       // what one unit means, e.g. "scale points (0..100)"
  std::string range_from; // where the range came from, e.g. "+-10% of base" or "scenario"
  Distribution distribution = Distribution::uniform;
  // Where set, the value at quantile u in (0, 1) for global sensitivity analysis, replacing
  // `distribution` (e.g. a scenario's normal distribution, truncated to [low, high]).
  std::function<double(double)> draw;
  RangeKind range_kind = RangeKind::spread;  // what kind of range [low, high] is (after draw: aggregates list the others first)

  double width() const { return high - low; }
};

// A model: parameter values (in the order of its parameter list) -> output. It must be a
// pure function of its argument and safe to call from several threads at once.
using Model = std::function<double(const std::vector<double>&)>;

// The value at quantile u in (0, 1) of a parameter's distribution.
double quantile(const Parameter& parameter, double u);

// The standard normal quantile function (Acklam's approximation refined by one Halley step on
// std::erfc: accurate to about 1e-15 relative).
double standard_normal_quantile(double u);

// The base values of a parameter list, in order.
std::vector<double> base_values(const std::vector<Parameter>& parameters);

// Checks low <= base <= high, finite values and unique names; throws std::invalid_argument.
void check_parameters(const std::vector<Parameter>& parameters);

}  // namespace truce::levers
