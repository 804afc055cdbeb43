#pragma once
// Forecasts of an options issue: a set of choices with no order (security guarantees,
// sequencing), where every actor gives each option a utility in [0, 1]. The models of
// docs/models.md are defined on a 0..100 scale; these are their analogues on options
// (docs/forecast.md, "Options issues"):
//
// - weighted vote (compromise, and the EUM and exchange models, which need distances that
//   options do not have): option o's share is sum_i w_i u_i(o) over the sum of that over
//   every option, w_i = capability x salience;
// - weighted plurality (median): each actor gives its whole weight to the option it stands
//   for (its position), as the median uses only where actors stand;
// - Nash: the option maximising prod_i (u_i(o) - u_i(q))^w_i over the options that give every
//   actor a gain over the disagreement option q;
// - probabilistic Condorcet election (SMP): KTAB's PCE over the whole option set (its
//   "policy matrix" model), with the SMP's vote rule, victory probability and PCE variant.
//
// Every rule returns one probability per option (summing to 1) and the forecast option: the
// most probable one, the first in the issue's option order on a tie.

#include <cstddef>
#include <optional>
#include <vector>

#include "truce/core/scenario.hpp"
#include "truce/forecast/spatial_model.hpp"

namespace truce {

// The actors with a stance on one options issue, in actor order.
struct OptionsIssueActors {
  std::vector<std::size_t> actor;     // index into Scenario::actors
  std::vector<double> weight;         // capability (the stance's where given) x salience
  std::vector<std::size_t> position;  // the option each stands for (Stance::option)
  // utility[i * options + o]: actor i's utility of option o in [0, 1] (Stance::utility_of_option).
  std::vector<double> utility;
  std::size_t options = 0;

  std::size_t size() const { return actor.size(); }
  double u(std::size_t i, std::size_t o) const { return utility[i * options + o]; }
};

OptionsIssueActors options_issue_actors(const Scenario& scenario, std::size_t issue);

struct OptionsForecast {
  std::vector<double> probability;  // per option, in the issue's option order; sums to 1
  std::size_t option = 0;           // the forecast: index into Issue::options
  // Nash only: no option gives every actor a gain over the disagreement option, which then
  // stands (option is the disagreement option).
  bool disagreement_stands = false;
};

// The first option with the largest probability (the tie rule of every options forecast).
std::size_t most_probable_option(const std::vector<double>& probability);

// Each nullopt when no actor with a positive weight takes part (or, for the vote, every such
// actor gives every option utility 0).
std::optional<OptionsForecast> weighted_vote(const OptionsIssueActors& actors);
std::optional<OptionsForecast> weighted_plurality(const OptionsIssueActors& actors);
// disagreement: the option that holds without agreement; nullopt = a disagreement utility of
// 0 for every actor (the bottom of the utility scale). nullopt also when no option gives every
// actor a gain and there is no disagreement option to stand. Probability 1 on the option: the
// Nash solution is a point, not a distribution.
std::optional<OptionsForecast> nash_option(const OptionsIssueActors& actors, std::optional<std::size_t> disagreement);
std::optional<OptionsForecast> condorcet_option(const OptionsIssueActors& actors, const SpatialModelOptions& options);

// The option that holds on an options issue without agreement: the dynamics section's status
// quo for the issue where the scenario has one, else nullopt.
std::optional<std::size_t> disagreement_option(const Scenario& scenario, std::size_t issue);

}  // namespace truce
