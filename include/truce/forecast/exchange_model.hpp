#pragma once
// Stokman's exchange model of collective decision-making (Stokman & Van Oosten 1994;
// Dijkstra, Van Assen & Stokman 2008): two actors on opposite sides of the expected outcome
// on two issues trade "votes", each moving on the issue it cares less about, with equal
// gains; exchanges are realised in order of gain, positions then drift towards the voting
// positions, round after round. `semantics = decide` reproduces the Decide implementation
// (foarsitter/decide-exchange-model, its Equal Gain model with ties kept in list order) as
// ../shared/data/decide_exchange/SOURCE.md states it; docs/forecast.md lists the differences.
// Pure: no file reading, no printing; deterministic.

#include <cstddef>
#include <string>
#include <vector>

#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"

namespace truce {

enum class ExchangeSemantics {
  model,   // the model as the papers state it (default)
  decide,  // the Decide implementation's rules, quirks included (SOURCE.md rules 1-9)
};
std::string to_string(ExchangeSemantics s);

// How the gain of an exchange is split: equally (the Equal Gain variant; the only one built).
enum class ExchangeGain { equal };

struct ExchangeOptions {
  int rounds = 10;                 // SOURCE.md rule 9: a fixed number of rounds
  ExchangeSemantics semantics = ExchangeSemantics::model;
  ExchangeGain gain = ExchangeGain::equal;
  double fixed_weight = 0.1;       // SOURCE.md rule 8: x' = x + (fixed + salience_weight (1 - s)) (y - x)
  double salience_weight = 0.4;
  // Parameters as printed with the result.
  std::vector<std::pair<std::string, std::string>> describe() const;
};

// The options, declared once: JSON, validation, the --exchange-* flags and the schema.
const OptionTable<ExchangeOptions>& exchange_option_table();

// The model's input: per actor and issue (actor-major, index a * issues + k) whether the
// actor takes part, its position (0..100), salience (0..1) and power (capability on that issue).
struct ExchangeInput {
  std::size_t actors = 0;
  std::size_t issues = 0;
  std::vector<char> takes_part;
  std::vector<double> position;
  std::vector<double> salience;
  std::vector<double> power;
  // Per issue, the scale a Decide file gave it (#M rows; 0..100 otherwise). Decide maps
  // positions onto 0..100 in decimals; semantics = decide redoes that from these.
  std::vector<double> scale_lower, scale_upper;
  std::size_t at(std::size_t actor, std::size_t issue) const { return actor * issues + issue; }
};

// One actor's side of an exchange: it moves on its supply issue towards the partner,
// who moves on this actor's demand issue.
struct ExchangeSide {
  std::size_t actor = 0;
  std::size_t supply_issue = 0;
  std::size_t demand_issue = 0;
  double round_start = 0;     // its position on the supply issue at the start of the round
  double before = 0;          // its position on the supply issue when the exchange was made
  double move = 0;            // signed
  double y = 0;               // its voting position after the exchange
  double shift = 0;           // the shift of the expected outcome on its supply issue it concedes
  bool cut_at_partner = false;  // the move was cut so the expected outcome stops at the partner
};

struct RealisedExchange {
  int round = 0;              // 0-based
  std::size_t p = 0, q = 0;   // the issue pair, p before q in issue order
  bool outer_groups = false;  // groups a-d (true) or b-c
  double gain = 0;            // each actor's utility gain (equal)
  ExchangeSide i;             // supplies q, demands p (the higher salience ratio s_p / s_q)
  ExchangeSide j;             // supplies p, demands q
};

struct ExchangeRound {
  std::vector<double> start;        // positions at the start of the round (NaN: no stake)
  std::vector<double> voting;       // after the round's exchanges
  std::vector<double> outcome_start;  // expected outcome per issue, start of round
  std::vector<double> outcome_end;    // expected outcome per issue on the voting positions
  std::size_t candidates = 0;       // exchanges computed at the start of the round
  std::size_t valid = 0;            // of which valid
  std::size_t realised = 0;
};

struct ExchangeRun {
  std::vector<ExchangeRound> rounds;  // rounds actually run
  std::vector<RealisedExchange> exchanges;
  std::vector<double> final_positions;  // after the last round's position update
  std::vector<double> outcome;          // the forecast: outcome_end of the last round
  bool stopped_early = false;           // a round realised nothing: later rounds would repeat it
};

// sum_i c_id s_id x_id / sum_i c_id s_id (SOURCE.md rule 2); 0 when nobody weighs in.
std::vector<double> expected_outcomes(const ExchangeInput& input, const std::vector<double>& positions);

ExchangeRun run_exchange_model(const ExchangeInput& input, const ExchangeOptions& options);

// The scenario's scale issues as model input (power = the stance's capability where given,
// else the actor's). issue_index[k] = the scenario issue of model issue k.
ExchangeInput exchange_input(const Scenario& scenario, std::vector<std::size_t>* issue_index = nullptr);

}  // namespace truce
