// Options issues: every model's analogue (options_issue.hpp) against a hand computation on a
// three-actor, three-option issue, the tie rule, and what the forecast analysis makes of them.

#include "truce/forecast/options_issue.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "truce/forecast/forecast_analysis.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

// Actors A (capability 2, salience 0.5), B (1, 1), C (3, 0.5): weights 1, 1, 1.5.
// Utilities of x, y, z: A 1, 0.5, 0 (stands for x); B 0, 0.6, 1 (z); C 0.2, 1, 0.4 (y).
Scenario three_options() {
  Scenario sc;
  sc.name = "three options";
  sc.actors = {{"a", "A", "", 2.0, {}, true}, {"b", "B", "", 1.0, {}, false}, {"c", "C", "", 3.0, {}, false}};
  Issue issue;
  issue.id = "guarantee";
  issue.name = "Guarantee";
  issue.kind = IssueKind::options;
  issue.options = {{"x", "Option x"}, {"y", "Option y"}, {"z", "Option z"}};
  sc.issues = {issue};
  auto stance = [](std::size_t actor, std::size_t option, double salience, std::vector<double> u) {
    Stance s;
    s.actor = actor;
    s.issue = 0;
    s.option = option;
    s.salience = salience;
    s.option_utilities = std::move(u);
    return s;
  };
  sc.stances = {stance(0, 0, 0.5, {1, 0.5, 0}), stance(1, 2, 1.0, {0, 0.6, 1}), stance(2, 1, 0.5, {0.2, 1, 0.4})};
  return sc;
}

TEST(OptionsIssue, ActorsWeightsAndUtilities) {
  const auto a = options_issue_actors(three_options(), 0);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a.weight, (std::vector<double>{1.0, 1.0, 1.5}));
  EXPECT_EQ(a.position, (std::vector<std::size_t>{0, 2, 1}));
  EXPECT_EQ(a.u(2, 0), 0.2);
  // A stance without utilities (a scenario built in code): 1 for its option, 0 for the others.
  Scenario sc = three_options();
  sc.stances[1].option_utilities.clear();
  const auto b = options_issue_actors(sc, 0);
  EXPECT_EQ(b.u(1, 0), 0.0);
  EXPECT_EQ(b.u(1, 1), 0.0);
  EXPECT_EQ(b.u(1, 2), 1.0);
}

// Scores sum_i w_i u_i(o): x 1 + 0 + 1.5 x 0.2 = 1.3, y 0.5 + 0.6 + 1.5 = 2.6, z 0 + 1 + 0.6 = 1.6.
TEST(OptionsIssue, WeightedVoteByHand) {
  const auto f = weighted_vote(options_issue_actors(three_options(), 0));
  ASSERT_TRUE(f);
  ASSERT_EQ(f->probability.size(), 3u);
  EXPECT_NEAR(f->probability[0], 1.3 / 5.5, 1e-15);
  EXPECT_NEAR(f->probability[1], 2.6 / 5.5, 1e-15);
  EXPECT_NEAR(f->probability[2], 1.6 / 5.5, 1e-15);
  EXPECT_EQ(f->option, 1u);
  EXPECT_FALSE(f->disagreement_stands);
}

// Each actor's whole weight to the option it stands for: x 1 (A), y 1.5 (C), z 1 (B).
TEST(OptionsIssue, WeightedPluralityByHand) {
  const auto f = weighted_plurality(options_issue_actors(three_options(), 0));
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->probability[0], 1 / 3.5, 1e-15);
  EXPECT_NEAR(f->probability[1], 1.5 / 3.5, 1e-15);
  EXPECT_NEAR(f->probability[2], 1 / 3.5, 1e-15);
  EXPECT_EQ(f->option, 1u);
}

// Disagreement at utility 0: only y gives every actor more than 0 (x gives B 0, z gives A 0),
// so y, with probability 1. With x as the disagreement option A would need more than its best
// (1): nothing is a gain for everyone and x stands.
TEST(OptionsIssue, NashByHand) {
  const auto a = options_issue_actors(three_options(), 0);
  const auto f = nash_option(a, std::nullopt);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->option, 1u);
  EXPECT_EQ(f->probability, (std::vector<double>{0, 1, 0}));
  EXPECT_FALSE(f->disagreement_stands);
  const auto q = nash_option(a, 0);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->option, 0u);
  EXPECT_TRUE(q->disagreement_stands);

  // Two feasible options: A's z raised to 0.1. y: 1 ln 0.5 + 1 ln 0.6 + 1.5 ln 1 = -1.204;
  // z: ln 0.1 + ln 1 + 1.5 ln 0.4 = -3.677; y still. With A's y lowered to 0.05,
  // y: ln 0.05 + ln 0.6 = -3.507 beats z: -3.677 by a little; at 0.04, -3.730: z.
  Scenario sc = three_options();
  sc.stances[0].option_utilities = {1, 0.05, 0.1};
  EXPECT_EQ(nash_option(options_issue_actors(sc, 0), std::nullopt)->option, 1u);
  sc.stances[0].option_utilities = {1, 0.04, 0.1};
  EXPECT_EQ(nash_option(options_issue_actors(sc, 0), std::nullopt)->option, 2u);
  // No option gives everyone more than 0 and no disagreement option: no forecast.
  sc.stances[0].option_utilities = {1, 0, 0};
  EXPECT_FALSE(nash_option(options_issue_actors(sc, 0), std::nullopt));
}

