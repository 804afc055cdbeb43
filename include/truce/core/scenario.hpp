#pragma once
// The Scenario: who negotiates (actors), over what (issues), wanting what (stances), and on
// whose word (sources). Every analysis is a pure function of a Scenario; a Scenario is
// built only by a loader that has validated it, and is not changed afterwards.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/dynamics_section.hpp"
#include "truce/core/negotiation_section.hpp"
#include "truce/core/scenario_elements.hpp"

namespace truce {

struct Scenario {
  int format_version = scenario_format_version;
  std::string id;
  std::string name;
  std::string description;
  // The day from which the values without a date hold (YYYY-MM-DD; empty: not dated). A
  // revision may not be dated before it.
  std::string start;
  // Set on a scenario seen as of a date (scenario_as_of.hpp), so a stored run says which
  // view it analysed: the date, and the date by which the evidence was published. Empty:
  // the scenario at its latest date, with everything known.
  std::string as_of;
  std::string known_by;
  std::vector<Source> sources;
  std::vector<Actor> actors;
  std::vector<Issue> issues;
  std::vector<Stance> stances;  // sorted by (actor, issue); at most one per pair
  std::vector<std::string> notes;  // what the loader did that a reader should know
  std::optional<truce::dynamics::Dynamics> dynamics;  // the war and its levers (dynamics.hpp)
  std::vector<Policy> policies;  // named pressures to compare with the scenario as coded
  std::optional<NegotiationSection> negotiation;  // how its parties negotiate (docs/negotiate.md)

  bool operator==(const Scenario&) const = default;
};

// The stance of an actor on an issue, or nullptr where the actor has no stake.
const Stance* find_stance(const Scenario& scenario, std::size_t actor, std::size_t issue);

// Index of the actor / issue with this id, or nullopt.
std::optional<std::size_t> find_actor(const Scenario& scenario, const std::string& id);
std::optional<std::size_t> find_issue(const Scenario& scenario, const std::string& id);

// The named point nearest to a position on a scale issue (nullptr when it has none).
const NamedPoint* nearest_named_point(const Issue& issue, double position);

}  // namespace truce
