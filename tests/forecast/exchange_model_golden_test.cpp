// The exchange model's output, bit for bit: a fingerprint (FNV-1a over every number of the
// run, as its bits) of the model and decide runs on the benchmark's 15 x 13 input, Decide's two
// examples and the reference scenario, taken before the speed work of issue #21. A change of
// any output byte (an exchange, its order, a position's last bit) changes the fingerprint;
// a faster engine must leave them all as they are. And the same bytes for any thread count.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "../support/shared_data.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/levers/levers_analysis.hpp"

namespace truce {
namespace {

struct Fingerprint {
  std::uint64_t h = 14695981039346656037ULL;
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t k = 0; k < n; ++k) h = (h ^ b[k]) * 1099511628211ULL;
  }
  void add(double v) { bytes(&v, sizeof v); }
  void add(std::uint64_t v) { bytes(&v, sizeof v); }
  void add(const std::vector<double>& v) {
    add(static_cast<std::uint64_t>(v.size()));
    for (double x : v) add(x);
  }
  void add(const ExchangeSide& s) {
    add(static_cast<std::uint64_t>(s.actor)), add(static_cast<std::uint64_t>(s.supply_issue));
    add(static_cast<std::uint64_t>(s.demand_issue));
    add(s.round_start), add(s.before), add(s.move), add(s.y), add(s.shift);
    add(static_cast<std::uint64_t>(s.cut_at_partner));
  }
};

std::uint64_t fingerprint(const ExchangeRun& run) {
  Fingerprint f;
  f.add(static_cast<std::uint64_t>(run.rounds.size()));
  for (const ExchangeRound& r : run.rounds) {
    f.add(r.start), f.add(r.voting), f.add(r.outcome_start), f.add(r.outcome_end);
    f.add(static_cast<std::uint64_t>(r.candidates)), f.add(static_cast<std::uint64_t>(r.valid));
    f.add(static_cast<std::uint64_t>(r.realised));
  }
  f.add(static_cast<std::uint64_t>(run.exchanges.size()));
  for (const RealisedExchange& e : run.exchanges) {
    f.add(static_cast<std::uint64_t>(e.round)), f.add(static_cast<std::uint64_t>(e.p));
    f.add(static_cast<std::uint64_t>(e.q)), f.add(static_cast<std::uint64_t>(e.outer_groups));
    f.add(e.gain), f.add(e.i), f.add(e.j);
  }
  f.add(run.final_positions), f.add(run.outcome);
  f.add(static_cast<std::uint64_t>(run.stopped_early));
  return f.h;
}

// bench/exchange_model_bench.cpp's 15 x 13 input, the same sequence.
ExchangeInput fifteen_by_thirteen() {
  ExchangeInput in;
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

std::uint64_t run_fingerprint(const ExchangeInput& in, ExchangeSemantics semantics, std::size_t* exchanges = nullptr) {
  ExchangeOptions o;
  o.semantics = semantics;
  const ExchangeRun run = run_exchange_model(in, o);
  if (exchanges) *exchanges = run.exchanges.size();
  return fingerprint(run);
}

ExchangeInput file_input(const std::string& path) { return exchange_input(load_scenario_file(path)); }

const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";

TEST(ExchangeModelBytes, FifteenByThirteenModel) {
  std::size_t n = 0;
  EXPECT_EQ(run_fingerprint(fifteen_by_thirteen(), ExchangeSemantics::model, &n), 0x706be16e1eca0e74ULL);
  EXPECT_EQ(n, 1338u);  // docs/forecast.md, "Speed"
}

TEST(ExchangeModelBytes, ReferenceScenarioBothSemantics) {
  std::size_t n = 0;
  EXPECT_EQ(run_fingerprint(file_input(reference), ExchangeSemantics::model, &n), 0xcbec8412e549cd8eULL);
  EXPECT_EQ(n, 181u);  // docs/forecast.md, "The reference scenario's trades"
  EXPECT_EQ(run_fingerprint(file_input(reference), ExchangeSemantics::decide, &n), 0x15dbb31517ae5c53ULL);
  EXPECT_EQ(n, 193u);
}

TEST(ExchangeModelBytes, DecideExamplesBothSemantics) {
  TRUCE_NEEDS_SHARED("data/decide_exchange/sample_data.txt");
  TRUCE_NEEDS_SHARED("data/decide_exchange/copenhagen.csv");
  const auto sample = file_input(::truce::testing::shared_path("data/decide_exchange/sample_data.txt"));
  const auto copenhagen = file_input(::truce::testing::shared_path("data/decide_exchange/copenhagen.csv"));
  std::size_t n = 0;
  EXPECT_EQ(run_fingerprint(sample, ExchangeSemantics::model, &n), 0x6dd7dd72037f34a9ULL);
  EXPECT_EQ(n, 347u);  // docs/forecast.md
  EXPECT_EQ(run_fingerprint(sample, ExchangeSemantics::decide), 0x32e5bcda5125d39bULL);
  EXPECT_EQ(run_fingerprint(copenhagen, ExchangeSemantics::model), 0x84207ec7390a7e71ULL);
  EXPECT_EQ(run_fingerprint(copenhagen, ExchangeSemantics::decide), 0x687ff3fe70a6075eULL);
}

// The model runs on one thread and shares nothing; where truce runs it many times over
// threads (levers, with the exchange model as the target) the result is the same bytes for
// 1, 2 and 3 threads.
TEST(ExchangeModelBytes, SameBytesForAnyThreadCount) {
  const Scenario sc = load_scenario_file(reference);
  nlohmann::json options = {{"target", "forecast.exchange.nato"},
                            {"parameters", {"position.*.nato", "salience.*.nato"}},
                            {"methods", {"tornado", "sobol"}},
                            {"samples", 16},
                            {"bootstrap", 4},
                            {"threads", 1}};
  const std::string one = levers::run_levers(sc, options).dump();
  for (int threads : {2, 3}) {
    options["threads"] = threads;
    EXPECT_EQ(levers::run_levers(sc, options).dump(), one) << threads << " threads";
  }
}

}  // namespace
}  // namespace truce
