#pragma once
// Bargaining while fighting (docs/models.md section 3; Fearon 1995, Wagner 2000, Filson & Werner
// 2002, Slantchev 2003, Powell 2004), month by month:
//
// 1. Levers in force this month (aid, sanctions, guarantees, pressure on red lines).
// 2. Each belligerent's reservation value: the discounted value of going on fighting under its
//    own belief about the trend (the front line moves at the observed trend plus its optimism),
//    in its package utility: the war's status quo (the dynamics' status_quo on every issue, the
//    front line on the territory issue) less the monthly cost of war (casualties at the current
//    loss rate, economy, sanctions). A deal is worth (1 - breakdown risk) x its package utility
//    (a deal that breaks down leaves the actor at its worst), so it accepts a package when its
//    utility is at least reservation / (1 - breakdown risk). Veto actors that do not fight keep
//    the war's status quo as their reservation value.
// 3. The deal check: a ceasefire on the Nash package when the ZOPA is non-empty.
// 4. Otherwise one month of fighting: Lanchester square law with recruitment (exact step),
//    the front line moves by rate x ln((E_adv / E_other) / stalemate ratio), E = forces x
//    equipment x external aid x (1 + aid levers).
//
// Month 0 is now (the deal check before any fighting); month m follows m months of fighting.

#include <array>
#include <map>
#include <mutex>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/dynamics/continuation_value.hpp"
#include "truce/dynamics/deal_check.hpp"
#include "truce/dynamics/lanchester.hpp"
#include "truce/dynamics/war_fields.hpp"

namespace truce::dynamics {

enum class Outcome { ceasefire, no_deal, collapse, victory };

struct MonthTrace {
  int month = 0;
  std::array<double, 2> forces{}, losses{};  // losses: in the month of fighting that led here
  double front = 0, trend = 0;
  std::array<double, 2> cost{}, reservation{};   // belligerents: monthly cost, value of war
  std::vector<double> acceptance;                // per veto actor: lowest package utility it accepts
  std::optional<Deal> deal;
  std::vector<std::size_t> blockers;             // constraint indices (WarModel::constraint_names)
  bool ceasefire = false;   // a ceasefire signed earlier holds this month (no deal check, no fighting)
  bool broke_down = false;  // the ceasefire broke down this month: fighting resumes, no deal check
};

// How a run stands at its end. outcome: ceasefire = a ceasefire holds at the horizon;
// no_deal = still fighting; collapse = a side fell to its breaking point; victory = the front
// reached an end of its scale (the same definition whatever the model's switches).
struct RunResult {
  Outcome outcome = Outcome::no_deal;
  int month = -1;                 // month of the collapse or victory, or of the ceasefire holding at the end
  int collapsed = -1;             // side index that collapsed
  int winner = -1;                // side index that won (collapse: the other side; victory: who reached the end)
  int first_ceasefire = -1;       // month the first ceasefire was signed (-1: none)
  int lapses = 0;                 // ceasefires that broke down
  std::uint64_t package = 0;      // the first ceasefire's package
  std::uint64_t months_without_deal = 0;  // deal checks that found no deal
  double final_front = 0;
  double first_ceasefire_front = 0;  // where the front stood when the first ceasefire was signed
};

// Everything about a scenario's war that does not change between runs, precomputed once and
// shared read-only by every thread.
class WarModel {
 public:
  // Throws std::invalid_argument when the scenario has no dynamics section or its deal space
  // is too large.
  explicit WarModel(const Scenario& scenario);

  const Scenario& scenario() const { return scenario_; }
  // The deal space's packages, utilities and red lines (space::package_space_of).
  const space::PackageSpace& package_space() const { return package_space_; }
  const std::vector<std::size_t>& bargainers() const { return bargainers_; }  // veto actors
  // "ACTOR.reservation" for each bargainer, then "ACTOR.ISSUE" for each red line.
  const std::vector<std::string>& constraint_names() const { return constraint_names_; }
  std::size_t lever_count() const { return levers_.size(); }

