// Round trip: record a run, export it, rerun it with the (fake) analysis: identical. And each
// way a rerun can fail to be identical is reported with its reason.

#include <gtest/gtest.h>

#include "store_test_support.hpp"
#include "truce/store/rerun.hpp"
#include "truce/version.hpp"

namespace truce {
namespace {

using test::TempDir;
using json = nlohmann::json;

StoredRun record_and_find(const std::string& path, const NewRun& run) {
  std::int64_t id = 0;
  {
    auto store = RunStore::open_for_writing(path);
    id = store.record(run);
  }
  return *RunStore::open_for_reading(path).find(id);
}

TEST(Rerun, RecordExportRerunIsIdentical) {
  TempDir dir;
  const auto stored = record_and_find(dir.file("runs.db"), test::fake_run(test::toy_scenario(), json{{"shift", 0.25}}));
  // The export carries what a rerun needs; the stored run reruns to the same bytes.
  const auto exported = run_to_json(stored);
  EXPECT_EQ(exported["options"], (json{{"seed", 7}, {"shift", 0.25}}));
  const auto report = rerun(stored, test::fake_lookup);
  EXPECT_EQ(report.outcome, RerunOutcome::identical) << report.detail;
  EXPECT_EQ(report.new_result_json, stored.result_json);
  EXPECT_TRUE(report.same_version());
  EXPECT_FALSE(report.options_difference.has_value());
  EXPECT_EQ(describe(report, stored.id), "run 1: identical: the new result is byte for byte the stored one\n");
  // And the figure is the closed-form one: 60.4 + 0.25.
  EXPECT_NEAR(json::parse(report.new_result_json)["headline"]["territory"].get<double>(), 60.65, 1e-12);
}

// The same analysis name, computing something else: as if the analysis changed between versions.
json shifted_run(const Scenario& scenario, const json& options) {
  auto result = test::weighted_mean_run(scenario, options);
  result["headline"]["territory"] = result["headline"]["territory"].get<double>() + 1.0;
  return result;
}
const Analysis changed_analysis{"weighted_mean", "changed", test::weighted_mean_complete, shifted_run};

TEST(Rerun, ADifferentResultNamesTheFirstDifferingPath) {
  TempDir dir;
  const auto stored = record_and_find(dir.file("runs.db"), test::fake_run(test::toy_scenario()));
  const auto report = rerun(stored, [](const std::string&) { return &changed_analysis; });
  EXPECT_EQ(report.outcome, RerunOutcome::different);
  EXPECT_EQ(report.first_difference, "/headline/territory");
  EXPECT_NE(describe(report, 1).find("first at /headline/territory"), std::string::npos);
}

TEST(Rerun, AnUnknownAnalysisIsSaid) {
  TempDir dir;
  auto run = test::fake_run(test::toy_scenario());
  run.command = "forecast_v0";
  const auto stored = record_and_find(dir.file("runs.db"), run);
  const auto report = rerun(stored, test::fake_lookup);
  EXPECT_EQ(report.outcome, RerunOutcome::unknown_analysis);
  EXPECT_NE(report.detail.find("no analysis named 'forecast_v0'"), std::string::npos) << report.detail;
}

TEST(Rerun, AnOtherTruceVersionIsSaid) {
  TempDir dir;
  auto run = test::fake_run(test::toy_scenario());
  run.truce_version = "0.0.1-old";
  const auto stored = record_and_find(dir.file("runs.db"), run);
  const auto report = rerun(stored, [](const std::string&) { return &changed_analysis; });
  EXPECT_EQ(report.outcome, RerunOutcome::different);
  EXPECT_FALSE(report.same_version());
  EXPECT_NE(describe(report, 1).find(std::string("was made by truce 0.0.1-old; this is truce ") + truce::version +
                                     ", so the difference may come from changes in truce"),
            std::string::npos)
      << describe(report, 1);
}

// The analysis gained an option "rounds" (default 10) since the run was stored.
json completes_with_rounds(const Scenario& scenario, const json& options) {
  auto complete = test::weighted_mean_complete(scenario, options);
  if (!complete.contains("rounds")) complete["rounds"] = 10;
  return complete;
}
const Analysis grown_analysis{"weighted_mean", "grown", completes_with_rounds, test::weighted_mean_run};

TEST(Rerun, OptionsTheStoredRunDidNotHaveAreSaid) {
  TempDir dir;
  const auto stored = record_and_find(dir.file("runs.db"), test::fake_run(test::toy_scenario()));
  const auto report = rerun(stored, [](const std::string&) { return &grown_analysis; });
  EXPECT_EQ(report.outcome, RerunOutcome::identical);  // "rounds" does not change the weighted mean
  EXPECT_EQ(report.options_difference, "/rounds");
  EXPECT_NE(describe(report, 1).find("completes the stored options differently (first at /rounds)"), std::string::npos);
}

json failing_run(const Scenario&, const json&) { throw std::invalid_argument("option 'rounds' must be positive"); }
const Analysis failing_analysis{"weighted_mean", "fails", test::weighted_mean_complete, failing_run};

TEST(Rerun, AFailingAnalysisIsSaid) {
  TempDir dir;
  const auto stored = record_and_find(dir.file("runs.db"), test::fake_run(test::toy_scenario()));
  const auto report = rerun(stored, [](const std::string&) { return &failing_analysis; });
  EXPECT_EQ(report.outcome, RerunOutcome::analysis_failed);
  EXPECT_NE(report.detail.find("option 'rounds' must be positive"), std::string::npos);
}

TEST(Rerun, AStoredScenarioThatNoLongerLoadsIsSaid) {
  TempDir dir;
  auto run = test::fake_run(test::toy_scenario());
  run.scenario_json = R"({"truce": 1, "name": "broken", "actors": [], "issues": []})";
  const auto stored = record_and_find(dir.file("runs.db"), run);
  const auto report = rerun(stored, test::fake_lookup);
  EXPECT_EQ(report.outcome, RerunOutcome::scenario_unreadable);
  EXPECT_NE(report.detail.find("does not load"), std::string::npos) << report.detail;
}

}  // namespace
}  // namespace truce

