// Speed of the forecasting models on KTAB's SOE-Policy example (26 actors, 1 issue) and on
// the BDM 1994 emission-standards table (10 actors). Figures: docs/performance/forecast.md.
#include <benchmark/benchmark.h>

#include "truce/forecast/compromise.hpp"
#include "truce/forecast/expected_utility.hpp"
#include "truce/forecast/nash_bargaining.hpp"
#include "truce/io/scenario_file.hpp"
#include "shared_data.hpp"

namespace {

truce::IssueActors actors_of(const std::string& path) {
  return truce::issue_actors(truce::load_scenario_file(path), 0);
}

const truce::IssueActors& soe_policy() {
  static const truce::IssueActors a = actors_of(std::string(TRUCE_SOURCE_DIR) + "/data/ktab/SOE-Policy.csv");
  return a;
}

void BM_ExpectedUtility_SOEPolicy_ToConvergence(benchmark::State& state) {
  const auto& a = soe_policy();
  int rounds = 0;
  for (auto _ : state) {
    const auto run = truce::run_expected_utility(a.position, a.capability, a.salience, {});
    rounds = run.rounds;
    benchmark::DoNotOptimize(run.mean_by_round.back());
  }
  state.counters["rounds"] = rounds;
}
BENCHMARK(BM_ExpectedUtility_SOEPolicy_ToConvergence)->Unit(benchmark::kMillisecond);

void BM_ExpectedUtility_BDM1994_EightRounds(benchmark::State& state) {
  const std::string bdm = "data/bdm/eu_emission_standards_bdm1994.csv";
  if (!truce::bench::have_shared(state, bdm)) return;
  static const truce::IssueActors a = actors_of(truce::bench::shared_path(bdm));
  truce::ExpectedUtilityOptions o;
  o.max_rounds = 8;
  for (auto _ : state) benchmark::DoNotOptimize(truce::run_expected_utility(a.position, a.capability, a.salience, o));
}
BENCHMARK(BM_ExpectedUtility_BDM1994_EightRounds)->Unit(benchmark::kMicrosecond);

void BM_Compromise_SOEPolicy(benchmark::State& state) {
  const auto& a = soe_policy();
  const auto w = a.weights();
  for (auto _ : state) benchmark::DoNotOptimize(truce::weighted_mean(w, a.position));
}
BENCHMARK(BM_Compromise_SOEPolicy);

void BM_WeightedMedian_SOEPolicy(benchmark::State& state) {
  const auto& a = soe_policy();
  const auto w = a.weights();
  for (auto _ : state) benchmark::DoNotOptimize(truce::weighted_median(w, a.position));
}
BENCHMARK(BM_WeightedMedian_SOEPolicy);

void BM_NashBargaining_SOEPolicy(benchmark::State& state) {
  const auto& a = soe_policy();
  const auto w = a.weights();
  for (auto _ : state) benchmark::DoNotOptimize(truce::nash_bargaining_position(a.position, w, 0.0));
}
BENCHMARK(BM_NashBargaining_SOEPolicy);

}  // namespace

BENCHMARK_MAIN();
