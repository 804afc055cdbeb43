// Dated stances (scenario_as_of), `truce timeline` and `truce compare` (docs/timeline.md),
// with real numbers: the reference scenario's revisions, and a comparison computed by hand.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "../support/run_command.hpp"
#include "truce/analysis/reference_data.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/core/scenario_as_of.hpp"
#include "truce/dynamics/simulate.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"
#include "truce/timeline/timeline.hpp"

namespace truce {
namespace {

const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";
const std::string data = std::string(TRUCE_SOURCE_DIR) + "/tests/timeline/data/";

const Scenario& reference_scenario() {
  static const Scenario s = load_scenario_file(reference);
  return s;
}

const Stance& stance(const Scenario& s, const char* actor, const char* issue) {
  const Stance* st = find_stance(s, *find_actor(s, actor), *find_issue(s, issue));
  EXPECT_NE(st, nullptr) << actor << " on " << issue;
  return *st;
}

Date day(const char* text) { return *parse_date(text); }

// One actor, one scale issue, revisions written out of date order; the header is shared.
std::string small_scenario(const std::string& revisions) {
  return R"(truce: 1
name: Small
start: 2025-01-01
sources:
  - {id: early, title: Early, publisher: P, date: 2025-02-01}
  - {id: late, title: Late, publisher: P, date: 2025-06}
actors:
  - {id: a, name: A, capability: 1, veto: true}
issues:
  - {id: x, name: X, kind: scale, low: none, high: all}
stances:
  - actor: a
    issue: x
    position: 10
    salience: 0.5
    evidence: [{source: early, quote: "ten"}]
    revisions:
)" + revisions;
}

TEST(DatedStances, RevisionsApplyInDateOrderWhateverTheFileOrder) {
  const Scenario s = parse_scenario_yaml(small_scenario(R"(      - {as_of: 2025-05-01, position: 30, evidence: [{source: late, quote: "thirty"}]}
      - {as_of: 2025-03-01, position: 20, salience: 0.9, evidence: [{source: early, quote: "twenty"}]}
)"),
                                         "small.yaml");
  // Loaded: the latest date's values (position from May, salience from March).
  EXPECT_EQ(s.stances[0].position, 30);
  EXPECT_EQ(s.stances[0].salience, 0.9);
  ASSERT_EQ(s.stances[0].revisions.size(), 2u);
  EXPECT_EQ(s.stances[0].revisions[0].as_of, "2025-03-01");  // kept in date order
  EXPECT_EQ(scenario_as_of(s, day("2025-02-28")).scenario.stances[0].position, 10);
  EXPECT_EQ(scenario_as_of(s, day("2025-02-28")).scenario.stances[0].salience, 0.5);
  EXPECT_EQ(scenario_as_of(s, day("2025-03-01")).scenario.stances[0].position, 20);
  EXPECT_EQ(scenario_as_of(s, day("2025-04-30")).scenario.stances[0].salience, 0.9);
  EXPECT_EQ(scenario_as_of(s, day("2025-05-01")).scenario.stances[0].position, 30);
  const auto all = scenario_revisions(s);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].change, "position 10 -> 20; salience 0.5 -> 0.9");
  EXPECT_EQ(all[1].change, "position 20 -> 30");
}

TEST(DatedStances, RevisionWithoutEvidenceIsRejectedWithItsLineAndColumn) {
  const std::string text = small_scenario(R"(      - {as_of: 2025-03-01, position: 20, evidence: [{source: early, quote: "twenty"}]}
      - as_of: 2025-05-01
        position: 30
)");
  try {
    parse_scenario_yaml(text, "small.yaml");
    FAIL() << "a revision without evidence loaded";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.file, "small.yaml");
    EXPECT_EQ(d.line, 19);  // the revision's first line: "as_of: 2025-05-01"
    EXPECT_EQ(d.column, 9);
    EXPECT_EQ(d.message, "expected 'evidence' (a source and a verbatim quote) on a revision, found none");
  }
}

TEST(DatedStances, DatesAreCheckedCalendarDaysNotBeforeTheStart) {
  const auto first_problem = [](const std::string& revisions) {
    try {
      parse_scenario_yaml(small_scenario(revisions), "small.yaml");
    } catch (const InputError& e) {
      return format_diagnostic(e.diagnostics().at(0));
    }
    return std::string("loaded");
  };
  EXPECT_EQ(first_problem("      - {as_of: 2025-02-29, position: 20, evidence: [{source: early, quote: \"t\"}]}\n"),
            "small.yaml:18:17: error: expected 'as_of' to be a calendar date YYYY-MM-DD, found '2025-02-29'");
  EXPECT_EQ(first_problem("      - {as_of: 2024-12-31, position: 20, evidence: [{source: early, quote: \"t\"}]}\n"),
            "small.yaml:18:17: error: expected a revision dated on or after the scenario's start 2025-01-01, found 2024-12-31");
}

