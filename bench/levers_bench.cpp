// Speed of the levers engine and of `truce levers` / `truce what-it-takes` on the reference
// scenario (scenarios/ukraine-ceasefire-2025.yaml). Figures: docs/performance/levers.md.
//
//   build/bench/levers_bench                        # everything
//   build/bench/levers_bench --benchmark_filter=Reference
#include <benchmark/benchmark.h>

#include <cmath>

#include "truce/io/scenario_file.hpp"
#include "truce/levers/levers_analysis.hpp"
#include "truce/levers/sobol_indices.hpp"

namespace {

using nlohmann::json;

const truce::Scenario& reference() {
  static const truce::Scenario s =
      truce::load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  return s;
}

// The engine alone: Sobol indices of the Ishigami function (3 parameters), N samples.
void BM_SobolIshigami(benchmark::State& state) {
  const double pi = 3.14159265358979323846;
  std::vector<truce::levers::Parameter> p(3);
  for (int i = 0; i < 3; ++i) {
    p[i].name = "x" + std::to_string(i + 1);
    p[i].low = -pi;
    p[i].high = pi;
  }
  const truce::levers::Model f = [](const std::vector<double>& x) {
    return std::sin(x[0]) + 7 * std::sin(x[1]) * std::sin(x[1]) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
  };
  truce::levers::SobolOptions o;
  o.samples = static_cast<std::size_t>(state.range(0));
  o.threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(truce::levers::sobol_indices(p, f, o));
  state.counters["model_runs/s"] =
      benchmark::Counter(static_cast<double>(o.samples * 5), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_SobolIshigami)->Args({4096, 1})->Args({4096, 2})->Unit(benchmark::kMillisecond);

// `truce levers` with default options on the reference scenario, threads = range(0).
void run_levers(benchmark::State& state, const std::string& target, const std::vector<std::string>& methods) {
  const json options = {{"target", target}, {"methods", methods}, {"threads", state.range(0)}};
  std::size_t runs = 0;
  for (auto _ : state) {
    const json r = truce::levers::run_levers(reference(), options);
    runs = r.contains("sobol") ? r["sobol"]["model_runs"].get<std::size_t>() : 0;
    benchmark::DoNotOptimize(r);
  }
  state.counters["sobol_model_runs"] = static_cast<double>(runs);
}

void BM_ReferenceCeasefireSobol(benchmark::State& state) { run_levers(state, "p_ceasefire@12", {"sobol"}); }
BENCHMARK(BM_ReferenceCeasefireSobol)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

void BM_ReferenceCeasefireTornado(benchmark::State& state) { run_levers(state, "p_ceasefire@12", {"tornado"}); }
BENCHMARK(BM_ReferenceCeasefireTornado)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReferenceForecastEumFull(benchmark::State& state) {
  run_levers(state, "forecast.territory", {"tornado", "sobol"});
}
BENCHMARK(BM_ReferenceForecastEumFull)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

void BM_ReferenceZopaFull(benchmark::State& state) { run_levers(state, "zopa_size", {"tornado", "sobol"}); }
BENCHMARK(BM_ReferenceZopaFull)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

void BM_ReferenceWhatItTakes(benchmark::State& state) {
  const json options = {{"goal", "p_ceasefire@12 >= 0.5"},
                        {"levers", {"aid", "sanctions", "guarantee", "pressure"}},
                        {"threads", state.range(0)}};
  for (auto _ : state) benchmark::DoNotOptimize(truce::levers::run_what_it_takes(reference(), options));
}
BENCHMARK(BM_ReferenceWhatItTakes)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
