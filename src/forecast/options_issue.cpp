#include "truce/forecast/options_issue.hpp"

#include <cmath>
#include <limits>

namespace truce {

OptionsIssueActors options_issue_actors(const Scenario& scenario, std::size_t issue) {
  OptionsIssueActors a;
  a.options = scenario.issues[issue].options.size();
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const Stance* s = find_stance(scenario, i, issue);
    if (!s) continue;
    a.actor.push_back(i);
    a.weight.push_back(s->capability.value_or(scenario.actors[i].capability) * s->salience);
    a.position.push_back(s->option);
    for (std::size_t o = 0; o < a.options; ++o) a.utility.push_back(s->utility_of_option(o));
  }
  return a;
}

std::size_t most_probable_option(const std::vector<double>& probability) {
  std::size_t best = 0;
  // Strictly greater: on a tie the option listed first in the issue wins, so the forecast
  // depends on the file's order only where the model itself cannot tell the options apart.
  for (std::size_t o = 1; o < probability.size(); ++o)
    if (probability[o] > probability[best]) best = o;
  return best;
}

namespace {

// Scores (non-negative, summed in actor order) made shares; nullopt when they sum to zero.
std::optional<OptionsForecast> shares_of(std::vector<double> score) {
  double total = 0;
  for (const double s : score) total += s;
  if (!(total > 0)) return std::nullopt;
  for (double& s : score) s /= total;
  OptionsForecast f;
  f.option = most_probable_option(score);
  f.probability = std::move(score);
  return f;
}

OptionsForecast point_forecast(std::size_t options, std::size_t option) {
  OptionsForecast f;
  f.probability.assign(options, 0.0);
  f.probability[option] = 1.0;
  f.option = option;
  return f;
}

}  // namespace

std::optional<OptionsForecast> weighted_vote(const OptionsIssueActors& a) {
  std::vector<double> score(a.options, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a.weight[i] > 0)) continue;
    for (std::size_t o = 0; o < a.options; ++o) score[o] += a.weight[i] * a.u(i, o);
  }
  return shares_of(std::move(score));
}

std::optional<OptionsForecast> weighted_plurality(const OptionsIssueActors& a) {
  std::vector<double> score(a.options, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.weight[i] > 0 && a.position[i] < a.options) score[a.position[i]] += a.weight[i];
  return shares_of(std::move(score));
}

std::optional<OptionsForecast> nash_option(const OptionsIssueActors& a, std::optional<std::size_t> disagreement) {
  if (a.options == 0) return std::nullopt;
  bool anyone = false;
  for (const double w : a.weight) anyone = anyone || w > 0;
  if (!anyone) return std::nullopt;
  // The product in logs: sum_i w_i log(u_i(o) - d_i), over the options where every factor is
  // positive (an actor with weight 0 has exponent 0: its factor is 1 and it has no say).
  std::optional<std::size_t> best;
  double best_value = -std::numeric_limits<double>::infinity();
  for (std::size_t o = 0; o < a.options; ++o) {
    double value = 0;
    bool feasible = true;
    for (std::size_t i = 0; i < a.size() && feasible; ++i) {
      if (!(a.weight[i] > 0)) continue;
      const double d = disagreement ? a.u(i, *disagreement) : 0.0;
      const double gain = a.u(i, o) - d;
      if (gain > 0)
        value += a.weight[i] * std::log(gain);
      else
        feasible = false;
    }
    if (feasible && (!best || value > best_value)) {  // strictly greater: the first option wins a tie
      best = o;
      best_value = value;
    }
  }
  if (best) return point_forecast(a.options, *best);
  if (!disagreement) return std::nullopt;
  OptionsForecast f = point_forecast(a.options, *disagreement);
  f.disagreement_stands = true;
  return f;
}

std::optional<OptionsForecast> condorcet_option(const OptionsIssueActors& a, const SpatialModelOptions& options) {
  // KTAB's vote throws on a weight <= 0: an actor with no weight casts no vote, so leave it out.
  std::vector<double> weight, utility;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a.weight[i] > 0)) continue;
    weight.push_back(a.weight[i]);
    for (std::size_t o = 0; o < a.options; ++o) utility.push_back(a.u(i, o));
  }
  if (weight.empty() || a.options == 0) return std::nullopt;
  OptionsForecast f;
  f.probability = scalar_pce(options.vote_rule, options.victory_probability, options.pce, weight, utility, a.options);
  f.option = most_probable_option(f.probability);
  return f;
}

std::optional<std::size_t> disagreement_option(const Scenario& scenario, std::size_t issue) {
  if (!scenario.dynamics || scenario.issues[issue].kind != IssueKind::options) return std::nullopt;
  for (const auto& sq : scenario.dynamics->status_quo)
    if (sq.issue == issue && sq.option < scenario.issues[issue].options.size()) return sq.option;
  return std::nullopt;
}

}  // namespace truce