// KTAB's conditional PCE with linear victory and proportional votes, by hand. Coalitions
// (each + 1e-8): x:y 0.5 (A) against 1.8 (B 0.6, C 1.2); x:z 1 (A) against 1.3 (B 1, C 0.3);
// y:z 1.4 (A 0.5, C 0.9) against 0.4 (B). p_o = prod_j P[o beats j] (0.5 against itself):
// x 0.5 (0.5/2.3)(1/2.3), y (1.8/2.3) 0.5 (1.4/1.8), z (1.3/2.3)(0.4/1.8) 0.5; normalised.
TEST(OptionsIssue, CondorcetElectionByHand) {
  const auto f = condorcet_option(options_issue_actors(three_options(), 0), SpatialModelOptions{});
  ASSERT_TRUE(f);
  const double px = 0.5 * (0.5 / 2.3) * (1 / 2.3), py = (1.8 / 2.3) * 0.5 * (1.4 / 1.8),
               pz = (1.3 / 2.3) * (0.4 / 1.8) * 0.5;
  const double total = px + py + pz;
  EXPECT_NEAR(f->probability[0], px / total, 1e-7);  // 0.1140
  EXPECT_NEAR(f->probability[1], py / total, 1e-7);  // 0.7344
  EXPECT_NEAR(f->probability[2], pz / total, 1e-7);  // 0.1515
  EXPECT_EQ(f->option, 1u);
  // Zero-weight actors cast no vote (KTAB refuses a weight of 0); with nobody left, nothing.
  Scenario sc = three_options();
  for (auto& s : sc.stances) s.salience = 0;
  EXPECT_FALSE(condorcet_option(options_issue_actors(sc, 0), SpatialModelOptions{}));
  EXPECT_FALSE(weighted_vote(options_issue_actors(sc, 0)));
  EXPECT_FALSE(weighted_plurality(options_issue_actors(sc, 0)));
  EXPECT_FALSE(nash_option(options_issue_actors(sc, 0), std::nullopt));
}

TEST(OptionsIssue, TiesGoToTheOptionListedFirst) {
  EXPECT_EQ(most_probable_option({0.25, 0.375, 0.375}), 1u);
  EXPECT_EQ(most_probable_option({0.5, 0.5}), 0u);
  // A plurality tie: A and B both weigh 1, C left out.
  Scenario sc = three_options();
  sc.stances[2].salience = 0;
  const auto f = weighted_plurality(options_issue_actors(sc, 0));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->probability, (std::vector<double>{0.5, 0, 0.5}));
  EXPECT_EQ(f->option, 0u);
}

TEST(OptionsIssue, DisagreementOptionIsTheDynamicsStatusQuo) {
  Scenario sc = three_options();
  EXPECT_FALSE(disagreement_option(sc, 0));
  sc.dynamics.emplace();
  sc.dynamics->status_quo.push_back({0, 0.0, 2, ""});
  EXPECT_EQ(disagreement_option(sc, 0), 2u);
}

const IssueForecast& forecast_by(const ForecastAnalysisResult& r, const std::string& model) {
  for (const auto& f : r.issues.at(0).forecasts)
    if (f.model == model) return f;
  throw std::logic_error("no forecast by " + model);
}