namespace truce {
namespace {

// levers and what-it-takes echoed --threads into their options and results until 0.2; such a
// stored run, made here the way 0.1 made it, still reruns identically with the real analysis.
// A run of a real analysis on tests/data/scenarios/two-issues.yaml, as this truce records it.
NewRun two_issues_run(const std::string& command, const json& request) {
  const Scenario scenario =
      parse_scenario_yaml(test::read_bytes(std::string(TRUCE_SOURCE_DIR) + "/tests/data/scenarios/two-issues.yaml"),
                          "two-issues.yaml");
  const Analysis* analysis = find_analysis(command);
  NewRun run;
  run.command = command;
  run.options = analysis->complete_options(scenario, request);
  run.result = analysis->run(scenario, run.options);
  run.scenario_json = canonical_scenario_json(scenario);
  run.scenario_path = "two-issues.yaml";
  return run;
}

TEST(Rerun, ALeversRunStoredWithItsThreadsStillRerunsIdentically) {
  test::TempDir dir;
  NewRun run = two_issues_run("levers", {{"target", "zopa_size"}, {"methods", {"tornado"}}});
  ASSERT_FALSE(run.options.contains("threads"));
  run.options["threads"] = 2;             // as 0.1 stored them
  run.result["options"]["threads"] = 2;
  const auto stored = record_and_find(dir.file("runs.db"), run);
  const auto report = rerun(stored, [](const std::string& name) { return find_analysis(name); });
  EXPECT_EQ(report.outcome, RerunOutcome::identical) << report.detail;
  EXPECT_FALSE(report.options_difference.has_value());
  // A real difference elsewhere is still found.
  auto changed = run;
  changed.result["base_output"] = -1;
  const auto other = record_and_find(dir.file("other.db"), changed);
  EXPECT_EQ(rerun(other, [](const std::string& name) { return find_analysis(name); }).outcome,
            RerunOutcome::different);
}

// space wrote "threads": 1 into its complete options until its option table (0.2); its result
// never held it. Such a stored run reruns identically, and says nothing about the options.
TEST(Rerun, ASpaceRunStoredWithItsThreadsStillRerunsIdentically) {
  test::TempDir dir;
  NewRun run = two_issues_run("space", json::object());
  ASSERT_FALSE(run.options.contains("threads"));
  run.options["threads"] = 1;  // as 0.1 stored them
  const auto stored = record_and_find(dir.file("runs.db"), run);
  const auto report = rerun(stored, [](const std::string& name) { return find_analysis(name); });
  EXPECT_EQ(report.outcome, RerunOutcome::identical) << report.detail;
  EXPECT_FALSE(report.options_difference.has_value());
}

}  // namespace
}  // namespace truce
