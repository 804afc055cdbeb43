#include "truce/dynamics/simulate.hpp"
#include "truce/core/distributed.hpp"
#include "truce/core/parallel.hpp"
#include "truce/core/progress.hpp"
#include "truce/core/work_budget.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <atomic>
#include <exception>
#include <cmath>
#include <cstring>
#include <type_traits>
#include <stdexcept>
#include <thread>

#include "truce/dynamics/war_model.hpp"

namespace truce::dynamics {

namespace {

constexpr int max_months = 1200;
constexpr std::uint64_t max_runs = 100'000'000;

// 95% Wilson score interval of a binomial proportion.
std::pair<double, double> wilson(std::uint64_t successes, std::uint64_t n) {
  if (n == 0) return {0.0, 1.0};
  const double z = 1.959963984540054, p = static_cast<double>(successes) / static_cast<double>(n);
  const double nn = static_cast<double>(n), z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
  // At 0 or n successes the bound at that end is exactly 0 or 1; computed, it is off by a
  // rounding residual (1e-19) that would put the bound on the wrong side of the estimate.
  const double low = successes == 0 ? 0.0 : std::clamp(centre - half, 0.0, p);
  const double high = successes == n ? 1.0 : std::clamp(centre + half, p, 1.0);
  return {low, high};
}

// Rounds to 12 significant digits so that the last bits of a sum never show in the output.
double tidy(double x) {
  if (x == 0 || !std::isfinite(x)) return x;
  return std::stod(fmt::format("{:.12g}", x));
}

struct Runs {
  std::vector<RunResult> results;
  std::vector<std::uint64_t> holding;   // per month: runs in which a ceasefire holds
  std::vector<std::uint64_t> blocked;  // per constraint: run-months it blocked alone
  std::uint64_t blocked_months = 0;     // run-months without a deal
};

// Seconds one thread spends on a run-month, for the budget's estimate: the reference scenario,
// 100,000 runs x 36 months on one thread, took 1.55 s here (4.3e-7 s), rounded up.
constexpr double seconds_per_run_month = 5e-7;

// Runs [first_run, last_run) of the o.runs on this process's threads, into their own slots of
// results (the others stay empty) and the tallies.
Runs run_range(const WarModel& model, const SimulateOptions& o, std::uint64_t first_run, std::uint64_t last_run) {
  const std::uint64_t count = last_run - first_run;
  unsigned threads = resolve_thread_count(o.threads);
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(1, count / 64)));
  Runs out;
  out.results.resize(o.runs);
  const std::size_t constraints = model.constraint_names().size();
  // Blocks of runs are taken in turn; each run writes only its own slot, and the integer
  // tallies are summed per thread then added in thread order (integer sums: order-free).
  constexpr std::uint64_t block = 64;
  std::atomic<std::uint64_t> next{first_run};
  std::vector<std::vector<std::uint64_t>> blocked(threads, std::vector<std::uint64_t>(constraints + 1, 0));
  std::vector<std::vector<std::uint64_t>> holding(threads, std::vector<std::uint64_t>(static_cast<std::size_t>(o.months) + 1, 0));
  std::vector<std::exception_ptr> errors(threads);
  ProgressTask progress("runs", count);
  const auto work = [&](unsigned t) {
    try {
      for (;;) {
        const std::uint64_t first = next.fetch_add(block);
        if (first >= last_run) return;
        const std::uint64_t last = std::min(last_run, first + block);
        for (std::uint64_t r = first; r < last; ++r) {
          const RunParameters p = model.sample(o.seed, r);
          out.results[r] = model.run(p, o.months, &blocked[t], nullptr, &holding[t]);
          blocked[t][constraints] += out.results[r].months_without_deal;
        }
        progress.add(last - first);
      }
    } catch (...) {
      errors[t] = std::current_exception();
      next = last_run;
    }
  };
  run_shares(threads, work);
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);  // the first thread's, with its own type
  out.blocked.assign(constraints, 0);
  out.holding.assign(static_cast<std::size_t>(o.months) + 1, 0);
  for (const auto& h : holding)
    for (std::size_t m = 0; m < h.size(); ++m) out.holding[m] += h[m];
  for (const auto& b : blocked) {
    for (std::size_t c = 0; c < constraints; ++c) out.blocked[c] += b[c];
    out.blocked_months += b[constraints];
  }
  return out;
}

