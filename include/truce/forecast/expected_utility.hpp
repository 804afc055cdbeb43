#pragma once
// Bueno de Mesquita's expected-utility (challenge and offer) model on one scale issue, step by
// step as Scholz, Calbert & Smith (2011), "Unravelling Bueno de Mesquita's group decision
// model" (ICAART 2011; J. Theoretical Politics 23(4)) reconstruct it. Equation numbers
// ("eq. N") and Appendix steps are the paper's; docs/forecast.md lists them. Every default is
// the paper's reading of its step; where the paper leaves a step open, the other readings are
// options with names (below). The paper's worked example (BDM 1994, emission standards) is
// not reproduced by any combination: docs/forecast.md says which step is underdetermined and
// which published numbers we match, and how close the reading of a public reimplementation of
// Scholz's code (EumReading::scholz_code; section "EUM: a reimplementation's reading") comes,
// and why its one missing median (round 2) points at the risk step.

#include <cstddef>
#include <optional>
#include <string>

#include "truce/core/option_table.hpp"
#include "truce/forecast/forecast_result.hpp"
#include <utility>
#include <vector>

namespace truce {

// mu in U_b, U_w (eqs. 22, 23): the median voter position (Appendix step 3: the Condorcet
// winner of the votes of eqs. 26-29, which for these single-peaked utilities is the weighted
// median; the paper's reading), or the weighted mean.
enum class EumCentre { weighted_median, weighted_mean };
// R = x_max - x_min in eqs. 14-16, 22, 23, 28: the positions' range at the start of each round
// (Appendix steps 3-4, the paper's reading), the range at the start, or the whole 0..100 scale.
enum class EumRange {
  scale,              // the whole scale, 0..100
  initial_positions,  // max - min of the positions at the start
  current_positions   // max - min of the positions at the start of each round
};
// Risk exponents r_i (section 5, eqs. 32-34): every round, from expected utilities computed
// with r = 1 and then applied in a second pass (the paper's reading, Appendix steps 7-10);
// once, from the initial positions; or all 1 (risk neutral).
enum class EumRisk { neutral, once, each_round };
// Whose expected utilities make i's security level (section 5): the others' of challenging i
// ("the utility i believes its adversaries expect to derive from challenging i", the paper's
// prose reading) or i's own of challenging the others.
enum class EumSecurity { others_against, own_challenges };
// P^i, eqs. 30-31: the numerator sums only the votes of third parties k who prefer x_i (the
// paper's reading), or the net signed sum clamped at 0 (the form BDM 1994 prints), or
// all_votes: the supporters' votes over the sum of |votes| of every k on every ordered pair of
// actors' positions, each vote c_k s_k[(|x_k - x_j|/R)^r_k - (|x_k - x_i|/R)^r_k] with k's
// risk exponent, 0 when x_i = x_j (the reading of Scholz's code, as the Python reimplementation
// in the repository behind docs/forecast.md "EUM: a reimplementation's reading" ships it).
enum class EumProbability { supporters_only, net_clamped, all_votes };
// Section 6.2, the offer an actor takes among those it receives: the one from the sender with
// the highest expected utility, ties to the least move ("concede to the actor with highest
// expected utility"; "given equally enforceable proposals, players move the least", the
// paper's reading), or the one that moves it least, ties to the strongest sender; or
// scholz_code: any conflict it loses first (least move), else the compromise with the lowest
// |E|-weighted mean of the two positions (|E^j| x_j + |E^i| x_i)/(|E^j| + |E^i|), and never a
// capitulation (the reading of Scholz's code the reimplementation reproduces, its
// capitulation test being unsatisfiable).
enum class EumOfferChoice { least_move, strongest_sender, scholz_code };
// T in eq. 7: by the paper's cases (figs. 1-4: T = 1 in cases 1 and 3A, where j's expected
// move to mu brings it closer to i, i.e. |x_i - mu| < |x_i - x_j|; T = 0 in cases 2 and 3B),
// or the fixed number ExpectedUtilityOptions::t.
enum class EumTRule { by_case, fixed };
// Both expected utilities positive (fig. 6, conflict): the actor with the lower expected
// utility gives in and moves to the other's position (the confrontation octants; the paper's
// reading), or nobody moves (BDM 1997: "conflict has an uncertain outcome").
enum class EumConflict { loser_moves, no_move };
// Whether actors see each other's true expected utilities (own r), or the challenger
// estimates the target's with its own risk exponent (the challenger's perspective), or the
// receiver of offers prices both sides of each dyad with its own exponent (receiver_risk, the
// reimplementation's reading: "the actor's risk aversion is always used").
enum class EumPerspective { own_risk, challenger_risk, receiver_risk };
// Positions move all at once after every offer is made (simultaneous) or actor by actor in
// scenario order, later actors seeing earlier moves (sequential).
enum class EumUpdate { simultaneous, sequential };
// A compromise, eqs. 35-36, x_hat = (x_i - x_j)|E^j / E^i|: the distance j moves toward i
// (j concedes the fraction |E^j/E^i| of the gap, so a compromise meets capitulation when
// |E^j| = |E^i|; the paper's reading), or the distance j ends up from i.
enum class EumCompromise { concede_ratio, keep_ratio };
// Which statistic of the final positions is the forecast (both are always recorded): the
// median voter position (the paper's Table 2) or the weighted mean.
enum class EumForecast { weighted_mean, weighted_median };
// A named set of the readings above, so one option selects a whole interpretation; options
// given explicitly override it. paper: every step as the paper reads it (the defaults below).
// scholz_code: the public reimplementation's reading of Scholz's own code (docs/forecast.md,
// "EUM: a reimplementation's reading"): Q = 1 (the paper's choice for its example), R of the
// initial positions, all_votes, receiver_risk, scholz_code offers, and Table 2's eight rounds
// with no convergence test (the code has none). On the paper's example it prints 7 of Table 2's
// 8 medians (truncated to one decimal), the closest of every reading we have.
enum class EumReading { paper, scholz_code };

struct ExpectedUtilityOptions {
  EumReading reading = EumReading::paper;  // which named reading the fields below started from
  int max_rounds = 500;      // tau, the round limit (Appendix steps 1, 13)
  double q = 0.5;            // Q, eq. 7 (Appendix step 6: "Let Q = 0.5 (or 1.0)"; 1.0 for the example)
  double t = 0.0;            // T, eq. 7, when t_rule = fixed
  double tolerance = 0.01;   // converged when no position moves by more than this (0..100 units)
  EumCentre centre = EumCentre::weighted_median;
  EumRange range = EumRange::current_positions;
  EumRisk risk = EumRisk::each_round;
  EumSecurity security = EumSecurity::others_against;
  EumProbability probability = EumProbability::supporters_only;
  EumTRule t_rule = EumTRule::by_case;
  EumConflict conflict = EumConflict::loser_moves;
  EumOfferChoice offer_choice = EumOfferChoice::strongest_sender;
  EumPerspective perspective = EumPerspective::own_risk;
  EumUpdate update = EumUpdate::simultaneous;
  EumCompromise compromise = EumCompromise::concede_ratio;
  EumForecast forecast = EumForecast::weighted_median;

