// Change -> answer latency of the browser explorer (figures: docs/serve.md), through the pure
// API (serve/explorer.hpp) as the page calls it, on the reference scenario: each iteration
// moves Russia's territorial red line to another value, so nothing is reused. Targets: space
// and forecast under 100 ms at the median; P(ceasefire) with 2,000 runs under 300 ms.
// The socket layer adds well under a millisecond on the loopback.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "truce/io/scenario_file.hpp"
#include "truce/serve/explorer.hpp"

namespace {

truce::serve::Explorer& explorer() {
  static truce::serve::Explorer* x = [] {
    auto* e = new truce::serve::Explorer;
    e->scenario = truce::load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
    e->scenario_file = "ukraine-ceasefire-2025.yaml";
    e->options.threads = 2;
    return e;
  }();
  return *x;
}

void answer(benchmark::State& state, const char* analysis, int runs) {
  int step = 0;
  for (auto _ : state) {
    nlohmann::json body = {{"analysis", analysis},
                           {"state", {{"changes", {{"red_line_min.russia.territory", 40 + (step++ % 40)}}}}}};
    if (runs > 0) body["runs"] = runs;
    const auto r = truce::serve::handle_api(explorer(), {"POST", "/api/answer", body.dump()});
    if (r.status != 200) throw std::runtime_error(r.body.dump());
    benchmark::DoNotOptimize(r);
  }
}

void BM_ChangeToSpaceAnswer(benchmark::State& s) { answer(s, "space", 0); }
void BM_ChangeToForecastAnswer(benchmark::State& s) { answer(s, "forecast", 0); }
void BM_ChangeToCeasefire2000Runs(benchmark::State& s) { answer(s, "simulate", 2000); }
void BM_ChangeToCeasefire10000Runs(benchmark::State& s) { answer(s, "simulate", 10000); }

BENCHMARK(BM_ChangeToSpaceAnswer)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(BM_ChangeToForecastAnswer)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(BM_ChangeToCeasefire2000Runs)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(5)->ReportAggregatesOnly();
BENCHMARK(BM_ChangeToCeasefire10000Runs)->Unit(benchmark::kMillisecond)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly();

}  // namespace
BENCHMARK_MAIN();
