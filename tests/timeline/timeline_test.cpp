// Dated stances (scenario_as_of), `truce timeline` and `truce compare` (docs/timeline.md),
// with real numbers: the reference scenario's revisions, and a comparison computed by hand.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "../support/run_command.hpp"
#include "truce/analysis/reference_data.hpp"
#include "truce/analysis/scenario_changes.hpp"
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
  EXPECT_EQ(scenario_revisions(again).size(), 7u);  // 5 of stances, 2 of the dynamics' numbers
}

// Two veto belligerents and a third party on one scale issue; dynamics numbers carry dated
// revisions: the sanctions lever's probability (March, an early source) and b's forces (May,
// a source published in June). `extra` goes at the end of the lever's probability revisions.
std::string dated_war(const std::string& extra = "") {
  return R"(truce: 1
name: Dated war
start: 2025-01-01
sources:
  - {id: early, title: Early, publisher: P, date: 2025-02-01}
  - {id: late, title: Late, publisher: P, date: 2025-06}
actors:
  - {id: a, name: A, capability: 1, veto: true}
  - {id: b, name: B, capability: 1, veto: true}
  - {id: m, name: M, capability: 1}
issues:
  - {id: land, name: Land, kind: scale, low: all to b, high: all to a}
stances:
  - {actor: a, issue: land, position: 100, salience: 1}
  - {actor: b, issue: land, position: 0, salience: 1}
dynamics:
  belligerents:
    - actor: a
      forces: 1000
      lethality: 0
      cost: {economy: 0.01}
      discount: 0.9
    - actor: b
      forces:
        value: 1000
        evidence: [{source: early, quote: "a thousand"}]
        revisions:
          - as_of: 2025-05-01
            event: Mobilisation
            distribution: uniform
            min: 1200
            max: 1400
            evidence: [{source: late, quote: "more"}]
      lethality: 0
      cost: {economy: 0.01}
      discount: 0.9
  territory: {issue: land, start: 50, advancing: a, rate: 1}
  status_quo: []
  third_parties:
    - actor: m
      levers:
        - kind: sanctions
          target: a
          effect: 0.01
          probability:
            value: 0.8
            note: threatened
            revisions:
              - {as_of: 2025-03-04, event: Aid paused, value: 0.2, evidence: [{source: early, quote: "paused"}]}
)" + extra;
}

const dynamics::Quantity& lever_probability(const Scenario& s) { return s.dynamics->third_parties[0].levers[0].probability; }
const dynamics::Quantity& forces_b(const Scenario& s) { return s.dynamics->belligerents[1].forces; }

TEST(DatedDynamics, ARevisionAppliesAtItsDateAndNotBefore) {
  const Scenario s = parse_scenario_yaml(dated_war(), "war.yaml");
  // Loaded: the latest date's values; the file's kept as the base.
  EXPECT_EQ(lever_probability(s).a, 0.2);
  EXPECT_EQ(lever_probability(s).base.a, 0.8);
  EXPECT_EQ(forces_b(s).distribution, dynamics::Distribution::uniform);
  EXPECT_EQ(forces_b(s).a, 1200);
  EXPECT_EQ(forces_b(s).b, 1400);
  const Scenario before = scenario_as_of(s, day("2025-03-03")).scenario;
  EXPECT_EQ(lever_probability(before).a, 0.8);
  EXPECT_TRUE(forces_b(before).is_fixed());
  EXPECT_EQ(forces_b(before).a, 1000);
  EXPECT_TRUE(lever_probability(before).revisions.empty());  // plain: no revisions, no base
  EXPECT_EQ(lever_probability(before).base, dynamics::QuantityValue{});
  EXPECT_EQ(lever_probability(before).note, "threatened");  // the file's evidence and note stay
  const Scenario march = scenario_as_of(s, day("2025-03-04")).scenario;
  EXPECT_EQ(lever_probability(march).a, 0.2);
  EXPECT_EQ(forces_b(march).a, 1000);
  const Scenario may = scenario_as_of(s, day("2025-05-01")).scenario;
  EXPECT_EQ(forces_b(may).distribution, dynamics::Distribution::uniform);
  EXPECT_EQ(forces_b(may).b, 1400);
  // Listed in date order, named as `truce levers` names the parameter.
  const auto all = scenario_revisions(s);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].as_of, "2025-03-04");
  EXPECT_EQ(all[0].parameter, "lever_probability.m.sanctions.a");
  EXPECT_EQ(all[0].actor, "");
  EXPECT_EQ(all[0].change, "0.8 -> 0.2");
  EXPECT_EQ(all[1].parameter, "war.b.forces");
  EXPECT_EQ(all[1].change, "1000 -> uniform(1200, 1400)");
  // Without revisions: the latest values, nothing dated.
  const Scenario plain = without_revisions(s);
  EXPECT_EQ(lever_probability(plain).a, 0.2);
  EXPECT_TRUE(forces_b(plain).revisions.empty());
  EXPECT_TRUE(scenario_revisions(plain).empty());
}

