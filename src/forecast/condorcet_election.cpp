// Probabilistic Condorcet Elections, operation for operation as KTAB's kmodel.cpp computes
// them (see the header). No FMA contraction: a fused multiply-add would change last bits.
#pragma clang fp contract(off)

#include "truce/forecast/condorcet_election.hpp"

#include <cmath>
#include <stdexcept>

#include "condorcet_vote.hpp"

namespace truce {

double condorcet_vote(VoteRule rule, double weight, double utility_a, double utility_b) {
  if (!(weight > 0.0)) throw std::invalid_argument("a Condorcet vote needs a positive voting weight");
  return with_vote_rule(rule, [&](auto r) { return vote_of<decltype(r)::value>(weight, utility_a, utility_b); });
}

std::pair<double, double> victory_probability(VictoryProbability model, double s1, double s2) {
  double x1 = 0, x2 = 0;
  switch (model) {
    case VictoryProbability::linear:
      x1 = s1;
      x2 = s2;
      break;
    case VictoryProbability::square:
      x1 = s1 * s1;
      x2 = s2 * s2;
      break;
    case VictoryProbability::quartic:  // KTAB's qrtc is x*x*x*x, evaluated left to right
      x1 = s1 * s1 * s1 * s1;
      x2 = s2 * s2 * s2 * s2;
      break;
    case VictoryProbability::octic: {
      const double q1 = s1 * s1 * s1 * s1, q2 = s2 * s2 * s2 * s2;
      x1 = q1 * q1;
      x2 = q2 * q2;
      break;
    }
    case VictoryProbability::binary: {
      // A 10% advantage wins for sure; in between, a linear ramp.
      const double thresh = 1.10;
      if (s1 >= thresh * s2) {
        x1 = 1.0;
        x2 = 1e-6;
      } else if (s2 >= thresh * s1) {
        x1 = 1e-6;
        x2 = 1.0;
      } else {
        const double r12 = s1 / (s1 + s2);
        const double p12 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0);
        x1 = p12;
        x2 = 1 - p12;
      }
      break;
    }
  }
  return {x1 / (x1 + x2), x2 / (x1 + x2)};
}

namespace {

// One option i against all j < i, voters k in index order: lanes over j, so every (i, j)
// adds its voters in KTAB's order while the inner loop is a vector loop.
template <VoteRule R>
[[gnu::always_inline]] inline void coalition_row_body(std::size_t i, std::size_t voters, std::size_t options,
                                                      const double* __restrict weight,
                                                      const double* __restrict utility, double* __restrict ci,
                                                      double* __restrict cj) {
  for (std::size_t k = 0; k < voters; ++k) {
    const double* const row = utility + k * options;
    const double w = weight[k];
    const double ui = row[i];
#pragma clang loop vectorize(enable) interleave(enable)
    for (std::size_t j = 0; j < i; ++j) {
      const double v = vote_of<R>(w, ui, row[j]);
      ci[j] += v > 0 ? v : 0.0;
      cj[j] += v < 0 ? -v : 0.0;
    }
  }
}

// Compiled for AVX2 (no FMA: the same bits) and for the x86-64 baseline; chosen at run time.
template <VoteRule R>
__attribute__((target("avx2"))) void coalition_row_avx2(std::size_t i, std::size_t voters, std::size_t options,
                                                        const double* weight, const double* utility, double* ci,
                                                        double* cj) {
  coalition_row_body<R>(i, voters, options, weight, utility, ci, cj);
}
template <VoteRule R>
void coalition_row_baseline(std::size_t i, std::size_t voters, std::size_t options, const double* weight,
                            const double* utility, double* ci, double* cj) {
  coalition_row_body<R>(i, voters, options, weight, utility, ci, cj);
}

template <VoteRule R>
OptionMatrix coalitions_for(const std::vector<double>& weight, const std::vector<double>& utility, std::size_t options) {
  constexpr double min_coalition = 1e-8;
  static const bool avx2 = __builtin_cpu_supports("avx2");
  const auto row = avx2 ? coalition_row_avx2<R> : coalition_row_baseline<R>;
  const std::size_t voters = weight.size();
  OptionMatrix c(options);
  std::vector<double> for_i(options), for_j(options);
  for (std::size_t i = 0; i < options; ++i) {
    for (std::size_t j = 0; j < i; ++j) for_i[j] = for_j[j] = min_coalition;
    row(i, voters, options, weight.data(), utility.data(), for_i.data(), for_j.data());
    for (std::size_t j = 0; j < i; ++j) {
      c.at(i, j) = for_i[j];
      c.at(j, i) = for_j[j];
    }
    c.at(i, i) = min_coalition;
  }
  return c;
}

}  // namespace