// Every run, on every process: each process runs its contiguous share of the runs
// (truce/core/distributed.hpp) and the shares come back in run order, with their tallies
// (integer sums: order-free). A run depends only on its index, so the runs are those of one
// process for any process and thread count.
Runs run_all(const WarModel& model, const SimulateOptions& o) {
  static_assert(std::is_trivially_copyable_v<RunResult>, "runs cross processes as their bytes");
  const unsigned processes = process_count();
  const unsigned threads = resolve_thread_count(o.threads);
  check_memory_need(fmt::format("keeping {} runs", o.runs), static_cast<double>(o.runs) * sizeof(RunResult),
                    "ask for fewer runs (--runs)");
  check_work_budget(fmt::format("{} runs of {} months", o.runs, o.months),
                    static_cast<double>(o.runs) * o.months * seconds_per_run_month /
                        std::min<double>(static_cast<double>(threads) * processes, std::max<std::uint64_t>(1, o.runs / 64)),
                    "ask for fewer runs (--runs) or months (--months)");
  if (processes == 1) return run_range(model, o, 0, o.runs);
  // The tallies travel after the runs: per constraint, the run-months without a deal, then per
  // month the runs in which a ceasefire holds.
  const std::size_t constraints = model.constraint_names().size();
  const std::size_t tallies = constraints + 1 + static_cast<std::size_t>(o.months) + 1;
  const auto shares = run_process_shares(o.runs, [&](IndexRange share) {
    const Runs r = run_range(model, o, share.begin, share.end);
    const std::size_t runs = share.size() * sizeof(RunResult);
    std::string bytes(runs + tallies * sizeof(std::uint64_t), '\0');
    std::memcpy(bytes.data(), r.results.data() + share.begin, runs);
    std::vector<std::uint64_t> t(r.blocked);
    t.push_back(r.blocked_months);
    t.insert(t.end(), r.holding.begin(), r.holding.end());
    std::memcpy(bytes.data() + runs, t.data(), tallies * sizeof(std::uint64_t));
    return bytes;
  });
  Runs out;
  out.results.resize(o.runs);
  out.blocked.assign(constraints, 0);
  out.holding.assign(static_cast<std::size_t>(o.months) + 1, 0);
  std::size_t at = 0;
  for (const auto& bytes : shares) {
    const std::size_t runs = (bytes.size() - tallies * sizeof(std::uint64_t)) / sizeof(RunResult);
    std::memcpy(static_cast<void*>(out.results.data() + at), bytes.data(), runs * sizeof(RunResult));
    at += runs;
    std::vector<std::uint64_t> t(tallies);
    std::memcpy(t.data(), bytes.data() + runs * sizeof(RunResult), tallies * sizeof(std::uint64_t));
    for (std::size_t c = 0; c < constraints; ++c) out.blocked[c] += t[c];
    out.blocked_months += t[constraints];
    for (std::size_t m = 0; m < out.holding.size(); ++m) out.holding[m] += t[constraints + 1 + m];
  }
  return out;
}

}  // namespace

const OptionTable<SimulateOptions>& simulate_option_table() {
  using O = SimulateOptions;
  static const OptionTable<O> table = option_table<O>("simulate", {
        whole_number_option("months", &O::months, 0, max_months, "horizon in months"),
        whole_number_option("runs", &O::runs, 1, static_cast<double>(max_runs), "Monte Carlo runs"),
        whole_number_option("seed", &O::seed, 0, std::nullopt, "seed of the random streams"),
        // Not part of a result's identity: the same bytes for any thread count.
        not_written(whole_number_option("threads", &O::threads, 0, 1024,
                                        "threads (0: every core); the result does not depend on it")),
  });
  return table;
}

SimulateOptions simulate_options_from_json(const nlohmann::json& options) { return simulate_option_table().parse(options); }

nlohmann::json simulate_options_to_json(const SimulateOptions& o) { return simulate_option_table().write(o); }

