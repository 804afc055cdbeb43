#pragma once
// For models that ask the same question over and over with moving outside options (the war
// model, issue 5, asks it every simulated month): "given these reservation values, is there a
// package every party prefers to no deal (the ZOPA is non-empty), and which one maximises the
// Nash product?"
//
// Build once: every package is scored and the red lines are applied (as analyse_space counts
// them: veto actors', minus relaxed ones); only the Pareto frontier, in the parties' utilities,
// of the packages crossing no red line is kept. That is enough: if any package gives every
// party more than its reservation value, so does a frontier point that weakly dominates it,
// and a product of positive gains is largest on the frontier. Query: O(log n + w) for two
// parties (w = frontier points inside the reservation box), O(n) for more; no allocation,
// thread-safe (const). Typical frontiers have tens to a few hundred points, i.e. well under
// a microsecond per query for two parties.
//
// Reservation values in a query are on the space's utility scale (for a scenario 0..1, 0 =
// the party's worst package); a party accepts a package only if its utility is strictly
// greater than its reservation value (exact comparison).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "truce/space/agreement_space.hpp"
#include "truce/space/package_space.hpp"

namespace truce::space {

class BargainingSet {
 public:
  struct Deal {
    bool zopa = false;          // some package gives every party more than its reservation value
    std::uint64_t package = 0;  // the Nash package (lowest package number among equal utilities)
    double nash_product = 0.0;  // product over parties of (u_i - r_i)
    std::size_t row = 0;        // its row in this set (see utility())
  };

  // Uses options.relaxed_red_lines, non_veto_red_lines and threads; ignores reservation values.
  static BargainingSet build(const PackageSpace& space, const SpaceOptions& options = {});

  // The parties (actor indices of the space): its veto actors, or every actor when none has a veto.
  const std::vector<std::size_t>& parties() const { return parties_; }
  std::size_t size() const { return packages_.size(); }
  const double* utility(std::size_t row) const { return &utility_[row * parties_.size()]; }
  std::uint64_t package(std::size_t row) const { return packages_[row]; }

  // reservation: one value per party, in parties() order.
  Deal query(const double* reservation) const;

 private:
  std::vector<std::size_t> parties_;
  std::vector<double> utility_;           // row-major: size() x parties; sorted by party 0 descending
  std::vector<std::uint64_t> packages_;
};

}  // namespace truce::space
