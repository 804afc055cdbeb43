#pragma once
// Pieces shared by the straightforward port (spatial_model_reference.cpp) and the fast
// engine (spatial_model_engine.cpp) of KTAB's SMP. Both must compute every number with the
// same operations in the same order, so these small functions are the single definition.
#pragma clang fp contract(off)

#include <Random123/philox.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "truce/forecast/spatial_model.hpp"

namespace truce::smp_detail {

constexpr double min_significant_gain = 1e-5;  // KTAB's minSigEDU in bestChallenge
constexpr double min_challenge_coalition = 1e-10;
constexpr double position_tolerance = 1e-3;    // KTAB's posTol for "equal positions"
constexpr double stop_min_delta = 1e-4;        // KTAB's minSigDelta in the stop rule

// Checks what KTAB checks (and what it would crash on); throws std::invalid_argument.
void validate(const SpatialModelInput& input, const SpatialModelOptions& options);

// Per-actor constants: S_i = sum_d s_id (KTAB's sum(vSal), in dimension order) and the
// challenge weight S_i c_i.
struct ActorConstants {
  std::vector<double> total_salience;
  std::vector<double> challenge_weight;
};
ActorConstants actor_constants(const SpatialModelInput& input);

// KTAB's third-party view of a challenge (Actor::thirdPartyVoteSU after vProbLittle):
// the four state utilities' coefficients depend on the commitment rule.
struct ThirdPartyTerms {
  double ik_j, j_ik, i_jk, jk_i;  // utility of "ik beats j", "j beats ik", "i beats jk", "jk beats i"
};
inline ThirdPartyTerms third_party_terms(ThirdPartyCommit commit, double uki, double ukj, double ukk) {
  switch (commit) {
    case ThirdPartyCommit::full_commit:
      return {uki + uki + uki, ukj + ukj + ukj, uki + uki + uki, ukj + ukj + ukj};
    case ThirdPartyCommit::semi_commit:
      return {uki + uki + ukk, ukj + ukj + ukj, uki + uki + uki, ukj + ukj + ukk};
    case ThirdPartyCommit::no_commit:
      break;
  }
  return {uki + uki + ukk, ukj + ukj + ukk, uki + uki + ukk, ukj + ukj + ukk};
}

// Sum over actors of the Euclidean distance between their positions in two states.
double state_distance(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b);

// Euclidean norm of a - b (KTAB's equivalence test for positions uses it).
double difference_norm(const std::vector<double>& a, const std::vector<double>& b);

// The index KTAB's Deterministic transition takes: the first largest |p|.
int most_probable(const std::vector<double>& p);

// Stochastic transition: a draw from p with a Philox stream keyed by (seed) and counted by
// (turn, actor); the same inputs always give the same choice.
int draw_from(const std::vector<double>& p, std::uint64_t seed, std::size_t turn, std::size_t actor);

// KTAB's capability x salience compromise of the two views of a bargain (brgnIJ), with
// KTAB's bug 2: the receiver's weight uses the initiator's capability.
SpatialBargain compromise_bargain(const SpatialModelInput& input, const ActorConstants& constants,
                                  const SpatialBargain& initiator_view, const SpatialBargain& target_view);

// Appends the bargains challenge ch offers under KTAB's bargain model (init_only: the
// initiator's view; init_receiver: both views; pairwise_compromise: their compromise) to
// bargains, and their indices to own (the initiator's list).
void queue_bargains(BargainModel model, const SpatialChallenge& ch, std::vector<SpatialBargain>& bargains,
                    std::vector<int>& own);

// The bargains actor k chooses among (indices into the turn's bargains): its status quo (index
// k), its own bargains, then the bargains of every actor whose target is k, in actor order.
std::vector<int> resolution_queue(int k, const std::vector<std::vector<int>>& own, const std::vector<int>& target);

// Actor k's choice among res.queue, u[a * queue size + m] being actor a's value of bargain m:
// sets res.probability (KTAB's scalar PCE) and res.chosen (the most probable, or a seeded draw),
// and returns k's next position, current if the chosen bargain is a status quo.
std::vector<double> resolve_bargains(SpatialResolution& res, const std::vector<SpatialBargain>& bargains,
                                     const SpatialModelInput& input, const SpatialModelOptions& options,
                                     const std::vector<double>& u, int turn, int k, const std::vector<double>& current);

// Unique positions in first-occurrence order, and for every actor the index (into that list)
// of the last unique position equivalent to its own (KTAB's ueIndices / posProb).
struct UniquePositions {
  std::vector<int> representative;  // actor index of each unique position
  std::vector<int> of_actor;        // index into representative, per actor
};
UniquePositions unique_positions(const std::vector<std::vector<double>>& position);

}  // namespace truce::smp_detail