std::optional<HistoricalBaseRate> historical_base_rate(const Scenario& scenario, int months,
                                                       const history::TerminationData& data) {
  if (!scenario.dynamics || !scenario.dynamics->dates) return std::nullopt;
  const auto& dates = *scenario.dynamics->dates;
  const auto started = history::parse_iso_date(dates.started), as_of = history::parse_iso_date(dates.as_of);
  if (!started || !as_of) return std::nullopt;  // the loader accepts only dates that parse
  HistoricalBaseRate h;
  h.war_started = dates.started;
  h.as_of = dates.as_of;
  h.curve = history::termination_curve(history::interstate_reference_class(data), data.source,
                                       history::whole_months(*started, *as_of), months);
  return h;
}

SimulateResult simulate_summary(const Scenario& scenario, const SimulateOptions& o,
                                const history::TerminationData* history, std::vector<int>* ceasefire_month_per_run) {
  const WarModel model(scenario);
  const Runs runs = run_all(model, o);
  if (ceasefire_month_per_run) {
    ceasefire_month_per_run->clear();
    ceasefire_month_per_run->reserve(runs.results.size());
    for (const auto& r : runs.results) ceasefire_month_per_run->push_back(r.first_ceasefire);
  }
  const Dynamics& d = *scenario.dynamics;
  const auto actor_id = [&](std::size_t a) { return scenario.actors[a].id; };

  SimulateResult j;
  j.options = o;
  j.options.threads = 0;  // not part of the result
  j.belligerents = {actor_id(d.belligerents[0].actor), actor_id(d.belligerents[1].actor)};
  for (auto a : model.bargainers()) j.veto_actors.push_back(actor_id(a));

  // Probability that a ceasefire has been signed by month m (cumulative): the first one.
  std::vector<std::uint64_t> by_month(static_cast<std::size_t>(o.months) + 1, 0);
  std::uint64_t ceasefires = 0, holding_at_end = 0, broke_down = 0, fighting_at_end = 0;
  std::array<std::uint64_t, 2> collapses{0, 0}, victories{0, 0};
  std::vector<int> months_of_ceasefire;
  for (const auto& r : runs.results) {
    if (r.first_ceasefire >= 0) {
      ++by_month[static_cast<std::size_t>(r.first_ceasefire)];
      ++ceasefires;
      months_of_ceasefire.push_back(r.first_ceasefire);
    }
    if (r.lapses > 0) ++broke_down;
    switch (r.outcome) {
      case Outcome::ceasefire: ++holding_at_end; break;
      case Outcome::no_deal: ++fighting_at_end; break;
      case Outcome::collapse: ++collapses[static_cast<std::size_t>(r.collapsed)]; break;
      case Outcome::victory: ++victories[static_cast<std::size_t>(r.winner)]; break;
    }
  }
  const auto probability_at = [&](int m, std::uint64_t count) {
    const auto [lo, hi] = wilson(count, o.runs);
    return CeasefireByMonth{m, tidy(static_cast<double>(count) / static_cast<double>(o.runs)), tidy(lo), tidy(hi)};
  };
  std::uint64_t cumulative = 0;
  for (int m = 0; m <= o.months; ++m) {
    cumulative += by_month[static_cast<std::size_t>(m)];
    j.ceasefire_by_month.push_back(probability_at(m, cumulative));
    if (!j.median_month_of_all_runs && 2 * cumulative >= o.runs) j.median_month_of_all_runs = m;
  }
  if (d.ceasefire_breakdown) {
    j.ceasefire_breakdown_within_months = d.ceasefire_breakdown->within_months;
    for (int m = 0; m <= o.months; ++m)
      j.ceasefire_holding_by_month.push_back(probability_at(m, runs.holding[static_cast<std::size_t>(m)]));
  }
  j.probability_of_ceasefire = tidy(static_cast<double>(ceasefires) / static_cast<double>(o.runs));
  std::sort(months_of_ceasefire.begin(), months_of_ceasefire.end());
  if (!months_of_ceasefire.empty()) j.median_month_of_ceasefires = months_of_ceasefire[(months_of_ceasefire.size() - 1) / 2];
  j.ceasefires = ceasefires;
  j.ceasefire_holding_at_horizon = holding_at_end;
  j.runs_with_breakdown = broke_down;
  j.no_deal_by_horizon = fighting_at_end;
  j.collapses = collapses;
  j.victories = victories;

  // Terms: for each issue, how often each value is in the ceasefire package.
  const space::PackageSpace& packages = model.package_space();
  std::vector<std::vector<std::uint64_t>> counts(packages.issues.size());
  for (std::size_t i = 0; i < packages.issues.size(); ++i) counts[i].assign(packages.issues[i].values.size(), 0);
  for (const auto& r : runs.results)
    if (r.first_ceasefire >= 0) {
      const auto values = packages.values_of(r.package);
      for (std::size_t i = 0; i < values.size(); ++i) ++counts[i][values[i]];
    }
  for (std::size_t i = 0; i < packages.issues.size(); ++i) {
    IssueTerms terms{scenario.issues[i].id, {}};
    for (std::size_t v = 0; v < counts[i].size(); ++v)
      terms.values.push_back({packages.issues[i].values[v].id, counts[i][v],
                              ceasefires ? tidy(static_cast<double>(counts[i][v]) / static_cast<double>(ceasefires)) : 0.0});
    j.terms.push_back(std::move(terms));
  }

  // Blocking: for the run-months without a deal, how often each constraint alone blocked it.
  std::vector<std::size_t> order(model.constraint_names().size());
  for (std::size_t c = 0; c < order.size(); ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return runs.blocked[x] > runs.blocked[y]; });
  j.run_months_without_deal = runs.blocked_months;
  for (auto c : order) {
    const bool reservation = c < model.bargainers().size();
    j.blocking.push_back(
        {model.constraint_names()[c], reservation ? ConstraintKind::reservation_value : ConstraintKind::red_line,
         runs.blocked[c],
         runs.blocked_months ? tidy(static_cast<double>(runs.blocked[c]) / static_cast<double>(runs.blocked_months)) : 0.0});
  }

  // Where the front line stood when each run ended (ceasefire, collapse or horizon).
  std::vector<double> fronts;
  fronts.reserve(runs.results.size());
  double sum = 0;
  for (const auto& r : runs.results) fronts.push_back(r.final_front), sum += r.final_front;
  std::sort(fronts.begin(), fronts.end());
  const auto quantile = [&](double q) { return tidy(fronts[static_cast<std::size_t>(q * static_cast<double>(fronts.size() - 1))]); };
  j.front_line_at_end = {scenario.issues[d.territory.issue].id, tidy(sum / static_cast<double>(fronts.size())),
                         quantile(0.1), quantile(0.5), quantile(0.9)};

  // The terms as a distribution: whole packages by frequency, and the front at each ceasefire.
  std::map<std::uint64_t, std::uint64_t> package_runs;
  std::vector<double> ceasefire_fronts;
  double ceasefire_front_sum = 0;
  for (const auto& r : runs.results)
    if (r.first_ceasefire >= 0) {
      ++package_runs[r.package];
      ceasefire_fronts.push_back(r.first_ceasefire_front);
      ceasefire_front_sum += r.first_ceasefire_front;
    }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> by_frequency(package_runs.begin(), package_runs.end());
  std::stable_sort(by_frequency.begin(), by_frequency.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (std::size_t k = 0; k < by_frequency.size() && k < 5; ++k) {
    PackageShare share;
    const auto values = packages.values_of(by_frequency[k].first);
    for (std::size_t i = 0; i < values.size(); ++i)
      share.terms.emplace_back(packages.issues[i].id, packages.issues[i].values[values[i]].id);
    share.runs = by_frequency[k].second;
    share.share = tidy(static_cast<double>(share.runs) / static_cast<double>(ceasefires));
    j.frequent_packages.push_back(std::move(share));
  }
  if (!ceasefire_fronts.empty()) {
    std::sort(ceasefire_fronts.begin(), ceasefire_fronts.end());
    const auto at = [&](double q) {
      return tidy(ceasefire_fronts[static_cast<std::size_t>(q * static_cast<double>(ceasefire_fronts.size() - 1))]);
    };
    j.front_line_at_ceasefire = {scenario.issues[d.territory.issue].id,
                                 tidy(ceasefire_front_sum / static_cast<double>(ceasefire_fronts.size())), at(0.1), at(0.5),
                                 at(0.9)};
  }
  j.notes = {
      "month 0 is the deal check before any fighting; month m follows m months of fighting",
      "a ceasefire happens in the first month the ZOPA between the veto actors is non-empty, on its Nash package "
      "(unweighted product of gains over reservation values)",
      "reservation value of a belligerent: discounted value of the war's status quo along the front line it "
      "believes in (observed trend + its optimism), less the monthly cost of war; it accepts a package worth at "
      "least reservation / (1 - breakdown risk)",
      "blocking: a constraint is counted in a month when removing it alone would have opened the ZOPA; a month "
      "can count several constraints or none",
      "probabilities carry a 95% Wilson interval over the runs (Monte Carlo error only, not model error)"};
  if (history) j.history = historical_base_rate(scenario, o.months, *history);
  if (j.history)
    j.notes.emplace_back(
        "history: the share of interstate wars (UCDP conflict episodes 1946-2020) that had lasted as long as this one at "
        "month 0 and ended within m more months, by how they ended; not a validation of the model (there is none for "
        "war termination) but the base rate it can be compared with; its sample is small (see at_risk)");
  else if (history)
    j.notes.emplace_back("no historical base rate: the dynamics section does not date the war (war_started, as_of)");
  return j;
}

