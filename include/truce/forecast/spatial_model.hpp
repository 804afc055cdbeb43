#pragma once
// KTAB's Spatial Model of Politics (smpc) with Probabilistic Condorcet Elections, as KTAB's
// master implements it (docs/ktab-smp-algorithm.md). Defaults are KTAB's.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/forecast/condorcet_election.hpp"
#include "truce/forecast/forecast_result.hpp"

namespace truce {

enum class BigRRange { min, mid, max };
enum class BigRAdjust { none, one_third, half, two_thirds, full };
enum class ThirdPartyCommit { no_commit, semi_commit, full_commit };
enum class BargainInterpolation { s1p1, s2p2, s2pmax };
enum class BargainModel { init_only, init_receiver, pairwise_compromise };
enum class StateTransitions { deterministic, stochastic };

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
  // KTAB's StateTransitions: Deterministic takes each actor's most probable bargain;
  // Stochastic draws it from a Philox stream keyed by seed, turn and actor (reproducible,
  // unlike KTAB's shared thread-scheduled generator).
  StateTransitions state_transitions = StateTransitions::deterministic;
  std::uint64_t seed = 0;
};

// JSON keys and values use KTAB's names: {"victory_probability": "Linear", "vote_rule":
// "Proportional", "pce": "Conditional", "big_r_range": "Mid", "big_r_adjust": "OneThird",
// "third_party_commit": "SemiCommit", "interpolation": "S2P2", "bargain_model":
// "InitOnlyInterp", "mode": "joint"|"per_issue", "max_turns": 100, "stop_fraction": 0.02,
// "state_transitions": "Deterministic"|"Stochastic", "seed": 0}. On input "Prop" is also
// accepted for "Proportional" (KTAB's log spells it so).
// Missing keys take the defaults; unknown keys or values throw std::invalid_argument.
// Declared once in the table: JSON, validation, the --smp-* flags and the schema.
const OptionTable<SpatialModelOptions>& spatial_model_option_table();
SpatialModelOptions spatial_model_options_from_json(const nlohmann::json& options);
nlohmann::json spatial_model_options_to_json(const SpatialModelOptions& options);

// Runs the model on the scenario's scale issues (options issues get not_applicable).
// position_by_issue is the position of the most probable option in the final state's PCE
// (KTAB's "prob" over the unique final positions); smp_by_issue holds its probability, its
// holder and the alternatives (probability-weighted and capability-weighted mean final
// positions), converged_by_issue the stop. Reported positions are rounded to 1e-9 (0..100);
// the history is the model's states as computed.
ForecastResult forecast_spatial_model(const Scenario& scenario, const SpatialModelOptions& options);

// ---------------------------------------------------------------------------------------
// The model itself, on KTAB's own scale: positions and saliences in [0, 1].

// One run's actors: capability c_i > 0, position x_i and salience s_i per dimension, with
// sum_d s_id in (0, 1] (KTAB rejects larger sums; a zero sum makes KTAB fail).
struct SpatialModelInput {
  std::vector<double> capability;
  std::vector<std::vector<double>> position;  // [actor][dimension], in [0, 1]
  std::vector<std::vector<double>> salience;  // [actor][dimension], in [0, 1]
};

// A proposal that initiator and receiver move to the given points (status quo: both the same actor).
struct SpatialBargain {
  int initiator = -1;
  int receiver = -1;
  std::vector<double> initiator_position;  // [0, 1] per dimension
  std::vector<double> receiver_position;
  bool status_quo() const { return initiator == receiver; }
};

// Actor i's best challenge this turn and the bargains it gives rise to (KTAB's doBCN).
struct SpatialChallenge {
  int initiator = -1;
  int target = -1;
  double probability = 0;  // i's estimate that i beats j (P_ij)
  double gain = 0;         // i's expected gain from challenging j (dEU), > 1e-5
  double target_estimate = 0;     // KTAB's pjiJ: j's estimate of i's gain (see bug 1 in the docs)
  SpatialBargain initiator_view;  // brgnIIJ, interpolated with p = P_ij
  SpatialBargain target_view;     // brgnJIJ, interpolated with p = pjiJ
  SpatialBargain compromise;      // brgnIJ, the capability x salience weighted average
};