TEST(DatedDynamics, KnownByHidesARevisionWhoseOnlySourceWasPublishedLater) {
  const Scenario s = parse_scenario_yaml(dated_war(), "war.yaml");
  // The mobilisation of 1 May is known only from a June source.
  const ScenarioView may = scenario_as_of(s, day("2025-05-31"), day("2025-05-31"));
  EXPECT_EQ(forces_b(may.scenario).a, 1000);
  EXPECT_TRUE(forces_b(may.scenario).is_fixed());
  EXPECT_EQ(lever_probability(may.scenario).a, 0.2);  // its source was out in February
  ASSERT_EQ(may.kept.size(), 1u);
  EXPECT_EQ(may.kept[0].revision.parameter, "war.b.forces");
  EXPECT_EQ(may.kept[0].why, "its only source, late (2025-06), was not out by 2025-05-31");
  ASSERT_EQ(may.applied.size(), 1u);
  EXPECT_EQ(may.applied[0].parameter, "lever_probability.m.sanctions.a");
  // Known by the end of June, the same day sees it.
  const ScenarioView june = scenario_as_of(s, day("2025-05-31"), day("2025-06-30"));
  EXPECT_EQ(forces_b(june.scenario).a, 1200);
  EXPECT_TRUE(june.kept.empty());
}

TEST(DatedDynamics, CanonicalJsonRoundTripsRevisions) {
  const Scenario s = parse_scenario_yaml(dated_war(), "war.yaml");
  const std::string json = canonical_scenario_json(s);
  EXPECT_NE(json.find("\"revisions\""), std::string::npos);
  const Scenario again = parse_scenario_yaml(json, "war.json");
  EXPECT_EQ(again, s);
  EXPECT_EQ(canonical_scenario_json(again), json);
  EXPECT_EQ(scenario_revisions(again), scenario_revisions(s));
}

TEST(DatedDynamics, ARevisionWithoutEvidenceIsRejectedWithItsLineAndColumn) {
  const std::string text = dated_war("              - as_of: 2025-07-01\n                value: 0.5\n");
  try {
    parse_scenario_yaml(text, "war.yaml");
    FAIL() << "a revision without evidence loaded";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(format_diagnostic(e.diagnostics()[0]),
              "war.yaml:50:17: error: expected 'evidence' (a source and a verbatim quote) on a revision, found none");
  }
  // Its date is checked as a stance revision's is.
  try {
    parse_scenario_yaml(dated_war("              - {as_of: 2024-12-31, value: 0.5, evidence: [{source: early, quote: q}]}\n"),
                        "war.yaml");
    FAIL() << "a revision before the start loaded";
  } catch (const InputError& e) {
    EXPECT_EQ(format_diagnostic(e.diagnostics().at(0)),
              "war.yaml:50:25: error: expected a revision dated on or after the scenario's start 2025-01-01, found 2024-12-31");
  }
  // And its value as the quantity's own (a probability at most 1).
  try {
    parse_scenario_yaml(dated_war("              - {as_of: 2025-07-01, value: 1.5, evidence: [{source: early, quote: q}]}\n"),
                        "war.yaml");
    FAIL() << "a probability of 1.5 loaded";
  } catch (const InputError& e) {
    EXPECT_NE(format_diagnostic(e.diagnostics().at(0)).find("war.yaml:50:"), std::string::npos)
        << format_diagnostic(e.diagnostics().at(0));
  }
}

TEST(DatedDynamics, AnEditOfTheLatestValueIsKeptInTheLastRevision) {
  const Scenario s = parse_scenario_yaml(dated_war(), "war.yaml");
  const Scenario edited = with_parameter_values(s, {{"lever_probability.m.sanctions.a", 0.3}});
  EXPECT_EQ(lever_probability(edited).a, 0.3);
  ASSERT_EQ(lever_probability(edited).revisions.size(), 1u);
  EXPECT_EQ(lever_probability(edited).revisions[0].set.a, 0.3);
  EXPECT_EQ(lever_probability(edited).note, "threatened");
  EXPECT_EQ(lever_probability(scenario_as_of(edited, day("2025-03-01")).scenario).a, 0.8);
  // The canonical JSON writes the edit back.
  EXPECT_EQ(lever_probability(parse_scenario_yaml(canonical_scenario_json(edited), "edited.json")).a, 0.3);
}

