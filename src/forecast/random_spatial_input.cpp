#include "truce/forecast/random_spatial_input.hpp"

#include <Random123/philox.h>

#include <vector>

namespace truce {

SpatialModelInput random_spatial_input(int n, int m, std::uint64_t seed) {
  r123::Philox4x64 philox;
  std::uint64_t counter = 0;
  auto uniform = [&](double lo, double hi) {
    const auto bits = philox({{counter++, 0, 0, 0}}, {{seed, 0}});
    return lo + (hi - lo) * (static_cast<double>(bits[0] >> 11) * 0x1.0p-53);
  };
  SpatialModelInput in;
  for (int i = 0; i < n; ++i) {
    in.capability.push_back(uniform(10, 200));
    const double total = uniform(0.75, 0.99);
    std::vector<double> w(m), x(m);
    double sum = 0;
    for (int d = 0; d < m; ++d) sum += w[d] = uniform(0.1, 1.0);
    for (int d = 0; d < m; ++d) w[d] = total * w[d] / sum, x[d] = uniform(0, 1);
    in.salience.push_back(w);
    in.position.push_back(x);
  }
  return in;
}

}  // namespace truce
