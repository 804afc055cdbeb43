#include "truce/levers/policies.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "truce/levers/parameter.hpp"
#include "truce/levers/scenario_parameters.hpp"

namespace truce::levers {

namespace {

// Rounded to 12 significant digits, as simulate's figures, so sums' last bits never show.
double tidy(double x) { return std::isfinite(x) && x != 0 ? std::stod(fmt::format("{:.12g}", x)) : x; }

// The parameter a change names, or an error that lists the names it may have meant.
const ScenarioParameter& named_parameter(const std::vector<ScenarioParameter>& all, const Policy& policy,
                                         const PolicyChange& change) {
  for (const auto& p : all)
    if (p.parameter.name == change.parameter) return p;
  // Suggest the names that share the first two parts ("lever_probability.united-states").
  const auto second_dot = change.parameter.find('.', change.parameter.find('.') + 1);
  const std::string stem = change.parameter.substr(0, second_dot);
  std::string near;
  for (const auto& p : all)
    if (p.parameter.name.rfind(stem, 0) == 0) near += (near.empty() ? "" : ", ") + p.parameter.name;
  throw std::invalid_argument(fmt::format(
      "policy '{}': no parameter '{}' in this scenario{}", policy.id, change.parameter,
      near.empty() ? " (truce levers FILE --method tornado lists the parameters)" : "; did you mean one of: " + near));
}

// A policy's changes resolved against the scenario's parameters, in its order: the parameter
// each names and the value it sets. Throws std::invalid_argument for a name the scenario does
// not have or a policy number outside its range.
struct ResolvedPolicy {
  std::vector<ScenarioParameter> parameters;
  std::vector<double> values;
};
ResolvedPolicy resolve(const std::vector<ScenarioParameter>& all, const Policy& policy) {
  ResolvedPolicy out;
  for (const auto& c : policy.set) {
    const auto& param = named_parameter(all, policy, c);
    if (param.parameter.range_kind == RangeKind::natural && (c.value < param.parameter.low || c.value > param.parameter.high))
      throw std::invalid_argument(fmt::format("policy '{}': {} must lie in {}..{}, found {}", policy.id, c.parameter,
                                              param.parameter.low, param.parameter.high, c.value));
    out.parameters.push_back(param);
    out.values.push_back(c.value);
  }
  return out;
}

PolicyOutcome outcome_of(const dynamics::SimulateResult& r, const std::vector<int>& months) {
  PolicyOutcome o;
  for (const int m : months) {
    o.at.push_back({m, r.ceasefire_by_month[static_cast<std::size_t>(m)].probability, 0, 0, 0, std::nullopt});
    if (!r.ceasefire_holding_by_month.empty())
      o.at.back().holding = r.ceasefire_holding_by_month[static_cast<std::size_t>(m)].probability;
  }
  o.ceasefires = r.ceasefires;
  if (!r.frequent_packages.empty()) {
    o.usual_terms = r.frequent_packages.front().terms;
    o.usual_terms_share = r.frequent_packages.front().share;
  }
  if (!r.blocking.empty() && r.blocking.front().run_months > 0) {
    o.most_blocking = r.blocking.front().constraint;
    o.most_blocking_share = r.blocking.front().share;
  }
  return o;
}

}  // namespace

const OptionTable<PoliciesOptions>& policies_option_table() {
  using O = PoliciesOptions;
  static const OptionTable<O> table = option_table<O>("policies", {
        whole_number_option("months", &O::months, 1, 1200, "horizon in months"),
        whole_number_option("runs", &O::runs, 1, 1e8, "Monte Carlo runs per policy (the same runs for each)"),
        whole_number_option("seed", &O::seed, 0, std::nullopt, "seed of the random streams"),
        text_list_option("policies", &O::policies, "the policies to run, by id (empty: every policy of the scenario)"),
        number_option("interval_level", &O::interval_level, 0.5, 0.999, "level of the intervals on the differences"),
        not_written(whole_number_option("threads", &O::threads, 0, 1024,
                                        "threads (0: every core); the result does not depend on it")),
  });
  return table;
}

std::vector<std::string> policy_problems(const Scenario& scenario) {
  std::vector<std::string> out;
  if (scenario.policies.empty()) return out;
  const auto parameters = scenario_parameters(scenario, 10.0);
  // Every change of every policy: each problem, not only a policy's first.
  for (const auto& p : scenario.policies)
    for (const auto& c : p.set) {
      Policy one = p;
      one.set = {c};
      try {
        resolve(parameters, one);
      } catch (const std::invalid_argument& e) {
        out.emplace_back(e.what());
      }
    }
  return out;
}

Scenario with_policy(const Scenario& scenario, const std::string& policy_id) {
  for (const auto& p : scenario.policies)
    if (p.id == policy_id) {
      const ResolvedPolicy change = resolve(scenario_parameters(scenario, 10.0), p);
      return with_values(scenario, change.parameters, change.values);
    }
  throw std::invalid_argument(fmt::format("no policy '{}' in this scenario", policy_id));
}

nlohmann::json complete_policies_options(const Scenario&, const nlohmann::json& options) {
  return policies_option_table().write(policies_option_table().parse(options));
}

PoliciesResult policies_analysis(const Scenario& scenario, const PoliciesOptions& options) {
  if (!scenario.dynamics) throw std::invalid_argument("policies need a dynamics section (the war model) in the scenario");
  if (scenario.policies.empty())
    throw std::invalid_argument("the scenario defines no policies (a 'policies' list: docs/policies.md)");
  std::vector<const Policy*> chosen;
  if (options.policies.empty()) {
    for (const auto& p : scenario.policies) chosen.push_back(&p);
  } else {
    for (const auto& id : options.policies) {
      const Policy* found = nullptr;
      for (const auto& p : scenario.policies)
        if (p.id == id) found = &p;
      if (!found) throw std::invalid_argument(fmt::format("no policy '{}' in this scenario", id));
      chosen.push_back(found);
    }
  }

  PoliciesResult result;
  result.options = options;
  result.options.threads = 0;
  if (options.months >= 12) result.months.push_back(12);
  if (options.months != 12) result.months.push_back(options.months);
  const dynamics::SimulateOptions sim{options.months, options.runs, options.seed, options.threads};

  // Check every policy before any run: a typo should not cost a minute of simulation.
  const auto parameters = scenario_parameters(scenario, 10.0);
  std::vector<ResolvedPolicy> resolved;
  for (const auto* p : chosen) resolved.push_back(resolve(parameters, *p));

  std::vector<int> base_months;
  const auto base = dynamics::simulate_summary(scenario, sim, nullptr, &base_months);
  result.baseline = outcome_of(base, result.months);
  result.baseline.id = "baseline";
  result.baseline.name = "The scenario as coded";
  const double z = standard_normal_quantile(0.5 + options.interval_level / 2);
  const double n = static_cast<double>(options.runs);
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const Policy& p = *chosen[k];
    const ResolvedPolicy& change = resolved[k];
    std::vector<int> policy_months;
    const auto r = dynamics::simulate_summary(with_values(scenario, change.parameters, change.values), sim, nullptr,
                                              &policy_months);
    PolicyOutcome o = outcome_of(r, result.months);
    o.id = p.id;
    o.name = p.name;
    o.description = p.description;
    for (std::size_t c = 0; c < change.parameters.size(); ++c)
      o.changes.push_back({change.parameters[c].parameter.name, change.parameters[c].parameter.base, change.values[c]});
    o.evidence = p.evidence;
    for (const auto& c : p.set)
      if (c.parameter.rfind("lever_probability.", 0) == 0 && c.parameter.find(".guarantee.") != std::string::npos) {
        // The war model's guarantee lowers the breakdown risk directly (docs/dynamics.md); it is
        // not a term of the ceasefire package, so no veto actor's red line on guarantees binds it.
        o.notes.push_back(fmt::format(
            "{} acts as a side commitment: the war model's guarantee lowers a ceasefire's breakdown risk whatever the "
            "package says on guarantees, so no red line on a guarantee binds it (in the agreement space it is a term a "
            "red line can rule out)",
            c.parameter));
        break;
      }
    // The paired difference: each run under the policy against the same run as coded.
    for (auto& at : o.at) {
      double sum = 0, squares = 0;
      for (std::size_t run = 0; run < policy_months.size(); ++run) {
        const double d = (policy_months[run] >= 0 && policy_months[run] <= at.month ? 1.0 : 0.0) -
                         (base_months[run] >= 0 && base_months[run] <= at.month ? 1.0 : 0.0);
        sum += d;
        squares += d * d;
      }
      const double mean = sum / n;
      const double variance = n > 1 ? std::max(0.0, (squares - n * mean * mean) / (n - 1)) : 0.0;
      const double half = z * std::sqrt(variance / n);
      at.difference = tidy(mean);
      at.low = tidy(mean - half);
      at.high = tidy(mean + half);
    }
    result.policies.push_back(std::move(o));
  }
  result.notes = {
      "each policy runs the same runs as the scenario as coded (same seed: common random numbers), so a difference "
      "comes from the policy, not from drawing other runs; its interval is the normal interval of the paired "
      "differences, run by run",
      "a policy sets the numbers it names and leaves the rest as coded; a lever's probability set to 1 means the "
      "lever is used in every run, from its month",
      "the probabilities come from the war model (simulate); the model's own error is not in the intervals"};
  return result;
}

