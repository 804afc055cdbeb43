#pragma once
// KTAB's Model::vote as inline templates on the rule, so hot loops (coalitions, challenges)
// compile to branch-free vector code; the arithmetic is KTAB's, in KTAB's order.
#pragma clang fp contract(off)

#include <stdexcept>
#include <type_traits>

#include "truce/forecast/condorcet_election.hpp"

namespace truce {

template <VoteRule R>
inline double vote_of(double w, double ua, double ub) {
  const double du = ua - ub;
  if constexpr (R == VoteRule::proportional) {
    return w * du;
  } else if constexpr (R == VoteRule::cubic) {
    return w * (du * du * du);
  } else if constexpr (R == VoteRule::prop_cubic) {
    const double rpc = 0.5;
    return w * ((1 - rpc) * du + rpc * (du * du * du));
  } else if constexpr (R == VoteRule::asymmetric_prospect) {
    // KTAB: losses count fully, gains by two thirds, no difference no vote.
    double v = 0.0;
    v = du < 0.0 ? w * du : v;
    v = 0.0 < du ? (2.0 * w * du) / 3.0 : v;
    return v;
  } else {
    double r_bin = du / 1e-8;
    r_bin = r_bin > +1 ? +1 : r_bin;
    r_bin = r_bin < -1 ? -1 : r_bin;
    if constexpr (R == VoteRule::binary) {
      return w * r_bin;
    } else {
      static_assert(R == VoteRule::prop_bin);
      const double rbp = 0.2;
      return w * ((1 - rbp) * du + rbp * r_bin);
    }
  }
}

// Calls f(std::integral_constant<VoteRule, rule>{}) so f can instantiate a template per rule.
template <class F>
decltype(auto) with_vote_rule(VoteRule rule, F&& f) {
  switch (rule) {
    case VoteRule::binary:
      return f(std::integral_constant<VoteRule, VoteRule::binary>{});
    case VoteRule::prop_bin:
      return f(std::integral_constant<VoteRule, VoteRule::prop_bin>{});
    case VoteRule::proportional:
      return f(std::integral_constant<VoteRule, VoteRule::proportional>{});
    case VoteRule::prop_cubic:
      return f(std::integral_constant<VoteRule, VoteRule::prop_cubic>{});
    case VoteRule::cubic:
      return f(std::integral_constant<VoteRule, VoteRule::cubic>{});
    case VoteRule::asymmetric_prospect:
      return f(std::integral_constant<VoteRule, VoteRule::asymmetric_prospect>{});
  }
  throw std::invalid_argument("unknown vote rule");
}

}  // namespace truce
