#pragma once
// What it takes: the smallest change to a set of levers that makes a goal on the model's
// output true.
//
// Norm: the sum over levers of |change| / (high - low), i.e. each lever's change measured in
// its own range; 1 = one lever moved across its whole range.
//
// Method (documented in docs/levers.md):
//  1. The base point: if it already meets the goal, the answer is "no change".
//  2. Each lever alone, toward each end of its range: a scan in 16 steps finds the first step
//     that meets the goal, bisection narrows it to `tolerance` (in range units).
//  3. Combinations: all corners of the box (up to 10 levers) and `probes` seeded random
//     points; every point that meets the goal is pulled back toward the base along its ray
//     (bisection), then improved by a compass search that shrinks one lever's change, or
//     trades part of one lever's change for half as much of another's, halving its step
//     down to `tolerance`.
// Guarantee: the change returned meets the goal (it was evaluated). Along a single lever it
// is minimal to within `tolerance` whenever the goal's region along that lever does not
// start and end between two scan steps; for combinations it is a local minimum of the
// compass search, an upper bound on the true minimum. "Not reachable" means no evaluated
// point met the goal; the closest point and the levers at the end of their range there are
// reported as the binding constraint. An undefined output (NaN) does not meet the goal.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "truce/levers/parameter.hpp"

namespace truce::levers {

enum class Comparison { at_least, more_than, at_most, less_than };

struct Goal {
  Comparison comparison = Comparison::at_least;
  double threshold = 0.0;

  bool met(double output) const;
  // How far past the threshold the output is (>= 0 when met for at_least / at_most;
  // > 0 required for more_than / less_than).
  double margin(double output) const;
  std::string describe(const std::string& output_name) const;
};

struct MinimalChangeOptions {
  std::size_t probes = 256;  // seeded random points of the box
  double tolerance = 1e-3;   // in range units
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

struct LeverChange {
  std::size_t lever = 0;  // index into the lever list
  double from = 0.0;
  double to = 0.0;
  double change_in_range_units = 0.0;  // (to - from) / (high - low)
};

struct MinimalChange {
  bool base_meets_goal = false;
  bool reachable = false;
  double base_output = 0.0;
  // reachable: the smallest change found and the output there.
  double norm = 0.0;
  std::vector<LeverChange> changes;  // every lever, in lever order
  double output = 0.0;
  std::string found_by;  // "base", "single lever", "combination"
  // Not reachable: the evaluated point closest to the goal and its output; `binding` are
  // the levers at an end of their range there (pushing them further would be needed).
  std::vector<double> closest_point;
  double closest_output = 0.0;
  std::vector<std::size_t> binding;
  // Best single-lever answer per lever (norm, or NaN when that lever alone cannot).
  std::vector<double> single_lever_norm;
  std::size_t model_runs = 0;
};

MinimalChange minimal_change(const std::vector<Parameter>& levers, const Model& model, const Goal& goal,
                             const MinimalChangeOptions& options);

// The norm of a change: sum |x_k - base_k| / (high_k - low_k).
double change_norm(const std::vector<Parameter>& levers, const std::vector<double>& point);

}  // namespace truce::levers
