#pragma once
// Small hand-made scenarios whose answers are worked out by hand in the tests.

#include <string>

#include "truce/io/scenario_yaml.hpp"

namespace truce::test {

// Two veto actors, one options issue a/b/c: x prefers a (1, 0.5, 0), y prefers c (0, 0.5, 1).
inline Scenario two_actor_options() {
  return parse_scenario_yaml(R"(truce: 1
name: split
actors:
  - {id: x, name: X, capability: 1, veto: true}
  - {id: y, name: Y, capability: 3, veto: true}
issues:
  - id: pick
    name: Pick
    kind: options
    options: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}]
stances:
  - {actor: x, issue: pick, position: a, salience: 1, utilities: {a: 1, b: 0.5, c: 0}}
  - {actor: y, issue: pick, position: c, salience: 1, utilities: {a: 0, b: 0.5, c: 1}}
)",
                             "split.yaml");
}

// r and u have vetoes and incompatible red lines on both issues; e has none (its red line
// does not count by default). Every package crosses one territory and one guarantees red line.
inline Scenario blocked() {
  return parse_scenario_yaml(R"(truce: 1
name: blocked
actors:
  - {id: r, name: R, capability: 1, veto: true}
  - {id: u, name: U, capability: 1, veto: true}
  - {id: e, name: E, capability: 1}
issues:
  - id: territory
    name: Territory
    kind: scale
    low: no cession
    high: all ceded
    points:
      - {id: t0, label: none, position: 0}
      - {id: t50, label: freeze, position: 50}
      - {id: t100, label: all, position: 100}
  - id: guarantees
    name: Guarantees
    kind: options
    options: [{id: none, label: None}, {id: nato, label: NATO}, {id: force, label: Force}]
stances:
  - {actor: r, issue: territory, position: 100, salience: 1, red_line: {min: 50}}
  - {actor: r, issue: guarantees, position: none, salience: 1, utilities: {none: 1, nato: 0, force: 0.5}, red_line: [none]}
  - {actor: u, issue: territory, position: 0, salience: 1, red_line: {max: 0}}
  - {actor: u, issue: guarantees, position: nato, salience: 1, utilities: {none: 0, nato: 1, force: 0.5}, red_line: [nato, force]}
  - {actor: e, issue: territory, position: 50, salience: 1, red_line: {max: 50}}
)",
                             "blocked.yaml");
}

}  // namespace truce::test
