#pragma once
// The package space: every way of settling all issues at once (one value per issue), with each
// actor's utility for each value of each issue. Utilities are additive (a package's utility is
// the sum of its values' contributions), so the space is stored as small per-(issue, value,
// actor) tables and never as a list of packages. A scenario and a GENIUS domain with its
// profiles both convert to this one type (see package_space_of and io/genius_xml.hpp).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"

namespace truce::space {

struct SpaceValue {
  std::string id;
  std::string label;
  std::optional<double> position;  // scale issues: the value's position on the 0..100 scale
};

struct SpaceIssue {
  std::string id;
  std::string name;
  std::vector<SpaceValue> values;  // at least one
};

struct SpaceActor {
  std::string id;
  std::string name;
  double capability = 1.0;
  bool veto = true;           // any deal needs this actor's consent
  double reservation = 0.0;   // utility of no deal, on the same scale as its package utilities
};

// A red line: the values of one issue that one actor would never accept. Id "ACTOR.ISSUE".
struct RedLine {
  std::size_t actor = 0;
  std::size_t issue = 0;
  std::vector<std::uint8_t> forbidden;  // per value of the issue: 1 = crosses the red line
};

// Each actor's utility function, additive over issues, before normalisation:
// weight[issue][value * actors + actor] (from a scenario: salience x the stance's utility of the
// value). The normalised utility of a sum of weights s is (s - offset) / range: 0 at the
// actor's worst package, 1 at its ideal one (1 everywhere for an actor with no salient stake).
// PackageSpace::contribution is the same function normalised issue by issue; the war model
// sums raw weights (with values between the named points, e.g. the front line) and
// normalises once, so both forms are kept.
struct AdditiveUtility {
  std::vector<std::vector<double>> weight;
  std::vector<double> offset;  // per actor: sum over issues of its lowest weight
  std::vector<double> range;   // per actor: sum over issues of (highest - lowest weight)

  double normalise(std::size_t actor, double sum) const {
    return range[actor] > 1e-12 ? (sum - offset[actor]) / range[actor] : 1.0;
  }
};

struct PackageSpace {
  std::vector<SpaceIssue> issues;
  std::vector<SpaceActor> actors;
  // contribution[issue][value * actors.size() + actor]: that value's share of the actor's utility.
  std::vector<std::vector<double>> contribution;
  // The utilities before normalisation: built by package_space_of, empty for spaces given as
  // contributions only (GENIUS profiles).
  AdditiveUtility utility;
  std::vector<RedLine> red_lines;
  std::vector<std::string> notes;  // decisions a reader should know (defaults, points chosen)

  // Number of packages (product of the issues' value counts); throws std::invalid_argument
  // when it does not fit in 64 bits.
  std::uint64_t size() const;  // throws WorkTooLarge past 2^64 - 1
  double approximate_size() const;  // the product of the value counts, without overflow
  // The value index chosen on each issue by package n. Packages are numbered in mixed-radix
  // order with the LAST issue varying fastest (the order of itertools.product, as in NegMAS).
  std::vector<std::size_t> values_of(std::uint64_t package) const;
  // Each actor's utility for package n (sums in issue order, as the enumeration does).
  std::vector<double> utilities_of(std::uint64_t package) const;
  // Lowest / highest utility of the actor over all packages (exact: sum of per-issue extremes).
  double min_utility(std::size_t actor) const;
  double max_utility(std::size_t actor) const;
  std::string red_line_id(std::size_t red_line) const;
};

// The values of an issue a red line forbids: on a scale issue (values with positions) those
// outside `range`; on an options issue those not in `acceptable_options` (sorted; empty: none).
std::vector<std::uint8_t> forbidden_values(const SpaceIssue& issue, const std::optional<AcceptableRange>& range,
                                           const std::vector<std::size_t>& acceptable_options);

// An actor's utility of a value before normalisation, from its stance: salience x (1 -
// distance / 100) for a position on a scale issue, salience x the stance's utility of an
// option; 0 where the actor has no stance on the issue.
double raw_scale_utility(const Scenario& scenario, std::size_t actor, std::size_t issue, double position);
double raw_option_utility(const Scenario& scenario, std::size_t actor, std::size_t issue, std::size_t option);

// Throws std::invalid_argument if the tables do not fit the issues and actors.
void check_package_space(const PackageSpace& space);

// The package space of a scenario. Values per issue: an options issue's options; a scale
// issue's named points, or, where it has none, the points 0, 25, 50, 75, 100 together with
// every actor's position. Utility: additive, salience-weighted (scale 1 - |x - x_i|/100,
// options the stance's option utilities), normalised per actor to 0 at its worst package and
// 1 at its ideal one. Reservation values 0 (no deal is as bad as the worst package).
PackageSpace package_space_of(const Scenario& scenario);

}  // namespace truce::space
