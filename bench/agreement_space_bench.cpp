// Agreement-space speed: GENIUS domains (against NegMAS's published timings), synthetic spaces
// of 10^7 x 4 actors and 5.8 million x 3 actors, a 10^9-package stream, raw scoring
// throughput, and the bargaining-set query the war model calls every simulated month.
// Figures: docs/performance/space.md.

#include <benchmark/benchmark.h>

#include <Random123/philox.h>

#include <string>

#include "../src/space/package_walk.hpp"
#include "shared_data.hpp"
#include "truce/io/genius_xml.hpp"
#include "truce/space/agreement_space.hpp"
#include "truce/space/bargaining_set.hpp"

namespace {

using namespace truce;
using namespace truce::space;

const std::string genius = truce::bench::shared_path("data/genius/");

PackageSpace genius_space(const std::string& folder, const std::string& d, const std::string& a, const std::string& b) {
  const auto domain = load_genius_domain(genius + folder + "/" + d);
  return package_space_of(domain, {load_genius_profile(genius + folder + "/" + a), load_genius_profile(genius + folder + "/" + b)},
                          GeniusScoring::negmas);
}

// issues x values, actors with random ideal values and saliences (Philox, seed 2026): each
// actor's utility on an issue falls linearly with the distance from its ideal value.
PackageSpace synthetic(std::size_t issues, std::size_t values, std::size_t actors) {
  r123::Philox4x32 rng;
  r123::Philox4x32::key_type key{{2026, static_cast<std::uint32_t>(issues * 1000 + values * 10 + actors)}};
  std::uint32_t counter = 0;
  auto uniform = [&] {
    r123::Philox4x32::ctr_type c{{counter++, 0, 0, 0}};
    return rng(c, key).v[0] * (1.0 / 4294967296.0);
  };
  PackageSpace s;
  for (std::size_t a = 0; a < actors; ++a) s.actors.push_back({"a" + std::to_string(a), "", 1.0, true, 0.0});
  for (std::size_t j = 0; j < issues; ++j) {
    SpaceIssue issue{"i" + std::to_string(j), "", {}};
    for (std::size_t v = 0; v < values; ++v) issue.values.push_back({std::to_string(v), "", std::nullopt});
    std::vector<double> table(values * actors);
    for (std::size_t a = 0; a < actors; ++a) {
      const double ideal = uniform() * static_cast<double>(values - 1), salience = uniform();
      for (std::size_t v = 0; v < values; ++v)
        table[v * actors + a] = salience * (1.0 - std::abs(static_cast<double>(v) - ideal) / static_cast<double>(values));
    }
    s.contribution.push_back(std::move(table));
    s.issues.push_back(std::move(issue));
  }
  return s;
}

void report(benchmark::State& state, const SpaceResult& r, unsigned threads) {
  state.counters["packages"] = static_cast<double>(r.packages);
  state.counters["frontier"] = static_cast<double>(r.frontier.size());
  state.counters["packages_per_s_per_core"] = benchmark::Counter(
      static_cast<double>(r.packages) * static_cast<double>(state.iterations()) / threads, benchmark::Counter::kIsRate);
}

void BM_Genius(benchmark::State& state, const char* folder, const char* d, const char* a, const char* b) {
  if (!truce::bench::have_shared(state, std::string("data/genius/") + folder)) return;
  const auto space = genius_space(folder, d, a, b);
  SpaceOptions o;
  o.kalai = KalaiGains::raw;
  o.threads = static_cast<unsigned>(state.range(0));
  SpaceResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = analyse_space(space, o));
  report(state, r, o.threads);
}
BENCHMARK_CAPTURE(BM_Genius, Travel, "Travel", "travel_domain.xml", "travel_chox.xml", "travel_fanny.xml")
    ->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Genius, Energy, "Energy", "energy_domain.xml", "energy_consumer.xml", "energy_distributor.xml")
    ->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Args: issues, values, actors, threads.
void BM_Synthetic(benchmark::State& state) {
  const auto space = synthetic(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)),
                               static_cast<std::size_t>(state.range(2)));
  SpaceOptions o;
  o.threads = static_cast<unsigned>(state.range(3));
  SpaceResult r;
  for (auto _ : state) benchmark::DoNotOptimize(r = analyse_space(space, o));
  report(state, r, o.threads);
}
BENCHMARK(BM_Synthetic)->Args({7, 10, 4, 1})->Args({7, 10, 4, 2})   // 10^7 packages, 4 actors
    ->Args({8, 7, 3, 1})->Args({8, 7, 3, 2})                          // 5.76 million, 3 actors
    ->Unit(benchmark::kMillisecond)->UseRealTime();
// 10^9 packages, 4 actors, streamed: run on its own (--benchmark_filter=Billion).
BENCHMARK(BM_Synthetic)->Name("Billion")->Args({9, 10, 4, 2})->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// Raw scoring: the enumeration with its incremental sums and a trivial consumer.
void BM_Scoring(benchmark::State& state) {
  const auto space = synthetic(7, 10, static_cast<std::size_t>(state.range(0)));
  const auto tables = detail::walk_tables(space);
  const std::uint64_t n = space.size();
  double sink = 0;
  for (auto _ : state) {
    detail::walk(tables, 0, n, [](std::uint64_t) { return false; },
                 [&](std::uint64_t, const double* u, std::uint64_t) { sink += u[0]; });
    benchmark::DoNotOptimize(sink);
  }
  state.counters["packages_per_s_per_core"] =
      benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Scoring)->Arg(2)->Arg(4)->Unit(benchmark::kMillisecond)->UseRealTime();

// The war model's question: ZOPA non-empty and Nash package, for moving reservation values.
void BM_BargainingQuery(benchmark::State& state) {
  if (state.range(0) == 0 && !truce::bench::have_shared(state, "data/genius/Energy")) return;
  const auto space = state.range(0) == 0 ? genius_space("Energy", "energy_domain.xml", "energy_consumer.xml",
                                                        "energy_distributor.xml")
                                         : synthetic(7, 10, 4);
  SpaceOptions o;
  o.threads = 2;
  const auto set = BargainingSet::build(space, o);
  const std::size_t p = set.parties().size();
  std::vector<double> lo(p), hi(p);
  for (std::size_t i = 0; i < p; ++i) {
    lo[i] = space.min_utility(set.parties()[i]);
    hi[i] = space.max_utility(set.parties()[i]);
  }
  std::vector<double> r(p);
  std::uint64_t step = 0, deals = 0;
  for (auto _ : state) {
    // Reservation values sweep the range (a deterministic quasi-random walk).
    for (std::size_t i = 0; i < p; ++i)
      r[i] = lo[i] + (hi[i] - lo[i]) * 0.8 * (static_cast<double>((step * (2654435761u + 97 * i)) % 1000) / 1000.0);
    ++step;
    const auto deal = set.query(r.data());
    deals += deal.zopa;
    benchmark::DoNotOptimize(deal);
  }
  state.counters["frontier"] = static_cast<double>(set.size());
  state.counters["share_with_zopa"] = static_cast<double>(deals) / static_cast<double>(step);
}
BENCHMARK(BM_BargainingQuery)->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
