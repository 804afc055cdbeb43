#include "truce/forecast/forecast_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "truce/forecast/compromise.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/forecast/nash_bargaining.hpp"
#include "truce/forecast/options_issue.hpp"
#include "truce/forecast/red_line_check.hpp"
#include "truce/forecast/spatial_model.hpp"

namespace truce {

using nlohmann::json;

namespace {

ForecastResult empty_result(const Scenario& scenario, const std::string& model) {
  ForecastResult r;
  r.model = model;
  r.position_by_issue.assign(scenario.issues.size(), not_applicable);
  r.rounds_by_issue.assign(scenario.issues.size(), 0);
  return r;
}

// --- Red lines and options issues ---
// Each model's forecast of every options issue (nullopt on scale issues and where it has
// none), with the notes a reader needs: the model's rule, and where it gives no forecast.
std::vector<std::optional<OptionsForecast>> forecast_options_issues(const Scenario& scenario, const ForecastModel& model,
                                                                    const ForecastOptions& options, ForecastResult& r) {
  std::vector<std::optional<OptionsForecast>> out(scenario.issues.size());
  bool any = false;
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    const Issue& issue = scenario.issues[k];
    if (issue.kind != IssueKind::options || !model.options_on_issue) continue;
    any = true;
    out[k] = model.options_on_issue(scenario, k, options);
    if (!out[k]) {
      const auto weights = options_issue_actors(scenario, k).weight;
      const bool anyone = std::any_of(weights.begin(), weights.end(), [](double w) { return w > 0; });
      r.notes.push_back(anyone ? fmt::format("issue {}: no option has the utility the model needs (the vote: above 0 for "
                                             "some actor with a weight; Nash: above 0 for every one, no status quo "
                                             "being stated); no forecast",
                                             issue.id)
                               : fmt::format("issue {}: no actor with positive capability x salience takes part; no "
                                             "forecast",
                                             issue.id));
    } else if (out[k]->disagreement_stands)
      r.notes.push_back(fmt::format("issue {}: no option gives every actor a gain over the status quo {}; the status "
                                    "quo stands",
                                    issue.id, issue.options[out[k]->option].id));
  }
  if (any) r.notes.emplace_back(model.options_rule);
  return out;
}

// The forecast term's red-line crossings, veto actors and the others apart, as ids.
void mark_red_lines(const Scenario& scenario, std::size_t issue, IssueForecast& f, std::optional<std::size_t> option) {
  std::vector<RedLineCrossing> crossed;
  if (scenario.issues[issue].kind == IssueKind::scale && !std::isnan(f.position))
    crossed = red_lines_crossed_at(scenario, issue, f.position);
  else if (option)
    crossed = red_lines_crossed_by(scenario, issue, *option);
  for (const auto& c : crossed)
    (c.veto ? f.veto_red_lines_crossed : f.other_red_lines_crossed).push_back(scenario.actors[c.actor].id);
}

template <typename F>
ForecastResult closed_form(const Scenario& scenario, const std::string& model, F position) {
  ForecastResult r = empty_result(scenario, model);
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    if (scenario.issues[k].kind != IssueKind::scale) continue;
    const IssueActors actors = issue_actors(scenario, k);
    const auto value = position(actors, k, r);
    if (value) {
      r.position_by_issue[k] = *value;
    } else {
      r.notes.push_back(fmt::format("issue {}: no actor with positive capability x salience takes part; no forecast",
                                    scenario.issues[k].id));
    }
  }
  return r;
}