TEST(DatedStances, AsOfBeforeTheFirstRevisionGivesTheBaseValues) {
  const Scenario& s = reference_scenario();
  const Scenario march = scenario_as_of(s, day("2025-03-05")).scenario;
  EXPECT_EQ(stance(march, "russia", "territory").acceptable_range->min, 85);  // four-oblasts
  EXPECT_EQ(stance(march, "russia", "nato").acceptable_range->min, 100);      // renounced
  EXPECT_EQ(stance(march, "united-states", "territory").position, 50);        // freeze
  EXPECT_EQ(stance(march, "united-states", "us-aid").position, 0);            // cut-off
  EXPECT_EQ(stance(march, "united-states", "ceasefire-timing").position, 0);  // ceasefire-now
  EXPECT_EQ(march.as_of, "2025-03-05");
  // The plain scenario carries no revisions, and its latest date is what the loader gives.
  for (const auto& st : march.stances) EXPECT_TRUE(st.revisions.empty());
  Scenario latest = scenario_as_of(s, day("2026-01-01")).scenario;
  latest.as_of.clear();
  EXPECT_EQ(latest, without_revisions(s));
  EXPECT_EQ(stance(s, "russia", "territory").acceptable_range->min, 65);  // donbas, since Alaska
}

TEST(DatedStances, KnownByHidesARevisionWhoseOnlySourceWasPublishedLater) {
  const Scenario& s = reference_scenario();
  // The Alaska concessions (15 August) are known only from the October op-ed.
  const ScenarioView august = scenario_as_of(s, day("2025-09-01"), day("2025-08-31"));
  EXPECT_EQ(stance(august.scenario, "russia", "territory").acceptable_range->min, 85);
  EXPECT_EQ(stance(august.scenario, "russia", "nato").acceptable_range->min, 100);
  ASSERT_EQ(august.kept.size(), 2u);
  EXPECT_EQ(august.kept[0].revision.as_of, "2025-08-15");
  EXPECT_EQ(august.kept[0].revision.actor, "russia");
  EXPECT_EQ(august.kept[0].why, "its only source, oped-2025-10, was not out by 2025-08-31");
  // The May revision's source was out in May: applied.
  EXPECT_EQ(stance(august.scenario, "united-states", "territory").position, 60);
  // Known by the end of October, the same day sees the concessions.
  const ScenarioView october = scenario_as_of(s, day("2025-09-01"), day("2025-10-31"));
  EXPECT_EQ(stance(october.scenario, "russia", "territory").acceptable_range->min, 65);
  EXPECT_TRUE(october.kept.empty());
}

TEST(DatedStances, CanonicalJsonRoundTripsRevisions) {
  const Scenario& s = reference_scenario();
  const std::string json = canonical_scenario_json(s);
  const Scenario again = parse_scenario_yaml(json, "reference.json");
  EXPECT_EQ(again, s);
  EXPECT_EQ(canonical_scenario_json(again), json);
  EXPECT_EQ(scenario_revisions(again).size(), 5u);
}

TEST(Timeline, ReferenceScenarioMovesAtItsRevisionDates) {
  timeline::TimelineOptions o;
  o.runs = 2000;
  const auto r = timeline::run_timeline(reference_scenario(), o, &ucdp_conflict_termination());
  ASSERT_EQ(r.points.size(), 5u);
  const std::vector<std::string> dates{"2025-03-01", "2025-03-11", "2025-05-15", "2025-08-15", "2025-10-15"};
  for (std::size_t i = 0; i < dates.size(); ++i) EXPECT_EQ(r.points[i].date, dates[i]);
  // Russia's red line moved from four-oblasts (85) to donbas (65); Ukraine's stays at the freeze (50).
  EXPECT_EQ(r.points[0].territorial_gap->gap, 35);
  EXPECT_EQ(r.points[3].territorial_gap->gap, 15);
  EXPECT_EQ(r.points[3].territorial_gap->high_actor, "russia");
  EXPECT_EQ(r.points[3].territorial_gap->low_actor, "ukraine");
  for (const auto& p : r.points) EXPECT_EQ(*p.zopa_size, 0u);
  EXPECT_EQ(r.points[0].blocking_sets.size(), 4u);
  EXPECT_EQ(r.points[3].blocking_sets, (std::vector<std::vector<std::string>>{{"russia.territory"}, {"ukraine.territory"}}));
  ASSERT_EQ(r.points[3].revisions.size(), 2u);
  EXPECT_EQ(r.points[3].revisions[0].event, "Alaska summit");
  EXPECT_EQ(r.points[3].revisions[0].change, "red line min four-oblasts -> min donbas");
  // Before Alaska no run reaches a ceasefire; after it, the same as simulate on the file.
  EXPECT_EQ(*r.points[2].p_ceasefire_by_horizon, 0.0);
  dynamics::SimulateOptions so;
  so.runs = 2000;
  const auto direct = dynamics::simulate_summary(reference_scenario(), so, &ucdp_conflict_termination());
  EXPECT_EQ(*r.points[4].p_ceasefire_by_horizon, direct.probability_of_ceasefire);
  EXPECT_GT(*r.points[4].p_ceasefire_by_horizon, 0.03);  // 4.25% of 2,000 runs
}

