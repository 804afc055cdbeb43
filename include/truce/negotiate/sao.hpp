#pragma once
// Negotiation as a process: the stacked alternating offers protocol (SAO) for two or more
// parties with a deadline in rounds, and the agents that play it (time-based aspiration,
// naive tit-for-tat, MiCRO, a hardliner, a seeded random agent, a staller). Under
// Semantics::negmas the protocol and the agents follow NegMAS 0.15.7's SAOMechanism and
// negotiators run for run (docs/negotiate.md says which rules, and which runs the tie rule
// changes); Semantics::truce keeps the same protocol with truce's own reading of red lines.
//
// The work that does not depend on the run is done once per party: every package's utility
// and the packages sorted by it (SortedOutcomes). A negotiation then costs a binary search
// per proposal and one additive utility per response, so tables built once serve any number
// of negotiations (a tournament, the benchmark).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truce/space/package_space.hpp"

namespace truce::negotiate {

// How ties among packages of equal utility are ordered in a party's sorted table.
enum class TieOrder {
  numpy,        // numpy 1.24's np.argsort (introsort, not stable) of the utilities in package order
  enumeration,  // stable: equal utilities in package-number order
};

// What a party's utility and its constraints are, per package. Packages are numbered as in
// space::PackageSpace (mixed radix, last issue fastest: the order of itertools.product).
class NegotiationDomain {
 public:
  // Utilities: the space's per-issue contributions summed in issue order (GENIUS profiles under
  // NegMAS scoring: raw weight x raw evaluation). Red lines of every party are hard
  // constraints for that party; reservation values from the space's actors unless given.
  explicit NegotiationDomain(const space::PackageSpace& space, std::vector<double> reservation = {});

  std::size_t parties() const { return parties_; }
  std::size_t issues() const { return radix_.size(); }
  std::uint64_t size() const { return size_; }
  const std::vector<std::uint32_t>& radix() const { return radix_; }
  double reservation(std::size_t party) const { return reservation_[party]; }

  double utility(std::size_t party, std::uint64_t package) const;
  // False when the package crosses one of the party's red lines.
  bool within_red_lines(std::size_t party, std::uint64_t package) const;
  // Within the party's red lines and worth at least its reservation value.
  bool acceptable(std::size_t party, std::uint64_t package) const {
    return within_red_lines(party, package) && utility(party, package) >= reservation_[party];
  }
  // NegMAS's extreme outcomes of a linear additive utility: per issue the value of highest
  // contribution (ties: the last such value) / lowest (ties: the first).
  std::uint64_t best_package(std::size_t party) const;
  std::uint64_t worst_package(std::size_t party) const;
  // The party's best package among those within its red lines.
  std::uint64_t best_package_within_red_lines(std::size_t party) const;
  // Every package's utility for the party, in package order (sums in issue order).
  std::vector<double> all_utilities(std::size_t party) const;
  bool has_red_lines(std::size_t party) const;

 private:
  std::size_t parties_ = 0;
  std::vector<std::uint32_t> radix_;
  std::uint64_t size_ = 1;
  // value_utility_[party][issue][value]; forbidden_[party][issue][value] (empty: no red line)
  std::vector<std::vector<std::vector<double>>> value_utility_;
  std::vector<std::vector<std::vector<std::uint8_t>>> forbidden_;
  std::vector<double> reservation_;
};

// One party's packages sorted by its utility, ascending: first the acceptable ones (NegMAS's
// "rational" outcomes: u >= reservation, and here also within the party's red lines), then
// the others in package order, as NegMAS's PresortingInverseUtilityFunction keeps them.
struct SortedOutcomes {
  std::vector<double> utility;
  std::vector<std::uint32_t> package;
  std::size_t acceptable = 0;
  std::uint64_t best = 0;        // the party's best package it may offer (NegMAS: extreme outcome)
  double best_utility = 0.0;
  double worst_utility = 0.0;    // utility of the worst package (NegMAS: extreme outcome)
  double reservation = 0.0;

