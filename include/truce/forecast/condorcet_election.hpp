#pragma once
// Probabilistic Condorcet Elections (PCE): how a set of voters with weights and utilities
// decides between options, as KTAB's kmodel does it (Model::vote, coalitions, vProb,
// condPCE, markovUniformPCE, markovIncentivePCE, scalarPCE; see
// docs/ktab-smp-algorithm.md section 3). The spatial model uses these to infer risk
// attitudes, to resolve bargains and to report the probability of each position; other
// models may reuse them.
//
// Every function reproduces KTAB's floating-point operations in KTAB's order, so results
// are equal to KTAB's bit for bit (which matters: conditional PCE products are sensitive).

#include <cstddef>
#include <utility>
#include <vector>

namespace truce {

// How the strengths of two coalitions become the probability that one wins (KTAB's VPModel).
enum class VictoryProbability { linear, square, quartic, octic, binary };
// How much weight a voter throws behind the option it prefers (KTAB's VotingRule).
enum class VoteRule { binary, prop_bin, proportional, prop_cubic, cubic, asymmetric_prospect };
// How pairwise victory probabilities become one probability per option (KTAB's PCEModel).
enum class CondorcetElection { conditional, markov_incentive, markov_uniform };

// A square matrix over options, row-major: at(i, j) is about option i against option j.
struct OptionMatrix {
  std::size_t size = 0;
  std::vector<double> values;

  OptionMatrix() = default;
  explicit OptionMatrix(std::size_t n, double fill = 0.0) : size(n), values(n * n, fill) {}
  double& at(std::size_t i, std::size_t j) { return values[i * size + j]; }
  double at(std::size_t i, std::size_t j) const { return values[i * size + j]; }
};

// The vote of a voter with weight w > 0 for option a over option b, given its utilities
// (positive: for a, negative: for b). Throws std::invalid_argument when w <= 0, as KTAB does.
double condorcet_vote(VoteRule rule, double weight, double utility_a, double utility_b);

// (P[a beats b], P[b beats a]) from the two coalitions' strengths.
std::pair<double, double> victory_probability(VictoryProbability model, double strength_a, double strength_b);

// C(i,j) = 1e-8 + the votes for i over j, summed over voters in index order (KTAB's order).
// utility is voters x options, row-major; weight has one entry per voter.
OptionMatrix coalition_strengths(VoteRule rule, const std::vector<double>& weight, const std::vector<double>& utility,
                                 std::size_t options);

// P(i,j) = probability that option i beats option j (0.5 on the diagonal).
OptionMatrix victory_probabilities(VictoryProbability model, const OptionMatrix& coalitions);

// p_i = prod_j P(i,j), normalised: i beats every alternative, given that one option does.
std::vector<double> conditional_pce(const OptionMatrix& victory);
// Markov chain with uniform challenges; iterated until the largest change is <= 1e-6.
std::vector<double> markov_uniform_pce(const OptionMatrix& victory);
// Markov chain whose challenges follow the incentive C(i,j) P(i,j); until change <= 1e-8.
std::vector<double> markov_incentive_pce(const OptionMatrix& coalitions, VictoryProbability model);

// KTAB's probCE2: the probability of each option from the coalition strengths.
std::vector<double> condorcet_probabilities(CondorcetElection election, VictoryProbability model,
                                            const OptionMatrix& coalitions);

// KTAB's scalarPCE: coalitions from weights and utilities, then condorcet_probabilities.
std::vector<double> scalar_pce(VoteRule rule, VictoryProbability model, CondorcetElection election,
                               const std::vector<double>& weight, const std::vector<double>& utility,
                               std::size_t options);

}  // namespace truce
