#pragma once
// The (asymmetric) Nash bargaining solution on one scale issue (docs/models.md section 1):
//   argmax_x prod_i (u_i(x) - u_i(q))^(w_i),  w_i = c_i s_i,  u_i(x) = 1 - |x - x_i| / 100,
// over the x where every factor (gain over the status quo q) is positive.
//
// Gain g_i(x) = (|q - x_i| - |x - x_i|) / 100 is positive exactly on the open interval
// (x_i - |q - x_i|, x_i + |q - x_i|), one end of which is q itself. So the feasible set is
// non-empty only when q lies on one side of every (weighted) actor: an actor on the far
// side of q, or at q, loses from every move. log prod = sum_i w_i log g_i is concave (each
// g_i is concave and positive), and linear pieces of g_i change only at the positions x_i,
// so the maximiser is found exactly: at the breakpoint where the derivative changes sign,
// or inside the one segment where it does, as the root of the first-order condition
// sum_i w_i g_i'(x) / g_i(x) = 0 (monotone there; solved by bisection to the last bit).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace truce {

struct NashBargainingSolution {
  // The maximiser; q when the problem is infeasible but not degenerate; NaN when degenerate.
  double position = 0.0;
  // False when no x gives every actor a positive gain over q (q between the actors, or an
  // actor with positive weight at q).
  bool feasible = false;
  // An actor with positive weight stands on q (its position == q, exactly): its gain is 0 at q
  // and negative everywhere else, so the product is 0 at every point but q and the "solution"
  // is q by construction, whatever the others want. position is NaN then (no forecast): the
  // answer would restate the disagreement point, not bargain from it.
  bool degenerate = false;
  std::vector<std::size_t> on_status_quo;  // those actors, by index into positions
};

NashBargainingSolution nash_bargaining_position(const std::vector<double>& positions, const std::vector<double>& weights,
                                                double status_quo);

}  // namespace truce
