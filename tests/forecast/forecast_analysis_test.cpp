// The "forecast" analysis: options completion, result layout, not-applicable issues,
// the SMP placeholder, determinism.
#include "truce/forecast/forecast_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "truce/analysis/analysis.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

using nlohmann::json;

// Three actors on a scale issue with named points, plus an options issue.
Scenario small_scenario() {
  Scenario sc;
  sc.name = "small";
  sc.actors = {{"a", "Alpha", "", 1.0, {}, false}, {"b", "Beta", "", 3.0, {}, false}, {"c", "Gamma", "", 2.0, {}, false}};
  Issue border;
  border.id = "border";
  border.name = "Border";
  border.points = {{"none", "No change", 0}, {"half", "Half", 50}, {"all", "Everything", 100}};
  Issue venue;
  venue.id = "venue";
  venue.name = "Venue";
  venue.kind = IssueKind::options;
  venue.options = {{"geneva", "Geneva"}, {"vienna", "Vienna"}};
  sc.issues = {border, venue};
  auto stance = [](std::size_t actor, std::size_t issue, double position, double salience) {
    Stance s;
    s.actor = actor;
    s.issue = issue;
    s.position = position;
    s.salience = salience;
    return s;
  };
  // Weights c s: a 1, b 1.5, c 0.5.
  sc.stances = {stance(0, 0, 20, 1), stance(0, 1, 0, 0.5), stance(1, 0, 60, 0.5), stance(2, 0, 90, 0.25)};
  return sc;
}

const json* forecast_of(const json& result, const std::string& issue, const std::string& model) {
  for (const auto& i : result.at("issues"))
    if (i.at("id") == issue)
      for (const auto& f : i.at("forecasts"))
        if (f.at("model") == model) return &f;
  return nullptr;
}

TEST(ForecastAnalysis, IsRegistered) {
  const Analysis* a = find_analysis("forecast");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->run, &run_forecast);
}

TEST(ForecastAnalysis, CompleteOptionsWritesEveryDefault) {
  const json o = complete_forecast_options(small_scenario(), json::object());
  EXPECT_EQ(o.at("models"), json({"ensemble", "compromise", "mean", "median", "nash", "eum", "smp"}));
  EXPECT_EQ(o.at("mode"), "per_issue");
  // No status quo is written in for an issue not given one: at run time the issue's stated
  // status_quo, else the rule, decides, and the result says which.
  EXPECT_EQ(o.at("nash").at("status_quo"), json::object());
  EXPECT_EQ(o.at("nash").at("default_status_quo"), "far_end");
  EXPECT_EQ(o.at("eum"), expected_utility_options_to_json(ExpectedUtilityOptions{}));
  EXPECT_EQ(o.at("eum").at("q"), 0.5);
  EXPECT_EQ(o.at("smp").at("mode"), "joint");  // KTAB's way, unless asked otherwise
  // Completing complete options changes nothing.
  EXPECT_EQ(complete_forecast_options(small_scenario(), o), o);
}

// A named reading fills every EUM field; fields given beside it win, and the completed options
// (which name the reading and list every field) complete to themselves, so a stored run reruns.
TEST(ForecastAnalysis, EumReadingFillsTheFieldsItNamesAndYieldsToExplicitOnes) {
  const json o = complete_forecast_options(small_scenario(), {{"eum", {{"reading", "scholz_code"}, {"max_rounds", 20}}}});
  const json& eum = o.at("eum");
  EXPECT_EQ(eum.at("reading"), "scholz_code");
  EXPECT_EQ(eum.at("max_rounds"), 20);
  EXPECT_EQ(eum.at("q"), 1.0);
  EXPECT_EQ(eum.at("tolerance"), 0.0);
  EXPECT_EQ(eum.at("range"), "initial_positions");
  EXPECT_EQ(eum.at("probability"), "all_votes");
  EXPECT_EQ(eum.at("perspective"), "receiver_risk");
  EXPECT_EQ(eum.at("offer_choice"), "scholz_code");
  EXPECT_EQ(eum.at("risk"), "each_round");  // not part of the reading: the paper's
  EXPECT_EQ(complete_forecast_options(small_scenario(), o), o);
  EXPECT_EQ(complete_forecast_options(small_scenario(), json::object()).at("eum").at("reading"), "paper");
  EXPECT_THROW(complete_forecast_options(small_scenario(), {{"eum", {{"reading", "bdm"}}}}), std::invalid_argument);
}