Headline simulate_headline(const SimulateResult& r) {
  Headline h;
  const auto by = [&](int month) {
    for (const auto& m : r.ceasefire_by_month)
      if (m.month == month)
        h.push_back({"p_ceasefire_by_" + std::to_string(month), "P(ceasefire by month " + std::to_string(month) + ")",
                     m.probability, "probability"});
  };
  // Month 12 is the horizon analysts quote; the last month is what this run can say at most.
  if (r.options.months > 12) by(12);
  by(r.options.months);
  h.push_back({"median_month", "Month by which half the runs have a ceasefire",
               r.median_month_of_all_runs ? static_cast<double>(*r.median_month_of_all_runs) : std::nan(""), "months"});
  if (!r.blocking.empty()) {
    // Named, not indexed: the list is sorted by share, so its first entry can change identity.
    h.push_back({"top_blocking_constraint", "Constraint blocking a deal most often", r.blocking.front().constraint, ""});
    h.push_back({"top_blocking_share", "Share of months without a deal it alone blocked", r.blocking.front().share,
                 "share"});
  }
  return h;
}

nlohmann::json to_json(const SimulateResult& r) {
  const auto optional_month = [](const std::optional<int>& m) { return m ? nlohmann::json(*m) : nlohmann::json(nullptr); };
  nlohmann::json j;
  j["analysis"] = "simulate";
  j["options"] = simulate_options_to_json(r.options);
  j["belligerents"] = {r.belligerents[0], r.belligerents[1]};
  j["veto_actors"] = r.veto_actors;
  j["ceasefire_by_month"] = nlohmann::json::array();
  for (const auto& m : r.ceasefire_by_month)
    j["ceasefire_by_month"].push_back({{"month", m.month}, {"probability", m.probability}, {"low", m.low}, {"high", m.high}});
  j["probability_of_ceasefire"] = r.probability_of_ceasefire;
  j["median_month"] = {{"of_ceasefires", optional_month(r.median_month_of_ceasefires)},
                       {"of_all_runs", optional_month(r.median_month_of_all_runs)}};
  j["outcomes"] = {{"ceasefire", r.ceasefires},
                   {"no_deal_by_horizon", r.no_deal_by_horizon},
                   {"collapse", {{r.belligerents[0], r.collapses[0]}, {r.belligerents[1], r.collapses[1]}}},
                   {"victory", {{r.belligerents[0], r.victories[0]}, {r.belligerents[1], r.victories[1]}}}};
  if (!r.ceasefire_holding_by_month.empty()) {
    // Only where the scenario lets a ceasefire break down; otherwise every signed one holds.
    j["outcomes"]["ceasefire_holding_at_horizon"] = r.ceasefire_holding_at_horizon;
    j["outcomes"]["runs_with_breakdown"] = r.runs_with_breakdown;
    j["ceasefire_breakdown_within_months"] = r.ceasefire_breakdown_within_months;
    j["ceasefire_holding_by_month"] = nlohmann::json::array();
    for (const auto& m : r.ceasefire_holding_by_month)
      j["ceasefire_holding_by_month"].push_back(
          {{"month", m.month}, {"probability", m.probability}, {"low", m.low}, {"high", m.high}});
  }
  j["terms"] = nlohmann::json::array();
  for (const auto& t : r.terms) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& v : t.values) values.push_back({{"value", v.value}, {"runs", v.runs}, {"share", v.share}});
    j["terms"].push_back({{"issue", t.issue}, {"values", values}});
  }
  nlohmann::json blocking;
  blocking["run_months_without_deal"] = r.run_months_without_deal;
  blocking["constraints"] = nlohmann::json::array();
  for (const auto& c : r.blocking)
    blocking["constraints"].push_back({{"constraint", c.constraint},
                                       {"kind", c.kind == ConstraintKind::reservation_value ? "reservation_value" : "red_line"},
                                       {"run_months", c.run_months},
                                       {"share", c.share}});
  j["blocking"] = blocking;
  const auto& f = r.front_line_at_end;
  j["front_line_at_end"] = {{"issue", f.issue}, {"mean", f.mean}, {"p10", f.p10}, {"median", f.median}, {"p90", f.p90}};
  nlohmann::json frequent = nlohmann::json::array();
  for (const auto& p : r.frequent_packages) {
    nlohmann::json terms = nlohmann::json::object();
    for (const auto& [issue, value] : p.terms) terms[issue] = value;
    frequent.push_back({{"terms", terms}, {"runs", p.runs}, {"share", p.share}});
  }
  j["frequent_packages"] = frequent;
  nlohmann::json structures = nlohmann::json::array();
  for (const auto& s : r.structures) {
    nlohmann::json at = nlohmann::json::array();
    for (const auto& m : s.at) at.push_back({{"month", m.month}, {"probability", m.probability}, {"low", m.low}, {"high", m.high}});
    structures.push_back({{"structure", s.structure}, {"as_coded", s.as_coded}, {"ceasefire_by", at}});
  }
  j["structures"] = structures;
  if (!r.front_line_at_ceasefire.issue.empty()) {
    const auto& c = r.front_line_at_ceasefire;
    j["front_line_at_ceasefire"] = {{"issue", c.issue}, {"mean", c.mean}, {"p10", c.p10}, {"median", c.median}, {"p90", c.p90}};
  } else {
    j["front_line_at_ceasefire"] = nullptr;
  }
  if (r.history) {
    j["history"] = history::to_json(r.history->curve);
    j["history"]["war_started"] = r.history->war_started;
    j["history"]["as_of"] = r.history->as_of;
  }
  j["notes"] = r.notes;
  j["headline"] = headline_to_json(simulate_headline(r));
  return j;
}

