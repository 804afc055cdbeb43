// The forecast model registry (forecast_models.hpp): one entry per model, and what the
// analysis, the levers targets and the command line read from it agrees with running it.

#include "truce/forecast/forecast_models.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "truce/forecast/compromise.hpp"
#include "truce/forecast/forecast_analysis.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/levers/targets.hpp"

namespace truce {
namespace {

const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";

// Options issues: every model has a forecast of its own or an analogue, and says which.
TEST(ForecastModels, EveryModelForecastsOptionsIssuesByAStatedRule) {
  for (const auto& m : forecast_models()) {
    EXPECT_NE(m.options_on_issue, nullptr) << m.name;
    EXPECT_EQ(std::string(m.options_rule).rfind("options issues: ", 0), 0u) << m.name;
  }
}

TEST(ForecastModels, EveryModelHasANameATitleADescriptionAndARun) {
  std::set<std::string> names;
  for (const auto& m : forecast_models()) {
    EXPECT_FALSE(m.name.empty());
    EXPECT_FALSE(m.title.empty()) << m.name;
    EXPECT_FALSE(m.description.empty()) << m.name;
    EXPECT_NE(m.run, nullptr) << m.name;
    EXPECT_TRUE(names.insert(m.name).second) << "one entry per model: " << m.name;
    EXPECT_EQ(find_forecast_model(m.name), &m);
  }
  EXPECT_EQ(find_forecast_model("oracle"), nullptr);
  // The default set is every model but the exchange model, which trades across issues and
  // runs only when named (docs/forecast.md).
  EXPECT_EQ(default_forecast_models(),
            (std::vector<std::string>{"ensemble", "compromise", "mean", "median", "nash", "eum", "smp"}));
  EXPECT_EQ(known_forecast_models().size(), forecast_models().size());
  // The options table accepts exactly the registry's names.
  EXPECT_EQ(forecast_option_table().specs().at(0).choices, known_forecast_models());
}

// The per-issue evaluator the levers use thousands of times gives, bit for bit, the position
// the whole model's run gives on that issue, on every scale issue of the reference scenario.
TEST(ForecastModels, APerIssueForecastIsTheWholeRunsPositionOnThatIssue) {
  const Scenario s = load_scenario_file(reference);
  const ForecastOptions options = forecast_options(s, nlohmann::json::object());
  int checked = 0;
  for (const auto& m : forecast_models()) {
    if (!m.position_on_issue) continue;
    const ForecastResult whole = m.run(s, options);
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
      if (s.issues[k].kind != IssueKind::scale) continue;
      const auto one = m.position_on_issue(s, k, options);
      // No forecast in both or the same number: Nash is degenerate on five of these issues.
      ASSERT_EQ(one.has_value(), !std::isnan(whole.position_by_issue[k])) << m.name << " " << s.issues[k].id;
      if (one) EXPECT_EQ(*one, whole.position_by_issue[k]) << m.name << " " << s.issues[k].id;
      ++checked;
    }
  }
  // compromise, median, nash and eum on each scale issue
  EXPECT_GE(checked, 4);
}

// The compromise is the capability x salience weighted mean (docs/models.md 1.1): computed
// here from the stances, and read through the registry.
TEST(ForecastModels, TheCompromiseThroughTheRegistryIsTheWeightedMean) {
  const Scenario s = load_scenario_file(reference);
  const auto k = *find_issue(s, "territory");
  double sum = 0, weight = 0;
  for (const auto& st : s.stances)
    if (st.issue == k) {
      sum += s.actors[st.actor].capability * st.salience * st.position;
      weight += s.actors[st.actor].capability * st.salience;
    }
  const auto position =
      forecast_position(*find_forecast_model("compromise"), s, k, forecast_options(s, nlohmann::json::object()));
  ASSERT_TRUE(position.has_value());
  EXPECT_NEAR(*position, sum / weight, 1e-12);
}

// Every model of the registry is a levers target, the exchange model too (it runs whole and
// is read on the issue): its base value is the analysis's forecast.
TEST(ForecastModels, EveryModelIsALeversTarget) {
  const Scenario s = load_scenario_file(reference);
  for (const auto& m : forecast_models()) {
    const auto t = levers::bind_target(s, "forecast." + m.name + ".territory", nlohmann::json::object());
    EXPECT_EQ(t.model, m.name);
    const auto k = *find_issue(s, "territory");
    const ForecastResult whole = m.run(s, forecast_options(s, {{"models", {m.name}}}));
    EXPECT_EQ(t.evaluate(s), whole.position_by_issue[k]) << m.name;
  }
}

// The levers move positions: the Nash target keeps the disagreement point of the base
// scenario (territory: the rule's far end, 0) where the rule, re-applied to the moved
// positions, would pick the other end.
TEST(ForecastModels, TheNashTargetBargainsAgainstTheBaseScenariosDisagreementPoint) {
  const Scenario s = load_scenario_file(reference);
  const auto k = *find_issue(s, "territory");
  const auto t = levers::bind_target(s, "forecast.nash.territory", nlohmann::json::object());
  EXPECT_EQ(t.options.at("nash").at("status_quo").at("territory"), 0.0);
  Scenario moved = s;
  for (auto& st : moved.stances)
    if (st.issue == k) st.position /= 2;  // the weighted mean 60.1 becomes 30.0, nearer 0
  EXPECT_EQ(nash_disagreement_point(moved, k, NashOptions{}).position, 100.0);
  const auto against = [&](double q) {
    return forecast_nash_bargaining(moved, NashOptions{StatusQuoRule::far_end, {{"territory", q}}}).position_by_issue[k];
  };
  EXPECT_EQ(t.evaluate(moved), against(0));
  EXPECT_NE(against(0), against(100));
}

}  // namespace
}  // namespace truce
