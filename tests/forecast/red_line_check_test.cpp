// Which red lines a forecast crosses (red_line_check.hpp): on the reference scenario, whose
// veto actors' red lines on NATO and territory the articles state, and on a hand-made
// scenario through the forecast analysis.

#include "truce/forecast/red_line_check.hpp"

#include <gtest/gtest.h>

#include "truce/forecast/forecast_analysis.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";

std::vector<std::string> ids(const Scenario& sc, const std::vector<RedLineCrossing>& crossed) {
  std::vector<std::string> out;
  for (const auto& c : crossed) out.push_back(sc.actors[c.actor].id + (c.veto ? " (veto)" : ""));
  return out;
}

// Russia: NATO 70..100 (at least the US closing the door), Ukraine 0..70; territory: Russia
// 65..100 (at least the Donbas), Ukraine 0..50 (at most the freeze). Both have a veto.
TEST(RedLineCheck, ReferenceScenarioScaleIssues) {
  const Scenario sc = load_scenario_file(reference);
  const std::size_t nato = *find_issue(sc, "nato"), territory = *find_issue(sc, "territory");
  // The EUM's forecast the report once gave as "the most likely terms".
  EXPECT_EQ(ids(sc, red_lines_crossed_at(sc, nato, 1.5)), (std::vector<std::string>{"russia (veto)"}));
  EXPECT_TRUE(red_lines_crossed_at(sc, nato, 70).empty());  // both bounds closed: the one point both accept
  EXPECT_EQ(ids(sc, red_lines_crossed_at(sc, nato, 100)), (std::vector<std::string>{"ukraine (veto)"}));
  // The tolerance: a rounding error below Russia's bound is on it, as the package space counts it.
  EXPECT_TRUE(red_lines_crossed_at(sc, nato, 70 - 1e-12).empty());
  EXPECT_EQ(ids(sc, red_lines_crossed_at(sc, nato, 69.99)), (std::vector<std::string>{"russia (veto)"}));
  // The two territory red lines do not meet: every position crosses one.
  EXPECT_EQ(ids(sc, red_lines_crossed_at(sc, territory, 25)), (std::vector<std::string>{"russia (veto)"}));
  EXPECT_EQ(ids(sc, red_lines_crossed_at(sc, territory, 57.5)),
            (std::vector<std::string>{"russia (veto)", "ukraine (veto)"}));
  EXPECT_EQ(ids(sc, red_lines_crossed_at(sc, territory, 82.5)), (std::vector<std::string>{"ukraine (veto)"}));
  // No forecast, no crossing.
  EXPECT_TRUE(red_lines_crossed_at(sc, nato, not_applicable).empty());

  const Stance* russia = find_stance(sc, *find_actor(sc, "russia"), nato);
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(red_line_text(sc, *russia), "70..100");
  EXPECT_EQ(describe_red_line_crossing(sc, nato, "1.5", red_lines_crossed_at(sc, nato, 1.5).at(0)),
            "1.5 is outside russia's red line (70..100), a veto actor");
}

// Security guarantees: Russia accepts none, armed self-defence or UN peacekeeping; Ukraine
// anything but none. Sequencing: Russia only working level first.
TEST(RedLineCheck, ReferenceScenarioOptionsIssues) {
  const Scenario sc = load_scenario_file(reference);
  const std::size_t guarantees = *find_issue(sc, "security-guarantees"), sequencing = *find_issue(sc, "sequencing");
  auto option = [&](std::size_t issue, const std::string& id) {
    const auto& o = sc.issues[issue].options;
    for (std::size_t k = 0; k < o.size(); ++k)
      if (o[k].id == id) return k;
    throw std::logic_error("no option " + id);
  };
  EXPECT_EQ(ids(sc, red_lines_crossed_by(sc, guarantees, option(guarantees, "us-backed-guarantee"))),
            (std::vector<std::string>{"russia (veto)"}));
  EXPECT_EQ(ids(sc, red_lines_crossed_by(sc, guarantees, option(guarantees, "none"))),
            (std::vector<std::string>{"ukraine (veto)"}));
  EXPECT_TRUE(red_lines_crossed_by(sc, guarantees, option(guarantees, "armed-self-defence")).empty());
  EXPECT_EQ(ids(sc, red_lines_crossed_by(sc, sequencing, option(sequencing, "summit-first"))),
            (std::vector<std::string>{"russia (veto)"}));
  const Stance* russia = find_stance(sc, *find_actor(sc, "russia"), guarantees);
  EXPECT_EQ(red_line_text(sc, *russia), "none, armed-self-defence, un-peacekeeping");
}

// Three actors on one scale issue (weights 1, 1.5, 0.5): compromise 51.67, median 60, Nash
// (status quo 0) 26.67. Alpha (veto) accepts 0..40, Gamma (no veto) 50..100.
TEST(RedLineCheck, EveryModelsForecastSaysWhichRedLinesItCrosses) {
  Scenario sc;
  sc.actors = {{"a", "Alpha", "", 1.0, {}, true}, {"b", "Beta", "", 3.0, {}, false}, {"c", "Gamma", "", 2.0, {}, false}};
  Issue border;
  border.id = "border";
  border.name = "Border";
  sc.issues = {border};
  auto stance = [](std::size_t actor, double position, double salience, std::optional<AcceptableRange> range) {
    Stance s;
    s.actor = actor;
    s.position = position;
    s.salience = salience;
    s.acceptable_range = range;
    return s;
  };
  sc.stances = {stance(0, 20, 1, AcceptableRange{0, 40}), stance(1, 60, 0.5, std::nullopt),
                stance(2, 90, 0.25, AcceptableRange{50, 100})};
  const auto r = forecast_analysis(
      sc, nlohmann::json{{"models", {"compromise", "median", "nash"}}, {"nash", {{"status_quo", {{"border", 0}}}}}});
  const auto& f = r.issues.at(0).forecasts;
  ASSERT_EQ(f.size(), 3u);
  EXPECT_NEAR(f[0].position, 155.0 / 3, 1e-12);
  EXPECT_EQ(f[0].veto_red_lines_crossed, (std::vector<std::string>{"a"}));
  EXPECT_TRUE(f[0].other_red_lines_crossed.empty());
  EXPECT_EQ(f[1].position, 60);
  EXPECT_EQ(f[1].veto_red_lines_crossed, (std::vector<std::string>{"a"}));
  EXPECT_NEAR(f[2].position, 80.0 / 3, 1e-9);
  EXPECT_TRUE(f[2].veto_red_lines_crossed.empty());
  EXPECT_EQ(f[2].other_red_lines_crossed, (std::vector<std::string>{"c"}));
  const nlohmann::json j = to_json(r).at("issues").at(0).at("forecasts");
  EXPECT_EQ(j.at(0).at("veto_red_lines_crossed"), nlohmann::json({"a"}));
  EXPECT_EQ(j.at(2).at("other_red_lines_crossed"), nlohmann::json({"c"}));
  EXPECT_FALSE(j.at(0).contains("option"));  // a scale issue
}

}  // namespace
}  // namespace truce
