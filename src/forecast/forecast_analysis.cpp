#include "truce/forecast/forecast_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "truce/forecast/compromise.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/forecast/nash_bargaining.hpp"
#include "truce/forecast/spatial_model.hpp"

namespace truce {

using nlohmann::json;

const std::vector<std::string>& default_forecast_models() {
  static const std::vector<std::string> models = {"compromise", "median", "nash", "eum", "smp"};
  return models;
}

const std::vector<std::string>& known_forecast_models() {
  static const std::vector<std::string> models = {"compromise", "median", "nash", "eum", "smp", "exchange"};
  return models;
}

namespace {

constexpr const char* options_issue_note = "options issues are not forecast by this model (not_applicable)";

ForecastResult empty_result(const Scenario& scenario, const std::string& model) {
  ForecastResult r;
  r.model = model;
  r.position_by_issue.assign(scenario.issues.size(), not_applicable);
  r.rounds_by_issue.assign(scenario.issues.size(), 0);
  bool any_options = false;
  for (const auto& issue : scenario.issues) any_options = any_options || issue.kind == IssueKind::options;
  if (any_options) r.notes.emplace_back(options_issue_note);
  return r;
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

template <typename E>
E enum_from(const json& options, const char* key, E fallback, std::initializer_list<E> values,
            std::string (*name)(E)) {
  if (!options.contains(key)) return fallback;
  const auto& v = options.at(key);
  std::string choices;
  for (E e : values) {
    if (v.is_string() && v.get<std::string>() == name(e)) return e;
    choices += (choices.empty() ? "" : ", ") + name(e);
  }
  throw std::invalid_argument(fmt::format("eum option '{}': expected one of {}, found {}", key, choices, v.dump()));
}

double number_from(const json& options, const char* key, double fallback) {
  if (!options.contains(key)) return fallback;
  const auto& v = options.at(key);
  if (!v.is_number()) throw std::invalid_argument(fmt::format("option '{}': expected a number, found {}", key, v.dump()));
  return v.get<double>();
}

json number_or_null(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

}  // namespace

ForecastResult forecast_compromise(const Scenario& scenario) {
  return closed_form(scenario, "compromise", [](const IssueActors& a, std::size_t, ForecastResult&) {
    return weighted_mean(a.weights(), a.position);
  });
}

ForecastResult forecast_weighted_median(const Scenario& scenario) {
  ForecastResult r = closed_form(scenario, "median", [](const IssueActors& a, std::size_t, ForecastResult&) {
    return weighted_median(a.weights(), a.position);
  });
  r.parameters.emplace_back("median", "lower weighted median (capability x salience)");
  return r;
}

ForecastResult forecast_nash_bargaining(const Scenario& scenario, const std::vector<double>& status_quo_by_issue) {
  if (status_quo_by_issue.size() != scenario.issues.size())
    throw std::invalid_argument("nash: one status quo per issue expected");
  ForecastResult r = closed_form(scenario, "nash", [&](const IssueActors& a, std::size_t k, ForecastResult& out) {
    const double q = status_quo_by_issue[k];
    std::optional<double> result;
    const auto w = a.weights();
    if (std::none_of(w.begin(), w.end(), [](double x) { return x > 0; })) return result;
    const auto solution = nash_bargaining_position(a.position, w, q);
    if (!solution.feasible)
      out.notes.push_back(fmt::format(
          "issue {}: no position gives every actor a gain over the status quo {}; the status quo stands",
          scenario.issues[k].id, q));
    result = solution.position;
    return result;
  });
  for (std::size_t k = 0; k < scenario.issues.size(); ++k)
    if (scenario.issues[k].kind == IssueKind::scale)
      r.parameters.emplace_back(fmt::format("status_quo.{}", scenario.issues[k].id), fmt::format("{}", status_quo_by_issue[k]));
  return r;
}

ForecastResult forecast_expected_utility(const Scenario& scenario, const ExpectedUtilityOptions& options) {
  ForecastResult r = empty_result(scenario, "eum");
  r.history.assign(scenario.issues.size(), {});
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    if (scenario.issues[k].kind != IssueKind::scale) continue;
    const IssueActors a = issue_actors(scenario, k);
    if (a.size() == 0) continue;
    const ExpectedUtilityRun run = run_expected_utility(a.position, a.capability, a.salience, options);
    const auto& final_value = options.forecast == EumForecast::weighted_mean ? run.mean_by_round : run.median_by_round;
    r.position_by_issue[k] = final_value.back();
    r.rounds_by_issue[k] = run.rounds;
    for (const auto& round : run.positions) {
      std::vector<double> all(scenario.actors.size(), not_applicable);
      for (std::size_t i = 0; i < a.size(); ++i) all[a.actor[i]] = round[i];
      r.history[k].push_back(std::move(all));
    }
    if (!run.converged)
      r.notes.push_back(fmt::format("issue {}: positions still moving after {} rounds (max_rounds)", scenario.issues[k].id,
                                    run.rounds));
  }
  r.parameters = options.describe();
  return r;
}

ForecastResult forecast_exchange(const Scenario& scenario, const ExchangeOptions& options, std::vector<ExchangeTrade>* trades) {
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
  if (trades) {
    trades->clear();
    auto side = [&](const ExchangeSide& s) {
      return ExchangeTradeSide{scenario.actors[s.actor].id,
                               scenario.issues[index[s.supply_issue]].id,
                               scenario.issues[index[s.demand_issue]].id,
                               s.round_start,
                               s.before,
                               s.y,
                               s.move,
                               s.shift,
                               s.cut_at_partner};
    };
    for (const auto& e : run.exchanges)
      trades->push_back({e.round + 1,
                         {scenario.issues[index[e.p]].id, scenario.issues[index[e.q]].id},
                         e.outer_groups,
                         e.gain,
                         side(e.i),
                         side(e.j)});
  }
  return r;
}

ExchangeOptions exchange_options_from_json(const json& options) {
  if (!options.is_object()) throw std::invalid_argument("exchange options: expected an object, found " + options.dump());
  for (const auto& [key, value] : options.items())
    if (key != "rounds" && key != "semantics" && key != "gain" && key != "fixed_weight" && key != "salience_weight")
      throw std::invalid_argument(fmt::format(
          "exchange options: unknown option '{}' (expected rounds, semantics, gain, fixed_weight, salience_weight)", key));
  ExchangeOptions o;
  if (options.contains("rounds")) {
    const auto& v = options.at("rounds");
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 100000)
      throw std::invalid_argument("exchange option 'rounds': expected a whole number from 0 to 100000, found " + v.dump());
    o.rounds = v.get<int>();
  }
  if (options.contains("semantics")) {
    const auto& v = options.at("semantics");
    if (!v.is_string() || (v.get<std::string>() != "model" && v.get<std::string>() != "decide"))
      throw std::invalid_argument("exchange option 'semantics': expected \"model\" or \"decide\", found " + v.dump());
    o.semantics = v.get<std::string>() == "decide" ? ExchangeSemantics::decide : ExchangeSemantics::model;
  }
  if (options.contains("gain")) {
    const auto& v = options.at("gain");
    if (!v.is_string() || v.get<std::string>() != "equal")
      throw std::invalid_argument("exchange option 'gain': expected \"equal\" (the equal-gain rule), found " + v.dump());
  }
  o.fixed_weight = number_from(options, "fixed_weight", o.fixed_weight);
  o.salience_weight = number_from(options, "salience_weight", o.salience_weight);
  if (!(o.fixed_weight >= 0 && o.salience_weight >= 0 && o.fixed_weight + o.salience_weight <= 1))
    throw std::invalid_argument(fmt::format(
        "exchange options 'fixed_weight' and 'salience_weight': expected both >= 0 with a sum of at most 1, found {} and {}",
        o.fixed_weight, o.salience_weight));
  return o;
}

json exchange_options_to_json(const ExchangeOptions& o) {
  return {{"rounds", o.rounds},
          {"semantics", to_string(o.semantics)},
          {"gain", "equal"},
          {"fixed_weight", o.fixed_weight},
          {"salience_weight", o.salience_weight}};
}

double default_status_quo(const Scenario& scenario, std::size_t issue, const std::string& rule) {
  const IssueActors a = issue_actors(scenario, issue);
  const auto mean = weighted_mean(a.weights(), a.position);
  if (!mean) return 50.0;
  const double to_low = *mean - scale_min, to_high = scale_max - *mean;
  if (rule == "far_end") return to_high > to_low ? scale_max : scale_min;
  if (rule == "near_end") return to_low < to_high ? scale_min : scale_max;
  throw std::invalid_argument(
      fmt::format("nash option 'default_status_quo': expected \"far_end\" or \"near_end\", found \"{}\"", rule));
}

ExpectedUtilityOptions expected_utility_options_from_json(const json& options) {
  if (!options.is_object()) throw std::invalid_argument("eum options: expected an object, found " + options.dump());
  static const std::set<std::string> keys = {"reading", "max_rounds", "q", "t", "t_rule", "tolerance", "centre",
                                             "range", "risk", "security", "probability", "conflict",
                                             "offer_choice", "perspective", "update", "compromise", "forecast"};
  for (const auto& [key, value] : options.items())
    if (!keys.count(key)) throw std::invalid_argument(fmt::format("eum options: unknown option '{}'", key));
  // A named reading sets every field; the options given next to it override its fields.
  ExpectedUtilityOptions o = expected_utility_reading(enum_from<EumReading>(
      options, "reading", EumReading::paper, {EumReading::paper, EumReading::scholz_code}, truce::to_string));
  if (options.contains("max_rounds")) {
    const auto& v = options.at("max_rounds");
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 100000)
      throw std::invalid_argument("eum option 'max_rounds': expected a whole number from 0 to 100000, found " + v.dump());
    o.max_rounds = v.get<int>();
  }
  o.q = number_from(options, "q", o.q);
  o.t = number_from(options, "t", o.t);
  o.tolerance = number_from(options, "tolerance", o.tolerance);
  if (!(o.q >= 0 && o.q <= 1)) throw std::invalid_argument(fmt::format("eum option 'q': expected 0..1, found {}", o.q));
  if (!(o.t >= 0 && o.t <= 1)) throw std::invalid_argument(fmt::format("eum option 't': expected 0..1, found {}", o.t));
  if (!(o.tolerance >= 0))
    throw std::invalid_argument(fmt::format("eum option 'tolerance': expected >= 0, found {}", o.tolerance));
  o.centre = enum_from<EumCentre>(options, "centre", o.centre, {EumCentre::weighted_median, EumCentre::weighted_mean},
                                  truce::to_string);
  o.range = enum_from<EumRange>(options, "range", o.range,
                                {EumRange::current_positions, EumRange::initial_positions, EumRange::scale},
                                truce::to_string);
  o.risk = enum_from<EumRisk>(options, "risk", o.risk, {EumRisk::neutral, EumRisk::once, EumRisk::each_round},
                              truce::to_string);
  o.security = enum_from<EumSecurity>(options, "security", o.security,
                                      {EumSecurity::others_against, EumSecurity::own_challenges}, truce::to_string);
  o.probability = enum_from<EumProbability>(options, "probability", o.probability,
                                            {EumProbability::supporters_only, EumProbability::net_clamped, EumProbability::all_votes},
                                            truce::to_string);
  o.t_rule = enum_from<EumTRule>(options, "t_rule", o.t_rule, {EumTRule::by_case, EumTRule::fixed}, truce::to_string);
  o.conflict = enum_from<EumConflict>(options, "conflict", o.conflict,
                                      {EumConflict::loser_moves, EumConflict::no_move}, truce::to_string);
  o.offer_choice = enum_from<EumOfferChoice>(options, "offer_choice", o.offer_choice,
                                             {EumOfferChoice::strongest_sender, EumOfferChoice::least_move, EumOfferChoice::scholz_code},
                                             truce::to_string);
  o.perspective = enum_from<EumPerspective>(options, "perspective", o.perspective,
                                            {EumPerspective::own_risk, EumPerspective::challenger_risk, EumPerspective::receiver_risk},
                                            truce::to_string);
  o.update = enum_from<EumUpdate>(options, "update", o.update, {EumUpdate::simultaneous, EumUpdate::sequential},
                                  truce::to_string);
  o.compromise = enum_from<EumCompromise>(options, "compromise", o.compromise,
                                          {EumCompromise::concede_ratio, EumCompromise::keep_ratio}, truce::to_string);
  o.forecast = enum_from<EumForecast>(options, "forecast", o.forecast,
                                      {EumForecast::weighted_median, EumForecast::weighted_mean}, truce::to_string);
  return o;
}

