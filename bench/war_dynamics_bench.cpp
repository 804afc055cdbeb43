// Speed of the war model on the reference scenario (figures: docs/performance/dynamics.md).
//   months: one simulated month = levers, state, reservation values, deal check (and, when
//           no deal, the blocking tally), with the deal spaces already built.
//   simulate: the whole `truce simulate` analysis, 10,000 runs x 36 months.
#include <benchmark/benchmark.h>

#include "truce/dynamics/simulate.hpp"
#include "truce/dynamics/war_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace {

const truce::Scenario& reference() {
  static const truce::Scenario s =
      truce::load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  return s;
}

std::int64_t months_of(const truce::dynamics::RunResult& r, int horizon) {
  return r.outcome == truce::dynamics::Outcome::no_deal ? horizon + 1 : r.month + 1;
}

void BM_SimulatedMonths(benchmark::State& state) {
  using namespace truce::dynamics;
  const WarModel model(reference());
  std::vector<RunParameters> params;
  for (std::uint64_t r = 0; r < 1000; ++r) params.push_back(model.sample(1, r));
  std::vector<std::uint64_t> blocked(model.constraint_names().size(), 0);
  for (const auto& p : params) model.run(p, 36, &blocked);  // build every deal space these runs reach
  std::int64_t months = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const RunResult r = model.run(params[i], 36, &blocked);
    benchmark::DoNotOptimize(r);
    months += months_of(r, 36);
    i = (i + 1) % params.size();
  }
  state.SetItemsProcessed(months);
  state.counters["months_per_second"] = benchmark::Counter(static_cast<double>(months), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulatedMonths);

void BM_SampleRunParameters(benchmark::State& state) {
  using namespace truce::dynamics;
  const WarModel model(reference());
  std::uint64_t run = 0;
  for (auto _ : state) benchmark::DoNotOptimize(model.sample(1, run++));
}
BENCHMARK(BM_SampleRunParameters);

void BM_PrecomputeWarModel(benchmark::State& state) {
  using namespace truce::dynamics;
  for (auto _ : state) {
    const WarModel model(reference());
    benchmark::DoNotOptimize(model.month_zero(model.central()));  // builds the first deal space
  }
}
BENCHMARK(BM_PrecomputeWarModel)->Unit(benchmark::kMillisecond);

void BM_Simulate10000Runs36Months(benchmark::State& state) {
  using namespace truce::dynamics;
  SimulateOptions o;
  o.runs = 10000;
  o.months = 36;
  o.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(simulate(reference(), o));
}
BENCHMARK(BM_Simulate10000Runs36Months)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
