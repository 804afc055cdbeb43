// A scenario's negotiation section (defaults, variants, their merge with the options given),
// an interested mediator's single text worked by hand, outside options from the war model
// (checked against the war model's own month-0 state), and tournaments of three parties.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>

#include "truce/dynamics/war_model.hpp"
#include "truce/core/diagnostic.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"
#include "truce/levers/policies.hpp"
#include "truce/negotiate/negotiate_analysis.hpp"
#include "truce/negotiate/sao.hpp"
#include "truce/negotiate/tournament.hpp"

namespace truce::negotiate {
namespace {

using nlohmann::json;

const std::string reference_file = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";

const Scenario& reference() {
  static const Scenario s = load_scenario_file(reference_file);
  return s;
}

// Two veto parties a and b and a third actor m without a veto, on two options issues.
std::string three_actor_yaml(const std::string& negotiation) {
  return R"(truce: 1
name: mediated
actors:
  - {id: a, name: A, capability: 1, veto: true}
  - {id: b, name: B, capability: 1, veto: true}
  - {id: m, name: M, capability: 1}
issues:
  - {id: x, name: X, kind: options, options: [{id: x0, label: X0}, {id: x1, label: X1}]}
  - {id: y, name: Y, kind: options, options: [{id: y0, label: Y0}, {id: y1, label: Y1}]}
stances:
  - {actor: a, issue: x, position: x1, salience: 1, utilities: {x0: 0, x1: 1}}
  - {actor: b, issue: x, position: x0, salience: 1, utilities: {x0: 1, x1: 0}}
  - {actor: m, issue: y, position: y1, salience: 1, utilities: {y0: 0, y1: 1}}
)" + negotiation;
}

TEST(NegotiationSection, ReadsDefaultsAndVariantsAndRoundTripsThroughCanonicalJson) {
  const Scenario s = parse_scenario_yaml(three_actor_yaml(R"(negotiation:
  deadline: 40
  agents: {a: staller:10, b: conceder}
  variants:
    - id: short
      name: Short
      deadline: 5
      agents: {b: tough}
    - id: text
      name: Text
      protocol: single-text
      mediator: m
      reservation: {a: 0.25}
      discount: {b: 0.9}
)"),
                                         "mediated.yaml");
  ASSERT_TRUE(s.negotiation.has_value());
  EXPECT_EQ(s.negotiation->defaults.deadline, 40u);
  EXPECT_EQ(s.negotiation->defaults.agents.at("a"), "staller:10");
  ASSERT_EQ(s.negotiation->variants.size(), 2u);
  EXPECT_EQ(s.negotiation->variants[1].set.mediator, "m");
  EXPECT_EQ(s.negotiation->variants[1].set.reservation.at("a"), 0.25);
  EXPECT_EQ(s.negotiation->variants[1].set.discount.at("b"), 0.9);
  // The canonical JSON reads back to the same scenario.
  const Scenario back = parse_scenario_yaml(canonical_scenario_json(s), "back.json");
  EXPECT_EQ(back, s);
  EXPECT_EQ(canonical_scenario_json(back), canonical_scenario_json(s));
}

TEST(NegotiationSection, BadSectionsAreRefusedWithFileLineAndWhatWasExpected) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"negotiation:\n  agents: {q: boulware}\n", "expected the id of an actor declared in this file, found 'q'"},
      {"negotiation:\n  protocol: auction\n", "expected 'protocol' sao or single-text, found 'auction'"},
      {"negotiation:\n  deadline: 2.5\n", "expected 'deadline' to be a whole number, found 2.5"},
      {"negotiation:\n  policy: sanctions\n", "expected the id of a policy declared in this file, found 'sanctions'"},
      {"negotiation:\n  relax: [a.z]\n", "expected a red line as ACTOR.ISSUE"},
      {"negotiation:\n  mediator: q\n", "expected 'mediator' to be neutral or the id of an actor"},
      {"negotiation:\n  variants:\n    - {id: v, name: V}\n    - {id: v, name: W}\n",
       "expected each negotiation variant id once, found 'v' again"},
      {"negotiation:\n  tempo: fast\n", "tempo"},
  };
  for (const auto& [section, expected] : cases) {
    try {
      parse_scenario_yaml(three_actor_yaml(section), "mediated.yaml");
      ADD_FAILURE() << "accepted: " << section;
    } catch (const InputError& e) {
      ASSERT_FALSE(e.diagnostics().empty());
      const auto& d = e.diagnostics().front();
      EXPECT_NE(d.message.find(expected), std::string::npos) << d.message;
      EXPECT_EQ(d.file, "mediated.yaml");
      EXPECT_GE(d.line, 14) << d.message;  // the section starts on line 14
    }
  }
}