TEST(Timeline, SameBytesForAnyThreadCount) {
  timeline::TimelineOptions o;
  o.runs = 1000;
  o.threads = 1;
  const auto one = timeline::to_json(timeline::run_timeline(reference_scenario(), o, &ucdp_conflict_termination())).dump();
  o.threads = 3;
  const auto three = timeline::to_json(timeline::run_timeline(reference_scenario(), o, &ucdp_conflict_termination())).dump();
  EXPECT_EQ(one, three);
}

TEST(Compare, AFileWithItselfReportsNoDifference) {
  timeline::TimelineOptions o;
  o.runs = 500;
  const auto r = timeline::compare_scenarios(reference_scenario(), reference_scenario(), o, "", &ucdp_conflict_termination());
  EXPECT_TRUE(r.inputs.empty());
  EXPECT_TRUE(r.attribution.empty());
  for (const auto& f : r.figures) EXPECT_FALSE(f.differs) << f.name;
  EXPECT_GT(r.figures.size(), 10u);
}

// North needs y >= 100 and South y <= 50 in A: no package (ZOPA 0). In B, North accepts
// y >= 25 and South y <= 100; with x fixed at 50 by both red lines, y in {25, 50, 75, 100}:
// ZOPA 4. North's change alone: y in [25, 50], 2 packages (+2); South's alone: y = 100, 1
// package (+1). They interact: 2 + 1 != 4.
TEST(Compare, OneAtATimeAttributionOfTwoInputsByHand) {
  const Scenario a = load_scenario_file(data + "two-inputs-a.yaml");
  const Scenario b = load_scenario_file(data + "two-inputs-b.yaml");
  timeline::TimelineOptions o;
  o.analyses = {"space"};
  const auto r = timeline::compare_scenarios(a, b, o, "space.zopa_size");
  ASSERT_EQ(r.inputs.size(), 2u);
  EXPECT_EQ(r.inputs[0].input, "north.y.red_line");
  EXPECT_EQ(r.inputs[0].a, "[100, 100]");
  EXPECT_EQ(r.inputs[0].b, "[25, 100]");
  EXPECT_EQ(r.inputs[1].input, "south.y.red_line");
  for (const auto& f : r.figures)
    if (f.name == "space.zopa_size") {
      EXPECT_EQ(f.a, 0);
      EXPECT_EQ(f.b, 4);
    }
  ASSERT_EQ(r.attribution.size(), 2u);
  EXPECT_EQ(r.attribution[0].input, "north.y.red_line");
  EXPECT_EQ(r.attribution[0].ranked_move, 2);
  EXPECT_EQ(r.attribution[1].input, "south.y.red_line");
  EXPECT_EQ(r.attribution[1].ranked_move, 1);
}

TEST(TimelineCommand, PrintsTheMovesAndRefusesAsOf) {
  using testing::run_command;
  using testing::truce_binary;
  const auto ok = run_command(truce_binary() + " timeline '" + reference + "' --no-store --runs 500 --analysis space");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("2025-08-15, Alaska summit:\n  russia.territory: red line min four-oblasts -> min donbas (oped-2025-10)"),
            std::string::npos)
      << ok.out;
  const auto refused = run_command(truce_binary() + " timeline '" + reference + "' --no-store --as-of 2025-05-01");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_TRUE(refused.out.empty());
  const auto same = run_command(truce_binary() + " compare '" + reference + "' '" + reference + "' --analysis space");
  EXPECT_EQ(same.exit_code, 0) << same.err;
  EXPECT_NE(same.out.find("No input differs."), std::string::npos) << same.out;
  const auto show = run_command(truce_binary() + " show '" + reference + "' --as-of 2025-09-01 --known-by 2025-08-31 --format json");
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("\"known_by\": \"2025-08-31\""), std::string::npos);
  EXPECT_NE(show.err.find("russia.territory keeps its earlier value"), std::string::npos) << show.err;
}

}  // namespace
}  // namespace truce