TEST(ForecastAnalysis, RejectsOptionsThatDoNotFit) {
  const Scenario sc = small_scenario();
  EXPECT_THROW(complete_forecast_options(sc, {{"modle", "x"}}), std::invalid_argument);
  EXPECT_THROW(complete_forecast_options(sc, {{"models", {"oracle"}}}), std::invalid_argument);
  EXPECT_THROW(complete_forecast_options(sc, {{"mode", "both"}}), std::invalid_argument);
  EXPECT_THROW(complete_forecast_options(sc, {{"eum", {{"risk", "sometimes"}}}}), std::invalid_argument);
  EXPECT_THROW(complete_forecast_options(sc, {{"eum", {{"q", 2}}}}), std::invalid_argument);
  EXPECT_THROW(complete_forecast_options(sc, {{"nash", {{"status_quo", {{"venue", 10}}}}}}), std::invalid_argument);
  EXPECT_THROW(complete_forecast_options(sc, {{"nash", {{"status_quo", {{"border", 101}}}}}}), std::invalid_argument);
}

TEST(ForecastAnalysis, ForecastsWithNearestNamedPoints) {
  const json r = run_forecast(small_scenario(), json::object());
  // Compromise: (1 * 20 + 1.5 * 60 + 0.5 * 90) / 3 = 155 / 3.
  EXPECT_NEAR(forecast_of(r, "border", "compromise")->at("position").get<double>(), 155.0 / 3.0, 1e-12);
  EXPECT_EQ(forecast_of(r, "border", "compromise")->at("nearest_point").at("id"), "half");
  // Median: cumulative 1 (at 20) < 1.5, 2.5 (at 60) >= 1.5.
  EXPECT_DOUBLE_EQ(forecast_of(r, "border", "median")->at("position").get<double>(), 60.0);
  // Nash with q = 0: feasible (0, 40); on (20, 40) F' = 2/x - 1/(40 - x) = 0 at 80/3.
  EXPECT_NEAR(forecast_of(r, "border", "nash")->at("position").get<double>(), 80.0 / 3.0, 1e-12);
  EXPECT_EQ(forecast_of(r, "border", "nash")->at("nearest_point").at("id"), "half");  // 23.3 from 50, 26.7 from 0
  // Options issues: no position; an option (only Alpha, for Geneva, takes part).
  EXPECT_TRUE(forecast_of(r, "venue", "compromise")->at("position").is_null());
  EXPECT_TRUE(forecast_of(r, "venue", "eum")->at("position").is_null());
  EXPECT_EQ(forecast_of(r, "venue", "compromise")->at("option"), "geneva");
  EXPECT_EQ(forecast_of(r, "venue", "compromise")->at("option_probabilities"),
            json::parse(R"([{"option": "geneva", "probability": 1.0}, {"option": "vienna", "probability": 0.0}])"));
  EXPECT_EQ(r.at("mode"), "per_issue");
}

// The headline `truce runs list` shows: one figure per issue, the ensemble's where it ran.
TEST(ForecastAnalysis, HeadlineIsTheEnsemblePerIssueElseTheFirstModel) {
  const ForecastAnalysisResult with = forecast_analysis(small_scenario(), json::object());
  const Headline h = forecast_headline(with);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].name, "border.ensemble");
  EXPECT_EQ(h[0].label, "Border (Ensemble)");
  EXPECT_EQ(h[0].unit, "position");
  for (const auto& f : with.issues[0].forecasts)
    if (f.model == "ensemble") EXPECT_EQ(std::get<double>(h[0].value), f.position);
  EXPECT_EQ(h[1].name, "venue.ensemble");
  EXPECT_EQ(h[1].unit, "option");

  const ForecastAnalysisResult without =
      forecast_analysis(small_scenario(), json{{"models", {"compromise", "median"}}});
  const Headline g = forecast_headline(without);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].name, "border.compromise");
  EXPECT_NEAR(std::get<double>(g[0].value), 155.0 / 3.0, 1e-12);  // (1 * 20 + 1.5 * 60 + 0.5 * 90) / 3
  EXPECT_EQ(g[1].name, "venue.compromise");
  EXPECT_EQ(std::get<std::string>(g[1].value), "geneva");
}