TEST(NegotiationSection, OptionsAreTheDefaultsThenTheVariantThenWhatTheUserGave) {
  const Scenario s = parse_scenario_yaml(three_actor_yaml(R"(negotiation:
  deadline: 40
  agents: {a: staller:10, b: conceder}
  variants:
    - {id: short, name: Short, deadline: 5, agents: {b: tough}}
)"),
                                         "mediated.yaml");
  const json plain = complete_negotiate_analysis_options(s, json::object());
  EXPECT_EQ(plain["steps"], 40);
  EXPECT_EQ(plain["agents"], json({"staller:10", "conceder"}));
  const json variant = complete_negotiate_analysis_options(s, {{"variant", "short"}});
  EXPECT_EQ(variant["steps"], 5);
  EXPECT_EQ(variant["agents"], json({"staller:10", "tough"}));
  const json given = complete_negotiate_analysis_options(s, {{"variant", "short"}, {"steps", 7}});
  EXPECT_EQ(given["steps"], 7);
  try {
    complete_negotiate_analysis_options(s, {{"variant", "long"}});
    ADD_FAILURE();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no variant 'long'; the scenario's are: short"), std::string::npos) << e.what();
  }
  // The run follows the merged options: the short variant's 5 rounds, 2 offers a round.
  const auto r = negotiate_analysis(s, {{"variant", "short"}});
  EXPECT_EQ(r.variant, "short");
  EXPECT_EQ(r.steps, 5u);
  EXPECT_EQ(r.parties[1].agent, "tough");
}