  // Parameters of run `run` under `seed`: each quantity sampled from its own counter-based
  // stream position (draw index fixed by its place in the scenario).
  RunParameters sample(std::uint64_t seed, std::uint64_t run) const;
  // Every quantity at its mean; every lever used.
  RunParameters central() const;

  // One war, up to `months` months. `blocked` (size constraint_names()) counts, per
  // constraint, the months its removal alone would have opened the ZOPA; trace gets each month.
  // `holding` (size months + 1), when given, gets 1 added for every month a ceasefire holds.
  RunResult run(const RunParameters& p, int months, std::vector<std::uint64_t>* blocked = nullptr,
                std::vector<MonthTrace>* trace = nullptr, std::vector<std::uint64_t>* holding = nullptr) const;

  // The month-0 state of a run (front at its start, no fighting yet): for tests and what-ifs.
  MonthTrace month_zero(const RunParameters& p) const;

  const FrontScale& front_scale() const { return front_scale_; }
  // The war's status quo with the front line at `front`, in the actor's normalised utility.
  double war_status_quo_utility(std::size_t actor, double front) const;
  // The actor's utility of the package the winning side (0 or 1) imposes: per issue the value
  // the winner likes best (the first of equals).
  double imposed_terms_utility(std::size_t actor, int winner) const { return imposed_[static_cast<std::size_t>(winner)][actor]; }
  // Normalised utility of a package for an actor.
  double package_utility(std::size_t actor, std::uint64_t package) const;
  // True when the package crosses none of the actor's red lines in force at month 0.
  bool within_red_lines(std::size_t actor, std::uint64_t package, const RunParameters& p) const;

 private:
  struct LeverRef {
    const Lever* lever;
    int pressure_bit = -1;  // red_line_pressure: its bit in the red-line configuration
    int target_side = -1;   // belligerent index of the target, or -1
  };
  struct Levers {  // the levers in force in one month
    std::array<double, 2> aid{}, sanctions{}, guarantee_keep{1, 1};
    std::uint32_t pressure_mask = 0;
  };

  Levers levers_in_force(const RunParameters& p, int month) const;
  // The deal space of a red-line configuration: the pressure levers in force, and (when a
  // red line follows the front) how many territory values lie at or behind the front.
  std::size_t configuration(std::uint32_t pressure_mask, double front) const;
  const DealSpace& space(std::size_t configuration) const;
  std::vector<space::RedLine> red_lines_of(std::size_t configuration) const;
  // risk_floor: per side, the breakdown risk it has learned from a ceasefire that broke down.
  void evaluate(const RunParameters& p, const Levers& lv, const std::array<double, 2>& forces, double front,
                MonthTrace& m, const std::array<double, 2>& risk_floor = {0, 0}) const;

  const Scenario& scenario_;
  const Dynamics& d_;
  space::PackageSpace package_space_;
  std::vector<std::size_t> bargainers_;
  std::array<int, 2> bargainer_of_side_{};
  std::vector<std::string> constraint_names_;
  std::vector<LeverRef> levers_;
  // Per red-line configuration, built on first use (most configurations are never reached).
  mutable std::vector<std::unique_ptr<DealSpace>> spaces_;
  std::unique_ptr<std::once_flag[]> built_;
  std::size_t front_steps_ = 1;  // territory values + 1 when a red line follows the front, else 1
  std::vector<space::RedLine> base_red_lines_;
  std::vector<double> territory_values_;  // positions of the territory issue's values, ascending
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> constraint_of_;
  std::vector<double> status_quo_raw_;  // per actor: raw utility of the status quo off the territory issue
  std::vector<double> territory_salience_, territory_position_;  // per actor
  std::array<std::vector<double>, 2> imposed_;  // per winning side, per actor: utility of the imposed package
  FrontScale front_scale_;
};

// The monthly hazard that gives `probability` of an event within `months` months.
double monthly_hazard(double probability, int months);

const char* outcome_name(Outcome outcome);

}  // namespace truce::dynamics