nlohmann::json simulate(const Scenario& scenario, const SimulateOptions& options,
                        const history::TerminationData* history) {
  return to_json(simulate_with_structures(scenario, options, history));
}

SimulateTrace simulate_run_trace(const Scenario& scenario, const SimulateOptions& o, std::uint64_t run) {
  const WarModel model(scenario);
  const Dynamics& d = *scenario.dynamics;
  const RunParameters p = model.sample(o.seed, run);
  std::vector<MonthTrace> trace;
  const RunResult result = model.run(p, o.months, nullptr, &trace);
  const auto id = [&](std::size_t side) { return scenario.actors[d.belligerents[side].actor].id; };
  const auto terms = [&](std::uint64_t package) {
    const auto values = model.package_space().values_of(package);
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t j = 0; j < values.size(); ++j)
      out.emplace_back(scenario.issues[j].id, model.package_space().issues[j].values[values[j]].id);
    return out;
  };
  SimulateTrace t;
  t.options = o;
  t.options.threads = 0;
  t.run = run;
  t.belligerents = {id(0), id(1)};
  for (auto b : model.bargainers()) t.veto_actors.push_back(scenario.actors[b].id);
  for (std::size_t s = 0; s < 2; ++s) {
    const SideParameters& sp = p.side[s];
    t.sides[s] = {tidy(sp.forces),         tidy(sp.recruitment),    tidy(sp.lethality),      tidy(sp.equipment),
                  tidy(sp.external_aid),   tidy(sp.casualty_cost),  tidy(sp.economy_cost),   tidy(sp.sanctions_cost),
                  tidy(sp.discount),       tidy(sp.optimism),       tidy(sp.breakdown_risk), tidy(sp.breaking_point)};
  }
  t.territory_start = tidy(p.start);
  t.territory_rate = tidy(p.rate);
  t.stalemate_ratio = tidy(p.stalemate_ratio);
  std::size_t i = 0;
  for (const auto& party : d.third_parties)
    for (const auto& l : party.levers) {
      t.levers.push_back({scenario.actors[party.actor].id, lever_kind_name(l.kind), scenario.actors[l.target].id,
                          p.levers[i].used, tidy(p.levers[i].effect), l.from_month});
      ++i;
    }
  for (const auto& m : trace) {
    TraceMonth row;
    row.month = m.month;
    for (std::size_t s = 0; s < 2; ++s) {
      row.forces[s] = tidy(m.forces[s]);
      row.losses[s] = tidy(m.losses[s]);
      row.cost[s] = tidy(m.cost[s]);
      row.reservation[s] = tidy(m.reservation[s]);
    }
    row.front = tidy(m.front);
    row.trend = tidy(m.trend);
    for (std::size_t b = 0; b < model.bargainers().size(); ++b) row.acceptance.push_back(tidy(m.acceptance[b]));
    row.ceasefire_holds = m.ceasefire;
    row.broke_down = m.broke_down;
    if (m.deal) {
      row.deal = terms(m.deal->package);
      row.deal_nash_product = tidy(m.deal->nash_product);
    } else {
      for (auto c : m.blockers) row.blocked_by.push_back(model.constraint_names()[c]);
    }
    t.months.push_back(std::move(row));
  }
  t.outcome = outcome_name(result.outcome);
  if (result.month >= 0) t.outcome_month = result.month;
  if (result.first_ceasefire >= 0) t.package = terms(result.package);
  if (result.first_ceasefire >= 0) t.first_ceasefire = result.first_ceasefire;
  t.lapses = result.lapses;
  if (result.outcome == Outcome::collapse) t.collapsed = id(static_cast<std::size_t>(result.collapsed));
  if (result.outcome == Outcome::victory) t.winner = id(static_cast<std::size_t>(result.winner));
  return t;
}