// The analysis: every model forecasts the options issue, by its registered rule, and says so.
TEST(OptionsIssue, EveryModelForecastsOptionsIssues) {
  ForecastOptions o = forecast_options(three_options(), nlohmann::json::object());
  o.models = {"compromise", "median", "nash", "eum", "smp"};
  const ForecastAnalysisResult r = forecast_analysis(three_options(), o);
  for (const auto& f : r.issues.at(0).forecasts) {
    EXPECT_TRUE(std::isnan(f.position)) << f.model;
    ASSERT_TRUE(f.option) << f.model;
    EXPECT_EQ(*f.option, "y") << f.model;
    ASSERT_EQ(f.option_probabilities.size(), 3u) << f.model;
    EXPECT_EQ(f.option_probabilities[0].option, "x");
  }
  EXPECT_NEAR(forecast_by(r, "compromise").option_probabilities[1].probability, 2.6 / 5.5, 1e-15);
  EXPECT_NEAR(forecast_by(r, "eum").option_probabilities[1].probability, 2.6 / 5.5, 1e-15);
  EXPECT_NEAR(forecast_by(r, "median").option_probabilities[1].probability, 1.5 / 3.5, 1e-15);
  EXPECT_EQ(forecast_by(r, "nash").option_probabilities[1].probability, 1.0);
  EXPECT_NEAR(forecast_by(r, "smp").option_probabilities[1].probability, 0.7344145931836958, 1e-7);
  for (const auto& m : r.models) {
    const ForecastModel* model = find_forecast_model(m.forecast.model);
    const auto& notes = m.forecast.notes;
    EXPECT_NE(std::find(notes.begin(), notes.end(), model->options_rule), notes.end()) << m.forecast.model;
  }
  const nlohmann::json j = to_json(r);
  const auto& smp = j.at("issues").at(0).at("forecasts").at(4);
  EXPECT_EQ(smp.at("model"), "smp");
  EXPECT_EQ(smp.at("option"), "y");
  EXPECT_EQ(smp.at("option_probabilities").at(1).at("option"), "y");
  EXPECT_TRUE(smp.at("position").is_null());
  // No ensemble ran: the headline is the first model's option (compromise), one figure per issue.
  ASSERT_EQ(j.at("headline").size(), 1u);
  EXPECT_EQ(j.at("headline").at(0).at("name"), "guarantee.compromise");
  EXPECT_EQ(j.at("headline").at(0).at("value"), "y");
  EXPECT_EQ(j.at("headline").at(0).at("unit"), "option");
}

// Option y is outside A's red line (A has a veto), x is outside C's (no veto).
TEST(OptionsIssue, RedLinesOfTheForecastOption) {
  Scenario sc = three_options();
  sc.stances[0].acceptable_options = {0, 2};
  sc.stances[2].acceptable_options = {1, 2};
  ForecastOptions o = forecast_options(sc, nlohmann::json::object());
  o.models = {"compromise"};
  const auto r = forecast_analysis(sc, o);
  const IssueForecast& f = forecast_by(r, "compromise");
  EXPECT_EQ(f.veto_red_lines_crossed, (std::vector<std::string>{"a"}));
  EXPECT_TRUE(f.other_red_lines_crossed.empty());
  EXPECT_EQ(to_json(r).at("issues").at(0).at("forecasts").at(0).at("veto_red_lines_crossed"), nlohmann::json({"a"}));
}

// The reference scenario's security guarantees: weights c s Russia 72, Ukraine 36, the United
// States 50, the European states 36 (the Yomiuri's editorial line has no stance). The vote's
// scores: none 72 + 25 = 97, armed self-defence 28.8 + 18 + 50 + 18 = 114.8, UN peacekeeping 50.4 + 10.8 + 40 + 10.8 = 112,
// reassurance force 28.8 + 30 + 36 = 94.8, US-backed 36 + 10 + 34.2 = 80.2; total 498.8. The
// plurality: Russia's 72 of 194 on none, which Ukraine's red line rules out. Nash: against the
// status quo (armed self-defence, the United States' best) nothing gains for everyone.
TEST(OptionsIssue, ReferenceScenarioSecurityGuarantees) {
  const Scenario sc = load_scenario_file(std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml");
  const std::size_t k = *find_issue(sc, "security-guarantees");
  const auto a = options_issue_actors(sc, k);
  EXPECT_EQ(a.weight, (std::vector<double>{72, 36, 50, 36}));
  const auto vote = weighted_vote(a);
  ASSERT_TRUE(vote);
  const std::vector<double> scores = {97, 114.8, 112, 94.8, 80.2};
  for (std::size_t o = 0; o < 5; ++o) EXPECT_NEAR(vote->probability[o], scores[o] / 498.8, 1e-12) << o;
  EXPECT_EQ(sc.issues[k].options[vote->option].id, "armed-self-defence");  // 0.2302

  ForecastOptions o = forecast_options(sc, nlohmann::json::object());
  o.models = {"median", "nash", "smp"};
  const ForecastAnalysisResult r = forecast_analysis(sc, o);
  const auto& median = r.issues[k].forecasts[0];
  EXPECT_EQ(median.option, "none");
  EXPECT_NEAR(median.option_probabilities[0].probability, 72.0 / 194, 1e-12);
  EXPECT_EQ(median.veto_red_lines_crossed, std::vector<std::string>{"ukraine"});
  const auto& nash = r.issues[k].forecasts[1];
  EXPECT_EQ(nash.option, "armed-self-defence");
  EXPECT_TRUE(nash.veto_red_lines_crossed.empty());
  const auto& smp = r.issues[k].forecasts[2];
  EXPECT_EQ(smp.option, "armed-self-defence");
  EXPECT_NEAR(smp.option_probabilities[1].probability, 0.3704, 5e-5);
}

}  // namespace
}  // namespace truce
