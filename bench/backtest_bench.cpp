// Speed of a full backtest on DEU I (184 scored issues): every default model, the
// cross-validated ensemble and its intervals, 2,000 bootstrap resamples, on one core. The
// issue's bound is 2 s; figures: docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include "shared_data.hpp"
#include "truce/backtest/backtest.hpp"
#include "truce/io/scenario_file.hpp"

namespace {

void DeuIEveryModel(benchmark::State& state) {
  if (!truce::bench::have_shared(state, "data/deu/deu_I_issues.csv")) return;
  const truce::Scenario deu = truce::load_scenario_file(truce::bench::shared_path("data/deu/deu_I_issues.csv"));
  // Every model the registry has, and the EUM's other reading as a variant.
  const nlohmann::json options{{"models", {"ensemble", "compromise", "mean", "median", "nash", "eum", "smp", "exchange"}},
                               {"variants", {"eum:reading=scholz_code"}}};
  double mae = 0;
  for (auto _ : state) {
    const auto r = truce::backtest::backtest_analysis(deu, options);
    mae = r.models.back().mae;
    benchmark::DoNotOptimize(mae);
  }
  state.counters["ensemble_cv_mae"] = mae;
}
BENCHMARK(DeuIEveryModel)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace

BENCHMARK_MAIN();