  // NegMAS's worst_in over the raw range [low, high]: the position of the lowest acceptable
  // utility >= low, unless an acceptable utility below low but within 1e-6 of it is strictly
  // nearer (then the lowest position with that utility); the top position when every utility
  // is below low; nullopt when no package is acceptable.
  std::optional<std::size_t> worst_in(double low, double high) const;
};

// Throws std::invalid_argument past 2^32 - 1 packages (positions are 32-bit).
SortedOutcomes sort_outcomes(const NegotiationDomain& domain, std::size_t party, TieOrder ties);

// numpy 1.24's argsort (kind="quicksort": introsort with median-of-3 pivots, insertion sort
// below 16 elements, heapsort past 2 log2(n) levels) of `values`, reimplemented from its
// description so that equal values come out in the order numpy gives them.
std::vector<std::uint32_t> numpy_argsort(const std::vector<double>& values);

enum class Strategy {
  time_based,   // aspiration 1 - t^exponent (Boulware 4, Linear 1, Conceder 0.25)
  tit_for_tat,  // NegMAS's NaiveTitForTatNegotiator
  micro,        // MiCRO (Heijden & Ramchurn)
  tough,        // offers its best package, accepts only that
  random,       // offers an acceptable package at random, accepts above a random level (seeded)
  staller,      // offers its best and accepts nothing before `stall_rounds`, then plays Boulware
};

struct AgentSpec {
  std::string name;            // as given: "boulware", "exponent:2", "staller:40", ...
  Strategy strategy = Strategy::time_based;
  double exponent = 4.0;       // time-based and staller
  double tolerance = 1e-4;     // raw utility units below the aspiration still offered/accepted
  std::uint32_t stall_rounds = 0;
};

// "boulware", "linear", "conceder", "aspiration" (Boulware with tolerance 1e-3, NegMAS's
// AspirationNegotiator), "exponent:E", "tft", "micro", "tough", "random", "staller:ROUND".
// Throws std::invalid_argument naming the accepted spellings.
AgentSpec parse_agent(const std::string& text);
std::vector<std::string> agent_names();  // the spellings above, for help and the schema

struct Offer {
  std::uint32_t round = 0;
  std::uint32_t proposer = 0;
  std::uint64_t package = 0;
};

enum class Ending { agreement, deadline, broken };

struct SaoRun {
  Ending ending = Ending::deadline;
  std::uint64_t agreement = 0;       // valid when ending == agreement
  std::uint32_t round = 0;           // 0-based round of the accepting response (or of the break)
  std::uint32_t offers = 0;          // every proposal, the accepted one included
  std::uint32_t accepted_offer_by = 0;
  std::uint32_t micro_random_choices = 0;  // MiCRO repeats drawn among more than one earlier offer
  std::string why;                   // no agreement: why (deadline, a party with nothing to offer)
  std::vector<Offer> trace;          // when asked for
};

struct SaoSettings {
  std::uint32_t steps = 100;   // rounds; relative time in round r is (r + 1) / (steps + 1)
  std::uint64_t seed = 0;      // random agents and MiCRO's repeats: Philox stream (seed, run)
  std::uint64_t run = 0;
  bool trace = false;
};

// One negotiation. tables[i] is party i's sorted table (sort_outcomes), agents[i] its agent;
// party 0 proposes first.
SaoRun run_sao(const NegotiationDomain& domain, const std::vector<const SortedOutcomes*>& tables,
               const std::vector<AgentSpec>& agents, const SaoSettings& settings);

// A mediator's single text (Raiffa's one-text procedure; a hill climb over the package space in
// the manner of NegMAS's single-text mechanisms). The first text is package 0 (every issue at
// its first value). Each round the mediator looks at every neighbouring text (one issue's
// value changed) that every party accepts (within its red lines and worth at least its
// reservation value) and moves to the one with the highest Nash product of the parties' gains
// over their disagreement utilities (max(reservation, worst package)), then the highest sum
// of gains, then the lowest package number, if that beats the current text; it stops when
// none does, or after `steps` rounds. The final text is the agreement when every party
// accepts it. In the result: round = the last round the text moved (0 when it never did),
// offers = texts put to the parties (the first included), trace = the texts, proposer = the
// number of parties (the mediator).
// With mediator_is_last, the domain's last "party" is an interested mediator (an actor of the
// scenario, e.g. the United States): it needs no one's consent, but its own gain over its
// disagreement utility is one more factor of the Nash product and term of the sum, it starts
// from its own best package within its red lines, and it never puts forward a text that crosses
// them.
SaoRun run_single_text(const NegotiationDomain& domain, std::uint32_t steps, bool trace,
                       bool mediator_is_last = false);

}  // namespace truce::negotiate
