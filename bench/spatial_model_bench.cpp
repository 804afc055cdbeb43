// Speed of KTAB's SMP in truce (docs/performance/smp.md).
//   SOE-Policy (KTAB's 26 actors x 1 issue) to convergence, fast engine and reference port;
//   random scenarios of n actors x m issues to convergence (at most 100 turns).
// Random scenarios follow KTAB's randomSMP: capability U(10, 200), total salience
// U(0.75, 0.99) split over the issues by weights U(0.1, 1), positions U(0, 1); every draw
// from a Philox4x64 stream keyed by (seed = n * 1000 + m) and counted 0, 1, 2, ...
#include <benchmark/benchmark.h>

#include <string>

#include "truce/forecast/random_spatial_input.hpp"
#include "truce/forecast/spatial_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace {

using namespace truce;


SpatialModelInput soe_policy() {
  const auto sc = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/data/ktab/SOE-Policy.csv");
  return forecast_spatial_model_detailed(sc, {}).runs.at(0).input;
}

template <SpatialModelRun (*Run)(const SpatialModelInput&, const SpatialModelOptions&)>
void BM_SoePolicy(benchmark::State& state) {
  const auto in = soe_policy();
  std::size_t turns = 0;
  for (auto _ : state) {
    auto run = Run(in, {});
    turns = run.turns.size();
    benchmark::DoNotOptimize(run);
  }
  state.counters["turns"] = static_cast<double>(turns);
}
BENCHMARK(BM_SoePolicy<run_spatial_model>)->Name("SoePolicy/fast")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SoePolicy<run_spatial_model_reference>)->Name("SoePolicy/reference")->Unit(benchmark::kMillisecond);

void BM_Random(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0)), m = static_cast<int>(state.range(1));
  const auto in = random_spatial_input(n, m, static_cast<std::uint64_t>(n) * 1000 + m);
  std::size_t turns = 0;
  for (auto _ : state) {
    auto run = run_spatial_model(in, {});
    turns = run.turns.size();
    benchmark::DoNotOptimize(run);
  }
  state.counters["turns"] = static_cast<double>(turns);
  // CPU seconds per turn
  state.counters["per_turn"] = benchmark::Counter(static_cast<double>(turns) * state.iterations(),
                                                  benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Random)->Name("Random")->ArgsProduct({{10, 40, 160}, {1, 3, 6}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Random)->Name("Random640")->ArgsProduct({{640}, {1, 3, 6}})->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
