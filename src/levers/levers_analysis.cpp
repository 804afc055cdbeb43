#include "truce/levers/levers_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "truce/levers/one_at_a_time.hpp"
#include "truce/levers/parameter_registry.hpp"
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
  return {{"name", p.name},
          {"base", p.base},
          {"low", p.low},
          {"high", p.high},
          {"unit", p.unit},
          {"range_from", p.range_from},
          {"range_kind", range_kind_name(p.range_kind)},
          {"distribution", distribution_name(p.distribution)}};
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
  s.monte_carlo_runs = t.monte_carlo_runs;
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

// The tornado of a one-at-a-time run: ranked by swing when some swing stands out, else in
// parameter order with a sentence that says why there is no ranking.
TornadoTable tornado_table(const Tornado& tornado, const std::vector<Parameter>& parameters, std::uint64_t runs) {
  TornadoTable t;
  t.method = "one at a time: each parameter alone at the low and the high end of its range, "
             "the others at their base values; ranked by swing = |output at high - output at low|";
  // A share of `runs` runs has variance p (1 - p) / runs; the swing is a difference of two.
  auto noise = [runs](double a, double b) {
    if (runs == 0 || !std::isfinite(a) || !std::isfinite(b)) return 0.0;
    return 1.96 * std::sqrt((a * (1.0 - a) + b * (1.0 - b)) / static_cast<double>(runs));
  };
  bool any_defined = false, any_nonzero = false, stands_out = false;
  double widest_noise = 0.0;
  std::vector<std::size_t> index;  // each row's parameter
  for (std::size_t r = 0; r < tornado.bars.size(); ++r) {
    const auto& b = tornado.bars[r];
    const auto& p = parameters[b.parameter];
    TornadoRow row{r + 1, p.name, p.low, p.high, b.output_at_low, b.output_at_high, b.swing,
                   noise(b.output_at_low, b.output_at_high)};
    if (!std::isnan(b.swing)) {
      any_defined = true;
      any_nonzero = any_nonzero || b.swing > 0.0;
      stands_out = stands_out || !row.within_noise();
      widest_noise = std::max(widest_noise, row.noise);
    }
    t.bars.push_back(std::move(row));
    index.push_back(b.parameter);
  }
  if (!any_defined || stands_out) return t;
  t.ranked = false;
  std::vector<TornadoRow> in_order(t.bars.size());
  for (std::size_t r = 0; r < t.bars.size(); ++r) {
    in_order[index[r]] = std::move(t.bars[r]);
    in_order[index[r]].rank = 0;
  }
  t.bars = std::move(in_order);
  if (!any_nonzero)
    t.conclusion = fmt::format("no parameter moves the output: every swing is 0 over these ranges, so none is "
                               "largest (the {} parameters are listed in their order)",
                               parameters.size());
  else
    t.conclusion = fmt::format(
        "no parameter moves the output beyond the Monte Carlo error: every swing is within what two estimates of {} "
        "runs can differ by chance (up to {:.3f} here, at 95%), so none is largest (the {} parameters are listed in "
        "their order; raise --target-option runs=... to resolve smaller effects)",
        runs, widest_noise, parameters.size());
  return t;
}

}  // namespace

json list_parameters(const Scenario& scenario, double spread, Ranges ranges) {
  json out = json::array();
  for (const auto& p : scenario_parameters(scenario, spread, ranges)) out.push_back(parameter_json(p.parameter));
  return out;
}

// ---------------------------------------------------------------------------------------- levers

