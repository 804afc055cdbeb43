#pragma once
// The deal check the war model asks every month: given each veto actor's reservation value
// (what it gets by going on fighting), is the zone of possible agreement non-empty, and on
// which package does the Nash point put the deal? Everything that does not move during a war
// (packages, utilities, red lines) is precomputed once; a query touches only the Pareto
// frontier of the packages that cross no red line, in the veto actors' utilities.
//
// The ZOPA and the Nash package come from the agreement-space module (space::BargainingSet,
// issue 4): a package is in the ZOPA when it crosses no counted red line and gives every veto
// actor strictly more than its reservation value; ties of the Nash product go to the lowest
// package number. This file adds what the war model needs on top: the scenario's utilities
// for values that are not packages (the front line between named points), red lines that
// change during the war (pressure levers, lines that follow the front), and which single
// constraint blocks a deal. Packages, utilities and red lines are the agreement space's own
// types (space::PackageSpace, its AdditiveUtility, space::RedLine).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/space/bargaining_set.hpp"
#include "truce/space/package_space.hpp"

namespace truce::dynamics {

// The red lines the scenario's veto actors draw, in (actor, issue) order.
std::vector<space::RedLine> veto_red_lines(const space::PackageSpace& space);

struct Deal {
  std::uint64_t package = 0;
  std::vector<double> utility;  // per bargainer
  double nash_product = 0.0;
};

// One configuration of red lines, precomputed.
class DealSpace {
 public:
  // space: the scenario's package space (space::package_space_of, with its utilities before
  // normalisation); its red lines are replaced by `red_lines`, the counted ones of this
  // configuration. bargainers: the veto actors,
  // ascending. constraint_ids: for each red line, its index among all constraints the caller
  // tallies (see blockers()).
  DealSpace(const space::PackageSpace& space, std::vector<std::size_t> bargainers,
            const std::vector<space::RedLine>& red_lines, std::vector<std::size_t> constraint_ids);

  std::size_t bargainers() const { return k_; }
  std::size_t frontier_size() const { return base_.ids.size(); }
  std::uint64_t packages_passing_red_lines() const { return passing_; }

  // The Nash package of the ZOPA under these reservation values (one per bargainer, in order),
  // or nullopt when the ZOPA is empty (space::BargainingSet::query).
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
  Frontier build(std::vector<double>& u, std::vector<std::uint64_t>& ids) const;
  // [first, last) of the frontier points inside the ZOPA (two bargainers: a contiguous range).
  std::pair<std::size_t, std::size_t> zopa_range(const Frontier& f, const double* reservation) const;
  bool any_inside(const Frontier& f, const double* reservation) const;

  std::size_t k_;
  std::vector<std::size_t> bargainers_;
  space::BargainingSet set_;  // the deal: ZOPA and Nash package
  Frontier base_;             // for blockers(): the same frontier, and with each red line dropped
  std::vector<Frontier> relaxed_;  // per red line: the frontier with that red line dropped
  std::vector<std::size_t> constraint_ids_;
  std::uint64_t passing_ = 0;
};

}  // namespace truce::dynamics
