#include "truce/dynamics/simulate.hpp"
#include "truce/core/parallel.hpp"
#include "truce/core/progress.hpp"
#include "truce/core/work_budget.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <cmath>
#include <stdexcept>
#include <thread>

#include "truce/dynamics/war_model.hpp"

namespace truce::dynamics {

namespace {

constexpr int max_months = 1200;
constexpr std::uint64_t max_runs = 100'000'000;

std::uint64_t unsigned_option(const nlohmann::json& options, const char* key, std::uint64_t fallback, std::uint64_t lo,
                              std::uint64_t hi) {
  if (!options.contains(key)) return fallback;
  const auto& v = options.at(key);
  if (!v.is_number_integer() || (v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() < 0))
    throw std::invalid_argument(fmt::format("expected '{}' to be a whole number from {} to {}, found {}", key, lo, hi, v.dump()));
  const auto x = v.get<std::uint64_t>();
  if (x < lo || x > hi)
    throw std::invalid_argument(fmt::format("expected '{}' from {} to {}, found {}", key, lo, hi, x));
  return x;
}

// 95% Wilson score interval of a binomial proportion.
std::pair<double, double> wilson(std::uint64_t successes, std::uint64_t n) {
  if (n == 0) return {0.0, 1.0};
  const double z = 1.959963984540054, p = static_cast<double>(successes) / static_cast<double>(n);
  const double nn = static_cast<double>(n), z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

// Rounds to 12 significant digits so that the last bits of a sum never show in the output.
double tidy(double x) {
  if (x == 0 || !std::isfinite(x)) return x;
  return std::stod(fmt::format("{:.12g}", x));
}

nlohmann::json package_terms(const WarModel& model, std::uint64_t package) {
  const auto values = model.package_space().values_of(package);
  nlohmann::json terms = nlohmann::json::object();
  for (std::size_t j = 0; j < values.size(); ++j)
    terms[model.scenario().issues[j].id] = model.package_space().issues[j].values[values[j]].id;
  return terms;
}

struct Runs {
  std::vector<RunResult> results;
  std::vector<std::uint64_t> blocked;  // per constraint: run-months it blocked alone
  std::uint64_t blocked_months = 0;     // run-months without a deal
};

// Seconds one thread spends on a run-month, for the budget's estimate: the reference scenario,
// 100,000 runs x 36 months on one thread, took 1.55 s here (4.3e-7 s), rounded up.
constexpr double seconds_per_run_month = 5e-7;

Runs run_all(const WarModel& model, const SimulateOptions& o) {
  unsigned threads = resolve_thread_count(o.threads);
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(1, o.runs / 64)));
  check_memory_need(fmt::format("keeping {} runs", o.runs), static_cast<double>(o.runs) * sizeof(RunResult),
                    "ask for fewer runs (--runs)");
  check_work_budget(fmt::format("{} runs of {} months", o.runs, o.months),
                    static_cast<double>(o.runs) * o.months * seconds_per_run_month / threads,
                    "ask for fewer runs (--runs) or months (--months)");
  Runs out;
  out.results.resize(o.runs);
  const std::size_t constraints = model.constraint_names().size();
  // Blocks of runs are taken in turn; each run writes only its own slot, and the integer
  // tallies are summed per thread then added in thread order (integer sums: order-free).
  constexpr std::uint64_t block = 64;
  std::atomic<std::uint64_t> next{0};
  std::vector<std::vector<std::uint64_t>> blocked(threads, std::vector<std::uint64_t>(constraints + 1, 0));
  std::vector<std::exception_ptr> errors(threads);
  ProgressTask progress("runs", o.runs);
  const auto work = [&](unsigned t) {
    try {
      for (;;) {
        const std::uint64_t first = next.fetch_add(block);
        if (first >= o.runs) return;
        const std::uint64_t last = std::min(o.runs, first + block);
        for (std::uint64_t r = first; r < last; ++r) {
          const RunParameters p = model.sample(o.seed, r);
          out.results[r] = model.run(p, o.months, &blocked[t]);
          const RunResult& res = out.results[r];
          // Months without a deal: the deal check ran at months 0..end and failed at each one
          // before the last (ceasefire) or at every one (no deal; collapse: up to the month before).
          const std::uint64_t checks = res.outcome == Outcome::ceasefire ? static_cast<std::uint64_t>(res.month)
                                       : res.outcome == Outcome::collapse || res.outcome == Outcome::victory
                                           ? static_cast<std::uint64_t>(res.month)
                                                                          : static_cast<std::uint64_t>(o.months) + 1;
          blocked[t][constraints] += checks;
        }
        progress.add(last - first);
      }
    } catch (...) {
      errors[t] = std::current_exception();
      next = o.runs;
    }
  };
  run_shares(threads, work);
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);  // the first thread's, with its own type
  out.blocked.assign(constraints, 0);
  for (const auto& b : blocked) {
    for (std::size_t c = 0; c < constraints; ++c) out.blocked[c] += b[c];
    out.blocked_months += b[constraints];
  }
  return out;
}

}  // namespace

