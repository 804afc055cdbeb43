// truce backtest: the statistics against hand computations, the folds, and the weighted mean
// on every DEU I issue recomputed here from the CSV without the code under test.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "../support/shared_data.hpp"
#include "truce/backtest/backtest.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/io/scenario_yaml.hpp"

namespace truce::backtest {
namespace {

TEST(BacktestStatistics, ErrorSummaryByHand) {
  // Errors 1, 2, 3, 10: mean 4, median (2 + 3) / 2 = 2.5, RMSE sqrt((1 + 4 + 9 + 100) / 4).
  const ErrorSummary s = summarise_errors({1, 2, 3, 10});
  EXPECT_DOUBLE_EQ(s.mae, 4.0);
  EXPECT_DOUBLE_EQ(s.median_ae, 2.5);
  EXPECT_DOUBLE_EQ(s.rmse, std::sqrt(114.0 / 4));
  EXPECT_DOUBLE_EQ(summarise_errors({7, 1, 4}).median_ae, 4.0);
}

TEST(BacktestStatistics, SignTestClosedForm) {
  // 0 of 5: 2 x (1/2)^5 = 0.0625; 1 of 5: 2 x 6/32 = 0.375; 8 of 10: 2 x 56/1024.
  EXPECT_NEAR(sign_test_p_value(0, 5), 0.0625, 1e-12);
  EXPECT_NEAR(sign_test_p_value(1, 5), 0.375, 1e-12);
  EXPECT_NEAR(sign_test_p_value(8, 10), 2 * 56.0 / 1024, 1e-12);
  EXPECT_DOUBLE_EQ(sign_test_p_value(5, 10), 1.0);
  EXPECT_DOUBLE_EQ(sign_test_p_value(0, 0), 1.0);
}

TEST(BacktestStatistics, ConformalQuantileRank) {
  // n = 9, level 0.8: the ceil(10 x 0.8) = 8th smallest.
  EXPECT_DOUBLE_EQ(conformal_quantile({9, 1, 8, 2, 7, 3, 6, 4, 5}, 0.8), 8.0);
  // n = 3 at 0.8: rank ceil(3.2) = 4 > 3, so no finite interval has the coverage.
  EXPECT_TRUE(std::isinf(conformal_quantile({1, 2, 3}, 0.8)));
}

TEST(BacktestFolds, KeepProposalsTogetherAndBalance) {
  std::vector<std::string> proposals;
  for (int p = 0; p < 23; ++p)
    for (int i = 0; i <= p % 4; ++i) proposals.push_back("p" + std::to_string(p));
  const auto fold = proposal_folds(proposals, 5, 7);
  std::map<std::string, int> seen;
  std::map<int, std::set<std::string>> per_fold;
  for (std::size_t c = 0; c < proposals.size(); ++c) {
    auto [it, fresh] = seen.emplace(proposals[c], fold[c]);
    EXPECT_EQ(it->second, fold[c]) << proposals[c] << " split across folds";
    per_fold[fold[c]].insert(proposals[c]);
  }
  ASSERT_EQ(per_fold.size(), 5u);
  for (const auto& [f, ps] : per_fold) EXPECT_TRUE(ps.size() == 4 || ps.size() == 5) << "fold " << f;
  EXPECT_EQ(proposal_folds(proposals, 5, 7), fold);   // same seed, same folds
  EXPECT_NE(proposal_folds(proposals, 5, 8), fold);   // another seed deals them otherwise
}

TEST(BacktestFit, SimplexWeightsByHand) {
  // Member 0 is always 10 too high, member 1 exact: all weight on member 1.
  std::vector<std::vector<std::optional<double>>> f = {{30, 20}, {60, 50}, {90, 80}};
  EXPECT_EQ(fit_ensemble_weights(f, {20, 50, 80}, 20), (std::vector<double>{0, 1}));
  // Members 10 below and 10 above: the half-half mix is exact.
  f = {{10, 30}, {40, 60}};
  EXPECT_EQ(fit_ensemble_weights(f, {20, 50}, 20), (std::vector<double>{0.5, 0.5}));
}

// A small backtest by hand: 4 issues, 3 actors each, outcomes stated in YAML.
constexpr const char* small_yaml = R"(truce: 1
id: small
name: Small
actors:
  - {id: a, name: A, capability: 1}
  - {id: b, name: B, capability: 1}
  - {id: c, name: C, capability: 2}
issues:
  - {id: i1, name: I1, kind: scale, low: l, high: h, outcome: 50, proposal: p1}
  - {id: i2, name: I2, kind: scale, low: l, high: h, outcome: 0, proposal: p1}
  - {id: i3, name: I3, kind: scale, low: l, high: h, outcome: 100, proposal: p2}
  - {id: i4, name: I4, kind: scale, low: l, high: h, proposal: p2}
stances:
  - {actor: a, issue: i1, position: 0, salience: 1}
  - {actor: b, issue: i1, position: 40, salience: 1}
  - {actor: c, issue: i1, position: 100, salience: 1}
  - {actor: a, issue: i2, position: 0, salience: 1}
  - {actor: b, issue: i2, position: 0, salience: 1}
  - {actor: c, issue: i2, position: 100, salience: 0.5}
  - {actor: a, issue: i3, position: 100, salience: 1}
  - {actor: b, issue: i3, position: 80, salience: 1}
  - {actor: c, issue: i3, position: 20, salience: 1}
  - {actor: a, issue: i4, position: 10, salience: 1}
  - {actor: b, issue: i4, position: 20, salience: 1}
  - {actor: c, issue: i4, position: 30, salience: 1}
)";

TEST(Backtest, SmallTableByHand) {
  const Scenario s = parse_scenario_yaml(small_yaml, "small.yaml");
  const BacktestResult r = backtest_analysis(s, nlohmann::json{{"models", {"compromise", "mean", "median"}}, {"folds", 2}});
  // i4 has no outcome: 3 cases in 2 proposals.
  EXPECT_EQ(r.cases.size(), 3u);
  EXPECT_EQ(r.without_outcome, 1);
  EXPECT_EQ(r.proposals, 2);
  // Weighted means (c x s): i1 (0 + 40 + 200) / 4 = 60; i2 100 / 3; i3 (100 + 80 + 40) / 4 = 55.
  // Errors 10, 33.33, 45: MAE 88.333 / 3.
  ASSERT_EQ(r.models.front().model, "compromise");
  EXPECT_NEAR(r.models[0].mae, (10 + 100.0 / 3 + 45) / 3, 1e-12);
  EXPECT_NEAR(r.models[0].median_ae, 100.0 / 3, 1e-12);
  // The headline `truce runs list` shows: each model's MAE, by name.
  const Headline h = backtest_headline(r);
  ASSERT_GE(h.size(), 3u);
  EXPECT_EQ(h[0].name, "compromise.mae");
  EXPECT_NEAR(std::get<double>(h[0].value), (10 + 100.0 / 3 + 45) / 3, 1e-12);
  EXPECT_EQ(h[0].label, "Mean absolute error of compromise over 3 cases");
  EXPECT_EQ(h[1].name, "mean.mae");
  EXPECT_NEAR(std::get<double>(h[1].value), (10.0 / 3 + 100.0 / 3 + 100.0 / 3) / 3, 1e-12);
  // Plain means: i1 140/3 (error 10/3), i2 100/3 (error 100/3), i3 200/3 (error 100/3).
  EXPECT_EQ(r.models[1].model, "mean");
  EXPECT_NEAR(r.models[1].mae, (10.0 / 3 + 100.0 / 3 + 100.0 / 3) / 3, 1e-12);
  // Against the weighted mean: better on i1 and i3, tied on i2.
  EXPECT_EQ(r.models[1].beats, 2);
  EXPECT_EQ(r.models[1].ties, 1);
  EXPECT_EQ(r.models[1].loses, 0);
  EXPECT_NEAR(r.models[1].mean_difference, ((10.0 / 3 - 10) + 0 + (100.0 / 3 - 45)) / 3, 1e-12);
  EXPECT_NEAR(r.models[1].sign_test_p, 0.5, 1e-12);  // 2 of 2: 2 x 1/4
  EXPECT_LE(r.models[1].difference_low, r.models[1].mean_difference);
  EXPECT_GE(r.models[1].difference_high, r.models[1].mean_difference);
  // Same inputs, same bytes.
  EXPECT_EQ(to_json(r).dump(), to_json(backtest_analysis(s, nlohmann::json{{"models", {"compromise", "mean", "median"}},
                                                                             {"folds", 2}}))
                                   .dump());
}

TEST(Backtest, RefusesDataWithoutOutcomes) {
  std::string text = small_yaml;
  for (const char* o : {"outcome: 50, ", "outcome: 0, ", "outcome: 100, "}) text.erase(text.find(o), std::string(o).size());
  const Scenario s = parse_scenario_yaml(text, "small.yaml");
  EXPECT_THROW(backtest_analysis(s, nlohmann::json::object()), std::invalid_argument);
}

TEST(Backtest, VariantsAreValidatedByTheModelsTable) {
  const Scenario s = parse_scenario_yaml(small_yaml, "small.yaml");
  try {
    backtest_analysis(s, nlohmann::json{{"models", {"compromise"}}, {"variants", {"eum:reading=nonsense"}}, {"folds", 2}});
    FAIL() << "expected the bad reading refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("eum.reading"), std::string::npos) << e.what();
  }
  EXPECT_THROW(backtest_analysis(s, nlohmann::json{{"variants", {"nomodel:x=1"}}, {"folds", 2}}), std::invalid_argument);
}

// The DEU convention, recomputed here from the CSV: Council weight of the regime of the year
// of the final act (pre-Nice to 2004, Nice 2005-2014; no final act: the latest final act's
// year in the file, 2008, so Nice), Commission and Parliament at the issue's largest
// member-state weight; weighted mean = sum c s p / sum c s over the coded actors.
TEST(BacktestDeu, WeightedMeanOnEveryIssueRecomputedFromTheCsv) {
  TRUCE_NEEDS_SHARED("data/deu/deu_I_issues.csv");
  const std::string path = truce::testing::shared_path("data/deu/deu_I_issues.csv");
  std::map<std::string, std::map<std::string, double>> weight;  // regime -> actor -> weight
  {
    std::ifstream caps(std::string(TRUCE_SOURCE_DIR) + "/data/deu/council_capabilities.csv");
    std::string line;
    std::getline(caps, line);
    while (std::getline(caps, line)) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
      weight[f[0]][f[2]] = std::stod(f[3]);
    }
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  auto chomp = [](std::string& l) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
  };
  chomp(line);
  std::vector<std::string> header;
  {
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) header.push_back(x);
  }
  std::map<std::string, double> expected;  // issue -> weighted mean
  while (std::getline(in, line)) {
    chomp(line);
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
    f.resize(header.size());
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = f[i];
    if (row["out"].empty() || row["out"] == "999") continue;
    const std::string finact = row["finact"];
    const int yy = finact == "999" ? 8 : std::stoi(finact.substr(finact.size() - 2));
    const std::string regime = (yy >= 50 || yy <= 4) ? "pre_nice" : "nice";
    double largest = 0, sw = 0, swp = 0;
    int coded = 0;
    std::vector<std::pair<std::string, std::pair<double, double>>> actors;
    for (const auto& h : header)
      if (h.size() > 1 && h[0] == 'p' && row.count("s" + h.substr(1)) && !row[h].empty()) {
        const std::string a = h.substr(1);
        actors.push_back({a, {std::stod(row[h]), std::stod(row["s" + a])}});
        if (a != "com" && a != "ep") largest = std::max(largest, weight[regime].at(a));
        ++coded;
      }
    if (coded < 3) continue;
    for (const auto& [a, ps] : actors) {
      const double c = (a == "com" || a == "ep") ? largest : weight[regime].at(a);
      sw += c * ps.second;
      swp += c * ps.second * ps.first;
    }
    expected[row["isnr"]] = swp / sw;
  }
  ASSERT_EQ(expected.size(), 184u);  // ../shared/data/deu/SOURCE.md: 184 scoreable issues

  const Scenario deu = load_scenario_file(path);
  const BacktestResult r = backtest_analysis(deu, nlohmann::json{{"models", {"compromise"}}, {"bootstrap", 0}});
  ASSERT_EQ(r.cases.size(), 184u);
  for (const auto& c : r.cases) EXPECT_NEAR(c.forecast[0], expected.at(c.issue), 1e-9) << c.issue;
  // SOURCE.md: the weighted mean's MAE under this convention is 23.72.
  EXPECT_NEAR(r.models[0].mae, 23.72, 0.005);
}

TEST(BacktestDeu, ShippedEnsembleIsReproducibleFromDeuI) {
  TRUCE_NEEDS_SHARED("data/deu/deu_I_issues.csv");
  const Scenario deu = load_scenario_file(truce::testing::shared_path("data/deu/deu_I_issues.csv"));
  const BacktestResult r = backtest_analysis(deu, nlohmann::json::object());
  ASSERT_TRUE(r.fit.has_value());
  // data/ensemble/ensemble.json is what `truce backtest deu_I_issues.csv --write-ensemble` writes.
  EXPECT_EQ(to_json(*r.fit).dump(), to_json(shipped_ensemble()).dump());
  // Cross-validated coverage of the 80% intervals within 75-85% (the issue's target).
  ASSERT_TRUE(r.coverage.has_value());
  EXPECT_GE(r.coverage->share, 0.75);
  EXPECT_LE(r.coverage->share, 0.85);
}

}  // namespace
}  // namespace truce::backtest