nlohmann::json to_json(const SimulateTrace& t) {
  const auto package_json = [](const std::vector<std::pair<std::string, std::string>>& terms) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [issue, value] : terms) out[issue] = value;
    return out;
  };
  const std::array<std::string, 2>& id = t.belligerents;
  nlohmann::json j;
  j["analysis"] = "simulate-trace";
  j["options"] = simulate_options_to_json(t.options);
  j["run"] = t.run;
  j["belligerents"] = {id[0], id[1]};
  nlohmann::json params = nlohmann::json::object();
  for (std::size_t s = 0; s < 2; ++s) {
    const TraceSide& sp = t.sides[s];
    params[id[s]] = {{"forces", sp.forces},           {"recruitment", sp.recruitment},
                     {"lethality", sp.lethality},     {"equipment", sp.equipment},
                     {"external_aid", sp.external_aid}, {"casualty_cost", sp.casualty_cost},
                     {"economy_cost", sp.economy_cost}, {"sanctions_cost", sp.sanctions_cost},
                     {"discount", sp.discount},       {"optimism", sp.optimism},
                     {"breakdown_risk", sp.breakdown_risk}};
    if (sp.breaking_point > 0) params[id[s]]["breaking_point"] = sp.breaking_point;
  }
  params["territory"] = {{"start", t.territory_start}, {"rate", t.territory_rate}, {"stalemate_ratio", t.stalemate_ratio}};
  params["levers"] = nlohmann::json::array();
  for (const auto& l : t.levers)
    params["levers"].push_back({{"actor", l.actor},
                                {"kind", l.kind},
                                {"target", l.target},
                                {"used", l.used},
                                {"effect", l.effect},
                                {"from_month", l.from_month}});
  j["parameters"] = params;
  j["months"] = nlohmann::json::array();
  for (const auto& m : t.months) {
    nlohmann::json row;
    row["month"] = m.month;
    for (const char* key : {"forces", "losses", "cost", "reservation"}) row[key] = nlohmann::json::object();
    for (std::size_t s = 0; s < 2; ++s) {
      row["forces"][id[s]] = m.forces[s];
      row["losses"][id[s]] = m.losses[s];
      row["cost"][id[s]] = m.cost[s];
      row["reservation"][id[s]] = m.reservation[s];
    }
    row["front"] = m.front;
    row["trend"] = m.trend;
    row["acceptance"] = nlohmann::json::object();
    for (std::size_t b = 0; b < t.veto_actors.size(); ++b) row["acceptance"][t.veto_actors[b]] = m.acceptance[b];
    if (m.deal) {
      row["deal"] = {{"package", package_json(*m.deal)}, {"nash_product", m.deal_nash_product}};
    } else {
      row["deal"] = nullptr;
      if (!m.ceasefire_holds && !m.broke_down) row["blocked_by"] = m.blocked_by;
    }
    if (m.ceasefire_holds) row["ceasefire_holds"] = true;
    if (m.broke_down) row["ceasefire_broke_down"] = true;
    j["months"].push_back(row);
  }
  j["outcome"] = {{"kind", t.outcome}, {"month", t.outcome_month ? nlohmann::json(*t.outcome_month) : nlohmann::json(nullptr)}};
  if (t.first_ceasefire) {
    j["outcome"]["first_ceasefire"] = {{"month", *t.first_ceasefire}, {"package", package_json(t.package)}};
    j["outcome"]["ceasefires_broke_down"] = t.lapses;
  }
  if (t.collapsed) j["outcome"]["collapsed"] = *t.collapsed;
  if (t.winner) j["outcome"]["winner"] = *t.winner;
  return j;
}