// How actor k chose among the bargains that involve it.
struct SpatialResolution {
  std::vector<int> queue;            // indices into SpatialTurn::bargains, first the status quo
  std::vector<double> probability;   // PCE probability of each queued bargain
  int chosen = 0;                    // index into queue
};

struct SpatialTurn {
  std::vector<SpatialChallenge> challenges;    // by initiator; actors without a target are absent
  std::vector<SpatialBargain> bargains;        // status quo bargains first (index = actor), then proposals
  std::vector<SpatialResolution> resolutions;  // per actor
  double fractional_change = 0;  // KTAB's stop statistic after this turn
};

struct SpatialState {
  std::vector<std::vector<double>> position;  // [actor][dimension], [0, 1]
  std::vector<double> risk_attitude;          // R_i inferred in this state (KTAB's nra)
  std::vector<double> probability;            // KTAB's "prob": PCE probability of the actor's position
};

struct SpatialModelRun {
  std::vector<SpatialState> states;  // states[0] is the initial one; KTAB's "T+1 states"
  std::vector<SpatialTurn> turns;    // turns[t] leads from states[t] to states[t+1]
  std::vector<double> effective_power;  // KTAB's effPow: c_i * sum_d s_id
  bool converged = false;               // stopped by the stop rule, not by max_turns
  bool risk_neutral_fallback = false;   // some state had all PCE probabilities equal (see docs)
};

// The fast implementation (vectorised, shared per-turn work); equal bit for bit to the
// straightforward port below. Throws std::invalid_argument on inputs KTAB cannot run.
SpatialModelRun run_spatial_model(const SpatialModelInput& input, const SpatialModelOptions& options);
// A line-by-line port of KTAB's algorithm, slow (O(n^3) memory); kept to check the fast one.
SpatialModelRun run_spatial_model_reference(const SpatialModelInput& input, const SpatialModelOptions& options);

// Building blocks (KTAB's SMPModel::bsUtil, bvDiff, interpBrgnSnPm / S2PMax, bigRfromProb, estNRA).
double spatial_utility(double distance, double risk_attitude);  // (1-d)(1+dR), (1-d)(1+R) if d > 1
double spatial_distance(const std::vector<double>& ideal, const std::vector<double>& point,
                        const std::vector<double>& salience);
std::vector<double> risk_attitudes_from_probabilities(const std::vector<double>& probability, BigRRange range);
double estimated_risk_attitude(double r_estimator, double r_actor, BigRAdjust adjust);
SpatialBargain interpolate_bargain(const SpatialModelInput& input, int i, int j, const std::vector<double>& x_i,
                                   const std::vector<double>& x_j, double p_i, double p_j,
                                   BargainInterpolation interpolation);

// KTAB's view of one state (SMPState after setAllAUtil), for inspection and tests.
class SpatialStateView {
 public:
  SpatialStateView(const SpatialModelInput& input, std::vector<std::vector<double>> position,
                   const SpatialModelOptions& options);
  const std::vector<double>& risk_attitudes() const { return risk_; }
  bool risk_neutral_fallback() const { return fallback_; }
  double distance(int i, int j) const { return distance_[i * n_ + j]; }
  double utility(int h, int i, int j) const;  // h's estimate of the utility to i of j's position
  // h's estimate of (P[i beats j], change in k's utility) if i challenges j (probEduChlg).
  std::pair<double, double> challenge(int h, int k, int i, int j) const;
  // KTAB's "prob" of every actor's position (PCE over the unique positions).
  std::vector<double> position_probabilities() const;

 private:
  const SpatialModelInput* input_;
  SpatialModelOptions options_;
  std::vector<std::vector<double>> position_;
  int n_ = 0;
  std::vector<double> distance_;  // n x n
  std::vector<double> risk_;
  std::vector<double> total_salience_;  // S_i
  bool fallback_ = false;
};

// Everything forecast_spatial_model did: the result and each run behind it.
struct SpatialModelForecast {
  ForecastResult result;
  struct Run {
    std::vector<std::size_t> actors;  // scenario actor index of each model actor
    std::vector<std::size_t> issues;  // scenario issue index of each dimension
    SpatialModelInput input;
    SpatialModelRun run;
  };
  std::vector<Run> runs;  // one in joint mode, one per scale issue in per_issue mode
};
SpatialModelForecast forecast_spatial_model_detailed(const Scenario& scenario, const SpatialModelOptions& options);

}  // namespace truce