json expected_utility_options_to_json(const ExpectedUtilityOptions& o) {
  return {{"reading", to_string(o.reading)},
          {"max_rounds", o.max_rounds},
          {"q", o.q},
          {"t", o.t},
          {"t_rule", to_string(o.t_rule)},
          {"tolerance", o.tolerance},
          {"centre", to_string(o.centre)},
          {"range", to_string(o.range)},
          {"risk", to_string(o.risk)},
          {"security", to_string(o.security)},
          {"probability", to_string(o.probability)},
          {"conflict", to_string(o.conflict)},
          {"offer_choice", to_string(o.offer_choice)},
          {"perspective", to_string(o.perspective)},
          {"update", to_string(o.update)},
          {"compromise", to_string(o.compromise)},
          {"forecast", to_string(o.forecast)}};
}

json complete_forecast_options(const Scenario& scenario, const json& options_in) {
  const json options = options_in.is_null() ? json::object() : options_in;
  if (!options.is_object()) throw std::invalid_argument("forecast options: expected an object, found " + options.dump());
  for (const auto& [key, value] : options.items())
    if (key != "models" && key != "mode" && key != "nash" && key != "eum" && key != "smp" && key != "exchange")
      throw std::invalid_argument(fmt::format("forecast options: unknown option '{}'", key));
  json out;
  // models
  std::vector<std::string> models;
  if (options.contains("models")) {
    const auto& m = options.at("models");
    if (!m.is_array() || m.empty())
      throw std::invalid_argument("forecast option 'models': expected a non-empty list of model names, found " + m.dump());
    for (const auto& name : m) {
      const auto& known = known_forecast_models();
      if (!name.is_string() || std::find(known.begin(), known.end(), name.get<std::string>()) == known.end())
        throw std::invalid_argument(
            fmt::format("forecast option 'models': expected compromise, median, nash, eum, smp or exchange, found {}",
                        name.dump()));
      if (std::find(models.begin(), models.end(), name.get<std::string>()) == models.end())
        models.push_back(name.get<std::string>());
    }
  } else {
    models = default_forecast_models();
  }
  out["models"] = models;
  // mode
  std::string mode = "per_issue";
  if (options.contains("mode")) {
    const auto& v = options.at("mode");
    if (!v.is_string() || (v.get<std::string>() != "per_issue" && v.get<std::string>() != "joint"))
      throw std::invalid_argument("forecast option 'mode': expected \"per_issue\" or \"joint\", found " + v.dump());
    mode = v.get<std::string>();
  }
  out["mode"] = mode;
  // nash
  const json nash_in = options.value("nash", json::object());
  if (!nash_in.is_object()) throw std::invalid_argument("nash options: expected an object, found " + nash_in.dump());
  for (const auto& [key, value] : nash_in.items())
    if (key != "default_status_quo" && key != "status_quo")
      throw std::invalid_argument(fmt::format("nash options: unknown option '{}'", key));
  const json rule = nash_in.value("default_status_quo", json("far_end"));
  if (!rule.is_string()) throw std::invalid_argument("nash option 'default_status_quo': expected a string, found " + rule.dump());
  json status_quo = json::object();
  const json given = nash_in.value("status_quo", json::object());
  if (!given.is_object()) throw std::invalid_argument("nash option 'status_quo': expected an object, found " + given.dump());
  for (const auto& [key, value] : given.items()) {
    const auto k = find_issue(scenario, key);
    if (!k || scenario.issues[*k].kind != IssueKind::scale)
      throw std::invalid_argument(fmt::format("nash option 'status_quo': '{}' is not a scale issue of the scenario", key));
    if (!value.is_number() || value.get<double>() < scale_min || value.get<double>() > scale_max)
      throw std::invalid_argument(
          fmt::format("nash option 'status_quo.{}': expected a position from 0 to 100, found {}", key, value.dump()));
  }
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    const auto& issue = scenario.issues[k];
    if (issue.kind != IssueKind::scale) continue;
    status_quo[issue.id] = given.contains(issue.id) ? given.at(issue.id).get<double>()
                                                    : default_status_quo(scenario, k, rule.get<std::string>());
  }
  out["nash"] = {{"default_status_quo", rule}, {"status_quo", status_quo}};
  // eum
  out["eum"] = expected_utility_options_to_json(expected_utility_options_from_json(options.value("eum", json::object())));
  // smp: KTAB's parameters. Unless told otherwise it runs jointly over all scale issues,
  // as KTAB does, so its history diffs against KTAB's logs (`truce forecast --mode` sets both).
  json smp_in = options.value("smp", json::object());
  if (!smp_in.is_object()) throw std::invalid_argument("smp options: expected an object, found " + smp_in.dump());
  if (!smp_in.contains("mode")) smp_in["mode"] = "joint";
  out["smp"] = spatial_model_options_to_json(spatial_model_options_from_json(smp_in));
  out["exchange"] = exchange_options_to_json(exchange_options_from_json(options.value("exchange", json::object())));
  return out;
}

