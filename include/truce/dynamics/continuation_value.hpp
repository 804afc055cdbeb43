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

// The same sum by brute force over `months` terms plus the constant tail (for tests).
double discounted_territory_utility_by_summing(double t0, double drift, double position, double delta, int months);

// sum_{k=m}^{n-1} delta^k and sum_{k=m}^{n-1} k delta^k (n < 0: to infinity).
double geometric_sum(double delta, double m, double n);
double arithmetico_geometric_sum(double delta, double m, double n);

}  // namespace truce::dynamics
