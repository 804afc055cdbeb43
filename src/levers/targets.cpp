#include "truce/levers/targets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>

#include "truce/forecast/forecast_analysis.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/dynamics/war_model.hpp"
#include "truce/levers/philox_stream.hpp"
#include "truce/space/agreement_space.hpp"
#include "truce/space/package_space.hpp"
#include "truce/space/space_report.hpp"

namespace truce::levers {

namespace {

std::size_t scale_issue(const Scenario& scenario, const std::string& target, const std::string& id) {
  const auto issue = find_issue(scenario, id);
  if (!issue) {
    std::string known;
    for (const auto& i : scenario.issues) known += (known.empty() ? "" : ", ") + i.id;
    throw std::invalid_argument(
        fmt::format("target '{}': expected an issue of the scenario ({}), found '{}'", target, known, id));
  }
  if (scenario.issues[*issue].kind != IssueKind::scale)
    throw std::invalid_argument(
        fmt::format("target '{}': issue '{}' has options, not a scale; expected a scale issue", target, id));
  return *issue;
}

// The default forecasting model of forecast.ISSUE targets: the expected-utility model,
// iterative and non-linear, whose sensitivities cannot be read off the inputs (those of the
// compromise and median models can).
constexpr const char* default_forecast_model = "eum";

Target forecast_target(const Scenario& scenario, const std::string& name, std::string model_name,
                       const std::string& issue_id, const nlohmann::json& options) {
  // The target's options: "model" and the forecast analysis's own (mode and each model's).
  std::string allowed = "model";
  for (const auto& field : forecast_option_table().fields)
    if (field.spec.name != "models") allowed += ", " + field.spec.name;
  for (const auto& item : options.items()) {
    const std::string& key = item.key();
    const bool known = key == "model" || (key != "models" && forecast_option_table().field(key));
    if (!known)
      throw std::invalid_argument(fmt::format(
          "target '{}': unknown target option '{}'; expected {} (as for truce forecast)", name, key, allowed));
  }
  if (model_name.empty()) model_name = default_forecast_model;
  const ForecastModel* model = find_forecast_model(model_name);
  if (!model) {
    std::string list;
    for (const auto& m : known_forecast_models()) list += (list.empty() ? "" : ", ") + m;
    throw std::invalid_argument(
        fmt::format("target '{}': expected a forecasting model ({}), found '{}'", name, list, model_name));
  }
  const std::size_t k = scale_issue(scenario, name, issue_id);
  nlohmann::json given = options;
  given.erase("model");
  given["models"] = {model_name};
  // Completed on the base scenario, with every Nash disagreement point fixed there: a rule's
  // point (the scale end far from the weighted mean) must not move with the parameters.
  ForecastOptions complete = forecast_options(scenario, given);
  fix_nash_disagreement_points(scenario, complete.nash);
  const nlohmann::json written = forecast_option_table().write(complete);

  Target t;
  // The forecasting models read capabilities, positions and saliences only.
  t.default_parameter = [](const ScenarioParameter& p) {
    return p.kind() == ParameterKind::capability || p.kind() == ParameterKind::position ||
           p.kind() == ParameterKind::salience;
  };
  t.name = name;
  t.analysis = "forecast";
  t.model = model_name;
  t.description = fmt::format("forecast position on {} (0..100), {} model", scenario.issues[k].name, model_name);
  // The options that decide the number: the mode and the model's own, when it has any.
  t.options = {{"model", model_name}, {"mode", written["mode"]}};
  if (written.contains(model_name)) t.options[model_name] = written[model_name];
  t.evaluate = [model, k, complete, name](const Scenario& s) {
    const auto position = forecast_position(*model, s, k, complete);
    if (!position)
      throw std::invalid_argument(
          fmt::format("target '{}': the {} model gives no forecast for this issue (no actor with positive capability "
                      "x salience takes part, or, for nash, an actor stands on the disagreement point: `truce "
                      "forecast` says which)",
                      name, model->name));
    return *position;
  };
  return t;
}

// zopa_size (nash_issue empty) or nash.ISSUE.
Target space_target(const Scenario& scenario, const std::string& name, const std::optional<std::size_t>& nash_issue,
                    const nlohmann::json& options) {
  space::SpaceOptions complete = space::space_option_table().parse(options);
  // Each evaluation runs on one thread (the levers engine runs evaluations in parallel) and
  // needs no blocking-set search; neither changes the ZOPA or the Nash point.
  complete.threads = 1;
  complete.max_blocking_set = 0;
  // One run on the base scenario checks actor and red line ids before any sampling.
  space::analyse_space(space::package_space_of(scenario), complete);
  Target t;
  // The agreement space does not read the war model's numbers.
  t.default_parameter = [](const ScenarioParameter& p) { return !p.is_war_model(); };
  t.name = name;
  t.analysis = "space";
  // As the levers result has always shown them: with the one thread each evaluation uses.
  t.options = space::space_option_table().write(complete);
  t.options["threads"] = complete.threads;
  if (!nash_issue) {
    t.model = "zopa";
    t.description = "packages in the zone of possible agreement (count; 0 = no deal every veto actor accepts)";
    t.evaluate = [complete](const Scenario& s) {
      return static_cast<double>(space::analyse_space(space::package_space_of(s), complete).zopa);
    };
    return t;
  }
  const std::size_t k = *nash_issue;
  t.model = complete.capability_weighted_nash ? "nash (capability-weighted)" : "nash";
  t.description = fmt::format(
      "position on {} (0..100) of the Nash point of the agreement space (undefined where the ZOPA is empty)",
      scenario.issues[k].name);
  t.evaluate = [complete, k](const Scenario& s) {
    const auto space = space::package_space_of(s);  // k is a scale issue: its values have positions
    const auto r = space::analyse_space(space, complete);
    if (!r.nash) return std::numeric_limits<double>::quiet_NaN();
    return space.issues[k].values[space.values_of(r.nash->point.package)[k]].position.value();
  };
  return t;
}

// The options of a p_ceasefire@M target.
struct CeasefireTargetOptions {
  std::uint64_t runs = 200;
  std::uint64_t seed = 1;
};

const OptionTable<CeasefireTargetOptions>& ceasefire_target_option_table() {
  using O = CeasefireTargetOptions;
  static const OptionTable<O> table = option_table<O>("p_ceasefire target", {
        whole_number_option("runs", &O::runs, 1, 100000000, "war-model runs per evaluation"),
        whole_number_option("seed", &O::seed, 0, std::nullopt, "seed of the runs (the same runs for every value)"),
  });
  return table;
}

// Sets the war-model numbers a parameter vector fixes in one run's sampled numbers (NaN: keep
// the draw). Lever probabilities decide `used` from a uniform of our own stream, keyed by the
// run and the lever, so every evaluation sees the same draw.
void fix_run_parameters(dynamics::RunParameters& p, const std::vector<ScenarioParameter>& ps,
                        const std::vector<double>& x, const PhiloxStream& lever_use, std::uint64_t run) {
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const double v = x[i];
    const auto& q = ps[i];
    if (std::isnan(v) || !q.is_war_model()) continue;  // stances live in the war model's deal space
    if (q.kind() == ParameterKind::lever_probability) {
      p.levers[q.element].used = v >= 1.0 || (v > 0.0 && lever_use.uniform(run * p.levers.size() + q.element) < v);
      continue;
    }
    set_in_run(*q.entry, p, q.element, v);
  }
}

bool ceasefire_by(const dynamics::RunResult& r, int months) {
  return r.outcome == dynamics::Outcome::ceasefire && r.month <= months;
}

Target ceasefire_target(const Scenario& scenario, const std::string& name, int months, const nlohmann::json& options) {
  if (!scenario.dynamics)
    throw std::invalid_argument(fmt::format(
        "target '{}': the scenario has no dynamics section (the war model's numbers; see docs/dynamics.md)", name));
  if (months > 1200) throw std::invalid_argument(fmt::format("target '{}': expected at most 1200 months", name));
  const auto o = ceasefire_target_option_table().parse_at(options, fmt::format("target '{}'", name), "");
  const std::uint64_t runs = o.runs, seed = o.seed;
  dynamics::WarModel check(scenario);  // throws for a dynamics section the war model cannot use
  Target t;
  t.name = name;
  t.analysis = "simulate";
  t.model = "war model (bargaining while fighting), Monte Carlo";
  t.description = fmt::format("probability of a ceasefire within {} month{} ({} runs per evaluation)", months,
                              months == 1 ? "" : "s", runs);
  t.options = ceasefire_target_option_table().write(o);
  t.monte_carlo_runs = runs;
  t.notes.push_back(fmt::format(
      "each evaluation is the share of {} seeded runs of the war model ending in a ceasefire by month {}, the same "
      "runs (common random numbers) for every parameter value: differences between evaluations come from the "
      "parameters, not from drawing other runs, but each value keeps the Monte Carlo error of {} runs (up to "
      "+-{:.3f} at 95%); the scenario's distributions not studied are sampled in each run",
      runs, months, runs, 1.96 * 0.5 / std::sqrt(static_cast<double>(runs))));
  t.evaluate = [runs, seed, months](const Scenario& s) {
    const dynamics::WarModel model(s);
    std::uint64_t hits = 0;
    for (std::uint64_t r = 0; r < runs; ++r) hits += ceasefire_by(model.run(model.sample(seed, r), months), months);
    return static_cast<double>(hits) / static_cast<double>(runs);
  };
  // The war-model numbers a parameter vector fixes are set in each run's draws (so a lever's
  // probability decides its use from the same uniform at every value). When only war-model
  // numbers move, one war model serves every evaluation; otherwise (stances, capabilities,
  // red lines) the deal space changes and the war model is rebuilt for each evaluation.
  const Scenario* base = &scenario;
  t.prepare = [runs, seed, months, base](const std::vector<ScenarioParameter>& ps) -> Model {
    const PhiloxStream lever_use(seed, stream_lever_use);
    auto play = [ps, runs, seed, months, lever_use](const dynamics::WarModel& model, const std::vector<double>& x) {
      std::uint64_t hits = 0;
      for (std::uint64_t r = 0; r < runs; ++r) {
        auto p = model.sample(seed, r);
        fix_run_parameters(p, ps, x, lever_use, r);
        hits += ceasefire_by(model.run(p, months), months);
      }
      return static_cast<double>(hits) / static_cast<double>(runs);
    };
    const bool war_only = std::all_of(ps.begin(), ps.end(), [](const ScenarioParameter& p) { return p.is_war_model(); });
    if (war_only) {
      auto model = std::make_shared<const dynamics::WarModel>(*base);
      return [model, play](const std::vector<double>& x) { return play(*model, x); };
    }
    return [base, ps, play](const std::vector<double>& x) {
      const Scenario s = with_values(*base, ps, x);
      const dynamics::WarModel model(s);
      return play(model, x);
    };
  };
  t.default_parameter = [](const ScenarioParameter& p) { return p.is_war_model(); };
  return t;
}

}  // namespace

