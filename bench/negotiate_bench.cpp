// Negotiation speed (docs/negotiate.md, "Speed"): Boulware first vs Conceder, 1,000 rounds, on
// the GENIUS Energy domain (390,625 packages) and Travel (188,160) under NegMAS semantics, the
// parties' sorted tables built once and reused by every negotiation (as a tournament does);
// offers per second counts every proposal. Also the one-off cost of building the tables.
// NegMAS 0.15.7 on the same negotiation: 54-72 s on Energy, 2.4-3.2 s on Travel
// (../shared/data/negmas_sao/SOURCE.md, section 5).

#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "shared_data.hpp"
#include "truce/io/genius_xml.hpp"
#include "truce/negotiate/sao.hpp"

namespace {

using namespace truce;
using namespace truce::negotiate;

struct Prepared {
  space::PackageSpace space;
  std::unique_ptr<NegotiationDomain> domain;
  SortedOutcomes first, second;
};

Prepared prepare(const std::string& folder, const std::string& d, const std::string& a, const std::string& b) {
  const std::string dir = truce::bench::shared_path("data/genius/" + folder + "/");
  Prepared p;
  p.space = package_space_of(load_genius_domain(dir + d), {load_genius_profile(dir + a), load_genius_profile(dir + b)},
                             GeniusScoring::negmas);
  p.domain = std::make_unique<NegotiationDomain>(p.space);
  p.first = sort_outcomes(*p.domain, 0, TieOrder::numpy);
  p.second = sort_outcomes(*p.domain, 1, TieOrder::numpy);
  return p;
}

void negotiations(benchmark::State& state, const std::string& folder, const std::string& d, const std::string& a,
                  const std::string& b) {
  if (!truce::bench::have_shared(state, "data/genius/" + folder)) return;
  const Prepared p = prepare(folder, d, a, b);
  const std::vector<AgentSpec> agents = {parse_agent("boulware"), parse_agent("conceder")};
  SaoSettings settings;
  settings.steps = 1000;
  std::uint64_t offers = 0;
  SaoRun last;
  for (auto _ : state) {
    last = run_sao(*p.domain, {&p.first, &p.second}, agents, settings);
    offers += last.offers;
    benchmark::DoNotOptimize(last.agreement);
  }
  state.counters["offers_per_s"] = benchmark::Counter(static_cast<double>(offers), benchmark::Counter::kIsRate);
  state.counters["offers"] = last.offers;
  state.counters["round"] = last.round;
}

void BM_EnergyBoulwareVsConceder1000(benchmark::State& state) {
  negotiations(state, "Energy", "energy_domain.xml", "energy_consumer.xml", "energy_distributor.xml");
}
BENCHMARK(BM_EnergyBoulwareVsConceder1000)->Unit(benchmark::kMillisecond);

void BM_TravelBoulwareVsConceder1000(benchmark::State& state) {
  negotiations(state, "Travel", "travel_domain.xml", "travel_chox.xml", "travel_fanny.xml");
}
BENCHMARK(BM_TravelBoulwareVsConceder1000)->Unit(benchmark::kMillisecond);

// The one-off work per profile: every package's utility and numpy's sort order.
void BM_EnergySortOneProfile(benchmark::State& state) {
  if (!truce::bench::have_shared(state, "data/genius/Energy")) return;
  const std::string dir = truce::bench::shared_path("data/genius/Energy/");
  const auto s = package_space_of(load_genius_domain(dir + "energy_domain.xml"),
                                  {load_genius_profile(dir + "energy_consumer.xml"),
                                   load_genius_profile(dir + "energy_distributor.xml")},
                                  GeniusScoring::negmas);
  const NegotiationDomain domain(s);
  for (auto _ : state) benchmark::DoNotOptimize(sort_outcomes(domain, 0, TieOrder::numpy).acceptable);
}
BENCHMARK(BM_EnergySortOneProfile)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
