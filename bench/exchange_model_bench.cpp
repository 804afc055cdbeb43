// Speed of the exchange model (10 rounds) on a 15-actor x 13-issue input, the size on which
// the Decide implementation needs about 8.5 s (../shared/data/decide_exchange/SOURCE.md), and
// on Decide's two examples. Figures: docs/PERFORMANCE.md.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "shared_data.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace {

// A reproducible 15 x 13 input: positions on 0..100 in steps of 5, saliences 0.05..1 in
// steps of 0.05, powers 0.1..1 (a fixed linear congruential sequence, no library RNG).
truce::ExchangeInput fifteen_by_thirteen() {
  truce::ExchangeInput in;
  in.actors = 15;
  in.issues = 13;
  std::uint64_t state = 20261204;
  auto next = [&state](int n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<std::uint64_t>(n));
  };
  std::vector<double> power(in.actors);
  for (auto& p : power) p = (1 + next(10)) / 10.0;
  for (std::size_t a = 0; a < in.actors; ++a)
    for (std::size_t k = 0; k < in.issues; ++k) {
      in.takes_part.push_back(1);
      in.position.push_back(5.0 * next(21));
      in.salience.push_back((1 + next(20)) / 20.0);
      in.power.push_back(power[a]);
    }
  return in;
}

void run(benchmark::State& state, const truce::ExchangeInput& in, truce::ExchangeSemantics semantics) {
  truce::ExchangeOptions o;
  o.semantics = semantics;
  std::size_t exchanges = 0;
  for (auto _ : state) {
    const auto r = truce::run_exchange_model(in, o);
    exchanges = r.exchanges.size();
    benchmark::DoNotOptimize(r.outcome.data());
  }
  state.counters["exchanges"] = static_cast<double>(exchanges);
}

void BM_Exchange_15x13_TenRounds_Model(benchmark::State& state) {
  static const auto in = fifteen_by_thirteen();
  run(state, in, truce::ExchangeSemantics::model);
}
BENCHMARK(BM_Exchange_15x13_TenRounds_Model)->Unit(benchmark::kMillisecond);

void BM_Exchange_15x13_TenRounds_Decide(benchmark::State& state) {
  static const auto in = fifteen_by_thirteen();
  run(state, in, truce::ExchangeSemantics::decide);
}
BENCHMARK(BM_Exchange_15x13_TenRounds_Decide)->Unit(benchmark::kMillisecond);

void decide_example(benchmark::State& state, const std::string& file, truce::ExchangeSemantics semantics) {
  const std::string path = "data/decide_exchange/" + file;
  if (!truce::bench::have_shared(state, path)) return;
  const auto in = truce::exchange_input(truce::load_scenario_file(truce::bench::shared_path(path)));
  run(state, in, semantics);
}

void BM_Exchange_Copenhagen_Decide(benchmark::State& state) {
  decide_example(state, "copenhagen.csv", truce::ExchangeSemantics::decide);
}
BENCHMARK(BM_Exchange_Copenhagen_Decide)->Unit(benchmark::kMillisecond);

void BM_Exchange_Copenhagen_Model(benchmark::State& state) {
  decide_example(state, "copenhagen.csv", truce::ExchangeSemantics::model);
}
BENCHMARK(BM_Exchange_Copenhagen_Model)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