PoliciesResult policies_analysis(const Scenario& scenario, const nlohmann::json& options) {
  return policies_analysis(scenario, policies_option_table().parse(options));
}

namespace {

nlohmann::json outcome_json(const PolicyOutcome& o) {
  nlohmann::json j = {{"id", o.id}, {"name", o.name}};
  if (!o.description.empty()) j["description"] = o.description;
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& c : o.changes) changes.push_back({{"parameter", c.parameter}, {"from", c.from}, {"to", c.to}});
  j["changes"] = changes;
  nlohmann::json at = nlohmann::json::array();
  for (const auto& a : o.at)
  {
    at.push_back({{"month", a.month}, {"probability", a.probability}, {"difference", a.difference},
                  {"difference_low", a.low}, {"difference_high", a.high}});
    if (a.holding) at.back()["holding"] = *a.holding;
  }
  j["ceasefire_by"] = at;
  j["ceasefires"] = o.ceasefires;
  nlohmann::json terms = nlohmann::json::object();
  for (const auto& [issue, value] : o.usual_terms) terms[issue] = value;
  j["usual_terms"] = o.usual_terms.empty() ? nlohmann::json(nullptr) : nlohmann::json{{"terms", terms}, {"share", o.usual_terms_share}};
  j["most_blocking"] = o.most_blocking.empty() ? nlohmann::json(nullptr)
                                               : nlohmann::json{{"constraint", o.most_blocking}, {"share", o.most_blocking_share}};
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : o.evidence) evidence.push_back({{"source", e.source}, {"quote", e.quote}});
  j["evidence"] = evidence;
  j["notes"] = o.notes;
  return j;
}

}  // namespace