SimulateOptions simulate_options_from_json(const nlohmann::json& options) {
  if (!options.is_object() && !options.is_null()) throw std::invalid_argument("expected the options as a JSON object");
  const nlohmann::json o = options.is_null() ? nlohmann::json::object() : options;
  for (const auto& [key, value] : o.items())
    if (key != "months" && key != "runs" && key != "seed" && key != "threads")
      throw std::invalid_argument(fmt::format("expected the options months, runs, seed (and threads), found '{}'", key));
  SimulateOptions s;
  s.months = static_cast<int>(unsigned_option(o, "months", 36, 0, max_months));
  s.runs = unsigned_option(o, "runs", 10000, 1, max_runs);
  s.seed = unsigned_option(o, "seed", 1, 0, UINT64_MAX);
  return s;
}

nlohmann::json simulate_options_to_json(const SimulateOptions& o) {
  return {{"months", o.months}, {"runs", o.runs}, {"seed", o.seed}};
}

nlohmann::json simulate(const Scenario& scenario, const SimulateOptions& o) {
  const WarModel model(scenario);
  const Runs runs = run_all(model, o);
  const Dynamics& d = *scenario.dynamics;
  const auto actor_id = [&](std::size_t a) { return scenario.actors[a].id; };

  nlohmann::json j;
  j["analysis"] = "simulate";
  j["options"] = simulate_options_to_json(o);
  j["belligerents"] = {actor_id(d.belligerents[0].actor), actor_id(d.belligerents[1].actor)};
  j["veto_actors"] = nlohmann::json::array();
  for (auto a : model.bargainers()) j["veto_actors"].push_back(actor_id(a));

  // Probability of a ceasefire by month m (cumulative).
  std::vector<std::uint64_t> by_month(static_cast<std::size_t>(o.months) + 1, 0);
  std::uint64_t ceasefires = 0;
  std::array<std::uint64_t, 2> collapses{0, 0}, victories{0, 0};
  std::vector<int> months_of_ceasefire;
  for (const auto& r : runs.results) {
    if (r.outcome == Outcome::ceasefire) {
      ++by_month[static_cast<std::size_t>(r.month)];
      ++ceasefires;
      months_of_ceasefire.push_back(r.month);
    } else if (r.outcome == Outcome::collapse) {
      ++collapses[static_cast<std::size_t>(r.collapsed)];
    } else if (r.outcome == Outcome::victory) {
      ++victories[static_cast<std::size_t>(r.winner)];
    }
  }
  j["ceasefire_by_month"] = nlohmann::json::array();
  std::uint64_t cumulative = 0;
  std::optional<int> median_all;
  for (int m = 0; m <= o.months; ++m) {
    cumulative += by_month[static_cast<std::size_t>(m)];
    const auto [lo, hi] = wilson(cumulative, o.runs);
    j["ceasefire_by_month"].push_back({{"month", m},
                                       {"probability", tidy(static_cast<double>(cumulative) / static_cast<double>(o.runs))},
                                       {"low", tidy(lo)},
                                       {"high", tidy(hi)}});
    if (!median_all && 2 * cumulative >= o.runs) median_all = m;
  }
  j["probability_of_ceasefire"] = tidy(static_cast<double>(ceasefires) / static_cast<double>(o.runs));
  std::sort(months_of_ceasefire.begin(), months_of_ceasefire.end());
  nlohmann::json median;
  median["of_ceasefires"] = months_of_ceasefire.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(months_of_ceasefire[(months_of_ceasefire.size() - 1) / 2]);
  median["of_all_runs"] = median_all ? nlohmann::json(*median_all) : nlohmann::json(nullptr);
  j["median_month"] = median;
  j["outcomes"] = {{"ceasefire", ceasefires},
                   {"no_deal_by_horizon", o.runs - ceasefires - collapses[0] - collapses[1] - victories[0] - victories[1]},
                   {"collapse", {{actor_id(d.belligerents[0].actor), collapses[0]}, {actor_id(d.belligerents[1].actor), collapses[1]}}},
                   {"victory", {{actor_id(d.belligerents[0].actor), victories[0]}, {actor_id(d.belligerents[1].actor), victories[1]}}}};

  // Terms: for each issue, how often each value is in the ceasefire package.
  const space::PackageSpace& packages = model.package_space();
  std::vector<std::vector<std::uint64_t>> counts(packages.issues.size());
  for (std::size_t i = 0; i < packages.issues.size(); ++i) counts[i].assign(packages.issues[i].values.size(), 0);
  for (const auto& r : runs.results)
    if (r.outcome == Outcome::ceasefire) {
      const auto values = packages.values_of(r.package);
      for (std::size_t i = 0; i < values.size(); ++i) ++counts[i][values[i]];
    }
  j["terms"] = nlohmann::json::array();
  for (std::size_t i = 0; i < packages.issues.size(); ++i) {
    nlohmann::json values = nlohmann::json::array();
    for (std::size_t v = 0; v < counts[i].size(); ++v)
      values.push_back({{"value", packages.issues[i].values[v].id},
                        {"runs", counts[i][v]},
                        {"share", ceasefires ? tidy(static_cast<double>(counts[i][v]) / static_cast<double>(ceasefires)) : 0.0}});
    j["terms"].push_back({{"issue", scenario.issues[i].id}, {"values", values}});
  }

  // Blocking: for the run-months without a deal, how often each constraint alone blocked it.
  std::vector<std::size_t> order(model.constraint_names().size());
  for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return runs.blocked[x] > runs.blocked[y]; });
  nlohmann::json blocking;
  blocking["run_months_without_deal"] = runs.blocked_months;
  blocking["constraints"] = nlohmann::json::array();
  for (auto c : order) {
    const std::string& name = model.constraint_names()[c];
    const bool reservation = c < model.bargainers().size();
    blocking["constraints"].push_back(
        {{"constraint", name},
         {"kind", reservation ? "reservation_value" : "red_line"},
         {"run_months", runs.blocked[c]},
         {"share", runs.blocked_months ? tidy(static_cast<double>(runs.blocked[c]) / static_cast<double>(runs.blocked_months)) : 0.0}});
  }
  j["blocking"] = blocking;

  // Where the front line stood when each run ended (ceasefire, collapse or horizon).
  std::vector<double> fronts;
  fronts.reserve(runs.results.size());
  double sum = 0;
  for (const auto& r : runs.results) fronts.push_back(r.final_front), sum += r.final_front;
  std::sort(fronts.begin(), fronts.end());
  const auto quantile = [&](double q) { return tidy(fronts[static_cast<std::size_t>(q * static_cast<double>(fronts.size() - 1))]); };
  j["front_line_at_end"] = {{"issue", scenario.issues[d.territory.issue].id},
                            {"mean", tidy(sum / static_cast<double>(fronts.size()))},
                            {"p10", quantile(0.1)},
                            {"median", quantile(0.5)},
                            {"p90", quantile(0.9)}};
  j["notes"] = {
      "month 0 is the deal check before any fighting; month m follows m months of fighting",
      "a ceasefire happens in the first month the ZOPA between the veto actors is non-empty, on its Nash package "
      "(unweighted product of gains over reservation values)",
      "reservation value of a belligerent: discounted value of the war's status quo along the front line it "
      "believes in (observed trend + its optimism), less the monthly cost of war; it accepts a package worth at "
      "least reservation / (1 - breakdown risk)",
      "blocking: a constraint is counted in a month when removing it alone would have opened the ZOPA; a month "
      "can count several constraints or none",
      "probabilities carry a 95% Wilson interval over the runs (Monte Carlo error only, not model error)"};
  return j;
}

