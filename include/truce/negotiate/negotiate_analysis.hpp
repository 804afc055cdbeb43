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
// Where the parties' reservation values (their utility of no deal) come from.
enum class OutsideOptions {
  scenario,  // the stances' (space::package_space_of), 0 unless `reservation` says otherwise
  war,       // each veto actor's value of fighting on in the war model (dynamics section)
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
  std::map<std::string, double> discount;     // by actor id: GENIUS's discount factor d in (0, 1]
  std::vector<std::string> relaxed_red_lines;  // ids "ACTOR.ISSUE" of red lines dropped (what-ifs)
  std::uint64_t seed = 1;
  bool trace = false;
  unsigned threads = 0;  // sorting the parties' tables; the result does not depend on it
  // Single text: the mediator, an actor of the scenario that is no party ("": neutral).
  std::string mediator;
  // On a scenario only: a variant of its negotiation section (its settings under these
  // options), the source of the reservation values, and a policy of the scenario whose numbers
  // the war model then uses; the war model's month and runs for them.
  std::string variant;
  OutsideOptions outside_options = OutsideOptions::scenario;
  std::string policy;
  std::uint32_t war_month = 0;
  std::uint32_t war_runs = 1000;
};

const OptionTable<NegotiateOptions>& negotiate_option_table();
nlohmann::json complete_negotiate_options(const nlohmann::json& options);

// Where a party's reservation value came from.
enum class ReservationFrom {
  scenario,      // the scenario's (space::package_space_of)
  option,        // the `reservation` option
  war_model,     // its value of fighting on in the war model (an estimate)
  disagreement,  // a mediator: its worst package or reservation value, the higher
};

struct NegotiationParty {
  std::string id, name, agent;
  double reservation = 0.0;
  ReservationFrom reservation_from = ReservationFrom::scenario;
  std::string reservation_source;  // the same for a reader: "scenario", "option", or how the war model estimated it
  double best_utility = 0.0;  // the best utility of a package it may offer
  double utility = 0.0;       // of the agreement; its reservation value without one
  // GENIUS's discounting: the outcome at relative time t (the agreement's, 1 at the deadline
  // without one) is worth utility x discount^t. 1: no discounting.
  double discount = 1.0;
  double discounted_utility = 0.0;
  // Without an agreement on an empty ZOPA: the most a package within its own red lines that
  // every other party accepts gives it (none when no such package exists). A reservation value
  // above it blocks a deal on its own.
  std::optional<double> best_the_others_accept;
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
  // Single text with an interested mediator: its id, name, disagreement utility (reservation)
  // and utility of the outcome.
  std::optional<NegotiationParty> mediator;
  std::string variant;  // the scenario's negotiation variant run, if any
  std::vector<std::string> relaxed_red_lines;  // "ACTOR.ISSUE" of the red lines dropped (what-ifs)
  bool agreement = false;
  std::string ending;  // "agreement", "deadline" (no agreement in time), "broken" (a party had nothing to offer)
  std::string why;     // without an agreement: why
  std::uint64_t package = 0;                                  // the agreement
  std::vector<std::pair<std::string, std::string>> terms;     // (issue id, value id) of the agreement
  std::uint32_t round = 0;   // 0-based round of the accepting response, as NegMAS counts
  std::uint32_t offers = 0;  // every proposal, the accepted one included
  std::optional<std::size_t> accepted_offer_by;  // the party whose offer was accepted
  double relative_time = 0.0;                    // (round + 1) / (steps + 1) at the agreement
  double outcome_time = 1.0;  // relative time of the outcome: the agreement's, 1 at the deadline (discounting)
  std::uint32_t micro_random_choices = 0;
  // Distances in the parties' utility space (their own units) from the outcome (the agreement,
  // or every party's reservation value without one) to the Pareto frontier of packages within
  // every party's red lines and reservation value, and to its Nash point; none when that set is empty.
  std::optional<double> pareto_distance, nash_distance;
  bool on_pareto_frontier = false;
  std::vector<double> nash_utility;
  // The points of that frontier (each party's utility, the parties in order), as the space
  // analysis lists them: what the report draws the offers against. Not in to_json.
  std::vector<std::vector<double>> frontier;
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
// Options complete with the scenario's negotiation section: its defaults, then the variant
// the options name, then the options themselves (each wins over the one before).
NegotiateResult negotiate_analysis(const Scenario& scenario, const nlohmann::json& options);

// Each veto actor's outside option in the war model (scenario order): the lowest package
// utility it accepts at `month` (its value of fighting on over 1 - breakdown risk; a veto
// actor that does not fight: the war's status quo), the mean over the runs 0..runs-1 of
// `seed` still fighting at that month (their count in *fighting). Throws
// std::invalid_argument without a dynamics section or when no run is still fighting.
std::vector<double> war_outside_options(const Scenario& scenario, std::uint32_t month, std::uint32_t runs,
                                        std::uint64_t seed, std::uint32_t* fighting = nullptr);

// Every problem of the scenario's negotiation section the loader cannot see, one sentence each
// (empty: none): per set-up (the defaults, each variant), an unknown agent spelling, an agent
// for an actor that is no party, a mediator that is a party or goes with SAO, a policy
// without the war model's outside options or without a dynamics section. `truce validate`
// prints them.
std::vector<std::string> negotiation_problems(const Scenario& scenario);

// Every variant of the scenario's negotiation section, run with its trace (none without a
// section): what the report shows.
struct NamedNegotiation {
  std::string id, name, description;
  NegotiateResult result;
};
std::vector<NamedNegotiation> scenario_negotiations(const Scenario& scenario, unsigned threads = 0);
nlohmann::json run_negotiate_analysis(const Scenario& scenario, const nlohmann::json& options);

Headline negotiate_headline(const NegotiateResult& result);
nlohmann::json to_json(const NegotiateResult& result);
std::string negotiate_result_text(const NegotiateResult& result);
// CSV for pandas: the offer trace (one row per offer) when the result has one, else one row.
std::string negotiate_result_csv(const NegotiateResult& result);

}  // namespace truce::negotiate
