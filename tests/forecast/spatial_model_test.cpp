// KTAB's Spatial Model of Politics: our port against KTAB's own outputs.
// Data: /work/shared/data/ktab/ (KTAB's example scenarios, MIT licence) and its reference/
// folder (position histories written by KTAB master c57b72a's smpc; KTAB's 2017 log).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "truce/forecast/spatial_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

const std::string ktab_dir = std::string(TRUCE_SHARED_DIR) + "/data/ktab/";

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (trim(line).empty()) continue;
    std::vector<std::string> row;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) row.push_back(trim(f));
    rows.push_back(row);
  }
  return rows;
}

// KTAB's history file: one row per actor and dimension, "actor, dimension, x_0, x_1, ...".
// Checks every printed value (%5.1f, trimmed) and the number of states.
void expect_ktab_history(const std::string& scenario_file, const std::string& history_file,
                         const SpatialModelOptions& options = {}) {
  const Scenario sc = load_scenario_file(ktab_dir + scenario_file);
  const auto forecast = forecast_spatial_model_detailed(sc, options);
  ASSERT_EQ(forecast.runs.size(), 1u);
  const auto& run = forecast.runs[0];
  const auto rows = read_csv(ktab_dir + "reference/" + history_file);
  ASSERT_EQ(rows.size(), sc.actors.size() * run.issues.size());
  int row = 0;
  for (std::size_t i = 0; i < run.actors.size(); ++i)
    for (std::size_t d = 0; d < run.issues.size(); ++d, ++row) {
      const auto& r = rows[row];
      ASSERT_EQ(r.size() - 2, run.run.states.size()) << "number of states, row " << row;
      for (std::size_t t = 0; t < run.run.states.size(); ++t)
        EXPECT_EQ(fmt::format("{:.1f}", 100.0 * run.run.states[t].position[i][d]), r[2 + t])
            << r[0] << " " << r[1] << " state " << t;
    }
}

// Source: reference/SOE-Policy.ktab-master.history.csv (KTAB master, 20 states).
TEST(SpatialModelKtab, SoePolicyHistoryEqualsKtabMaster) {
  expect_ktab_history("SOE-Policy.csv", "SOE-Policy.ktab-master.history.csv");
}

// Source: reference/SOE-Pol-Comp.ktab-master.history.csv (28 states, 2 dimensions).
TEST(SpatialModelKtab, SoePolCompHistoryEqualsKtabMaster) {
  expect_ktab_history("SOE-Pol-Comp.csv", "SOE-Pol-Comp.ktab-master.history.csv");
}

// Source: reference/dummyData_3Dim.ktab-master.history.csv (11 states, 3 dimensions).
TEST(SpatialModelKtab, DummyData3DimHistoryEqualsKtabMaster) {
  expect_ktab_history("dummyData_3Dim.csv", "dummyData_3Dim.ktab-master.history.csv");
}

}  // namespace
}  // namespace truce