nlohmann::json simulate_trace(const Scenario& scenario, const SimulateOptions& o, std::uint64_t run) {
  const WarModel model(scenario);
  const Dynamics& d = *scenario.dynamics;
  const RunParameters p = model.sample(o.seed, run);
  std::vector<MonthTrace> trace;
  const RunResult result = model.run(p, o.months, nullptr, &trace);
  const auto id = [&](std::size_t side) { return scenario.actors[d.belligerents[side].actor].id; };
  nlohmann::json j;
  j["analysis"] = "simulate-trace";
  j["options"] = simulate_options_to_json(o);
  j["run"] = run;
  j["belligerents"] = {id(0), id(1)};
  nlohmann::json params = nlohmann::json::object();
  for (std::size_t s = 0; s < 2; ++s) {
    const SideParameters& sp = p.side[s];
    params[id(s)] = {{"forces", tidy(sp.forces)},           {"recruitment", tidy(sp.recruitment)},
                     {"lethality", tidy(sp.lethality)},     {"equipment", tidy(sp.equipment)},
                     {"external_aid", tidy(sp.external_aid)}, {"casualty_cost", tidy(sp.casualty_cost)},
                     {"economy_cost", tidy(sp.economy_cost)}, {"sanctions_cost", tidy(sp.sanctions_cost)},
                     {"discount", tidy(sp.discount)},       {"optimism", tidy(sp.optimism)},
                     {"breakdown_risk", tidy(sp.breakdown_risk)}};
  }
  params["territory"] = {{"start", tidy(p.start)}, {"rate", tidy(p.rate)}, {"stalemate_ratio", tidy(p.stalemate_ratio)}};
  params["levers"] = nlohmann::json::array();
  std::size_t i = 0;
  for (const auto& party : d.third_parties)
    for (const auto& l : party.levers) {
      params["levers"].push_back({{"actor", scenario.actors[party.actor].id},
                                  {"kind", lever_kind_name(l.kind)},
                                  {"target", scenario.actors[l.target].id},
                                  {"used", p.levers[i].used},
                                  {"effect", tidy(p.levers[i].effect)},
                                  {"from_month", l.from_month}});
      ++i;
    }
  j["parameters"] = params;
  j["months"] = nlohmann::json::array();
  for (const auto& m : trace) {
    nlohmann::json row;
    row["month"] = m.month;
    for (const char* key : {"forces", "losses", "cost", "reservation"}) row[key] = nlohmann::json::object();
    for (std::size_t s = 0; s < 2; ++s) {
      row["forces"][id(s)] = tidy(m.forces[s]);
      row["losses"][id(s)] = tidy(m.losses[s]);
      row["cost"][id(s)] = tidy(m.cost[s]);
      row["reservation"][id(s)] = tidy(m.reservation[s]);
    }
    row["front"] = tidy(m.front);
    row["trend"] = tidy(m.trend);
    row["acceptance"] = nlohmann::json::object();
    for (std::size_t b = 0; b < model.bargainers().size(); ++b)
      row["acceptance"][scenario.actors[model.bargainers()[b]].id] = tidy(m.acceptance[b]);
    if (m.deal) {
      row["deal"] = {{"package", package_terms(model, m.deal->package)}, {"nash_product", tidy(m.deal->nash_product)}};
    } else {
      row["deal"] = nullptr;
      row["blocked_by"] = nlohmann::json::array();
      for (auto c : m.blockers) row["blocked_by"].push_back(model.constraint_names()[c]);
    }
    j["months"].push_back(row);
  }
  j["outcome"] = {{"kind", outcome_name(result.outcome)},
                  {"month", result.month < 0 ? nlohmann::json(nullptr) : nlohmann::json(result.month)}};
  if (result.outcome == Outcome::ceasefire) j["outcome"]["package"] = package_terms(model, result.package);
  if (result.outcome == Outcome::collapse) j["outcome"]["collapsed"] = id(static_cast<std::size_t>(result.collapsed));
  if (result.outcome == Outcome::victory) j["outcome"]["winner"] = id(static_cast<std::size_t>(result.winner));
  return j;
}

nlohmann::json complete_simulate_options(const Scenario&, const nlohmann::json& options) {
  return simulate_options_to_json(simulate_options_from_json(options));
}

nlohmann::json run_simulate_analysis(const Scenario& scenario, const nlohmann::json& options) {
  SimulateOptions o = simulate_options_from_json(options);
  o.threads = 0;  // every core: the result does not depend on it
  if (!scenario.dynamics) throw std::invalid_argument("expected a scenario with a dynamics section");
  return simulate(scenario, o);
}

}  // namespace truce::dynamics