TEST(ForecastAnalysis, NashStatusQuoOption) {
  // q = 100 (above everyone): feasible (80, 100); on (80, 90): gains 100 - x for a, b and
  // x - 80 for c: F' = -(1 + 1.5)/(100 - x) + 0.5/(x - 80) = 0 => x = 80 + 20/6 = 83.33.
  const json r = run_forecast(small_scenario(), {{"models", {"nash"}}, {"nash", {{"status_quo", {{"border", 100}}}}}});
  EXPECT_NEAR(forecast_of(r, "border", "nash")->at("position").get<double>(), 80.0 + 20.0 / 6.0, 1e-12);
}

// The disagreement point: the option for the issue, else the issue's stated status_quo, else
// the rule (far_end: 0 here, the weighted mean 51.67 being nearer 100); the result says which.
TEST(ForecastAnalysis, NashDisagreementPointOptionThenScenarioThenRule) {
  Scenario sc = small_scenario();
  const auto nash_of = [](const json& r) { return forecast_of(r, "border", "nash")->at("nash"); };
  // The rule: q = 0, feasible (0, 40), 80/3 as in ForecastsWithNearestNamedPoints.
  json r = run_forecast(sc, {{"models", {"nash"}}});
  EXPECT_EQ(nash_of(r).at("disagreement_point"), 0.0);
  EXPECT_EQ(nash_of(r).at("disagreement_point_source"), "rule_far_end");
  EXPECT_EQ(nash_of(r).at("feasible"), true);
  EXPECT_EQ(nash_of(r).at("degenerate"), false);
  EXPECT_NEAR(forecast_of(r, "border", "nash")->at("position").get<double>(), 80.0 / 3.0, 1e-12);
  r = run_forecast(sc, {{"models", {"nash"}}, {"nash", {{"default_status_quo", "near_end"}}}});
  EXPECT_EQ(nash_of(r).at("disagreement_point"), 100.0);
  EXPECT_EQ(nash_of(r).at("disagreement_point_source"), "rule_near_end");
  // The scenario's status quo, 100: 80 + 20/6 as in NashStatusQuoOption.
  sc.issues[0].status_quo = 100;
  r = run_forecast(sc, {{"models", {"nash"}}});
  EXPECT_EQ(nash_of(r).at("disagreement_point"), 100.0);
  EXPECT_EQ(nash_of(r).at("disagreement_point_source"), "scenario");
  EXPECT_NEAR(forecast_of(r, "border", "nash")->at("position").get<double>(), 80.0 + 20.0 / 6.0, 1e-12);
  // The option wins over the scenario's.
  r = run_forecast(sc, {{"models", {"nash"}}, {"nash", {{"status_quo", {{"border", 0}}}}}});
  EXPECT_EQ(nash_of(r).at("disagreement_point"), 0.0);
  EXPECT_EQ(nash_of(r).at("disagreement_point_source"), "option");
  EXPECT_NEAR(forecast_of(r, "border", "nash")->at("position").get<double>(), 80.0 / 3.0, 1e-12);
}