json number_or_null(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

// --- Issue #13 item 3: the facts behind a forecast, each key only where the model reports it.
void add_stability_fields(json& out, const IssueForecast& f) {
  if (f.converged) out["converged"] = *f.converged;
  if (f.cycle) {
    json visited = json::array(), actors = json::array();
    for (double v : f.cycle->forecast_positions) visited.push_back(number_or_null(v));
    for (const auto& round : f.cycle->actor_positions) {
      json row = json::array();
      for (double v : round) row.push_back(number_or_null(v));
      actors.push_back(std::move(row));
    }
    out["cycle"] = {{"length", f.cycle->length},
                    {"first_round", f.cycle->first_round},
                    {"forecast_positions", visited},
                    {"actor_positions", actors}};
  }
  if (f.nash)
    out["nash"] = {{"disagreement_point", f.nash->disagreement_point},
                   {"disagreement_point_source", to_string(f.nash->disagreement_point_source)},
                   {"feasible", f.nash->feasible},
                   {"degenerate", f.nash->degenerate},
                   {"actors_on_disagreement_point", f.nash->actors_on_disagreement_point}};
  if (f.smp)
    out["smp"] = {{"most_probable_position", f.smp->most_probable_position},
                  {"most_probable_probability", f.smp->most_probable_probability},
                  {"most_probable_actor", f.smp->most_probable_actor},
                  {"probability_weighted_mean", f.smp->probability_weighted_mean},
                  {"capability_weighted_mean", f.smp->capability_weighted_mean},
                  {"actors_taking_part", f.smp->actors_taking_part},
                  {"risk_neutral_fallback", f.smp->risk_neutral_fallback}};
}
// --- end of issue #13 item 3

}  // namespace

ForecastResult forecast_compromise(const Scenario& scenario) {
  return closed_form(scenario, "compromise", [](const IssueActors& a, std::size_t, ForecastResult&) {
    return weighted_mean(a.weights(), a.position);
  });
}

ForecastResult forecast_plain_mean(const Scenario& scenario) {
  return closed_form(scenario, "mean", [](const IssueActors& a, std::size_t, ForecastResult&) {
    return weighted_mean(a.stake_weights(), a.position);
  });
}

ForecastResult forecast_weighted_median(const Scenario& scenario) {
  ForecastResult r = closed_form(scenario, "median", [](const IssueActors& a, std::size_t, ForecastResult&) {
    return weighted_median(a.weights(), a.position);
  });
  r.parameters.emplace_back("median", "lower weighted median (capability x salience)");
  return r;
}

ForecastResult forecast_nash_bargaining(const Scenario& scenario, const NashOptions& nash) {
  ForecastResult r = empty_result(scenario, "nash");
  r.nash_by_issue.assign(scenario.issues.size(), std::nullopt);
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    if (scenario.issues[k].kind != IssueKind::scale) continue;
    const std::string& id = scenario.issues[k].id;
    const DisagreementPoint q = nash_disagreement_point(scenario, k, nash);
    r.parameters.emplace_back(fmt::format("status_quo.{}", id), fmt::format("{}", q.position));
    const IssueActors a = issue_actors(scenario, k);
    const auto w = a.weights();
    if (std::none_of(w.begin(), w.end(), [](double x) { return x > 0; })) {
      r.notes.push_back(fmt::format("issue {}: no actor with positive capability x salience takes part; no forecast", id));
      continue;
    }
    const auto solution = nash_bargaining_position(a.position, w, q.position);
    NashIssueResult info{q.position, q.source, solution.feasible, solution.degenerate, {}};
    for (std::size_t i : solution.on_status_quo) info.actors_on_disagreement_point.push_back(scenario.actors[a.actor[i]].id);
    r.position_by_issue[k] = solution.position;  // NaN when degenerate
    if (solution.degenerate)
      r.notes.push_back(fmt::format(
          "issue {}: degenerate: {} {} on the disagreement point {} ({}), so the Nash product is 0 at every other "
          "position; no forecast (the status quo is an input here, not a result)",
          id, fmt::join(info.actors_on_disagreement_point, ", "),
          info.actors_on_disagreement_point.size() == 1 ? "stands" : "stand", q.position, to_string(q.source)));
    else if (!solution.feasible)
      r.notes.push_back(fmt::format(
          "issue {}: no position gives every actor a gain over the status quo {} ({}); the status quo stands", id,
          q.position, to_string(q.source)));
    r.nash_by_issue[k] = std::move(info);
  }
  return r;
}

