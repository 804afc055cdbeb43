#pragma once
// The space of agreements: is there a package every party with a veto accepts (the ZOPA), and
// if not, which red lines and reservation values rule every package out? Also the Pareto
// frontier and the Nash, Kalai-Smorodinsky and max-welfare points, as NegMAS defines them
// (negmas.preferences.ops). Definitions, ties and rounding: docs/space.md.
//
// Utilities are compared exactly as computed (each a sum in issue order, so the same package
// always gets the same bits), as NegMAS compares them; SpaceOptions::grid > 0 compares them on
// a grid instead (two utilities rounding to the same multiple of grid are equal). Dominance is
// a strict partial order either way, so the Pareto frontier is one well-defined set whatever
// the enumeration order or thread count. Packages with equal utilities for everyone are one
// frontier point, shown by the lowest package number, with the count of packages sharing it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "truce/space/package_space.hpp"

namespace truce::space {

// What utilities are compared on: the utility itself (grid 0) or its grid point (as an
// integer-valued double: utility / grid rounded to nearest, ties to even; |utility / grid| < 2^51).
double utility_key(double utility, double grid);

enum class KalaiGains {
  normalised,  // min over actors of (u_i - d_i) / (best_i - d_i): Kalai-Smorodinsky proper
  raw,         // min over actors of (u_i - d_i): what negmas.preferences.ops.kalai_points computes
};

struct SpaceOptions {
  // By actor id: overrides the actor's reservation value.
  std::map<std::string, double> reservation;
  std::vector<std::string> relaxed_red_lines;  // ids "ACTOR.ISSUE" whose red lines are dropped
  bool non_veto_red_lines = false;  // count red lines of actors without a veto (default: not)
  bool capability_weighted_nash = false;  // Nash product with exponents = capabilities
  KalaiGains kalai = KalaiGains::normalised;
  double grid = 0.0;                // 0: compare utilities exactly; > 0: on this grid (e.g. 1e-9)
  unsigned threads = 1;             // results do not depend on it
  std::size_t max_blocking_set = 3; // largest set of red lines / reservations searched
};

struct PackagePoint {
  std::uint64_t package = 0;
  std::vector<double> utility;  // per actor
  std::uint64_t packages = 1;   // packages with exactly these utilities (this one has the lowest number)
  bool in_zopa = false;         // every veto actor prefers it to no deal (and it crosses no counted red line)
};

struct SolutionPoint {
  PackagePoint point;
  double value = 0.0;       // the criterion maximised (Nash product, min gain, welfare)
  std::uint64_t ties = 1;   // frontier points within 1e-9 of the best; the first in frontier order is shown
};

// A smallest set of red lines / reservation values whose removal opens the ZOPA.
struct BlockingSet {
  std::vector<std::string> ids;  // "ACTOR.ISSUE" (red line) or "ACTOR.reservation"
  PackagePoint opens;            // the best package it opens, by Nash product
  double nash_product = 0.0;
};

struct SpaceResult {
  std::uint64_t packages = 0;
  std::uint64_t passing_red_lines = 0;  // packages that cross no counted red line
  std::uint64_t zopa = 0;               // of those, packages every veto actor prefers to no deal
  std::vector<double> reservation;      // per actor, as used
  std::vector<double> disagreement;     // per actor d_i = max(reservation, min utility)
  std::vector<double> min_utility, max_utility;
  std::vector<std::string> counted_red_lines;
  std::vector<std::size_t> bargainers;  // actors in the Nash / Kalai products (veto actors)
  // Pareto frontier of packages crossing no counted red line and giving every veto actor at
  // least its reservation value; ordered by actor 0's utility descending, then actor 1's, ...,
  // then package number.
  std::vector<PackagePoint> frontier;
  std::optional<SolutionPoint> nash, kalai, welfare;
  std::vector<BlockingSet> blocking;  // only when the ZOPA is empty
  bool blocking_searched = false;
  std::vector<std::string> notes;
};

// Throws std::invalid_argument for options that do not fit the space (unknown red line id,
// wrong reservation count, more than 64 red lines and veto actors when a blocking search is needed).
SpaceResult analyse_space(const PackageSpace& space, const SpaceOptions& options);

}  // namespace truce::space
