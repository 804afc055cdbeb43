#pragma once
// The "negotiate" analysis: one negotiation run as a process (protocol, agents, deadline) on a
// scenario's package space or a GENIUS domain with its profiles. Options declared once in
// negotiate_option_table(); the Result is typed, with to_json and its headline figures.
// docs/negotiate.md.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "truce/core/headline.hpp"
#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/negotiate/sao.hpp"
#include "truce/space/package_space.hpp"

namespace truce::negotiate {

enum class Protocol {
  sao,          // stacked alternating offers between the parties' agents
  single_text,  // a neutral mediator's single text, improved until no party-accepted change helps
};
enum class Semantics {
  truce,   // ties among equal utilities broken by package number (a stable sort)
  negmas,  // ties as numpy's argsort leaves them: NegMAS run for run
};

struct NegotiateOptions {
  Protocol protocol = Protocol::sao;
  // One agent per party in party order (scenario actors / GENIUS profiles); one name for all;
  // empty: Boulware for every party.
  std::vector<std::string> agents;
  std::uint32_t steps = 100;
  Semantics semantics = Semantics::truce;
  std::map<std::string, double> reservation;  // by actor id: utility of no deal, overriding the space's
  std::vector<std::string> relaxed_red_lines;  // ids "ACTOR.ISSUE" of red lines dropped (what-ifs)
  std::uint64_t seed = 1;
  bool trace = false;
  unsigned threads = 0;  // sorting the parties' tables; the result does not depend on it
};

const OptionTable<NegotiateOptions>& negotiate_option_table();
nlohmann::json complete_negotiate_options(const nlohmann::json& options);

struct NegotiationParty {
  std::string id, name, agent;
  double reservation = 0.0;
  double best_utility = 0.0;  // the best utility of a package it may offer
  double utility = 0.0;       // of the agreement; its reservation value without one
};

struct TraceOffer {
  std::uint32_t round = 0;
  std::size_t proposer = 0;
  std::uint64_t package = 0;
  std::vector<double> utility;  // per party
};

struct NegotiateResult {
  std::string protocol, semantics;
  std::uint32_t steps = 0;
  std::uint64_t packages = 0;
  std::vector<std::string> issues;               // issue ids, in order
  std::vector<std::vector<std::string>> values;  // per issue: value ids (package numbers decode to them)
  std::vector<NegotiationParty> parties;
  bool agreement = false;
  std::string ending;  // "agreement", "deadline" (no agreement in time), "broken" (a party had nothing to offer)
  std::string why;     // without an agreement: why
  std::uint64_t package = 0;                                  // the agreement
  std::vector<std::pair<std::string, std::string>> terms;     // (issue id, value id) of the agreement
  std::uint32_t round = 0;   // 0-based round of the accepting response, as NegMAS counts
  std::uint32_t offers = 0;  // every proposal, the accepted one included
  std::optional<std::size_t> accepted_offer_by;  // the party whose offer was accepted
  double relative_time = 0.0;                    // (round + 1) / (steps + 1) at the agreement
  std::uint32_t micro_random_choices = 0;
  // Distances in the parties' utility space (their own units) from the outcome (the agreement,
  // or every party's reservation value without one) to the Pareto frontier of packages within
  // every party's red lines and reservation value, and to its Nash point; none when that set is empty.
  std::optional<double> pareto_distance, nash_distance;
  bool on_pareto_frontier = false;
  std::vector<double> nash_utility;
  std::vector<TraceOffer> trace;
  std::vector<std::string> notes;

  // The (issue id, value id) terms of a package.
  std::vector<std::pair<std::string, std::string>> terms_of(std::uint64_t package) const;
};

// The negotiation on a package space (a scenario's, or a GENIUS domain's with its profiles).
// Throws std::invalid_argument for options that do not fit the space (agent count, an unknown
// actor in `reservation`, a space too large).
NegotiateResult negotiate(const space::PackageSpace& space, const NegotiateOptions& options);

// The registered analysis "negotiate" (src/analysis/registry.cpp): on a scenario's package
// space (space::package_space_of: utilities from the stances, red lines as hard constraints).
nlohmann::json complete_negotiate_analysis_options(const Scenario& scenario, const nlohmann::json& options);
NegotiateResult negotiate_analysis(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json run_negotiate_analysis(const Scenario& scenario, const nlohmann::json& options);

Headline negotiate_headline(const NegotiateResult& result);
nlohmann::json to_json(const NegotiateResult& result);
std::string negotiate_result_text(const NegotiateResult& result);
// CSV for pandas: the offer trace (one row per offer) when the result has one, else one row.
std::string negotiate_result_csv(const NegotiateResult& result);

}  // namespace truce::negotiate