// An actor on the disagreement point (a at 20): degenerate, no forecast (null), the actor
// named, a note. q between the actors (50) without anyone on it: the status quo stands, as a
// number, flagged not feasible. The levers' per-issue path agrees.
TEST(ForecastAnalysis, NashDegenerateIsNoForecast) {
  Scenario sc = small_scenario();
  sc.issues[0].status_quo = 20;
  ForecastOptions options = forecast_options(sc, {{"models", {"nash"}}});
  const ForecastAnalysisResult a = forecast_analysis(sc, options);
  const IssueForecast& f = a.issues.at(0).forecasts.at(0);
  EXPECT_TRUE(std::isnan(f.position));
  EXPECT_FALSE(f.nearest_point.has_value());
  ASSERT_TRUE(f.nash.has_value());
  EXPECT_TRUE(f.nash->degenerate);
  EXPECT_FALSE(f.nash->feasible);
  EXPECT_EQ(f.nash->disagreement_point, 20.0);
  EXPECT_EQ(f.nash->disagreement_point_source, DisagreementPointSource::scenario);
  EXPECT_EQ(f.nash->actors_on_disagreement_point, std::vector<std::string>{"a"});
  const json j = to_json(a);
  EXPECT_TRUE(forecast_of(j, "border", "nash")->at("position").is_null());
  EXPECT_EQ(forecast_of(j, "border", "nash")->at("nash").at("actors_on_disagreement_point"), json({"a"}));
  // The headline says the model has no figure here (null), not a number.
  ASSERT_EQ(j.at("headline").size(), a.issues.size());  // one figure per issue
  EXPECT_EQ(j.at("headline").at(0).at("name"), "border.nash");
  EXPECT_TRUE(j.at("headline").at(0).at("value").is_null());
  bool noted = false;
  for (const auto& n : a.models.at(0).forecast.notes)
    noted = noted || n.find("issue border: degenerate: a stands on the disagreement point 20 (scenario)") == 0;
  EXPECT_TRUE(noted);
  EXPECT_FALSE(find_forecast_model("nash")->position_on_issue(sc, 0, options).has_value());

  sc.issues[0].status_quo = 50;
  options = forecast_options(sc, {{"models", {"nash"}}});
  const IssueForecast g = forecast_analysis(sc, options).issues.at(0).forecasts.at(0);
  EXPECT_EQ(g.position, 50.0);
  EXPECT_FALSE(g.nash->feasible);
  EXPECT_FALSE(g.nash->degenerate);
  EXPECT_TRUE(g.nash->actors_on_disagreement_point.empty());
  EXPECT_EQ(find_forecast_model("nash")->position_on_issue(sc, 0, options), 50.0);
}

TEST(ForecastAnalysis, HistoryOfTheIterativeModel) {
  const json r = run_forecast(small_scenario(), {{"models", {"eum"}}});
  const auto& eum = r.at("models").at(0);
  ASSERT_EQ(eum.at("model"), "eum");
  const auto& history = eum.at("history");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_TRUE(history.at(1).empty());  // options issue
  EXPECT_EQ(history.at(0).at(0), json({20.0, 60.0, 90.0}));
  EXPECT_EQ(static_cast<int>(history.at(0).size()) - 1, eum.at("rounds_by_issue").at(0).get<int>());
}

TEST(ForecastAnalysis, SpatialModelPlaceholderIsReportedNotFatal) {
  // While the SMP port is a placeholder that throws std::logic_error, asking for it yields
  // "available": false with the reason, and the other models still run.
  const json r = run_forecast(small_scenario(), {{"models", {"smp", "compromise"}}});
  const auto& models = r.at("models");
  ASSERT_EQ(models.size(), 2u);
  EXPECT_EQ(models.at(0).at("model"), "smp");
  if (!models.at(0).at("available").get<bool>()) {
    EXPECT_FALSE(models.at(0).at("reason").get<std::string>().empty());
    EXPECT_EQ(forecast_of(r, "border", "smp"), nullptr);
  }
  EXPECT_NEAR(forecast_of(r, "border", "compromise")->at("position").get<double>(), 155.0 / 3.0, 1e-12);
}

TEST(ForecastAnalysis, JointModeIsSaid) {
  const json r = run_forecast(small_scenario(), {{"mode", "joint"}, {"models", {"compromise"}}});
  EXPECT_EQ(r.at("mode"), "joint");
  bool said = false;
  for (const auto& n : r.at("models").at(0).at("notes")) said = said || n.get<std::string>().find("joint") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(ForecastAnalysis, SameInputSameBytes) {
  const Scenario sc = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/data/ktab/SOE-Policy.csv");
  const json o = complete_forecast_options(sc, json::object());
  EXPECT_EQ(run_forecast(sc, o).dump(), run_forecast(sc, o).dump());
}

}  // namespace
}  // namespace truce
