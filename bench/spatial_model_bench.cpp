// Speed of KTAB's SMP in truce (docs/performance/smp.md).
//   SOE-Policy (KTAB's 26 actors x 1 issue) to convergence, fast engine and reference port;
//   random scenarios of n actors x m issues to convergence (at most 100 turns).
// Random scenarios follow KTAB's randomSMP: capability U(10, 200), total salience
// U(0.75, 0.99) split over the issues by weights U(0.1, 1), positions U(0, 1); every draw
// from a Philox4x64 stream keyed by (seed = n * 1000 + m) and counted 0, 1, 2, ...
#include <Random123/philox.h>
#include <benchmark/benchmark.h>

#include <string>

#include "truce/forecast/spatial_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace {

using namespace truce;

SpatialModelInput random_input(int n, int m, std::uint64_t seed) {
  r123::Philox4x64 philox;
  std::uint64_t counter = 0;
  auto uniform = [&](double lo, double hi) {
    const auto bits = philox({{counter++, 0, 0, 0}}, {{seed, 0}});
    return lo + (hi - lo) * (static_cast<double>(bits[0] >> 11) * 0x1.0p-53);
  };
  SpatialModelInput in;
  for (int i = 0; i < n; ++i) {
    in.capability.push_back(uniform(10, 200));
    const double total = uniform(0.75, 0.99);
    std::vector<double> w(m), x(m);
    double sum = 0;
    for (int d = 0; d < m; ++d) sum += w[d] = uniform(0.1, 1.0);
    for (int d = 0; d < m; ++d) w[d] = total * w[d] / sum, x[d] = uniform(0, 1);
    in.salience.push_back(w);
    in.position.push_back(x);
  }
  return in;
}

SpatialModelInput soe_policy() {
  const auto sc = load_scenario_file(std::string(TRUCE_SHARED_DIR) + "/data/ktab/SOE-Policy.csv");
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
  const auto in = random_input(n, m, static_cast<std::uint64_t>(n) * 1000 + m);
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