ForecastResult forecast_expected_utility(const Scenario& scenario, const ExpectedUtilityOptions& options) {
  ForecastResult r = empty_result(scenario, "eum");
  r.history.assign(scenario.issues.size(), {});
  r.converged_by_issue.assign(scenario.issues.size(), std::nullopt);
  r.cycle_by_issue.assign(scenario.issues.size(), std::nullopt);
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    if (scenario.issues[k].kind != IssueKind::scale) continue;
    const IssueActors a = issue_actors(scenario, k);
    if (a.size() == 0) continue;
    const ExpectedUtilityRun run = run_expected_utility(a.position, a.capability, a.salience, options);
    r.position_by_issue[k] = run.forecast;  // the cycle's mean when the rounds cycle
    r.rounds_by_issue[k] = run.rounds;
    // By scenario actor, NaN for those without a stance (as the history).
    const auto by_actor = [&](const std::vector<double>& round) {
      std::vector<double> all(scenario.actors.size(), not_applicable);
      for (std::size_t i = 0; i < a.size(); ++i) all[a.actor[i]] = round[i];
      return all;
    };
    for (const auto& round : run.positions) r.history[k].push_back(by_actor(round));
    r.converged_by_issue[k] = run.converged;
    if (run.cycle) {
      RoundCycle c = *run.cycle;
      for (auto& round : c.actor_positions) round = by_actor(round);
      std::vector<std::string> visited;
      for (double v : c.forecast_positions) visited.push_back(fmt::format("{:.1f}", v));
      r.notes.push_back(fmt::format(
          "issue {}: the rounds cycle ({} rounds from round {}: {}); forecast = cycle mean {:.1f} ({})",
          scenario.issues[k].id, c.length, c.first_round, fmt::join(visited, " <-> "), run.forecast,
          to_string(options.forecast)));
      r.cycle_by_issue[k] = std::move(c);
    } else if (!run.converged) {
      r.notes.push_back(fmt::format(
          "issue {}: not converged: positions still moving after {} rounds (max_rounds) and no cycle; forecast = "
          "the last round's",
          scenario.issues[k].id, run.rounds));
    }
  }
  r.parameters = options.describe();
  return r;
}

ForecastResult forecast_exchange(const Scenario& scenario, const ExchangeOptions& options) {
  ForecastResult r = empty_result(scenario, "exchange");
  std::vector<std::size_t> index;
  const ExchangeInput input = exchange_input(scenario, &index);
  r.parameters = options.describe();
  r.history.assign(scenario.issues.size(), {});
  if (index.size() < 2) r.notes.emplace_back("fewer than two scale issues: no trade is possible, positions stay");
  const ExchangeRun run = run_exchange_model(input, options);
  for (std::size_t k = 0; k < index.size(); ++k) {
    const IssueActors a = issue_actors(scenario, index[k]);
    if (!weighted_mean(a.weights(), a.position)) {
      r.notes.push_back(fmt::format("issue {}: no actor with positive capability x salience takes part; no forecast",
                                    scenario.issues[index[k]].id));
      continue;
    }
    r.position_by_issue[index[k]] = run.outcome[k];
    r.rounds_by_issue[index[k]] = static_cast<int>(run.rounds.size());
    // history: the start of every round, then the positions after the last round's update
    auto row = [&](const std::vector<double>& x) {
      std::vector<double> all(scenario.actors.size(), not_applicable);
      for (std::size_t i = 0; i < scenario.actors.size(); ++i) all[i] = x[input.at(i, k)];
      return all;
    };
    for (const auto& round : run.rounds) r.history[index[k]].push_back(row(round.start));
    r.history[index[k]].push_back(row(run.final_positions));
  }
  if (run.stopped_early)
    r.notes.push_back(fmt::format("no exchange was left after round {}: the later rounds would repeat it", run.rounds.size()));
  r.notes.push_back(fmt::format("{} exchanges realised in {} rounds (--trades lists them)", run.exchanges.size(),
                                run.rounds.size()));
  // The engine numbers the scale issues it was given; the result speaks in the scenario's ids.
  const auto issue_id = [&](std::size_t k) { return scenario.issues[index[k]].id; };
  const auto side = [&](const ExchangeSide& s) {
    return ExchangeTradeSide{scenario.actors[s.actor].id, issue_id(s.supply_issue), issue_id(s.demand_issue),
                             s.round_start, s.before, s.y, s.move, s.shift, s.cut_at_partner};
  };
  r.trades.emplace();
  for (const auto& e : run.exchanges)
    r.trades->push_back({e.round + 1, {issue_id(e.p), issue_id(e.q)}, e.outer_groups, e.gain, side(e.i), side(e.j)});
  return r;
}

