#pragma once
// The `negotiation` section of a scenario: how its parties negotiate by default (protocol,
// deadline, an agent per party, a mediator) and the named variants an analyst compares (a
// deadline, a staller, a policy's outside options). `truce negotiate FILE` starts from it,
// `--variant ID` picks a variant, and the report runs every variant. The negotiation itself
// is in truce/negotiate/negotiate_analysis.hpp; the YAML schema in docs/negotiate.md.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario_elements.hpp"

namespace truce {

// What a negotiation's set-up says; an unset field leaves the one below it (the section's
// defaults under a variant, truce's defaults under the section).
struct NegotiationSettings {
  std::optional<std::string> protocol;        // "sao" or "single-text"
  std::optional<std::uint32_t> deadline;      // rounds
  std::optional<std::string> mediator;        // single text: an actor id; "" a neutral mediator
  std::map<std::string, std::string> agents;  // by actor id: an agent as `--agents` spells it
  std::map<std::string, double> reservation;  // by actor id: utility of no deal
  std::map<std::string, double> discount;     // by actor id: GENIUS's discount factor, u x d^t
  std::optional<std::vector<std::string>> relax;  // red lines dropped, "ACTOR.ISSUE"
  // "scenario" (the stances' reservation values) or "war" (each side's value of fighting on
  // in the war model, which the policy below changes).
  std::optional<std::string> outside_options;
  std::optional<std::string> policy;  // a policy id of the scenario: its numbers in the war model
  std::optional<std::uint32_t> war_month;  // with outside options "war": the month they are taken at

  bool operator==(const NegotiationSettings&) const = default;
};

struct NegotiationVariant {
  std::string id, name, description;
  NegotiationSettings set;
  std::vector<Evidence> evidence;
  std::string note;

  bool operator==(const NegotiationVariant&) const = default;
};

struct NegotiationSection {
  NegotiationSettings defaults;
  std::vector<Evidence> evidence;  // for the defaults (e.g. why Russia is coded a staller)
  std::string note;
  std::vector<NegotiationVariant> variants;  // in the file's order; ids unique

  bool operator==(const NegotiationSection&) const = default;
};

}  // namespace truce