// What the loader cannot check (it does not know the agents or who is a party), `truce
// validate` says through negotiation_problems: one sentence per set-up.
TEST(NegotiationSection, ProblemsTheLoaderCannotSeeAreNamedPerSetUp) {
  const Scenario s = parse_scenario_yaml(three_actor_yaml(R"(negotiation:
  agents: {a: bouleware}
  variants:
    - {id: non-party, name: N, agents: {m: tough}}
    - {id: mediated, name: M, mediator: a, protocol: single-text}
    - {id: fine, name: F, mediator: m, protocol: single-text}
)"),
                                         "mediated.yaml");
  const auto problems = negotiation_problems(s);
  ASSERT_EQ(problems.size(), 4u) << ::testing::PrintToString(problems);
  EXPECT_NE(problems[0].find("negotiation: "), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("bouleware"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("variant 'non-party'"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("variant 'mediated'"), std::string::npos) << problems[2];
  EXPECT_NE(problems[3].find("variant 'fine'"), std::string::npos) << problems[3];  // inherits the bad agent
  EXPECT_TRUE(negotiation_problems(reference()).empty()) << ::testing::PrintToString(negotiation_problems(reference()));
}

// Packages (x, y), numbered 2x + y, utilities (a, b, m): x0y0 (0, 1, 0), x0y1 (0, 1, 1),
// x1y0 (1, 0, 0), x1y1 (1, 0, 1). The utilities are normalised 0..1 per actor, so each is its
// issue's utility. Every disagreement utility is 0 (worst packages 0, no reservation).
// The interested m starts from its best, x?y1 with
// x1 (the last of equals): x1y1, product a x b x m = 1 x 0 x 1 = 0; x0y1 gives 0 x 1 x 1 = 0,
// x1y0 gives 0; sums 2 (x1y1), 2 (x0y1), 1 (x1y0): it stays at x1y1, which keeps m's y1.
// With a red line of b's ruling x1 out, x1y1 is accepted by one party only and x0y1 by both,
// so m moves there: package 1, and y stays at m's y1 throughout.
TEST(SingleText, AnInterestedMediatorKeepsItsOwnIssueComputedByHand) {
  const Scenario s = parse_scenario_yaml(three_actor_yaml(""), "mediated.yaml");
  const auto mediated = negotiate_analysis(s, {{"protocol", "single-text"}, {"mediator", "m"}});
  ASSERT_TRUE(mediated.agreement);
  EXPECT_EQ(mediated.package, 3u);  // x1y1
  ASSERT_TRUE(mediated.mediator.has_value());
  EXPECT_EQ(mediated.mediator->id, "m");
  EXPECT_DOUBLE_EQ(mediated.mediator->utility, 1.0);
  EXPECT_EQ(mediated.offers, 1u);

  Scenario lined = s;
  for (auto& st : lined.stances)
    if (lined.actors[st.actor].id == "b" && lined.issues[st.issue].id == "x") st.acceptable_options = {0};
  const auto moved = negotiate_analysis(lined, {{"protocol", "single-text"}, {"mediator", "m"}});
  ASSERT_TRUE(moved.agreement);
  EXPECT_EQ(moved.package, 1u);  // x0y1
  EXPECT_EQ(moved.offers, 2u);
  EXPECT_DOUBLE_EQ(moved.mediator->utility, 1.0);

  // A mediator must be an actor without a veto, and only a single text has one.
  EXPECT_THROW(negotiate_analysis(s, {{"protocol", "single-text"}, {"mediator", "a"}}), std::invalid_argument);
  EXPECT_THROW(negotiate_analysis(s, {{"protocol", "sao"}, {"mediator", "m"}}), std::invalid_argument);
}

// The war model's outside options are each veto actor's month-0 acceptance, averaged over the
// runs: the same numbers as WarModel::month_zero on each run's draws, computed independently.
TEST(WarOutsideOptions, AreTheMeanOfTheWarModelsMonthZeroAcceptance) {
  for (const std::string policy : {"", "us-backstop"}) {
    const Scenario s = policy.empty() ? reference() : levers::with_policy(reference(), policy);
    const dynamics::WarModel model(s);
    std::vector<double> mean(model.bargainers().size(), 0.0);
    const std::uint32_t runs = 50;
    for (std::uint32_t r = 0; r < runs; ++r) {
      const auto m = model.month_zero(model.sample(7, r));
      for (std::size_t b = 0; b < mean.size(); ++b) mean[b] += m.acceptance[b] / runs;
    }
    std::uint32_t fighting = 0;
    const auto got = war_outside_options(s, 0, runs, 7, &fighting);
    EXPECT_EQ(fighting, runs);
    ASSERT_EQ(got.size(), mean.size());
    for (std::size_t b = 0; b < mean.size(); ++b) EXPECT_NEAR(got[b], mean[b], 1e-12) << policy << " " << b;
  }
}

// The reference scenario's variants (scenarios/ukraine-ceasefire-2025.yaml, negotiation). Its
// red lines leave no package both sides accept, so the variants as coded end at the deadline;
// with Russia's territorial red line dropped, Russia's stall to round 60 changes nothing against
// a Boulware Ukraine (a Boulware Russia concedes as little by then): the deal of round 93 that
// docs/negotiate.md gives for boulware vs boulware, utilities 0.516 and 0.566. Under a deadline
// of 20 rounds, shorter than the stall, there is none. A year into the war, each side's value of
// fighting on (about 0.83 for Russia) leaves no deal, and a US backstop lowers Ukraine's.
TEST(NegotiationSection, ReferenceVariantsSayWhatTheArticlesDescribe) {
  const auto stalls = negotiate_analysis(reference(), {{"variant", "russia-stalls"}});
  EXPECT_FALSE(stalls.agreement);
  EXPECT_EQ(stalls.offers, 200u);
  const auto gives = negotiate_analysis(reference(), {{"variant", "territory-gives"}});
  ASSERT_TRUE(gives.agreement);
  EXPECT_EQ(gives.round, 93u);
  EXPECT_NEAR(gives.parties[0].utility, 0.516, 5e-4);
  EXPECT_NEAR(gives.parties[1].utility, 0.566, 5e-4);
  EXPECT_EQ(gives.parties[0].agent, "staller:60");
  // GENIUS's discounting: the deal of round 93 of 100 comes at t = 94 / 101, so a discount
  // factor of 0.5 leaves Russia 0.516 x 0.5^0.9307 = 0.271; Ukraine, undiscounted, keeps 0.566.
  const auto discounted =
      negotiate_analysis(reference(), {{"variant", "territory-gives"}, {"discount", {{"russia", 0.5}}}});
  EXPECT_DOUBLE_EQ(discounted.outcome_time, 94.0 / 101.0);
  EXPECT_NEAR(discounted.parties[0].discounted_utility, gives.parties[0].utility * std::pow(0.5, 94.0 / 101.0), 1e-15);
  EXPECT_NEAR(discounted.parties[0].discounted_utility, 0.271, 5e-4);
  EXPECT_EQ(discounted.parties[1].discounted_utility, gives.parties[1].utility);
  EXPECT_THROW(negotiate_analysis(reference(), {{"discount", {{"united-states", 0.5}}}}), std::invalid_argument);
  const auto deadline = negotiate_analysis(reference(), {{"variant", "territory-gives-us-deadline"}});
  EXPECT_FALSE(deadline.agreement);
  EXPECT_EQ(deadline.offers, 40u);
  const auto text = negotiate_analysis(reference(), {{"variant", "territory-gives-us-single-text"}});
  ASSERT_TRUE(text.agreement);
  ASSERT_TRUE(text.mediator.has_value());
  EXPECT_EQ(text.mediator->id, "united-states");

  const auto war = negotiate_analysis(reference(), {{"variant", "territory-gives-war-outside-options"}, {"war_runs", 200}});
  const auto backstop = negotiate_analysis(reference(), {{"variant", "territory-gives-us-backstop"}, {"war_runs", 200}});
  EXPECT_FALSE(war.agreement);
  EXPECT_GT(war.parties[0].reservation, 0.7);
  EXPECT_LT(backstop.parties[1].reservation, war.parties[1].reservation);
  // What blocks it: Russia's value of fighting on is above the most any package Ukraine
  // accepts gives it, and the result says by how much.
  ASSERT_TRUE(war.parties[0].best_the_others_accept.has_value());
  EXPECT_LT(*war.parties[0].best_the_others_accept, war.parties[0].reservation);
  EXPECT_NE(negotiate_result_text(war).find("What blocks it: russia's reservation value"), std::string::npos)
      << negotiate_result_text(war);
  EXPECT_NE(war.parties[0].reservation_source.find("month 12"), std::string::npos);
  EXPECT_NE(backstop.parties[1].reservation_source.find("under policy us-backstop"), std::string::npos);
  // A policy acts only through the war model's outside options.
  EXPECT_THROW(negotiate_analysis(reference(), {{"policy", "us-backstop"}}), std::invalid_argument);
}

// Three parties, one issue of three values: party i gets 1 from value i, 0 otherwise, so no
// package gives two parties anything: Tough agents never agree, and with two agents there are
// 2^3 = 8 ordered tuples, each agent seated 12 times in all. Each run equals the same SAO run
// outside the tournament.
TEST(Tournament, EveryOrderedTupleOfThreeParties) {
  space::PackageSpace s;
  s.actors = {{"p", "P", 1.0, true, 0.0}, {"q", "Q", 1.0, true, 0.0}, {"r", "R", 1.0, true, 0.0}};
  space::SpaceIssue issue{"i", "I", {}};
  for (int v = 0; v < 3; ++v) issue.values.push_back({"v" + std::to_string(v), "V", std::nullopt});
  s.issues.push_back(issue);
  s.contribution.push_back({1, 0, 0, 0, 1, 0, 0, 0, 1});  // [value * 3 + party]
  TournamentOptions o;
  o.agents = {"conceder", "tough"};
  o.steps = 20;
  o.runs = true;
  o.threads = 1;
  const auto r = run_tournament({{"three", s}}, o);
  EXPECT_EQ(r.negotiations, 8u);
  ASSERT_EQ(r.scores.size(), 2u);
  EXPECT_EQ(r.scores[0].negotiations, 12u);
  EXPECT_EQ(r.scores[1].negotiations, 12u);
  const NegotiationDomain d(s);
  std::vector<SortedOutcomes> tables;
  for (std::size_t p = 0; p < 3; ++p) tables.push_back(sort_outcomes(d, p, TieOrder::enumeration));
  for (const auto& run : r.runs) {
    EXPECT_EQ(run.parties, 3u);
    std::vector<AgentSpec> seated;
    for (std::size_t k = 0; k < 3; ++k) seated.push_back(parse_agent(r.agents[run.agent[k]]));
    SaoSettings settings;
    settings.steps = 20;
    settings.seed = o.seed;
    settings.run = static_cast<std::uint64_t>(&run - r.runs.data());
    const SaoRun direct = run_sao(d, {&tables[0], &tables[1], &tables[2]}, seated, settings);
    EXPECT_EQ(run.agreement, direct.ending == Ending::agreement);
    EXPECT_EQ(run.offers, direct.offers);
    const bool any_tough = run.agent[0] == 1 || run.agent[1] == 1 || run.agent[2] == 1;
    if (any_tough) EXPECT_FALSE(run.agreement);
  }
  EXPECT_EQ(r.runs[0].agent[0], 0u);  // conceder, conceder, conceder first
  EXPECT_EQ(r.runs[1].agent[2], 1u);  // then the last seat varies fastest
  o.threads = 2;
  EXPECT_EQ(to_json(run_tournament({{"three", s}}, o)).dump(), to_json(r).dump());
}

}  // namespace
}  // namespace truce::negotiate