OptionMatrix coalition_strengths(VoteRule rule, const std::vector<double>& weight, const std::vector<double>& utility,
                                 std::size_t options) {
  if (utility.size() != weight.size() * options)
    throw std::invalid_argument("coalition_strengths: utilities must be voters x options");
  for (double w : weight)
    if (!(w > 0.0)) throw std::invalid_argument("a Condorcet vote needs a positive voting weight");
  return with_vote_rule(rule, [&](auto r) { return coalitions_for<decltype(r)::value>(weight, utility, options); });
}

OptionMatrix victory_probabilities(VictoryProbability model, const OptionMatrix& coalitions) {
  const std::size_t n = coalitions.size;
  OptionMatrix p(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const auto [pij, pji] = victory_probability(model, coalitions.at(i, j), coalitions.at(j, i));
      p.at(i, j) = pij;
      p.at(j, i) = pji;
    }
    p.at(i, i) = 0.5;
  }
  return p;
}

std::vector<double> conditional_pce(const OptionMatrix& victory) {
  const std::size_t n = victory.size;
  std::vector<double> p(n);
  for (std::size_t i = 0; i < n; ++i) {
    double pi = 1.0;
    for (std::size_t j = 0; j < n; ++j) pi = pi * victory.at(i, j);
    p[i] = pi;
  }
  double total = 0.0;
  for (double x : p) total = total + x;
  for (double& x : p) x = x / total;
  return p;
}

std::vector<double> markov_uniform_pce(const OptionMatrix& victory) {
  const std::size_t n = victory.size;
  std::vector<double> p(n, 1.0 / static_cast<double>(n)), q(n);
  double change = 1.0;
  for (int iteration = 0; 1e-6 < change && iteration < 100000; ++iteration) {
    change = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double pi = 0.0;
      for (std::size_t j = 0; j < n; ++j) pi = pi + victory.at(i, j) * (p[i] + p[j]);
      q[i] = pi / static_cast<double>(n);
      const double c = std::fabs(q[i] - p[i]);
      change = c > change ? c : change;
    }
    for (std::size_t i = 0; i < n; ++i) p[i] = (p[i] + q[i]) / 2.0;
  }
  return p;
}

std::vector<double> markov_incentive_pce(const OptionMatrix& coalitions, VictoryProbability model) {
  const std::size_t n = coalitions.size;
  const OptionMatrix victory = victory_probabilities(model, coalitions);
  // incentive(i,j) for i to challenge j; challenge probability proportional to it.
  OptionMatrix incentive(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      double x = coalitions.at(i, j) * victory.at(i, j);
      if (i == j) x = x + 1e-10;
      incentive.at(i, j) = x;
    }
  std::vector<double> column_sum(n);
  for (std::size_t j = 0; j < n; ++j) {
    double s = 0.0;
    for (std::size_t k = 0; k < n; ++k) s = s + incentive.at(k, j);
    column_sum[j] = s;
  }
  OptionMatrix challenge(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) challenge.at(i, j) = incentive.at(i, j) / column_sum[j];

  std::vector<double> p(n, 1.0 / static_cast<double>(n)), q(n);
  OptionMatrix ct(n);
  double change = 1.0;
  for (int iteration = 0; 1e-8 < change && iteration < 100000; ++iteration) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) ct.at(i, j) = p[i] * challenge.at(j, i);
    change = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double qi = 0.0;
      for (std::size_t j = 0; j < n; ++j) qi = qi + victory.at(i, j) * (ct.at(i, j) + ct.at(j, i));
      q[i] = qi;
      const double c = std::fabs(q[i] - p[i]);
      change = c > change ? c : change;
    }
    for (std::size_t i = 0; i < n; ++i) p[i] = (p[i] + q[i]) / 2.0;
  }
  return p;
}

std::vector<double> condorcet_probabilities(CondorcetElection election, VictoryProbability model,
                                            const OptionMatrix& coalitions) {
  switch (election) {
    case CondorcetElection::conditional:
      return conditional_pce(victory_probabilities(model, coalitions));
    case CondorcetElection::markov_uniform:
      return markov_uniform_pce(victory_probabilities(model, coalitions));
    case CondorcetElection::markov_incentive:
      return markov_incentive_pce(coalitions, model);
  }
  throw std::invalid_argument("unknown Condorcet election model");
}

std::vector<double> scalar_pce(VoteRule rule, VictoryProbability model, CondorcetElection election,
                               const std::vector<double>& weight, const std::vector<double>& utility,
                               std::size_t options) {
  return condorcet_probabilities(election, model, coalition_strengths(rule, weight, utility, options));
}

}  // namespace truce