nlohmann::json to_json(const PoliciesResult& r) {
  nlohmann::json j;
  j["options"] = policies_option_table().write(r.options);
  j["months"] = r.months;
  j["baseline"] = outcome_json(r.baseline);
  j["policies"] = nlohmann::json::array();
  for (const auto& p : r.policies) j["policies"].push_back(outcome_json(p));
  j["notes"] = r.notes;
  j["headline"] = headline_to_json(policies_headline(r));
  return j;
}

nlohmann::json run_policies(const Scenario& scenario, const nlohmann::json& options) {
  return to_json(policies_analysis(scenario, options));
}

Headline policies_headline(const PoliciesResult& r) {
  Headline h;
  if (r.baseline.at.empty()) return h;
  const auto& last = r.baseline.at.back();
  h.push_back({fmt::format("p_ceasefire_by_{}", last.month), fmt::format("P(ceasefire by month {}) as coded", last.month),
               last.probability, "probability"});
  const PolicyOutcome* best = nullptr;
  for (const auto& p : r.policies)
    if (!best || std::abs(p.at.back().difference) > std::abs(best->at.back().difference)) best = &p;
  if (best) {
    h.push_back({"largest_effect", "Policy that moves it most", best->id, ""});
    h.push_back({"largest_effect_difference", fmt::format("Its difference by month {}", last.month),
                 best->at.back().difference, "probability"});
  }
  return h;
}

}  // namespace truce::levers
