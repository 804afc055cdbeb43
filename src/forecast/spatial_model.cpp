// KTAB's SMP applied to a truce Scenario: options in KTAB's names, the mapping from
// stances to KTAB's actor table, and the forecast an analyst reads from a run.
#include "truce/forecast/spatial_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "spatial_model_common.hpp"
#include "truce/core/work_budget.hpp"

namespace truce {

namespace {

template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

constexpr NameTable<VictoryProbability, 5> victory_names{{{VictoryProbability::linear, "Linear"},
                                                          {VictoryProbability::square, "Square"},
                                                          {VictoryProbability::quartic, "Quartic"},
                                                          {VictoryProbability::octic, "Octic"},
                                                          {VictoryProbability::binary, "Binary"}}};
constexpr NameTable<VoteRule, 6> vote_names{{{VoteRule::binary, "Binary"},
                                             {VoteRule::prop_bin, "PropBin"},
                                             {VoteRule::proportional, "Proportional"},
                                             {VoteRule::prop_cubic, "PropCbc"},
                                             {VoteRule::cubic, "Cubic"},
                                             {VoteRule::asymmetric_prospect, "ASymProsp"}}};
constexpr NameTable<CondorcetElection, 3> pce_names{{{CondorcetElection::conditional, "Conditional"},
                                                     {CondorcetElection::markov_incentive, "MarkovIncentive"},
                                                     {CondorcetElection::markov_uniform, "MarkovUniform"}}};
constexpr NameTable<BigRRange, 3> range_names{{{BigRRange::min, "Min"}, {BigRRange::mid, "Mid"}, {BigRRange::max, "Max"}}};
constexpr NameTable<BigRAdjust, 5> adjust_names{{{BigRAdjust::none, "None"},
                                                 {BigRAdjust::one_third, "OneThird"},
                                                 {BigRAdjust::half, "Half"},
                                                 {BigRAdjust::two_thirds, "TwoThirds"},
                                                 {BigRAdjust::full, "Full"}}};
constexpr NameTable<ThirdPartyCommit, 3> commit_names{{{ThirdPartyCommit::no_commit, "NoCommit"},
                                                       {ThirdPartyCommit::semi_commit, "SemiCommit"},
                                                       {ThirdPartyCommit::full_commit, "FullCommit"}}};
constexpr NameTable<BargainInterpolation, 3> interpolation_names{{{BargainInterpolation::s1p1, "S1P1"},
                                                                  {BargainInterpolation::s2p2, "S2P2"},
                                                                  {BargainInterpolation::s2pmax, "S2PMax"}}};
constexpr NameTable<BargainModel, 3> bargain_names{{{BargainModel::init_only, "InitOnlyInterp"},
                                                    {BargainModel::init_receiver, "InitRcvrInterp"},
                                                    {BargainModel::pairwise_compromise, "PWCompInterp"}}};
constexpr NameTable<StateTransitions, 2> transition_names{
    {{StateTransitions::deterministic, "Deterministic"}, {StateTransitions::stochastic, "Stochastic"}}};
constexpr NameTable<ForecastMode, 2> mode_names{{{ForecastMode::joint, "joint"}, {ForecastMode::per_issue, "per_issue"}}};

template <class E, std::size_t N>
std::string name_of(const NameTable<E, N>& table, E value) {
  for (const auto& [e, name] : table)
    if (e == value) return std::string(name);
  throw std::invalid_argument("unnamed option value");
}

template <class E, std::size_t N>
std::vector<std::pair<E, std::string>> named(const NameTable<E, N>& table) {
  std::vector<std::pair<E, std::string>> out;
  for (const auto& [e, name] : table) out.emplace_back(e, std::string(name));
  return out;
}

}  // namespace

const OptionTable<SpatialModelOptions>& spatial_model_option_table() {
  using O = SpatialModelOptions;
  static const OptionTable<O> table = option_table<O>("smp", {
        with_flag(choice_option("victory_probability", &O::victory_probability, named(victory_names),
                                "KTAB's victory probability model"),
                  "smp-victory-prob"),
        // KTAB's own log spells Proportional "Prop".
        with_aliases(choice_option("vote_rule", &O::vote_rule, named(vote_names), "KTAB's vote rule"),
                     {{"Prop", "Proportional"}}),
        choice_option("pce", &O::pce, named(pce_names), "KTAB's probabilistic Condorcet election"),
        choice_option("big_r_range", &O::big_r_range, named(range_names), "KTAB's range of big R (risk attitude)"),
        choice_option("big_r_adjust", &O::big_r_adjust, named(adjust_names), "KTAB's adjustment of big R"),
        choice_option("third_party_commit", &O::third_party_commit, named(commit_names),
                      "KTAB's commitment of third parties"),
        choice_option("interpolation", &O::interpolation, named(interpolation_names), "KTAB's bargain interpolation"),
        choice_option("bargain_model", &O::bargain_model, named(bargain_names), "KTAB's bargain model"),
        with_aliases(choice_option("mode", &O::mode, named(mode_names),
                                   "all scale issues at once (joint, as KTAB) or each on its own; the forecast mode "
                                   "sets it when given"),
                     {{"per-issue", "per_issue"}}),
        whole_number_option("max_turns", &O::max_turns, 1, 100000, "turn limit (KTAB: 100)"),
        number_option("stop_fraction", &O::stop_fraction, 0.0, std::nullopt,
                      "stop when a turn moves less than this fraction of the first turn"),
        choice_option("state_transitions", &O::state_transitions, named(transition_names),
                      "the most probable bargain (Deterministic) or one drawn from a seeded stream (Stochastic)"),
        whole_number_option("seed", &O::seed, 0, std::nullopt, "seed of the Stochastic state transitions"),
  });
  return table;
}

SpatialModelOptions spatial_model_options_from_json(const nlohmann::json& options) {
  return spatial_model_option_table().parse(options);
}

nlohmann::json spatial_model_options_to_json(const SpatialModelOptions& o) { return spatial_model_option_table().write(o); }

namespace {

std::vector<std::pair<std::string, std::string>> parameters_of(const SpatialModelOptions& o) {
  std::vector<std::pair<std::string, std::string>> p = {
      {"VictoryProbModel", name_of(victory_names, o.victory_probability)},
      {"VotingRule", name_of(vote_names, o.vote_rule)},
      {"PCEModel", name_of(pce_names, o.pce)},
      {"StateTransitions", name_of(transition_names, o.state_transitions)},
      {"BigRRange", name_of(range_names, o.big_r_range)},
      {"BigRAdjust", name_of(adjust_names, o.big_r_adjust)},
      {"ThirdPartyCommit", name_of(commit_names, o.third_party_commit)},
      {"InterVecBrgn", name_of(interpolation_names, o.interpolation)},
      {"BargnModel", name_of(bargain_names, o.bargain_model)},
      {"mode", name_of(mode_names, o.mode)},
      {"max_turns", std::to_string(o.max_turns)},
      {"stop_fraction", fmt::format("{}", o.stop_fraction)}};
  if (o.state_transitions == StateTransitions::stochastic) p.emplace_back("seed", std::to_string(o.seed));
  return p;
}

std::string issue_list(const Scenario& sc, const std::vector<std::size_t>& issues) {
  std::string s;
  for (auto d : issues) s += (s.empty() ? "" : ", ") + sc.issues[d].id;
  return s;
}

// A turn costs about 8.8 ms for 160 actors on 3 issues on one core (docs/PERFORMANCE.md) and
// grows as actors^3 (every actor weighs every challenge of every other) and linearly in the
// issues; a run converges in about 40 turns on KTAB's examples.
void check_smp_budget(std::size_t actors, const std::vector<std::vector<std::size_t>>& groups,
                      const SpatialModelOptions& options) {
  const double per_turn_160x3 = 8.8e-3;
  const double turns = std::min(40, std::max(1, options.max_turns));
  double seconds = 0;
  for (const auto& dims : groups)
    seconds += turns * per_turn_160x3 * std::pow(static_cast<double>(actors) / 160.0, 3) *
               static_cast<double>(dims.size()) / 3.0;
  check_work_budget(fmt::format("KTAB's spatial model on {} actors", actors), seconds,
                    "forecast with fewer actors (merge minor ones), or leave the spatial model out (--model with the others)");
}

// A position as the forecast reports it: rounded to 1e-9 on the 0..100 scale (nine decimals),
// so that KTAB's arithmetic, which leaves e.g. 49.99999999997 where the bargains meet at 50,
// does not show in the result. The model's own states (SpatialModelRun, the history) are
// not rounded: they are KTAB's numbers bit for bit and print as KTAB's logs.
double reported_position(double x) { return std::round(x * 1e9) / 1e9; }

}  // namespace

SpatialModelForecast forecast_spatial_model_detailed(const Scenario& sc, const SpatialModelOptions& options) {
  SpatialModelForecast out;
  ForecastResult& r = out.result;
  r.model = "smp";
  r.mode = options.mode;
  r.parameters = parameters_of(options);
  const std::size_t n_issues = sc.issues.size();
  r.position_by_issue.assign(n_issues, not_applicable);
  r.history.assign(n_issues, {});
  r.rounds_by_issue.assign(n_issues, 0);
  r.converged_by_issue.assign(n_issues, std::nullopt);
  r.smp_by_issue.assign(n_issues, std::nullopt);

  std::vector<std::size_t> scale;
  for (std::size_t d = 0; d < n_issues; ++d)
    if (sc.issues[d].kind == IssueKind::scale) scale.push_back(d);
    else r.notes.push_back(fmt::format("issue {}: an options issue; the spatial bargaining covers scale issues only",
                                       sc.issues[d].id));
  if (scale.empty()) {
    r.notes.push_back("no scale issues: nothing for the spatial model to forecast");
    return out;
  }
  bool risk_given = false;
  for (const auto& a : sc.actors) risk_given = risk_given || a.risk_attitude.has_value();
  if (risk_given)
    r.notes.push_back("actors' stated risk attitudes are not used: KTAB's SMP infers them from the positions every turn");

  std::vector<std::vector<std::size_t>> groups;
  if (options.mode == ForecastMode::joint) groups.push_back(scale);
  else
    for (auto d : scale) groups.push_back({d});

  check_smp_budget(sc.actors.size(), groups, options);
  for (const auto& dims : groups) {
    const std::string where = issue_list(sc, dims);
    SpatialModelForecast::Run run;
    run.issues = dims;
    // Actors with a stake (some salience) on these issues take part; KTAB cannot weigh an
    // actor whose saliences sum to zero (its challenge weight S_i c_i would be 0).
    for (std::size_t a = 0; a < sc.actors.size(); ++a) {
      double total = 0;
      for (auto d : dims)
        if (const Stance* s = find_stance(sc, a, d)) total += s->salience;
      if (total > 0) run.actors.push_back(a);
    }
    if (run.actors.size() < 2) {
      r.notes.push_back(fmt::format("issues {}: fewer than 2 actors with a stake, no forecast", where));
      continue;
    }
    // A missing stance is salience 0; its position (which others still judge, and which
    // moves freely in bargains) starts at the capability x salience weighted mean of the
    // stated positions: the actor is assumed to sit where the weight of opinion sits.
    std::vector<double> fill(dims.size(), 0.5);
    for (std::size_t k = 0; k < dims.size(); ++k) {
      double wsum = 0, xsum = 0;
      for (auto a : run.actors)
        if (const Stance* s = find_stance(sc, a, dims[k])) {
          wsum += sc.actors[a].capability * s->salience;
          xsum += sc.actors[a].capability * s->salience * (s->position / 100.0);
        }
      if (wsum > 0) fill[k] = std::clamp(xsum / wsum, 0.0, 1.0);
    }
    std::vector<std::string> missing, rescaled;
    for (auto a : run.actors) {
      run.input.capability.push_back(sc.actors[a].capability);
      std::vector<double> x(dims.size()), s(dims.size());
      double total = 0;
      for (std::size_t k = 0; k < dims.size(); ++k) {
        if (const Stance* st = find_stance(sc, a, dims[k])) {
          x[k] = std::clamp(st->position / 100.0, 0.0, 1.0);  // KTAB divides by 100
          s[k] = st->salience;
        } else {
          x[k] = fill[k];
          s[k] = 0;
          missing.push_back(fmt::format("{} on {}", sc.actors[a].id, sc.issues[dims[k]].id));
        }
        total += s[k];
      }
      if (total > 1) {  // KTAB needs sum_d s_id <= 1 (attention shares); keep the ratios
        for (auto& v : s) v /= total;
        rescaled.push_back(sc.actors[a].id);
      }
      run.input.position.push_back(std::move(x));
      run.input.salience.push_back(std::move(s));
    }
    if (!missing.empty())
      r.notes.push_back(fmt::format("issues {}: no stance (salience 0, start at the weighted mean position): {}", where,
                                    fmt::join(missing, ", ")));
    if (!rescaled.empty())
      r.notes.push_back(fmt::format("issues {}: saliences summing to more than 1 scaled to sum 1 (KTAB's limit): {}",
                                    where, fmt::join(rescaled, ", ")));
    if (run.actors.size() < sc.actors.size())
      r.notes.push_back(fmt::format("issues {}: {} of {} actors have a stake and take part", where, run.actors.size(),
                                    sc.actors.size()));

    run.run = run_spatial_model(run.input, options);
    const auto& states = run.run.states;
    const auto& last = states.back();
    const int turns = static_cast<int>(states.size()) - 1;

    // The forecast: the most probable option of the final PCE (first on ties).
    const auto unique = smp_detail::unique_positions(last.position);
    std::size_t best = 0;
    for (std::size_t i = 1; i < last.probability.size(); ++i)
      if (last.probability[i] > last.probability[best]) best = i;
    std::vector<double> expected(dims.size(), 0.0), weighted(dims.size(), 0.0);
    for (std::size_t u = 0; u < unique.representative.size(); ++u) {
      const int rep = unique.representative[u];
      for (std::size_t k = 0; k < dims.size(); ++k) expected[k] += last.probability[rep] * last.position[rep][k];
    }
    double csum = 0;
    for (std::size_t i = 0; i < run.actors.size(); ++i) csum += run.input.capability[i];
    for (std::size_t i = 0; i < run.actors.size(); ++i)
      for (std::size_t k = 0; k < dims.size(); ++k)
        weighted[k] += run.input.capability[i] / csum * last.position[i][k];

    std::vector<std::string> most, mean, cap;
    for (std::size_t k = 0; k < dims.size(); ++k) {
      const std::size_t d = dims[k];
      r.position_by_issue[d] = reported_position(100.0 * last.position[best][k]);
      r.rounds_by_issue[d] = turns;
      r.converged_by_issue[d] = run.run.converged;
      SmpIssueStatistics stats;
      stats.most_probable_position = r.position_by_issue[d];
      stats.most_probable_probability = last.probability[best];
      stats.most_probable_actor = sc.actors[run.actors[best]].id;
      stats.probability_weighted_mean = reported_position(100.0 * expected[k]);
      stats.capability_weighted_mean = reported_position(100.0 * weighted[k]);
      stats.actors_taking_part = static_cast<int>(run.actors.size());
      stats.risk_neutral_fallback = run.run.risk_neutral_fallback;
      r.smp_by_issue[d] = std::move(stats);
      auto& h = r.history[d];
      h.assign(states.size(), std::vector<double>(sc.actors.size(), not_applicable));
      for (std::size_t i = 0; i < run.actors.size(); ++i)
        if (find_stance(sc, run.actors[i], d))
          for (std::size_t t = 0; t < states.size(); ++t) h[t][run.actors[i]] = 100.0 * states[t].position[i][k];
      // The note repeats the fields above for readers of the table and the report.
      most.push_back(fmt::format("{} {:.1f}", sc.issues[d].id, r.smp_by_issue[d]->most_probable_position));
      mean.push_back(fmt::format("{} {:.1f}", sc.issues[d].id, r.smp_by_issue[d]->probability_weighted_mean));
      cap.push_back(fmt::format("{} {:.1f}", sc.issues[d].id, r.smp_by_issue[d]->capability_weighted_mean));
    }
    r.notes.push_back(fmt::format(
        "issues {}: {} after {} turns; forecast = the most probable final position ({}, probability {:.3f}, held by {}); "
        "probability-weighted mean final position {}; capability-weighted mean final position {}",
        where, run.run.converged ? "converged" : "stopped at max_turns", turns, fmt::join(most, ", "),
        last.probability[best], sc.actors[run.actors[best]].id, fmt::join(mean, ", "), fmt::join(cap, ", ")));
    if (run.run.risk_neutral_fallback)
      r.notes.push_back(fmt::format(
          "issues {}: in some state every position was equally likely; KTAB would divide by zero there, actors were "
          "taken as risk neutral instead",
          where));
    out.runs.push_back(std::move(run));
  }
  return out;
}

ForecastResult forecast_spatial_model(const Scenario& scenario, const SpatialModelOptions& options) {
  return forecast_spatial_model_detailed(scenario, options).result;
}

}  // namespace truce
