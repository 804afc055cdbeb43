#pragma once
// Bueno de Mesquita's expected-utility (challenge and offer) model on one scale issue, as
// Scholz, Calbert & Smith (2011), "Unravelling Bueno de Mesquita's group decision model",
// J. Theoretical Politics 23(4), reconstruct it, with the formulas of MODELS.md section 1.
// Where the paper leaves a choice open, the choice is an option with a name (below); the
// defaults are the combination that comes closest to the paper's published worked example
// (docs/forecast.md says which combinations were tried and what each gives).

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace truce {

// The mu in U_b, U_w (the position an actor expects to win if nobody challenges).
enum class EumCentre { weighted_median, weighted_mean };
// R, the range positions are measured against in the utilities.
enum class EumRange {
  scale,              // the whole scale, 0..100
  initial_positions,  // max - min of the positions at the start
  current_positions   // max - min of the positions at the start of each round
};
// Risk exponents r_i: all 1, computed once from the initial positions, or every round.
enum class EumRisk { neutral, once, each_round };
// Whose security level sets R_i: the sum of the others' expected utilities of challenging
// i (i's vulnerability, the reading of MODELS.md) or of i's own expected utilities of
// challenging the others.
enum class EumSecurity { others_against, own_challenges };
// P_i: MODELS.md's formula (numerator: only third parties k who prefer x_i count), or the
// net form (signed sum in the numerator, clamped at 0; the form BDM 1994 prints).
enum class EumProbability { supporters_only, net_clamped };
// How an actor picks among the offers it receives: the one that moves it least (MODELS.md),
// or the one whose sender expects the most from challenging (ties: the nearest).
enum class EumOfferChoice { least_move, strongest_sender };
// Whether actors see each other's true expected utilities (own r), or the challenger
// estimates the target's with its own risk exponent (the challenger's perspective).
enum class EumPerspective { own_risk, challenger_risk };
// Positions move all at once after every offer is made (simultaneous) or actor by actor in
// scenario order, later actors seeing earlier moves (sequential).
enum class EumUpdate { simultaneous, sequential };
// Which statistic of the final positions is the forecast (both are always recorded).
enum class EumForecast { weighted_mean, weighted_median };

struct ExpectedUtilityOptions {
  int max_rounds = 100;      // T in MODELS.md's "after T rounds"
  double q = 0.5;            // Q: probability that nothing changes without a challenge
  double t = 0.0;            // T: probability that a change helps the actor (used when Q < 1)
  double tolerance = 0.01;   // converged when no position moves by more than this (0..100 units)
  EumCentre centre = EumCentre::weighted_median;
  EumRange range = EumRange::scale;
  EumRisk risk = EumRisk::each_round;
  EumSecurity security = EumSecurity::others_against;
  EumProbability probability = EumProbability::supporters_only;
  EumOfferChoice offer_choice = EumOfferChoice::least_move;
  EumPerspective perspective = EumPerspective::own_risk;
  EumUpdate update = EumUpdate::simultaneous;
  EumForecast forecast = EumForecast::weighted_mean;

  std::vector<std::pair<std::string, std::string>> describe() const;  // name, value (option names)
};

// Names used in JSON options and on the command line ("weighted_median", "scale", ...).
std::string to_string(EumCentre v);
std::string to_string(EumRange v);
std::string to_string(EumRisk v);
std::string to_string(EumSecurity v);
std::string to_string(EumProbability v);
std::string to_string(EumOfferChoice v);
std::string to_string(EumPerspective v);
std::string to_string(EumUpdate v);
std::string to_string(EumForecast v);

struct ExpectedUtilityRun {
  // positions[round][actor]; round 0 the initial positions.
  std::vector<std::vector<double>> positions;
  std::vector<double> median_by_round;  // capability x salience weighted (lower) median
  std::vector<double> mean_by_round;    // capability x salience weighted mean
  std::vector<double> risk_exponent;    // r_i as last computed
  bool converged = false;               // stopped because no position moved
  int rounds = 0;                       // rounds run (positions.size() - 1)
};

// Runs the model on one issue. positions on 0..100; capability > 0; salience in 0..1.
ExpectedUtilityRun run_expected_utility(const std::vector<double>& positions, const std::vector<double>& capability,
                                        const std::vector<double>& salience, const ExpectedUtilityOptions& options);

}  // namespace truce