TEST(DatedDynamics, TimelineRunsAtTheRevisionsDatesAndNamesThem) {
  const Scenario s = parse_scenario_yaml(dated_war(), "war.yaml");
  timeline::TimelineOptions o;
  o.runs = 200;
  o.months = 12;
  const auto r = timeline::run_timeline(s, o, &ucdp_conflict_termination());
  ASSERT_EQ(r.points.size(), 3u);
  EXPECT_EQ(r.points[0].date, "2025-01-01");
  EXPECT_EQ(r.points[1].date, "2025-03-04");
  EXPECT_EQ(r.points[2].date, "2025-05-01");
  ASSERT_EQ(r.points[1].revisions.size(), 1u);
  EXPECT_EQ(r.points[1].revisions[0].parameter, "lever_probability.m.sanctions.a");
  const std::string text = timeline::timeline_text(r);
  EXPECT_NE(text.find("2025-03-04, Aid paused:\n  lever_probability.m.sanctions.a: 0.8 -> 0.2 (early (2025-02-01))"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2025-05-01, Mobilisation:\n  war.b.forces: 1000 -> uniform(1200, 1400) (late (2025-06))"),
            std::string::npos)
      << text;
  const auto json = timeline::to_json(r);
  EXPECT_EQ(json["points"][1]["revisions"][0]["parameter"], "lever_probability.m.sanctions.a");
  EXPECT_FALSE(json["points"][1]["revisions"][0].contains("actor"));
}

TEST(DatedDynamics, ReferenceScenarioDatesUsAidAndTheSanctionsThreat) {
  const Scenario& s = reference_scenario();
  const auto& d = *s.dynamics;
  const auto& aid = d.belligerents[1].external_aid;  // ukraine
  const auto& sanctions = d.third_parties[0].levers[2].probability;  // united-states, sanctions on russia
  ASSERT_EQ(s.actors[d.belligerents[1].actor].id, "ukraine");
  // The latest values, what every analysis sees, are those before the revisions were coded.
  EXPECT_TRUE(aid.is_fixed());
  EXPECT_EQ(aid.a, 1);
  EXPECT_EQ(sanctions.a, 0.5);
  const Scenario paused = scenario_as_of(s, day("2025-03-05")).scenario;
  EXPECT_EQ(paused.dynamics->belligerents[1].external_aid.distribution, dynamics::Distribution::triangular);
  EXPECT_EQ(paused.dynamics->belligerents[1].external_aid.b, 0.75);
  EXPECT_EQ(scenario_as_of(s, day("2025-03-11")).scenario.dynamics->belligerents[1].external_aid.a, 1);
  EXPECT_EQ(scenario_as_of(s, day("2025-08-14")).scenario.dynamics->third_parties[0].levers[2].probability.a, 0.7);
  EXPECT_EQ(scenario_as_of(s, day("2025-08-15")).scenario.dynamics->third_parties[0].levers[2].probability.a, 0.5);
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
  ASSERT_EQ(r.points[3].revisions.size(), 3u);  // two red lines, then the sanctions lever's probability
  EXPECT_EQ(r.points[3].revisions[0].event, "Alaska summit");
  EXPECT_EQ(r.points[3].revisions[2].parameter, "lever_probability.united-states.sanctions.russia");
  EXPECT_EQ(r.points[3].revisions[2].change, "0.7 -> 0.5");
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
  // The dated numbers of the war model, named as `truce levers` names them.
  EXPECT_NE(ok.out.find("\n  war.ukraine.external_aid: triangular(0.6, 0.75, 0.85) -> 1 (yomiuri-2025-03-14)\n"),
            std::string::npos);
  EXPECT_NE(ok.out.find("\n  lever_probability.united-states.sanctions.russia: 0.7 -> 0.5 (yomiuri-2025-08-17)\n"),
            std::string::npos);
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
  // A dated number of the war model whose source came out the day after.
  const auto early = run_command(truce_binary() + " show '" + reference + "' --as-of 2025-08-16 --known-by 2025-08-16");
  EXPECT_EQ(early.exit_code, 0);
  EXPECT_NE(early.err.find("note: lever_probability.united-states.sanctions.russia keeps its earlier value: the revision "
                           "of 2025-08-15, Alaska summit (0.7 -> 0.5) is left out, as its only source, "
                           "yomiuri-2025-08-17, was not out by 2025-08-16"),
            std::string::npos)
      << early.err;
}

}  // namespace
}  // namespace truce
