#include "truce/levers/one_at_a_time.hpp"

#include <algorithm>
#include <cmath>

#include "truce/levers/parallel_evaluation.hpp"

namespace truce::levers {

Tornado one_at_a_time(const std::vector<Parameter>& parameters, const Model& model, unsigned threads) {
  check_parameters(parameters);
  const std::size_t d = parameters.size();
  const auto base = base_values(parameters);
  // Point 0 is the base; points 1 + 2i and 2 + 2i move parameter i to its low and high end.
  const auto outputs = evaluate_points(
      1 + 2 * d, d,
      [&](std::size_t index, std::vector<double>& x) {
        x = base;
        if (index == 0) return;
        const std::size_t i = (index - 1) / 2;
        x[i] = (index - 1) % 2 == 0 ? parameters[i].low : parameters[i].high;
      },
      model, threads);

  Tornado tornado;
  tornado.base_output = outputs[0];
  for (std::size_t i = 0; i < d; ++i) {
    TornadoBar bar;
    bar.parameter = i;
    bar.output_at_low = outputs[1 + 2 * i];
    bar.output_at_high = outputs[2 + 2 * i];
    bar.swing = std::fabs(bar.output_at_high - bar.output_at_low);
    tornado.bars.push_back(bar);
  }
  // Undefined swings (the output is NaN at an end) go last.
  auto key = [](const TornadoBar& b) { return std::isnan(b.swing) ? -1.0 : b.swing; };
  std::stable_sort(tornado.bars.begin(), tornado.bars.end(),
                   [&](const TornadoBar& a, const TornadoBar& b) { return key(a) > key(b); });
  return tornado;
}

}  // namespace truce::levers