ExchangeOptions exchange_options_from_json(const json& options) { return exchange_option_table().parse(options); }

json exchange_options_to_json(const ExchangeOptions& o) { return exchange_option_table().write(o); }

ExpectedUtilityOptions expected_utility_options_from_json(const json& options) {
  return expected_utility_option_table().parse(options);
}

json expected_utility_options_to_json(const ExpectedUtilityOptions& o) { return expected_utility_option_table().write(o); }

json complete_forecast_options(const Scenario& scenario, const json& options) {
  return forecast_option_table().write(forecast_options(scenario, options));
}

ForecastAnalysisResult forecast_analysis(const Scenario& scenario, const json& options) {
  return forecast_analysis(scenario, forecast_options(scenario, options));
}

ForecastAnalysisResult forecast_analysis(const Scenario& scenario, const ForecastOptions& options) {
  ForecastAnalysisResult result;
  result.scenario = scenario.name;
  result.mode = options.mode;
  result.options = options;
  std::vector<std::vector<std::optional<OptionsForecast>>> options_forecasts;  // [model][issue]
  for (const auto& name : options.models) {
    const ForecastModel* model = find_forecast_model(name);
    ModelForecast m;
    // Every model of this build is available; a model's exception reaches the caller.
    m.forecast = model->run(scenario, options);
    ForecastResult& r = m.forecast;
    r.model = name;
    if (model->joint_by_nature) {
      r.mode = ForecastMode::joint;  // trades across issues: the model is joint by nature
    } else if (!model->own_mode) {
      if (result.mode == ForecastMode::joint)
        r.notes.emplace_back("a one-issue model: joint mode runs it on each issue separately");
      r.mode = result.mode;
    }
    options_forecasts.push_back(forecast_options_issues(scenario, *model, options, r));
    result.models.push_back(std::move(m));
  }

  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    const auto& issue = scenario.issues[k];
    ForecastIssue entry{issue.id, issue.name, issue.kind, {}};
    for (std::size_t j = 0; j < result.models.size(); ++j) {
      const ForecastResult& r = result.models[j].forecast;
      IssueForecast f;
      f.model = r.model;
      f.position = k < r.position_by_issue.size() ? r.position_by_issue[k] : not_applicable;
      if (issue.kind == IssueKind::scale && !std::isnan(f.position))
        if (const NamedPoint* p = nearest_named_point(issue, f.position)) f.nearest_point = NearestPoint{p->id, p->label, p->position};
      f.rounds = k < r.rounds_by_issue.size() ? r.rounds_by_issue[k] : 0;
      if (k < r.interval_by_issue.size()) f.interval = r.interval_by_issue[k];
      // Issue #13 item 3: the facts behind the position.
      if (k < r.converged_by_issue.size()) f.converged = r.converged_by_issue[k];
      if (k < r.cycle_by_issue.size()) f.cycle = r.cycle_by_issue[k];
      if (k < r.nash_by_issue.size()) f.nash = r.nash_by_issue[k];
      if (k < r.smp_by_issue.size()) f.smp = r.smp_by_issue[k];
      const auto& chosen = options_forecasts[j][k];
      if (chosen) {
        f.option = issue.options[chosen->option].id;
        for (std::size_t o = 0; o < issue.options.size(); ++o)
          f.option_probabilities.push_back({issue.options[o].id, chosen->probability[o]});
      }
      mark_red_lines(scenario, k, f, chosen ? std::optional<std::size_t>(chosen->option) : std::nullopt);
      entry.forecasts.push_back(std::move(f));
    }
    result.issues.push_back(std::move(entry));
  }
  for (const auto& a : scenario.actors) result.actors.push_back({a.id, a.name});
  return result;
}

Headline forecast_headline(const ForecastAnalysisResult& result) {
  Headline h;
  for (const auto& issue : result.issues) {
    if (issue.forecasts.empty()) continue;
    // The ensemble is the forecast truce stands behind (validated, with an interval); one
    // figure per issue keeps the list readable where six models ran.
    const IssueForecast* f = &issue.forecasts.front();
    for (const auto& g : issue.forecasts)
      if (g.model == "ensemble") f = &g;
    const ForecastModel* model = find_forecast_model(f->model);
    const std::string label = issue.name + " (" + (model ? model->title : f->model) + ")";
    HeadlineFigure figure{issue.id + "." + f->model, label, f->position, "position"};
    if (issue.kind == IssueKind::options) {
      figure.unit = "option";
      if (f->option) figure.value = *f->option;  // else NaN: the model has no forecast here
    }
    h.push_back(std::move(figure));
  }
  return h;
}

