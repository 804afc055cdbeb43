#pragma once
// Lanchester's square law with recruitment, advanced one step by its exact solution.
//
//   dA/dt = -b B + r_A,   dB/dt = -a A + r_B
//
// a: B's losses per unit time per unit of A; b: A's losses per unit of B. Without
// recruitment a A^2 - b B^2 is invariant (Lanchester 1916); the exact step keeps it to
// rounding, where an Euler step would drift by O(dt^2) each step. With w = sqrt(a b),
// s(t) = sinh(w t) / w and g(t) = (cosh(w t) - 1) / w^2:
//
//   A(t) = A0 cosh(wt) - b s B0 + s r_A - b g r_B
//   B(t) = B0 cosh(wt) - a s A0 + s r_B - a g r_A

namespace truce::dynamics {

struct LanchesterStep {
  double a = 0, b = 0;  // coefficients, as above
  double ch = 1, s = 1, g = 0.5;  // cosh(w dt), sinh(w dt)/w, (cosh(w dt) - 1)/w^2
};

LanchesterStep lanchester_step(double a, double b, double dt = 1.0);

struct Forces {
  double a = 0, b = 0;
};

// Forces after one step, before any floor at zero (negative = that side was destroyed).
inline Forces advance(const LanchesterStep& st, Forces f, double recruit_a, double recruit_b) {
  return {f.a * st.ch - st.b * st.s * f.b + st.s * recruit_a - st.b * st.g * recruit_b,
          f.b * st.ch - st.a * st.s * f.a + st.s * recruit_b - st.a * st.g * recruit_a};
}

// a A^2 - b B^2.
inline double square_law_invariant(double a, double b, Forces f) { return a * f.a * f.a - b * f.b * f.b; }

}  // namespace truce::dynamics
