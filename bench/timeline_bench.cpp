// Speed of `truce timeline` on the reference scenario (figure: docs/timeline.md): four dates
// (March, May, the Alaska summit, October 2025), each running space, forecast and simulate
// with 10,000 runs x 36 months, on 2 threads. Target: under 2 s.
#include <benchmark/benchmark.h>

#include "truce/analysis/reference_data.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/timeline/timeline.hpp"

namespace {

void BM_Timeline4Dates(benchmark::State& state) {
  const truce::Scenario s =
      truce::load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  truce::timeline::TimelineOptions o;
  o.dates = {"2025-03-01", "2025-05-15", "2025-08-15", "2025-10-15"};
  o.runs = 10000;
  o.threads = 2;
  for (auto _ : state) benchmark::DoNotOptimize(truce::timeline::run_timeline(s, o, &truce::ucdp_conflict_termination()));
}
BENCHMARK(BM_Timeline4Dates)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
BENCHMARK_MAIN();
