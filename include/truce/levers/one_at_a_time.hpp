#pragma once
// One-at-a-time (tornado) sensitivity: every parameter alone moved to the low and the high
// end of its range, the others held at their base values.

#include <cstddef>
#include <vector>

#include "truce/levers/parameter.hpp"

namespace truce::levers {

struct TornadoBar {
  std::size_t parameter = 0;  // index into the parameter list
  double output_at_low = 0.0;
  double output_at_high = 0.0;
  double swing = 0.0;  // |output_at_high - output_at_low|
};

struct Tornado {
  double base_output = 0.0;
  // By swing, largest first; ties in parameter order; undefined swings (NaN output) last.
  std::vector<TornadoBar> bars;
};

Tornado one_at_a_time(const std::vector<Parameter>& parameters, const Model& model, unsigned threads = 1);

}  // namespace truce::levers
