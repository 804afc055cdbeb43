// The exchange model against the Decide implementation's own Equal Gain runs
// (../shared/data/decide_exchange/runs/<input>/equal_deterministic/, SOURCE.md): with
// semantics = decide, every realised exchange in the same order (actors, supply issues,
// moves, voting positions, gain) and the final expected outcomes to 1e-9 on 0..100.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../support/shared_data.hpp"
#include "truce/forecast/exchange_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

using Table = std::vector<std::map<std::string, std::string>>;

Table read_csv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream hs(line);
  for (std::string h; std::getline(hs, h, ',');) header.push_back(h);
  Table rows;
  while (std::getline(in, line)) {
    std::map<std::string, std::string> row;
    std::stringstream ls(line);
    std::size_t k = 0;
    for (std::string v; std::getline(ls, v, ',') && k < header.size(); ++k) row[header[k]] = v;
    rows.push_back(row);
  }
  return rows;
}

constexpr double tolerance = 1e-9;  // the issue's bar: final outcomes to 1e-9 on 0..100

void check_against_decide(const std::string& input, const std::string& run_dir, std::size_t expected_exchanges) {
  const Scenario sc = load_scenario_file(input);
  std::vector<std::size_t> index;
  const ExchangeInput in = exchange_input(sc, &index);
  ExchangeOptions opt;
  opt.semantics = ExchangeSemantics::decide;
  const ExchangeRun run = run_exchange_model(in, opt);

  const Table ex = read_csv(run_dir + "/exchanges.csv");
  ASSERT_EQ(ex.size(), expected_exchanges);  // SOURCE.md: 366 / 450 realised exchanges
  ASSERT_EQ(run.exchanges.size(), ex.size());
  for (std::size_t n = 0; n < ex.size(); ++n) {
    const auto& want = ex[n];
    const RealisedExchange& got = run.exchanges[n];
    SCOPED_TRACE("exchange " + std::to_string(n) + " (round " + want.at("round") + ", seq " + want.at("seq") + ")");
    ASSERT_EQ(got.round, std::stoi(want.at("round")));
    ASSERT_EQ(sc.actors[got.i.actor].name, want.at("i_actor"));
    ASSERT_EQ(sc.actors[got.j.actor].name, want.at("j_actor"));
    ASSERT_EQ(sc.issues[index[got.i.supply_issue]].name, want.at("i_supply_issue"));
    ASSERT_EQ(sc.issues[index[got.j.supply_issue]].name, want.at("j_supply_issue"));
    EXPECT_NEAR(got.i.move, std::stod(want.at("i_move")), tolerance);
    EXPECT_NEAR(got.j.move, std::stod(want.at("j_move")), tolerance);
    EXPECT_NEAR(got.i.y, std::stod(want.at("i_y")), tolerance);
    EXPECT_NEAR(got.j.y, std::stod(want.at("j_y")), tolerance);
    EXPECT_NEAR(got.gain, std::stod(want.at("gain")), tolerance);
  }
  // nbs.csv: the expected outcome on the voting positions of the last round (SOURCE.md).
  const Table nbs = read_csv(run_dir + "/nbs.csv");
  std::size_t checked = 0;
  for (const auto& row : nbs) {
    if (row.at("round") != "9" || row.at("kind") != "voting_end") continue;
    for (std::size_t k = 0; k < index.size(); ++k)
      if (sc.issues[index[k]].name == row.at("issue")) {
        EXPECT_NEAR(run.outcome[k], std::stod(row.at("nbs_norm")), tolerance) << row.at("issue");
        ++checked;
      }
  }
  EXPECT_EQ(checked, index.size());
}

TEST(ExchangeDecide, SampleDataEveryExchangeAndFinalOutcomes) {
  TRUCE_NEEDS_SHARED("data/decide_exchange/sample_data.txt");
  check_against_decide(::truce::testing::shared_path("data/decide_exchange/sample_data.txt"),
                       ::truce::testing::shared_path("data/decide_exchange/runs/sample_data/equal_deterministic"), 366);
}

TEST(ExchangeDecide, CopenhagenEveryExchangeAndFinalOutcomes) {
  TRUCE_NEEDS_SHARED("data/decide_exchange/copenhagen.csv");
  check_against_decide(::truce::testing::shared_path("data/decide_exchange/copenhagen.csv"),
                       ::truce::testing::shared_path("data/decide_exchange/runs/copenhagen/equal_deterministic"), 450);
}

}  // namespace
}  // namespace truce
