#pragma once
// The `dynamics` section of a scenario: the state of the war between two belligerents and
// its trend, what continuing it costs each of them, what they believe, and the levers third
// parties hold. The model that uses it is in truce/dynamics/war_model.hpp; the YAML schema in docs/dynamics.md.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/quantity.hpp"
#include "truce/core/scenario_elements.hpp"

namespace truce::dynamics {

// Monthly cost of war to one belligerent, in its package utility (0..1) per month.
struct WarCost {
  Quantity casualties = Quantity::fixed(0);  // per 1,000 of its own losses in the month
  Quantity economy = Quantity::fixed(0);     // per month
  Quantity sanctions = Quantity::fixed(0);   // per month, before third-party sanctions levers

  bool operator==(const WarCost&) const = default;
};

struct Belligerent {
  std::size_t actor = 0;        // index into Scenario::actors (a veto actor)
  Quantity forces;              // troops at the start (> 0)
  Quantity recruitment = Quantity::fixed(0);  // troops added per month (>= 0)
  // Lanchester square-law coefficient: the opponent's losses per month per unit of this
  // side's effective strength (>= 0).
  Quantity lethality;
  Quantity equipment = Quantity::fixed(1);     // multiplier on effective strength (> 0)
  Quantity external_aid = Quantity::fixed(1);  // multiplier for the aid it receives now (> 0)
  WarCost cost;
  Quantity discount = Quantity::fixed(0.98);   // monthly discount factor, in [0, 1)
  // Belief about the trend: scale points per month in its own favour added to the territorial
  // trend it observes (> 0: optimistic, the mutual optimism of Fearon 1995).
  Quantity optimism = Quantity::fixed(0);
  // Belief about the trend as a multiple of the trend it observes (1 = sees it as it is).
  Quantity trend_belief = Quantity::fixed(1);
  // Probability it assigns to a deal breaking down (the commitment problem), in [0, 1).
  Quantity breakdown_risk = Quantity::fixed(0);
  // Its breaking point: the share of its forces at month 0 below which its army breaks and it
  // must accept the other side's terms (0: it fights until it has no forces left). Its value
  // of fighting on counts that outcome from the month its forces, at their current rate of
  // loss, would reach it, so the value falls as it loses.
  Quantity breaking_point = Quantity::fixed(0);
  // What the evidence says of its manpower at month 0: true, its recruitment covers its losses
  // (its forces do not shrink); false, it falls short (they shrink); none, nothing is said.
  // A run whose draws contradict it is drawn again (the numbers are drawn independently, so
  // without this some runs would have, e.g., Russia losing the manpower war the articles say it
  // is winning).
  std::optional<bool> recruitment_covers_losses;
  // Its red line on the territory issue moves with the front: a bound the front has passed
  // in the advancing side's direction is moved to the front (the defender will not give up
  // land it still holds but accepts losing what is lost; the advancer keeps what it holds).
  bool red_line_follows_front = false;
  std::string note;

  bool operator==(const Belligerent&) const = default;
};

// How the battlefield moves the status quo on the territory issue.
struct Territory {
  std::size_t issue = 0;         // a scale issue
  Quantity start;                // the position of the front line at month 0 (0..100)
  std::size_t advancing = 0;     // index into Dynamics::belligerents: its gains raise the position
  // Points per month per unit of ln(strength ratio / stalemate ratio) (>= 0).
  Quantity rate;
  // Ratio of effective strengths (advancing / other) at which the line holds (> 0).
  Quantity stalemate_ratio = Quantity::fixed(1);
  // When the front reaches 100 (0), the advancing (other) side has won and imposes its ideal
  // package: the war ends, and each side's value of fighting on counts that outcome from the
  // month its believed front gets there. Off: the front stops at the end of the scale and the
  // war goes on.
  bool winner_imposes_terms = false;
  // The front line is its own quantity, on the territory issue's scale but not bounded by it.
  // control_max: the furthest point of the issue that holding ground gives (beyond it the
  // issue is about recognition, which no advance achieves); a deal at the line cedes at most
  // this much. front_max: how far the front itself can go (beyond the issue's scale, e.g.
  // into regions the issue does not name). Both default to the end of the scale (100).
  double control_max = 100.0;
  double front_max = 100.0;
  std::string note;

  bool operator==(const Territory&) const = default;
};

// What holds on an issue other than territory while the fighting goes on.
struct StatusQuo {
  std::size_t issue = 0;
  double position = 0.0;   // scale issues
  std::size_t option = 0;  // options issues
  std::string note;

  bool operator==(const StatusQuo&) const = default;
};

enum class LeverKind {
  aid,                // effect: added to the target's effective-strength multiplier (-1 .. 10; -0.3 = 30% less)
  sanctions,          // effect: added to the target's monthly cost of war (utility per month)
  guarantee,          // effect: credibility in [0, 1], the share of the target's breakdown risk removed
  red_line_pressure,  // replaces the target's red line on `issue` with `red_line`
};

struct Lever {
  LeverKind kind = LeverKind::aid;
  std::size_t target = 0;  // actor index
  Quantity effect = Quantity::fixed(0);
  Quantity probability = Quantity::fixed(1);  // chance the lever is used in a run, [0, 1]
  int from_month = 0;                         // first month it acts (0 = from the start)
  // red_line_pressure only:
  std::size_t issue = 0;
  std::optional<AcceptableRange> range;        // scale issues
  std::vector<std::size_t> acceptable_options; // options issues (sorted)
  std::vector<Evidence> evidence;
  std::string note;

  bool operator==(const Lever&) const = default;
};

struct ThirdParty {
  std::size_t actor = 0;
  std::vector<Lever> levers;

  bool operator==(const ThirdParty&) const = default;
};

// When the war began and the day month 0 stands for: together how long the war has lasted
// at month 0, which picks the historical base rate `simulate` shows beside its curve
// (docs/history.md). Dates are YYYY-MM-DD, checked by the loader (as_of not before started).
struct WarDates {
  std::string started;
  std::string as_of;
  std::vector<Evidence> evidence;  // for the start
  std::string note;

  bool operator==(const WarDates&) const = default;
};

// A ceasefire need not hold: after one is signed the run goes on, and each month it may break
// down, at the hazard that gives `probability` of breaking down within `within_months`
// (guarantee levers remove their share of it). When it breaks down the fighting resumes from
// where it stopped, and a new ceasefire may follow.
struct CeasefireBreakdown {
  Quantity probability = Quantity::fixed(0);
  int within_months = 24;

  bool operator==(const CeasefireBreakdown&) const = default;
};

struct Dynamics {
  std::optional<WarDates> dates;          // optional (`war_started` and `as_of` in the file)
  std::vector<Belligerent> belligerents;  // exactly two
  Territory territory;
  std::optional<CeasefireBreakdown> ceasefire_breakdown;  // none: a ceasefire, once signed, holds
  std::vector<StatusQuo> status_quo;       // one per issue other than the territory issue, by issue index
  std::vector<ThirdParty> third_parties;

  bool operator==(const Dynamics&) const = default;
};

const char* lever_kind_name(LeverKind kind);

}  // namespace truce::dynamics