namespace {

// The options levers and what-it-takes share, declared once for both tables.
template <class O>
OptionField<O> target_options_option() {
  return object_option("target_options", &O::target_options,
                       "options of the target's analysis (on the command line: --model, --target-option)");
}
template <class O>
OptionField<O> spread_option() {
  return number_option("spread", &O::spread, 0.0, 1000.0,
                       "range +-X%, of physical quantities the scenario gives no range for (with ranges=spread, "
                       "of every number)");
}
template <class O>
OptionField<O> ranges_option() {
  return choice_option("ranges", &O::ranges, {{Ranges::natural, "natural"}, {Ranges::spread, "spread"}},
                       "natural: a lever's probability over its whole range 0..1 (a policy choice), other numbers "
                       "+-spread; spread: every number +-spread, probabilities too");
}
template <class O>
OptionField<O> seed_option() {
  return whole_number_option("seed", &O::seed, 0, std::nullopt, "seed of every random number: same seed, same output");
}
template <class O>
OptionField<O> threads_option() {
  return not_written(
      whole_number_option("threads", &O::threads, 0, 1024, "threads (0 = all cores); the output does not depend on it"));
}

}  // namespace

const OptionTable<LeversOptions>& levers_option_table() {
  using O = LeversOptions;
  static const OptionTable<O> table = option_table<O>("levers", {
        required(text_option("target", &O::target, "the output to study, e.g. zopa_size or p_ceasefire@12")),
        target_options_option<O>(),
        spread_option<O>(),
        ranges_option<O>(),
        text_list_option("parameters", &O::parameters,
                         "parameters to vary: names, patterns with '*', or NAME=LOW:HIGH; none: those the target's "
                         "model reads (see --list-parameters)"),
        with_aliases(with_flag(choice_list_option("methods", &O::methods, {"tornado", "sobol"},
                                                  "one at a time (tornado), Sobol indices, or both"),
                               "method"),
                     {{"both", "tornado,sobol"}}),
        whole_number_option("samples", &O::samples, 2, std::nullopt,
                            "Sobol: N, rows of the Saltelli matrices (N (d + 2) model runs)"),
        whole_number_option("bootstrap", &O::bootstrap, 0, std::nullopt,
                            "Sobol: bootstrap resamples for the intervals (0 = none)"),
        exclusive_bounds(number_option("confidence", &O::confidence, 0.0, 1.0, "Sobol: level of the intervals"), true,
                         true),
        seed_option<O>(),
        threads_option<O>(),
  });
  return table;
}

const OptionTable<WhatItTakesOptions>& what_it_takes_option_table() {
  using O = WhatItTakesOptions;
  static const OptionTable<O> table = option_table<O>("what-it-takes", {
        required(text_option("goal", &O::goal,
                             "\"zopa nonempty\", or \"TARGET OP NUMBER\" with OP >=, >, <=, < (e.g. "
                             "\"forecast.territory <= 50\")")),
        text_list_option("levers", &O::levers,
                         "levers to move: parameter names, patterns with '*', or NAME=LOW:HIGH (see truce levers "
                         "FILE --list-parameters); none: the third parties' levers of the dynamics section (the "
                         "effects of aid, sanctions, guarantee, and every lever's probability)"),
        target_options_option<O>(),
        spread_option<O>(),
        ranges_option<O>(),
        whole_number_option("probes", &O::probes, 0, std::nullopt,
                            "seeded random points of the levers' box searched for combinations"),
        exclusive_bounds(number_option("tolerance", &O::tolerance, 0.0, std::nullopt,
                                       "precision of the change, in range units"),
                         true, false),
        seed_option<O>(),
        threads_option<O>(),
  });
  return table;
}

LeversOptions levers_options(const Scenario& scenario, const json& given) {
  LeversOptions o = levers_option_table().parse(given);
  o.target_options = bind_target(scenario, o.target, o.target_options).options;
  return o;
}

json complete_levers_options(const Scenario& scenario, const json& options) {
  return levers_option_table().write(levers_options(scenario, options));
}

LeversResult levers_analysis(const Scenario& scenario, const json& options) {
  return levers_analysis(scenario, levers_options(scenario, options));
}

