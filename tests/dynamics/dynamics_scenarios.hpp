#pragma once
// Small scenarios with a dynamics section, built as YAML text, whose answers can be worked
// out by hand (each test says how).

#include <fmt/format.h>

#include <string>

#include "truce/core/scenario.hpp"
#include "truce/io/scenario_yaml.hpp"

namespace truce::testing {

// One scale issue "land" with named points at every integer 0..100 (or only at `points`),
// two veto belligerents: A (position 100, advancing) and B (position 0), salience 1, no red
// lines. The war is frozen unless `rate` > 0 (lethality 0, so forces never change; the
// front moves by `rate` points a month since A's and B's strengths are equal and the
// stalemate ratio is 1/e, ln(e) = 1).
struct DyadSpec {
  std::string points;              // YAML list of named points; empty = every integer 0..100
  std::string start = "50";        // front line at month 0
  std::string rate = "0";          // a quantity
  std::string cost_a = "0", cost_b = "0";
  std::string discount_a = "0", discount_b = "0";
  std::string breakdown_b = "0";
  std::string extra_b;             // more keys for B's belligerent entry
  std::string third_parties;       // YAML of the third_parties list (with a third actor 'C')
};

inline std::string dyad_yaml(const DyadSpec& s) {
  std::string points = s.points;
  if (points.empty()) {
    for (int x = 0; x <= 100; ++x) points += fmt::format("      - {{id: p{0}, label: point {0}, position: {0}}}\n", x);
  }
  return fmt::format(R"(truce: 1
name: dyad
sources:
  - {{id: s, title: t, publisher: p, date: 2025}}
actors:
  - {{id: A, name: A, capability: 1, veto: true}}
  - {{id: B, name: B, capability: 1, veto: true}}
  - {{id: C, name: C, capability: 1}}
issues:
  - id: land
    name: Land
    kind: scale
    low: all to B
    high: all to A
    points:
{}
stances:
  - {{actor: A, issue: land, position: 100, salience: 1}}
  - {{actor: B, issue: land, position: 0, salience: 1}}
dynamics:
  belligerents:
    - actor: A
      forces: 1000
      lethality: 0
      cost: {{economy: {}}}
      discount: {}
    - actor: B
      forces: 1000
      lethality: 0
      cost: {{economy: {}}}
      discount: {}
      breakdown_risk: {}
{}
  territory:
    issue: land
    start: {}
    advancing: A
    rate: {}
    stalemate_ratio: 0.36787944117144233
  status_quo: []
  third_parties: [{}]
)",
                     points, s.cost_a, s.discount_a, s.cost_b, s.discount_b, s.breakdown_b, s.extra_b, s.start, s.rate,
                     s.third_parties);
}

inline Scenario dyad(const DyadSpec& s) { return parse_scenario_yaml(dyad_yaml(s), "dyad.yaml"); }

inline std::string reference_path() { return std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml"; }

}  // namespace truce::testing
