#pragma once
// The numbers of the war model, declared once: where each lives in the scenario's dynamics
// section, where a run holds it, its unit, and the range the model accepts (every draw is
// clamped to it, and what-ifs stay inside it). The war model samples them from these tables
// and `truce levers` builds its war.* and lever.* parameters from them.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "truce/core/dynamics_section.hpp"
#include "truce/core/scenario_elements.hpp"

namespace truce::dynamics {

// One belligerent's numbers in one run (quantities sampled and clamped to their ranges).
struct SideParameters {
  double forces = 0, recruitment = 0, lethality = 0, equipment = 1, external_aid = 1;
  double casualty_cost = 0, economy_cost = 0, sanctions_cost = 0;
  double discount = 0.98, optimism = 0, breakdown_risk = 0, trend_belief = 1;
  double breaking_point = 0;  // share of its forces at month 0
};

struct LeverDraw {
  bool used = true;
  double effect = 0;
};

struct RunParameters {
  std::array<SideParameters, 2> side;
  double start = 50, rate = 0, stalemate_ratio = 1;
  double ceasefire_breakdown = 0;  // probability a ceasefire breaks down within its months
  std::vector<LeverDraw> levers;
  // Where the run's later draws come from (whether a ceasefire breaks down in a month).
  std::uint64_t seed = 0, run = 0;  // the third parties' levers, flattened in file order
};

// A number of each belligerent.
struct SideField {
  std::string_view name;  // as in the dynamics section, e.g. "cost.casualties"
  std::string_view description;
  std::string_view unit;
  double min, max;                      // what the war model accepts
  Quantity& (*in)(Belligerent&);        // where the scenario gives it
  double SideParameters::*value;        // where a run holds it
};

// In draw order: the k-th field of belligerent s takes draw s * side_fields.size() + k of a
// run's stream, so this order is part of every stored simulation (reordering or inserting a
// field changes every result for a seed; new fields go at the end, with a new draw index).
inline constexpr double unbounded = std::numeric_limits<double>::infinity();
inline constexpr std::array<SideField, 12> side_fields{{
    {"forces", "troops at the start", "troops (the scenario's unit)", 1.0, unbounded,
     [](Belligerent& b) -> Quantity& { return b.forces; }, &SideParameters::forces},
    {"recruitment", "troops added per month", "troops per month", 0.0, unbounded,
     [](Belligerent& b) -> Quantity& { return b.recruitment; }, &SideParameters::recruitment},
    {"lethality", "Lanchester coefficient: the opponent's losses per month per unit of strength",
     "opponent losses per month per unit of strength", 0.0, 10.0,
     [](Belligerent& b) -> Quantity& { return b.lethality; }, &SideParameters::lethality},
    {"equipment", "multiplier on effective strength", "multiplier on strength", 1e-3, 100.0,
     [](Belligerent& b) -> Quantity& { return b.equipment; }, &SideParameters::equipment},
    {"external_aid", "multiplier for the aid it receives now", "multiplier on strength", 1e-3, 100.0,
     [](Belligerent& b) -> Quantity& { return b.external_aid; }, &SideParameters::external_aid},
    {"cost.casualties", "monthly cost of war per 1,000 of its own losses", "utility per 1,000 losses", 0.0, 1.0,
     [](Belligerent& b) -> Quantity& { return b.cost.casualties; }, &SideParameters::casualty_cost},
    {"cost.economy", "monthly economic cost of war", "utility per month", 0.0, 1.0,
     [](Belligerent& b) -> Quantity& { return b.cost.economy; }, &SideParameters::economy_cost},
    {"cost.sanctions", "monthly cost of the sanctions in force before any lever", "utility per month", 0.0, 1.0,
     [](Belligerent& b) -> Quantity& { return b.cost.sanctions; }, &SideParameters::sanctions_cost},
    {"discount", "monthly discount factor of the value of fighting on", "monthly discount factor", 0.0, 0.9999,
     [](Belligerent& b) -> Quantity& { return b.discount; }, &SideParameters::discount},
    {"optimism", "scale points per month in its own favour added to the trend it sees",
     "scale points per month", -100.0, 100.0, [](Belligerent& b) -> Quantity& { return b.optimism; },
     &SideParameters::optimism},
    {"breakdown_risk", "probability it assigns to a deal breaking down", "probability", 0.0, 0.99,
     [](Belligerent& b) -> Quantity& { return b.breakdown_risk; }, &SideParameters::breakdown_risk},
    {"trend_belief", "the trend it believes, as a multiple of the one it observes", "multiple of the observed trend",
     -10.0, 10.0, [](Belligerent& b) -> Quantity& { return b.trend_belief; }, &SideParameters::trend_belief},
}};

// Fields added after the first twelve. Their draws come after every lever's (a fixed offset,
// see war_model.cpp), so adding them changed no earlier draw of a stored simulation.
inline constexpr std::array<SideField, 1> later_side_fields{{
    {"breaking_point", "share of its forces at month 0 below which its army breaks", "share of its forces at month 0",
     0.0, 0.99, [](Belligerent& b) -> Quantity& { return b.breaking_point; }, &SideParameters::breaking_point},
}};

// The field's quantity in a belligerent that is only read (the accessor only selects a member).
inline const Quantity& quantity_of(const SideField& field, const Belligerent& b) {
  return field.in(const_cast<Belligerent&>(b));
}

// A number of the front line; in draw order after both belligerents' fields.
struct TerritoryField {
  std::string_view name;  // as in the dynamics section's territory
  std::string_view description;
  std::string_view unit;
  double min, max;
  Quantity Territory::*in;
  double RunParameters::*value;
};

inline constexpr std::array<TerritoryField, 3> territory_fields{{
    {"start", "position of the front line at month 0", "scale points (0..100)", scale_min, scale_max,
     &Territory::start, &RunParameters::start},
    {"rate", "points per month the front moves per unit of log strength ratio",
     "points per month per unit of log strength ratio", 0.0, 100.0, &Territory::rate, &RunParameters::rate},
    {"stalemate_ratio", "ratio of effective strengths at which the front holds", "strength ratio", 1e-3, 1000.0,
     &Territory::stalemate_ratio, &RunParameters::stalemate_ratio},
}};

// What a third party's lever of each kind does with its effect (red-line pressure has none:
// it replaces a red line), and the range the war model accepts for it.
struct LeverEffect {
  bool has_effect;
  double min, max;
  std::string_view unit;
};

inline constexpr LeverEffect lever_effect(LeverKind kind) {
  switch (kind) {
    case LeverKind::aid: return {true, -1.0, 10.0, "added to the strength multiplier"};
    case LeverKind::sanctions: return {true, 0.0, 1.0, "utility per month"};
    case LeverKind::guarantee: return {true, 0.0, 1.0, "share of breakdown risk removed"};
    case LeverKind::red_line_pressure: return {false, 0.0, 0.0, ""};
  }
  return {false, 0.0, 0.0, ""};
}

}  // namespace truce::dynamics