ForecastAnalysisResult forecast_analysis(const Scenario& scenario, const json& options) {
  const json o = complete_forecast_options(scenario, options);  // idempotent on complete options
  const std::string mode = o.at("mode").get<std::string>();
  ForecastAnalysisResult result;
  result.scenario = scenario.name;
  result.mode = mode == "joint" ? ForecastMode::joint : ForecastMode::per_issue;
  result.options = o;
  for (const auto& name_json : o.at("models")) {
    const std::string name = name_json.get<std::string>();
    ModelForecast m;
    ForecastResult& r = m.forecast;
    // Every model of this build is available; a model's exception reaches the caller.
    if (name == "compromise") {
      r = forecast_compromise(scenario);
    } else if (name == "median") {
      r = forecast_weighted_median(scenario);
    } else if (name == "nash") {
      std::vector<double> q(scenario.issues.size(), not_applicable);
      for (std::size_t k = 0; k < scenario.issues.size(); ++k)
        if (scenario.issues[k].kind == IssueKind::scale)
          q[k] = o.at("nash").at("status_quo").at(scenario.issues[k].id).get<double>();
      r = forecast_nash_bargaining(scenario, q);
    } else if (name == "eum") {
      r = forecast_expected_utility(scenario, expected_utility_options_from_json(o.at("eum")));
    } else if (name == "exchange") {
      m.trades.emplace();
      r = forecast_exchange(scenario, exchange_options_from_json(o.at("exchange")), &*m.trades);
    } else {
      r = forecast_spatial_model(scenario, spatial_model_options_from_json(o.at("smp")));
    }
    r.model = name;
    if (name == "exchange") {
      r.mode = ForecastMode::joint;  // trades across issues: the model is joint by nature
    } else if (name != "smp") {
      if (result.mode == ForecastMode::joint)
        r.notes.emplace_back("a one-issue model: joint mode runs it on each issue separately");
      r.mode = result.mode;
    }
    result.models.push_back(std::move(m));
  }

  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    const auto& issue = scenario.issues[k];
    ForecastIssue entry{issue.id, issue.name, issue.kind, {}};
    for (const auto& m : result.models) {
      const ForecastResult& r = m.forecast;
      IssueForecast f;
      f.model = r.model;
      f.position = k < r.position_by_issue.size() ? r.position_by_issue[k] : not_applicable;
      if (issue.kind == IssueKind::scale && !std::isnan(f.position))
        if (const NamedPoint* p = nearest_named_point(issue, f.position)) f.nearest_point = NearestPoint{p->id, p->label, p->position};
      f.rounds = k < r.rounds_by_issue.size() ? r.rounds_by_issue[k] : 0;
      entry.forecasts.push_back(std::move(f));
    }
    result.issues.push_back(std::move(entry));
  }
  for (const auto& a : scenario.actors) result.actors.push_back({a.id, a.name});
  return result;
}