LeversResult levers_analysis(const Scenario& scenario, const LeversOptions& o) {
  const Target target = bind_target(scenario, o.target, o.target_options);
  const auto all = scenario_parameters(scenario, o.spread, o.ranges);
  const auto chosen = chosen_parameters(all, o.parameters, target);
  if (chosen.empty()) throw std::invalid_argument("levers: the scenario has no parameter with a range to vary");
  const auto parameters = plain(chosen);
  const Model model = scenario_model(scenario, chosen, target);
  const Model oat_model = one_at_a_time_model(model, chosen);
  const unsigned threads = o.threads;

  LeversResult result;
  result.target = target_summary(target);
  result.options = o;
  result.parameters = parameters;
  result.base_output = oat_model(base_values(parameters));
  result.notes = target.notes;
  if (std::any_of(chosen.begin(), chosen.end(), [](const ScenarioParameter& p) { return p.random; }))
    result.notes.emplace_back(
        "war-model numbers with a distribution in the scenario stay random at their base value in the one-at-a-time "
        "runs and in the base output (which is then what truce simulate reports); in the Sobol runs every "
        "parameter is fixed to its sampled value");
  const auto& methods = o.methods;
  auto wants = [&](const char* m) { return std::find(methods.begin(), methods.end(), m) != methods.end(); };

  if (wants("tornado")) {
    result.tornado = tornado_table(one_at_a_time(parameters, oat_model, threads), parameters, target.monte_carlo_runs);
  }
  if (wants("sobol")) {
    SobolOptions so;
    so.samples = o.samples;
    so.bootstrap = o.bootstrap;
    so.confidence = o.confidence;
    so.seed = o.seed;
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

Headline levers_headline(const LeversResult& r) {
  Headline h{{"base_output", "Base: " + r.target.quantity, r.base_output, r.target.probability ? "probability" : ""}};
  if (r.tornado) {
    if (r.tornado->ranked && !r.tornado->bars.empty()) {
      const TornadoRow& top = r.tornado->bars.front();
      h.push_back({"top_lever", "Lever with the largest swing", top.parameter, ""});
      h.push_back({"top_lever_swing", "Its swing of " + r.target.name, top.swing, r.target.probability ? "probability" : ""});
    } else {
      // An unranked table has no top lever: saying so is the finding, not a missing figure.
      h.push_back({"top_lever", "Lever with the largest swing", std::string("none stands out"), ""});
    }
  }
  if (r.sobol && !r.sobol->indices.empty() && !r.sobol->output_constant()) {
    const SobolIndexRow& top = r.sobol->indices.front();
    h.push_back({"top_sobol_parameter", "Largest total Sobol effect", top.parameter, ""});
    h.push_back({"top_sobol_total", "Its total-effect index", top.total, "share of variance"});
  }
  return h;
}

json to_json(const LeversResult& r) {
  json result;
  result["analysis"] = "levers";
  result["target"] = target_json(r.target);
  result["options"] = levers_option_table().write(r.options);
  result["parameters"] = parameters_json(r.parameters);
  result["base_output"] = number(r.base_output);
  result["notes"] = r.notes;
  if (r.tornado) {
    json bars = json::array();
    for (const auto& b : r.tornado->bars) {
      json bar = {{"rank", r.tornado->ranked ? json(b.rank) : json(nullptr)},
                  {"parameter", b.parameter},
                  {"low", b.low},
                  {"high", b.high},
                  {"output_at_low", number(b.output_at_low)},
                  {"output_at_high", number(b.output_at_high)},
                  {"swing", number(b.swing)}};
      if (r.target.monte_carlo_runs > 0) {
        bar["noise"] = b.noise;
        bar["within_noise"] = !std::isnan(b.swing) && b.within_noise();
      }
      bars.push_back(std::move(bar));
    }
    result["tornado"] = {{"method", r.tornado->method}, {"ranked", r.tornado->ranked}, {"bars", bars}};
    if (!r.tornado->ranked) result["tornado"]["conclusion"] = r.tornado->conclusion;
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
  result["headline"] = headline_to_json(levers_headline(r));
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

WhatItTakesOptions what_it_takes_options(const Scenario& scenario, const json& given) {
  WhatItTakesOptions o = what_it_takes_option_table().parse(given);
  const auto parsed = parse_goal(o.goal);
  o.target_options = bind_target(scenario, parsed.target, o.target_options).options;
  if (o.levers.empty()) {
    // Default: the third parties' levers the scenario has: the effects of every kind with an
    // alias of the parameter registry (aid, sanctions, guarantee), in its order, then whether
    // each lever is used at all (every lever's probability, pressure levers' only number):
    // using a lever is the policy choice, so what-it-takes searches it over 0..1 as levers
    // does (the US guarantee made certain would otherwise be out of reach).
    const auto all = scenario_parameters(scenario, o.spread, o.ranges);
    std::vector<std::string> aliases;
    for (const auto& entry : parameter_registry())
      if (!entry.alias.empty() && entry.kind != ParameterKind::lever_probability &&
          std::find(aliases.begin(), aliases.end(), entry.alias) == aliases.end())
        aliases.push_back(entry.alias);
    aliases.emplace_back("lever_probability.*");
    for (const auto& alias : aliases) {
      try {
        select_parameters(all, {alias});
        o.levers.emplace_back(alias);
      } catch (const std::invalid_argument&) {
        // this scenario has no lever of that kind
      }
    }
    if (o.levers.empty())
      throw std::invalid_argument(
          "what-it-takes option 'levers': required here (the scenario has no third-party levers): name the "
          "parameters to move (see truce levers FILE --list-parameters)");
  }
  return o;
}

json complete_what_it_takes_options(const Scenario& scenario, const json& options) {
  return what_it_takes_option_table().write(what_it_takes_options(scenario, options));
}

WhatItTakesResult what_it_takes_analysis(const Scenario& scenario, const json& options) {
  return what_it_takes_analysis(scenario, what_it_takes_options(scenario, options));
}

WhatItTakesResult what_it_takes_analysis(const Scenario& scenario, const WhatItTakesOptions& o) {
  const auto parsed = parse_goal(o.goal);
  const Target target = bind_target(scenario, parsed.target, o.target_options);
  const auto all = scenario_parameters(scenario, o.spread, o.ranges);
  const auto chosen = select_parameters(all, o.levers);
  const auto levers = plain(chosen);
  const Model model = scenario_model(scenario, chosen, target);
  MinimalChangeOptions mo;
  mo.probes = o.probes;
  mo.tolerance = o.tolerance;
  mo.seed = o.seed;
  mo.threads = o.threads;

  WhatItTakesResult result;
  result.search = minimal_change(levers, model, parsed.goal, mo);
  result.target = target_summary(target);
  result.goal = parsed.goal.describe(target.name);
  result.notes = target.notes;
  result.options = o;
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

Headline what_it_takes_headline(const WhatItTakesResult& w) {
  const MinimalChange& r = w.search;
  const std::string unit = w.target.probability ? "probability" : "";
  Headline h{{"goal", "Goal", w.goal, ""},
             {"base_meets_goal", "Goal met without any change", r.base_meets_goal, ""},
             {"reachable", "Goal reachable within the levers' ranges", r.reachable, ""},
             {"base_output", "Base: " + w.target.quantity, r.base_output, unit}};
  if (r.reachable) {
    h.push_back({"smallest_change", "Smallest change (" + w.norm + ")", r.norm, ""});
    h.push_back({"output_at_change", w.target.quantity + " after that change", r.output, unit});
  } else {
    h.push_back({"closest_output", "Closest " + w.target.quantity + " found", r.closest_output, unit});
  }
  return h;
}

json to_json(const WhatItTakesResult& w) {
  const MinimalChange& r = w.search;
  const auto& levers = w.levers;
  json result;
  result["analysis"] = "what-it-takes";
  result["target"] = target_json(w.target);
  result["goal"] = w.goal;
  result["notes"] = w.notes;
  result["options"] = what_it_takes_option_table().write(w.options);
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
  result["headline"] = headline_to_json(what_it_takes_headline(w));
  return result;
}

json run_what_it_takes(const Scenario& scenario, const json& options) {
  return to_json(what_it_takes_analysis(scenario, options));
}

}  // namespace truce::levers
