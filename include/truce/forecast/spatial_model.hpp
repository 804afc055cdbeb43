#pragma once
// KTAB's Spatial Model of Politics (smpc) with Probabilistic Condorcet Elections, as KTAB's
// master implements it (/work/shared/ktab_smp_algorithm.md). Defaults are KTAB's.

#include <nlohmann/json.hpp>

#include "truce/core/scenario.hpp"
#include "truce/forecast/forecast_result.hpp"

namespace truce {

enum class VictoryProbability { linear, square, quartic, octic, binary };
enum class VoteRule { binary, prop_bin, proportional, prop_cubic, cubic, asymmetric_prospect };
enum class CondorcetElection { conditional, markov_incentive, markov_uniform };
enum class BigRRange { min, mid, max };
enum class BigRAdjust { none, one_third, half, two_thirds, full };
enum class ThirdPartyCommit { no_commit, semi_commit, full_commit };
enum class BargainInterpolation { s1p1, s2p2, s2pmax };
enum class BargainModel { init_only, init_receiver, pairwise_compromise };

struct SpatialModelOptions {
  VictoryProbability victory_probability = VictoryProbability::linear;
  VoteRule vote_rule = VoteRule::proportional;
  CondorcetElection pce = CondorcetElection::conditional;
  BigRRange big_r_range = BigRRange::mid;
  BigRAdjust big_r_adjust = BigRAdjust::one_third;
  ThirdPartyCommit third_party_commit = ThirdPartyCommit::semi_commit;
  BargainInterpolation interpolation = BargainInterpolation::s2p2;
  BargainModel bargain_model = BargainModel::init_only;
  ForecastMode mode = ForecastMode::joint;  // KTAB treats all dimensions at once
  int max_turns = 100;                       // KTAB's limit
  double stop_fraction = 0.02;               // stop when a turn moves < 2% of the first turn
};

// JSON keys and values use KTAB's names: {"victory_probability": "Linear", "vote_rule":
// "Proportional", "pce": "Conditional", "big_r_range": "Mid", "big_r_adjust": "OneThird",
// "third_party_commit": "SemiCommit", "interpolation": "S2P2", "bargain_model":
// "InitOnlyInterp", "mode": "joint"|"per_issue", "max_turns": 100, "stop_fraction": 0.02}.
// Missing keys take the defaults; unknown keys or values throw std::invalid_argument.
SpatialModelOptions spatial_model_options_from_json(const nlohmann::json& options);
nlohmann::json spatial_model_options_to_json(const SpatialModelOptions& options);

// Runs the model on the scenario's scale issues (options issues get not_applicable).
ForecastResult forecast_spatial_model(const Scenario& scenario, const SpatialModelOptions& options);

}  // namespace truce
