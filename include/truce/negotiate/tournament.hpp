#pragma once
// A tournament: every ordered tuple of agents, one per party (self-play included), on every
// domain of 2 to max_tournament_parties parties,
// each pairing repeated, every negotiation the SAO of sao.hpp with the domain's sorted tables
// built once. Per agent: mean utility (raw, and as a share of the way from its reservation
// value to its best), agreement rate, mean rounds, mean welfare, mean distance to the Pareto
// frontier and to the Nash point. docs/negotiate.md, "Tournaments".

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "truce/core/option_table.hpp"
#include "truce/negotiate/negotiate_analysis.hpp"
#include "truce/space/package_space.hpp"

namespace truce::negotiate {

struct TournamentOptions {
  std::vector<std::string> agents;  // empty: boulware, linear, conceder, aspiration, tft, micro, tough, random
  std::uint32_t steps = 1000;
  std::uint32_t repetitions = 1;
  Semantics semantics = Semantics::truce;
  std::uint64_t seed = 1;
  bool runs = false;     // keep every negotiation in the result
  unsigned threads = 0;  // the result does not depend on it
};

const OptionTable<TournamentOptions>& tournament_option_table();
std::vector<std::string> default_tournament_agents();

inline constexpr std::size_t max_tournament_parties = 8;

struct TournamentDomain {
  std::string name;
  space::PackageSpace space;  // its actors are the parties, in proposing order
};

// One negotiation; trivially copyable (runs cross MPI processes as bytes).
struct TournamentRun {
  std::size_t domain = 0;  // index into domains
  std::uint32_t parties = 0;
  std::array<std::uint16_t, max_tournament_parties> agent{};  // per seat: index into agents
  std::uint32_t repetition = 0;
  bool agreement = false;
  std::uint32_t round = 0, offers = 0;
  std::array<double, max_tournament_parties> utility{};  // per seat; reservation without a deal
  double pareto_distance = 0, nash_distance = 0;
};

struct AgentScore {
  std::string agent;
  std::uint64_t negotiations = 0, agreements = 0;  // as either party (self-play counts twice)
  double mean_utility = 0;      // raw, its own
  double mean_share = 0;        // (u - reservation) / (best - reservation), 0 without a deal
  double agreement_rate = 0;
  double mean_rounds = 0;       // over its agreements (NaN without any)
  double mean_welfare = 0;      // sum of every party's utility
  double mean_pareto_distance = 0, mean_nash_distance = 0;
};

struct TournamentResult {
  std::vector<std::string> domains, agents;
  std::uint32_t steps = 0, repetitions = 0;
  std::string semantics;
  std::uint64_t negotiations = 0;
  std::vector<AgentScore> scores;  // in agent order
  std::vector<TournamentRun> runs;  // when options.runs
  std::vector<std::string> notes;
};

// The space of the parties of a negotiation: the veto actors, in order, with their red lines
// (what `truce negotiate` runs on).
space::PackageSpace veto_parties_space(const space::PackageSpace& space);

// Throws std::invalid_argument for a domain of fewer than 2 or more than max_tournament_parties
// parties, unknown agents, or too many tuples.
TournamentResult run_tournament(const std::vector<TournamentDomain>& domains, const TournamentOptions& options);

nlohmann::json to_json(const TournamentResult& result);
std::string tournament_result_text(const TournamentResult& result);
std::string tournament_result_csv(const TournamentResult& result);  // one row per agent

}  // namespace truce::negotiate
