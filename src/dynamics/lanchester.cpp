#include "truce/dynamics/lanchester.hpp"

#include <cmath>

namespace truce::dynamics {

LanchesterStep lanchester_step(double a, double b, double dt) {
  LanchesterStep st;
  st.a = a;
  st.b = b;
  const double w = std::sqrt(a * b);
  const double x = w * dt;
  st.ch = std::cosh(x);
  if (x < 1e-4) {
    // Series: sinh(x)/x = 1 + x^2/6 + ..., (cosh(x) - 1)/x^2 = 1/2 + x^2/24 + ...
    st.s = dt * (1.0 + x * x / 6.0);
    st.g = dt * dt * (0.5 + x * x / 24.0);
  } else {
    st.s = std::sinh(x) / w;
    st.g = (st.ch - 1.0) / (w * w);
  }
  return st;
}

}  // namespace truce::dynamics
