#include "truce/levers/levers_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "truce/levers/one_at_a_time.hpp"
#include "truce/levers/scenario_parameters.hpp"
#include "truce/levers/sobol_indices.hpp"
#include "truce/levers/targets.hpp"

namespace truce::levers {

using nlohmann::json;

namespace {

// JSON has no NaN: undefined numbers are written as null.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

const char* distribution_name(Distribution d) { return d == Distribution::triangular ? "triangular" : "uniform"; }

json parameter_json(const Parameter& p) {
  return {{"name", p.name}, {"base", p.base},       {"low", p.low},
          {"high", p.high}, {"unit", p.unit},       {"range_from", p.range_from},
          {"distribution", distribution_name(p.distribution)}};
}

// Reads option `key` of the given JSON type, or its default; throws naming the key otherwise.
template <class T>
T take(const json& options, const std::string& key, const T& fallback) {
  if (!options.contains(key)) return fallback;
  try {
    return options.at(key).get<T>();
  } catch (const json::exception&) {
    throw std::invalid_argument(fmt::format("option '{}': expected {}, found {}", key,
                                            std::is_same_v<T, std::string>            ? "a string"
                                            : std::is_same_v<T, std::vector<std::string>> ? "a list of strings"
                                            : std::is_same_v<T, bool>                  ? "true or false"
                                                                                       : "a number",
                                            options.at(key).dump()));
  }
}

void check_keys(const json& options, const std::set<std::string>& known, const std::string& analysis) {
  if (!options.is_object()) throw std::invalid_argument(analysis + ": expected the options as a JSON object");
  for (const auto& [key, value] : options.items())
    if (!known.count(key)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw std::invalid_argument(fmt::format("{}: unknown option '{}'; expected one of {}", analysis, key, list));
    }
}

// The model of a target over a parameter list: the target's own (Monte Carlo targets), or set
// the values in a copy of the scenario and evaluate.
Model scenario_model(const Scenario& scenario, const std::vector<ScenarioParameter>& parameters, const Target& target) {
  if (target.prepare)
    if (Model m = target.prepare(parameters)) return m;
  return [&scenario, &parameters, &target](const std::vector<double>& x) {
    Scenario s = scenario;
    set_values(s, parameters, x);
    return target.evaluate(s);
  };
}

// One-at-a-time runs leave the war model's numbers as the scenario gives them at their base
// (random where it gives a distribution): the output at a parameter's low end is then the
// probability given that value, the others as the scenario has them, and the base output is
// what `truce simulate` reports. (The engine passes exactly the base value for the
// parameters it does not move.)
Model one_at_a_time_model(const Model& model, const std::vector<ScenarioParameter>& parameters) {
  return [model, &parameters](const std::vector<double>& x) {
    std::vector<double> y = x;
    for (std::size_t i = 0; i < parameters.size(); ++i)
      if (parameters[i].is_war_model() && y[i] == parameters[i].parameter.base)
        y[i] = std::numeric_limits<double>::quiet_NaN();
    return model(y);
  };
}

// The parameters of a request: those named, or the target's default set, or all.
std::vector<ScenarioParameter> chosen_parameters(const std::vector<ScenarioParameter>& all,
                                                 const std::vector<std::string>& specs, const Target& target) {
  if (!specs.empty() || !target.default_parameter) return select_parameters(all, specs);
  std::vector<ScenarioParameter> out;
  for (const auto& p : all)
    if (target.default_parameter(p)) out.push_back(p);
  return out;
}

std::vector<Parameter> plain(const std::vector<ScenarioParameter>& ps) {
  std::vector<Parameter> out;
  for (const auto& p : ps) out.push_back(p.parameter);
  return out;
}

TargetSummary target_summary(const Target& t) {
  TargetSummary s{t.name, t.description, t.analysis, t.model, t.options, t.description, false};
  // "packages in the zone ... (count; 0 = no deal ...)": the quantity is the part before the parenthesis.
  if (const auto paren = s.quantity.find(" ("); paren != std::string::npos) s.quantity = s.quantity.substr(0, paren);
  // The war model's target is the share of runs with a ceasefire; every other target is a
  // position or a count.
  s.probability = t.analysis == "simulate";
  return s;
}

json target_json(const TargetSummary& t) {
  return {{"name", t.name}, {"description", t.description}, {"analysis", t.analysis}, {"model", t.model},
          {"options", t.options}};
}

json parameters_json(const std::vector<Parameter>& parameters) {
  json out = json::array();
  for (const auto& p : parameters) out.push_back(parameter_json(p));
  return out;
}

}  // namespace

json list_parameters(const Scenario& scenario, double spread) {
  json out = json::array();
  for (const auto& p : scenario_parameters(scenario, spread)) out.push_back(parameter_json(p.parameter));
  return out;
}

// ---------------------------------------------------------------------------------------- levers

json complete_levers_options(const Scenario& scenario, const json& options) {
  check_keys(options,
             {"target", "target_options", "spread", "parameters", "methods", "samples", "bootstrap", "confidence", "seed",
              "threads"},
             "levers");
  if (!options.contains("target")) throw std::invalid_argument("levers: option 'target' is required");
  json out;
  out["target"] = take<std::string>(options, "target", "");
  const json target_options = options.value("target_options", json::object());
  out["target_options"] = bind_target(scenario, out["target"], target_options).options;
  out["spread"] = take<double>(options, "spread", 10.0);
  out["parameters"] = take<std::vector<std::string>>(options, "parameters", {});
  out["methods"] = take<std::vector<std::string>>(options, "methods", {"tornado", "sobol"});
  for (const auto& m : out["methods"])
    if (m != "tornado" && m != "sobol")
      throw std::invalid_argument(fmt::format("levers: option 'methods': expected tornado or sobol, found '{}'",
                                              m.get<std::string>()));
  out["samples"] = take<std::uint64_t>(options, "samples", 256);
  out["bootstrap"] = take<std::uint64_t>(options, "bootstrap", 200);
  out["confidence"] = take<double>(options, "confidence", 0.95);
  out["seed"] = take<std::uint64_t>(options, "seed", 1);
  take<unsigned>(options, "threads", 0);  // checked, but not part of the result's identity: not echoed
  if (out["samples"].get<std::uint64_t>() < 2) throw std::invalid_argument("levers: option 'samples': expected >= 2");
  const double c = out["confidence"];
  if (!(c > 0.0 && c < 1.0)) throw std::invalid_argument("levers: option 'confidence': expected a level in (0, 1)");
  return out;
}

LeversResult levers_analysis(const Scenario& scenario, const json& options_in) {
  const json options = complete_levers_options(scenario, options_in);
  const Target target = bind_target(scenario, options["target"], options["target_options"]);
  const auto all = scenario_parameters(scenario, options["spread"]);
  const auto chosen = chosen_parameters(all, options["parameters"].get<std::vector<std::string>>(), target);
  if (chosen.empty()) throw std::invalid_argument("levers: the scenario has no parameter with a range to vary");
  const auto parameters = plain(chosen);
  const Model model = scenario_model(scenario, chosen, target);
  const Model oat_model = one_at_a_time_model(model, chosen);
  const unsigned threads = take<unsigned>(options_in, "threads", 0);

  LeversResult result;
  result.target = target_summary(target);
  result.options = options;
  result.parameters = parameters;
  result.base_output = oat_model(base_values(parameters));
  result.notes = target.notes;
  if (std::any_of(chosen.begin(), chosen.end(), [](const ScenarioParameter& p) { return p.random; }))
    result.notes.emplace_back(
        "war-model numbers with a distribution in the scenario stay random at their base value in the one-at-a-time "
        "runs and in the base output (which is then what truce simulate reports); in the Sobol runs every "
        "parameter is fixed to its sampled value");
  const auto methods = options["methods"].get<std::vector<std::string>>();
  auto wants = [&](const char* m) { return std::find(methods.begin(), methods.end(), m) != methods.end(); };

  if (wants("tornado")) {
    const auto tornado = one_at_a_time(parameters, oat_model, threads);
    TornadoTable t;
    t.method = "one at a time: each parameter alone at the low and the high end of its range, "
               "the others at their base values; ranked by swing = |output at high - output at low|";
    for (std::size_t r = 0; r < tornado.bars.size(); ++r) {
      const auto& b = tornado.bars[r];
      const auto& p = parameters[b.parameter];
      t.bars.push_back({r + 1, p.name, p.low, p.high, b.output_at_low, b.output_at_high, b.swing});
    }
    result.tornado = std::move(t);
  }
  if (wants("sobol")) {
    SobolOptions so;
    so.samples = options["samples"];
    so.bootstrap = options["bootstrap"];
    so.confidence = options["confidence"];
    so.seed = options["seed"];
    so.threads = threads;
    SobolResult sobol;
    try {
      sobol = sobol_indices(parameters, model, so);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(fmt::format("target '{}': {}", target.name, e.what()));
    }
    std::vector<std::size_t> order(sobol.indices.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    // Largest total effect first; undefined (NaN) last; ties in parameter order.
    auto key = [&](std::size_t i) { return std::isnan(sobol.indices[i].total) ? -1.0 : sobol.indices[i].total; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
    SobolSummary summary;
    summary.method =
        "Saltelli sampling (A, B and AB_i matrices, seeded Philox4x64 random numbers); first order: Saltelli "
        "et al. 2010 estimator; total: Jansen 1999 estimator; intervals: percentile bootstrap over the rows";
    summary.samples = sobol.samples;
    summary.model_runs = sobol.model_runs;
    summary.output_mean = sobol.output_mean;
    summary.output_variance = sobol.output_variance;
    for (std::size_t i : order) {
      const auto& ix = sobol.indices[i];
      summary.indices.push_back({parameters[i].name, ix.first_order, ix.first_order_interval.low,
                                 ix.first_order_interval.high, ix.total, ix.total_interval.low, ix.total_interval.high});
    }
    result.sobol = std::move(summary);
  }
  return result;
}

json to_json(const LeversResult& r) {
  json result;
  result["analysis"] = "levers";
  result["target"] = target_json(r.target);
  result["options"] = r.options;
  result["parameters"] = parameters_json(r.parameters);
  result["base_output"] = number(r.base_output);
  result["notes"] = r.notes;
  if (r.tornado) {
    json bars = json::array();
    for (const auto& b : r.tornado->bars)
      bars.push_back({{"rank", b.rank},
                      {"parameter", b.parameter},
                      {"low", b.low},
                      {"high", b.high},
                      {"output_at_low", number(b.output_at_low)},
                      {"output_at_high", number(b.output_at_high)},
                      {"swing", number(b.swing)}});
    result["tornado"] = {{"method", r.tornado->method}, {"bars", bars}};
  }
  if (r.sobol) {
    const SobolSummary& s = *r.sobol;
    json indices = json::array();
    for (const auto& ix : s.indices)
      indices.push_back({{"parameter", ix.parameter},
                         {"first_order", number(ix.first_order)},
                         {"first_order_low", number(ix.first_order_low)},
                         {"first_order_high", number(ix.first_order_high)},
                         {"total", number(ix.total)},
                         {"total_low", number(ix.total_low)},
                         {"total_high", number(ix.total_high)}});
    json sj = {{"method", s.method},
               {"samples", s.samples},
               {"model_runs", s.model_runs},
               {"output_mean", number(s.output_mean)},
               {"output_variance", number(s.output_variance)},
               {"indices", indices}};
    if (s.output_constant()) sj["note"] = "the output does not vary over these ranges: the indices are undefined";
    result["sobol"] = sj;
  }
  return result;
}

json run_levers(const Scenario& scenario, const json& options) { return to_json(levers_analysis(scenario, options)); }

// ----------------------------------------------------------------------------- what it takes

ParsedGoal parse_goal(const std::string& text_in) {
  std::string text = text_in;
  // Collapse runs of blanks, trim.
  std::string t;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t') {
      if (!t.empty() && t.back() != ' ') t += ' ';
    } else {
      t += ch;
    }
  }
  while (!t.empty() && t.back() == ' ') t.pop_back();
  if (t == "zopa nonempty" || t == "zopa non-empty") return {"zopa_size", {Comparison::more_than, 0.0}};
  for (const auto& [op, cmp] : std::vector<std::pair<std::string, Comparison>>{{">=", Comparison::at_least},
                                                                             {"<=", Comparison::at_most},
                                                                             {">", Comparison::more_than},
                                                                             {"<", Comparison::less_than}}) {
    const auto at = t.find(op);
    if (at == std::string::npos) continue;
    std::string lhs = t.substr(0, at), rhs = t.substr(at + op.size());
    auto trim = [](std::string s) {
      while (!s.empty() && s.front() == ' ') s.erase(s.begin());
      while (!s.empty() && s.back() == ' ') s.pop_back();
      return s;
    };
    lhs = trim(lhs);
    rhs = trim(rhs);
    double v = 0.0;
    const auto [ptr, ec] = std::from_chars(rhs.data(), rhs.data() + rhs.size(), v);
    if (lhs.empty() || rhs.empty() || ec != std::errc() || ptr != rhs.data() + rhs.size() || !std::isfinite(v))
      break;
    return {lhs, {cmp, v}};
  }
  throw std::invalid_argument(fmt::format(
      "goal '{}': expected \"zopa nonempty\" or \"TARGET OP NUMBER\" with OP one of >=, >, <=, < "
      "(e.g. \"p_ceasefire@12 >= 0.5\")",
      text_in));
}

json complete_what_it_takes_options(const Scenario& scenario, const json& options) {
  check_keys(options, {"goal", "levers", "target_options", "spread", "probes", "tolerance", "seed", "threads"},
             "what-it-takes");
  if (!options.contains("goal")) throw std::invalid_argument("what-it-takes: option 'goal' is required");
  json out;
  out["goal"] = take<std::string>(options, "goal", "");
  const auto parsed = parse_goal(out["goal"]);
  out["target_options"] =
      bind_target(scenario, parsed.target, options.value("target_options", json::object())).options;
  out["spread"] = take<double>(options, "spread", 10.0);
  out["levers"] = take<std::vector<std::string>>(options, "levers", {});
  if (out["levers"].empty()) {
    // Default: the third parties' levers of the dynamics section (those the scenario has).
    const auto all = scenario_parameters(scenario, out["spread"].get<double>());
    std::vector<std::string> found;
    for (const char* alias : {"aid", "sanctions", "guarantee", "pressure"}) {
      try {
        select_parameters(all, {alias});
        found.emplace_back(alias);
      } catch (const std::invalid_argument&) {
        // this scenario has no lever of that kind
      }
    }
    if (found.empty())
      throw std::invalid_argument(
          "what-it-takes: option 'levers' is required here (the scenario has no third-party levers): name the "
          "parameters to move (see truce levers FILE --list-parameters)");
    out["levers"] = found;
  }
  out["probes"] = take<std::uint64_t>(options, "probes", 256);
  out["tolerance"] = take<double>(options, "tolerance", 1e-3);
  out["seed"] = take<std::uint64_t>(options, "seed", 1);
  take<unsigned>(options, "threads", 0);  // checked, but not part of the result's identity: not echoed
  if (!(out["tolerance"].get<double>() > 0.0))
    throw std::invalid_argument("what-it-takes: option 'tolerance': expected a number > 0");
  return out;
}

WhatItTakesResult what_it_takes_analysis(const Scenario& scenario, const json& options_in) {
  const json options = complete_what_it_takes_options(scenario, options_in);
  const auto parsed = parse_goal(options["goal"]);
  const Target target = bind_target(scenario, parsed.target, options["target_options"]);
  const auto all = scenario_parameters(scenario, options["spread"]);
  const auto chosen = select_parameters(all, options["levers"].get<std::vector<std::string>>());
  const auto levers = plain(chosen);
  const Model model = scenario_model(scenario, chosen, target);
  MinimalChangeOptions mo;
  mo.probes = options["probes"];
  mo.tolerance = options["tolerance"];
  mo.seed = options["seed"];
  mo.threads = take<unsigned>(options_in, "threads", 0);

  WhatItTakesResult result;
  result.search = minimal_change(levers, model, parsed.goal, mo);
  result.target = target_summary(target);
  result.goal = parsed.goal.describe(target.name);
  result.notes = target.notes;
  result.options = options;
  result.levers = levers;
  result.norm = "sum over levers of |change| / (high - low): each change in its lever's own range; "
                "1 = one lever moved across its whole range";
  result.method =
      "each lever alone toward each end (scan in 16 steps, then bisection), all corners of the box (up to 10 levers) "
      "and seeded random probes; every point meeting the goal pulled back toward the base, then a compass search";
  result.guarantee =
      "the change found meets the goal (it was evaluated); along one lever it is minimal to within the tolerance "
      "unless the goal holds only between two scan steps; for combinations it is a local minimum of the compass "
      "search, an upper bound on the true minimum";
  if (!result.search.reachable)
    result.conclusion = fmt::format(
        "no change of these levers within their ranges reaches the goal {}; the closest point found gives {:.6g}",
        result.goal, result.search.closest_output);
  return result;
}

json to_json(const WhatItTakesResult& w) {
  const MinimalChange& r = w.search;
  const auto& levers = w.levers;
  json result;
  result["analysis"] = "what-it-takes";
  result["target"] = target_json(w.target);
  result["goal"] = w.goal;
  result["notes"] = w.notes;
  result["options"] = w.options;
  result["levers"] = parameters_json(levers);
  result["norm"] = w.norm;
  result["method"] = w.method;
  result["guarantee"] = w.guarantee;
  result["base_output"] = number(r.base_output);
  result["base_meets_goal"] = r.base_meets_goal;
  result["reachable"] = r.reachable;
  result["model_runs"] = r.model_runs;
  json single = json::object();
  for (std::size_t i = 0; i < levers.size(); ++i) single[levers[i].name] = number(r.single_lever_norm[i]);
  result["single_lever_norm"] = single;
  if (r.reachable) {
    result["norm_value"] = r.norm;
    result["output"] = number(r.output);
    result["found_by"] = r.found_by;
    json changes = json::array();
    for (const auto& c : r.changes)
      changes.push_back({{"lever", levers[c.lever].name},
                         {"from", c.from},
                         {"to", c.to},
                         {"change", c.to - c.from},
                         {"change_in_range_units", c.change_in_range_units},
                         {"unit", levers[c.lever].unit}});
    result["changes"] = changes;
  } else {
    json closest = json::array();
    for (std::size_t i = 0; i < levers.size(); ++i)
      closest.push_back({{"lever", levers[i].name}, {"value", r.closest_point[i]}});
    result["closest"] = {{"levers", closest}, {"output", number(r.closest_output)}};
    json binding = json::array();
    for (std::size_t i : r.binding)
      binding.push_back({{"lever", levers[i].name},
                         {"at", r.closest_point[i] == levers[i].high ? "high" : "low"},
                         {"value", r.closest_point[i]}});
    result["binding"] = binding;
    result["conclusion"] = w.conclusion;
  }
  return result;
}

json run_what_it_takes(const Scenario& scenario, const json& options) {
  return to_json(what_it_takes_analysis(scenario, options));
}

}  // namespace truce::levers