std::vector<std::string> target_forms() {
  return {"forecast.ISSUE        where a scale issue settles (forecast; model from --model)",
          "forecast.MODEL.ISSUE  the same under a named forecasting model",
          "zopa_size             packages in the zone of possible agreement (agreement space)",
          "nash.ISSUE            the Nash point's position on a scale issue (agreement space)",
          "p_ceasefire@M         probability of a ceasefire within M months (war dynamics)"};
}

namespace {

Target bind_unchecked(const Scenario& scenario, const std::string& name, const nlohmann::json& options) {
  if (!options.is_object())
    throw std::invalid_argument(fmt::format("target '{}': expected its options as a JSON object", name));
  if (name == "zopa_size") return space_target(scenario, name, std::nullopt, options);
  if (name.rfind("nash.", 0) == 0) return space_target(scenario, name, scale_issue(scenario, name, name.substr(5)), options);
  if (name.rfind("forecast.", 0) == 0) {
    const std::string rest = name.substr(9);
    const auto dot = rest.find('.');
    if (dot == std::string::npos) {
      const std::string model = options.contains("model") ? options["model"].get<std::string>() : "";
      return forecast_target(scenario, name, model, rest, options);
    }
    return forecast_target(scenario, name, rest.substr(0, dot), rest.substr(dot + 1), options);
  }
  if (name.rfind("p_ceasefire@", 0) == 0) {
    const std::string m = name.substr(12);
    int months = 0;
    const auto [ptr, ec] = std::from_chars(m.data(), m.data() + m.size(), months);
    if (m.empty() || ec != std::errc() || ptr != m.data() + m.size() || months < 1)
      throw std::invalid_argument(
          fmt::format("target '{}': expected a number of months >= 1 after '@', found '{}'", name, m));
    return ceasefire_target(scenario, name, months, options);
  }
  std::string forms;
  for (const auto& f : target_forms()) forms += "\n  " + f;
  throw std::invalid_argument(fmt::format("unknown target '{}'; expected one of:{}", name, forms));
}

}  // namespace

Target bind_target(const Scenario& scenario, const std::string& name, const nlohmann::json& options) {
  Target t = bind_unchecked(scenario, name, options);
  // One evaluation at the base, before any sampling: options the target's analysis refuses
  // (std::invalid_argument) and work over the budget are reported once, here. Any other
  // exception is a bug and reaches the caller as one.
  (void)t.evaluate(scenario);
  return t;
}

}  // namespace truce::levers
