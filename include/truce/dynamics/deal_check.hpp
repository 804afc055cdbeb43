#pragma once
// The deal check the war model asks every month: given each veto actor's reservation value
// (what it gets by going on fighting), is the zone of possible agreement non-empty, and on
// which package does the Nash point put the deal? Everything that does not move during a war
// (packages, utilities, red lines) is precomputed once; a query touches only the Pareto
// frontier of the packages that cross no red line, in the veto actors' utilities.
//
// Definitions follow MODELS.md section 2 and the agreement-space module (issue 4, branch
// wip-space, space::package_space_of): a package is one value per issue (a scale issue's named
// points, or 0, 25, 50, 75, 100 and every actor's position where it has none; an options
// issue's options); utility is additive and salience-weighted (scale 1 - |x - x_i|/100,
// options the stance's option utilities), normalised per actor to 0 at its worst package and
// 1 at its ideal one; only veto actors' red lines count. This file holds the small part of
// that module the war model needs until the two are merged (see docs/dynamics.md).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"

namespace truce::dynamics {

// Per-actor additive utilities over every package of a scenario.
struct PackageTable {
  struct IssueValues {
    std::vector<std::string> ids;    // named point / option ids (scale issues without points: the position)
    std::vector<double> positions;   // scale issues: the position of each value
  };
  std::vector<IssueValues> issues;
  std::size_t actors = 0;
  // raw[issue][value * actors + actor]: salience x issue utility (before normalisation).
  std::vector<std::vector<double>> raw;
  std::vector<double> offset;  // per actor: sum over issues of its lowest raw value
  std::vector<double> range;   // per actor: sum over issues of (highest - lowest); 0 = indifferent

  std::uint64_t packages() const;
  std::vector<std::size_t> values_of(std::uint64_t package) const;  // last issue varies fastest
  // Normalised utility of a raw sum (1 for an actor indifferent to every package).
  double normalise(std::size_t actor, double raw_sum) const {
    return range[actor] > 1e-12 ? (raw_sum - offset[actor]) / range[actor] : 1.0;
  }
};

PackageTable package_table_of(const Scenario& scenario);

// Raw (unnormalised) utility of one actor for a position on a scale issue / an option,
// as the package table scores values; 0 where the actor has no stance on the issue.
double raw_scale_utility(const Scenario& scenario, std::size_t actor, std::size_t issue, double position);
double raw_option_utility(const Scenario& scenario, std::size_t actor, std::size_t issue, std::size_t option);

struct RedLine {
  std::size_t actor = 0;
  std::size_t issue = 0;
  std::vector<std::uint8_t> forbidden;  // per value of the issue
};

// The red lines the scenario's veto actors draw, in (actor, issue) order.
std::vector<RedLine> veto_red_lines(const Scenario& scenario, const PackageTable& table);

// The forbidden values of a scale range / an option list on one issue of the table.
std::vector<std::uint8_t> forbidden_values(const Scenario& scenario, const PackageTable& table, std::size_t issue,
                                           const std::optional<AcceptableRange>& range,
                                           const std::vector<std::size_t>& acceptable_options);

struct Deal {
  std::uint64_t package = 0;
  std::vector<double> utility;  // per bargainer
  double nash_product = 0.0;
  std::size_t zopa_frontier_points = 0;  // frontier packages inside the ZOPA
};

// One configuration of red lines, precomputed.
class DealSpace {
 public:
  // bargainers: the veto actors, ascending. red_lines: the counted red lines; constraint_ids:
  // for each, its index among all constraints the caller tallies (see blockers()).
  DealSpace(const PackageTable& table, std::vector<std::size_t> bargainers, const std::vector<RedLine>& red_lines,
            std::vector<std::size_t> constraint_ids, const std::vector<double>& welfare_weight);

  std::size_t bargainers() const { return k_; }
  std::size_t frontier_size() const { return base_.ids.size(); }
  std::uint64_t packages_passing_red_lines() const { return passing_; }

  // The Nash package of the ZOPA under these reservation values (one per bargainer, in order),
  // or nullopt when the ZOPA is empty. A package is in the ZOPA when it crosses no red line
  // and gives every bargainer at least its reservation value. Ties of the Nash product: the
  // first package in frontier order (first bargainer's utility descending, ...).
  std::optional<Deal> nash(const double* reservation) const;
  bool zopa_empty(const double* reservation) const;

  // For an empty ZOPA: adds 1 to counts[c] for every constraint c whose removal alone would
  // open it: c < bargainers() is that bargainer's reservation value; a red line's constraint is
  // its constraint id. Returns how many there were.
  std::size_t blockers(const double* reservation, std::vector<std::uint64_t>& counts) const;

 private:
  struct Frontier {
    std::vector<double> u;  // size() x k, row-major, in frontier order
    std::vector<std::uint64_t> ids;
  };
  Frontier build(std::vector<double>& u, std::vector<double>& welfare, std::vector<std::uint64_t>& ids) const;
  // [first, last) of the frontier points inside the ZOPA (two bargainers: a contiguous range).
  std::pair<std::size_t, std::size_t> zopa_range(const Frontier& f, const double* reservation) const;
  bool any_inside(const Frontier& f, const double* reservation) const;

  std::size_t k_;
  std::vector<std::size_t> bargainers_;
  Frontier base_;
  std::vector<Frontier> relaxed_;  // per red line: the frontier with that red line dropped
  std::vector<std::size_t> constraint_ids_;
  std::uint64_t passing_ = 0;
};

}  // namespace truce::dynamics