nlohmann::json simulate_trace(const Scenario& scenario, const SimulateOptions& o, std::uint64_t run) {
  return to_json(simulate_run_trace(scenario, o, run));
}

nlohmann::json complete_simulate_options(const Scenario&, const nlohmann::json& options) {
  return simulate_options_to_json(simulate_options_from_json(options));
}

SimulateResult simulate_with_structures(const Scenario& scenario, const SimulateOptions& o,
                                        const history::TerminationData* history) {
  SimulateResult r = simulate_summary(scenario, o, history);
  std::vector<int> months;
  if (o.months >= 12) months.push_back(12);
  if (o.months != 12) months.push_back(o.months);
  auto at = [&](const SimulateResult& x) {
    std::vector<CeasefireByMonth> out;
    for (const int m : months) out.push_back(x.ceasefire_by_month[static_cast<std::size_t>(m)]);
    return out;
  };
  r.structures.push_back({"as coded", true, at(r)});
  // The switch flipped: the same seed, so the same runs under the other structure.
  Scenario flipped = scenario;
  auto& w = flipped.dynamics->territory.winner_imposes_terms;
  w = !w;
  r.structures.push_back({fmt::format("winner_imposes_terms: {}", w ? "true" : "false"), false,
                          at(simulate_summary(flipped, o, nullptr))});
  // Breaking points, where the scenario has them, taken away: each side fights on until it has
  // no forces left (the model before breaking points; the armies "fight to nothing").
  const auto& sides = scenario.dynamics->belligerents;
  if (std::any_of(sides.begin(), sides.end(), [](const Belligerent& b) { return !(b.breaking_point == Quantity::fixed(0)); })) {
    Scenario none = scenario;
    for (auto& b : none.dynamics->belligerents) b.breaking_point = Quantity::fixed(0);
    r.structures.push_back({"no breaking points", false, at(simulate_summary(none, o, nullptr))});
  }
  return r;
}

SimulateResult simulate_analysis(const Scenario& scenario, const nlohmann::json& options,
                                 const history::TerminationData* history) {
  // threads as given (default 0: every core); the result does not depend on it
  const SimulateOptions o = simulate_options_from_json(options);
  if (!scenario.dynamics) throw std::invalid_argument("expected a scenario with a dynamics section");
  return simulate_with_structures(scenario, o, history);
}

nlohmann::json run_simulate_analysis(const Scenario& scenario, const nlohmann::json& options,
                                     const history::TerminationData* history) {
  return to_json(simulate_analysis(scenario, options, history));
}

}  // namespace truce::dynamics