  std::vector<std::pair<std::string, std::string>> describe() const;  // name, value (option names)
};

// The options of a named reading (every field set as the reading says).
ExpectedUtilityOptions expected_utility_reading(EumReading reading);

// The EUM's options, declared once: JSON, validation, the --eum-* flags and the schema.
// A named `reading` sets every field first; the options given next to it override it.
const OptionTable<ExpectedUtilityOptions>& expected_utility_option_table();

// Names used in JSON options and on the command line ("weighted_median", "scale", ...).
std::string to_string(EumReading v);
std::string to_string(EumCentre v);
std::string to_string(EumRange v);
std::string to_string(EumRisk v);
std::string to_string(EumSecurity v);
std::string to_string(EumProbability v);
std::string to_string(EumOfferChoice v);
std::string to_string(EumPerspective v);
std::string to_string(EumUpdate v);
std::string to_string(EumForecast v);
std::string to_string(EumCompromise v);
std::string to_string(EumTRule v);
std::string to_string(EumConflict v);

struct ExpectedUtilityRun {
  // positions[round][actor]; round 0 the initial positions.
  std::vector<std::vector<double>> positions;
  std::vector<double> median_by_round;  // median voter position (capability x salience weighted lower median)
  std::vector<double> mean_by_round;    // capability x salience weighted mean
  std::vector<double> risk_exponent;    // r_i as last computed
  bool converged = false;               // stopped because no position moved more than the tolerance
  int rounds = 0;                       // rounds run (positions.size() - 1)
  // The positions after the last round equal, exactly, those after round cycle->first_round:
  // a round's moves are a function of the positions alone, so the rounds from there repeat
  // for ever and the run stopped (converged stays false). actor_positions are by this run's
  // actors. nullopt: no repetition within max_rounds.
  std::optional<RoundCycle> cycle;
  // The forecast (options.forecast's statistic): its mean over the cycle's rounds when there
  // is a cycle, else its value after the last round (converged, or the round cap reached).
  double forecast = 0;
};

// Runs the model on one issue. positions on 0..100; capability > 0; salience in 0..1.
ExpectedUtilityRun run_expected_utility(const std::vector<double>& positions, const std::vector<double>& capability,
                                        const std::vector<double>& salience, const ExpectedUtilityOptions& options);

}  // namespace truce