json to_json(const ForecastAnalysisResult& result) {
  json details = json::array();
  for (const auto& m : result.models) {
    const ForecastResult& r = m.forecast;
    // "available" is always true now; it stays for the runs stored when the SMP was a placeholder.
    json detail = {{"model", r.model}, {"available", true}};
    if (r.trades) {
      json trades = json::array();
      auto side = [](const ExchangeTradeSide& s) {
        return json{{"actor", s.actor},
                    {"moves_on", s.moves_on},
                    {"for", s.in_return_for},
                    {"round_start", s.round_start},
                    {"from", s.from},
                    {"to", s.to},
                    {"move", s.move},
                    {"outcome_shift", s.outcome_shift},
                    {"cut_at_partner", s.cut_at_partner}};
      };
      for (const auto& e : *r.trades)
        trades.push_back({{"round", e.round},
                          {"issues", {e.issues[0], e.issues[1]}},
                          {"groups", e.outer_groups ? "a-d" : "b-c"},
                          {"gain", e.gain},
                          {"i", side(e.i)},
                          {"j", side(e.j)}});
      detail["trades"] = trades;
    }
    json parameters = json::array();
    for (const auto& [k, v] : r.parameters) parameters.push_back({{"name", k}, {"value", v}});
    detail["parameters"] = parameters;
    detail["notes"] = r.notes;
    detail["rounds_by_issue"] = r.rounds_by_issue;
    json history = json::array();
    for (const auto& issue_history : r.history) {
      json rounds = json::array();
      for (const auto& round : issue_history) {
        json row = json::array();
        for (double v : round) row.push_back(number_or_null(v));
        rounds.push_back(row);
      }
      history.push_back(rounds);
    }
    detail["history"] = history;
    details.push_back(detail);
  }

  json issues = json::array();
  for (const auto& issue : result.issues) {
    json entry = {{"id", issue.id}, {"name", issue.name}, {"kind", issue.kind == IssueKind::scale ? "scale" : "options"}};
    json forecasts = json::array();
    for (const auto& f : issue.forecasts) {
      json point = nullptr;
      if (f.nearest_point)
        point = {{"id", f.nearest_point->id}, {"label", f.nearest_point->label}, {"position", f.nearest_point->position}};
      json forecast = {{"model", f.model}, {"position", number_or_null(f.position)}, {"nearest_point", point}, {"rounds", f.rounds}};
      if (f.interval)
        forecast["interval"] = {{"low", f.interval->low}, {"high", f.interval->high}, {"level", f.interval->level}};
      add_stability_fields(forecast, f);  // issue #13 item 3
      forecasts.push_back(std::move(forecast));
      // --- Red lines and options issues ---
      json& added = forecasts.back();
      if (issue.kind == IssueKind::options) {
        added["option"] = f.option ? json(*f.option) : json(nullptr);
        json probabilities = json::array();
        for (const auto& p : f.option_probabilities)
          probabilities.push_back({{"option", p.option}, {"probability", p.probability}});
        added["option_probabilities"] = probabilities;
      }
      added["veto_red_lines_crossed"] = f.veto_red_lines_crossed;
      added["other_red_lines_crossed"] = f.other_red_lines_crossed;
    }
    entry["forecasts"] = forecasts;
    issues.push_back(entry);
  }
  json actors = json::array();
  for (const auto& a : result.actors) actors.push_back({{"id", a.id}, {"name", a.name}});
  return {{"scenario", result.scenario},
          {"mode", result.mode == ForecastMode::joint ? "joint" : "per_issue"},
          {"options", forecast_option_table().write(result.options)},
          {"actors", actors},
          {"issues", issues},
          {"models", details},
          {"headline", headline_to_json(forecast_headline(result))}};
}

json run_forecast(const Scenario& scenario, const json& options) { return to_json(forecast_analysis(scenario, options)); }

}  // namespace truce
