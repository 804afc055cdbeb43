#pragma once
// What continuing the war is worth, in closed form. A belligerent believes the front line
// moves d scale points a month from T0 (clamped to 0..100) and values the territorial status
// quo as 1 - |T - x|/100 (x its position, the scale utility of docs/models.md). Its continuation
// value of that stream is the normalised discounted sum
//
//   V = (1 - delta) * sum_{k >= 0} delta^k (1 - |clamp(T0 + k d) - x| / 100)
//
// (k = 0 is the current month). The summand is piecewise linear in k between the months where
// the line reaches x, 0 or 100, so V is a sum of geometric and arithmetico-geometric series:
// sum_{k=m}^{n-1} delta^k and sum_{k=m}^{n-1} k delta^k, each in closed form.

namespace truce::dynamics {

double discounted_territory_utility(double t0, double drift, double position, double delta);

// The front line as its own quantity (docs/dynamics.md, "The front line"): it runs from 0 to
// front_max; holding ground gives at most control_max of the territory issue. An actor at
// position x values a front at f as
//
//   u(f) = min(1, 1 - |min(f, c) - x| / 100 + sign * max(0, f - c) / 100)
//
// with c = control_max and sign +1 when x lies beyond c (it wants more than ground can give,
// so more ground is worth more to it) and -1 otherwise. With c = front_max = 100 this is the
// scale utility above, on the same bounds.
struct FrontScale {
  double control_max = 100.0, front_max = 100.0;
  bool is_issue_scale() const { return control_max == 100.0 && front_max == 100.0; }
};
double front_utility(double front, double position, const FrontScale& scale);

// V for the front line: the same discounted sum with u(f) above, the line clamped to
// 0..front_max. Each segment between the months where the line crosses x, c, 0 or front_max
// is affine in the month, so the sum is again geometric and arithmetico-geometric series.
// On the issue's own scale it is discounted_territory_utility, to the bit.
double discounted_front_utility(double t0, double drift, double position, double delta, const FrontScale& scale);
double discounted_front_utility_by_summing(double t0, double drift, double position, double delta,
                                           const FrontScale& scale, int months);

// The same sum by brute force over `months` terms plus the constant tail (for tests).
double discounted_territory_utility_by_summing(double t0, double drift, double position, double delta, int months);

// sum_{k=m}^{n-1} delta^k and sum_{k=m}^{n-1} k delta^k (n < 0: to infinity).
double geometric_sum(double delta, double m, double n);
double arithmetico_geometric_sum(double delta, double m, double n);

}  // namespace truce::dynamics