json to_json(const ForecastAnalysisResult& result) {
  json details = json::array();
  for (const auto& m : result.models) {
    const ForecastResult& r = m.forecast;
    // "available" is always true now; it stays for the runs stored when the SMP was a placeholder.
    json detail = {{"model", r.model}, {"available", true}};
    if (m.trades) {
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
      for (const auto& e : *m.trades)
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
  // The figures `truce runs list/diff` show first (docs/run-store.md): each scale issue's
  // forecast by model.
  json headline = json::object();
  for (const auto& issue : result.issues) {
    json entry = {{"id", issue.id}, {"name", issue.name}, {"kind", issue.kind == IssueKind::scale ? "scale" : "options"}};
    json forecasts = json::array();
    for (const auto& f : issue.forecasts) {
      json point = nullptr;
      if (f.nearest_point)
        point = {{"id", f.nearest_point->id}, {"label", f.nearest_point->label}, {"position", f.nearest_point->position}};
      forecasts.push_back(
          {{"model", f.model}, {"position", number_or_null(f.position)}, {"nearest_point", point}, {"rounds", f.rounds}});
      if (!std::isnan(f.position)) headline[issue.id + "." + f.model] = f.position;
    }
    entry["forecasts"] = forecasts;
    if (issue.kind == IssueKind::options) entry["note"] = options_issue_note;
    issues.push_back(entry);
  }
  json actors = json::array();
  for (const auto& a : result.actors) actors.push_back({{"id", a.id}, {"name", a.name}});
  return {{"scenario", result.scenario},
          {"mode", result.mode == ForecastMode::joint ? "joint" : "per_issue"},
          {"options", result.options},
          {"actors", actors},
          {"issues", issues},
          {"models", details},
          {"headline", headline}};
}

json run_forecast(const Scenario& scenario, const json& options) { return to_json(forecast_analysis(scenario, options)); }

}  // namespace truce
