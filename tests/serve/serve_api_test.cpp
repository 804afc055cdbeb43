// The explorer's JSON API without sockets (src/serve/explorer_api.cpp): the scenario and its
// parameters, answers equal to the CLI's for the same what-if, and bad or hostile requests
// answered with their status and where in the body the problem is.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/run_command.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/analysis/reference_data.hpp"
#include "truce/analysis/scenario_changes.hpp"
#include "truce/io/scenario_file.hpp"
#include "truce/serve/explorer.hpp"
#include "truce/space/space_report.hpp"
#include "truce/store/run_store.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using truce::testing::run_command;

namespace {

const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";
const std::string territory_red_line = "red_line_min.russia.territory";

fs::path fresh_folder(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("truce-serve-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

struct Fixture {
  truce::serve::Explorer x;
  explicit Fixture(const std::string& save_dir = "") {
    x.scenario = truce::load_scenario_file(reference);
    x.scenario_file = reference;
    x.options.save_dir = save_dir;
    x.options.fast_runs = 200;
    x.options.refined_runs = 1000;
  }
  truce::serve::ApiResponse post(const std::string& path, const json& body) {
    return truce::serve::handle_api(x, {"POST", path, body.dump()});
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(ServeApi, TheScenarioListsEveryParameterWithItsRangeValueAndEvidence) {
  Fixture f;
  const auto r = truce::serve::handle_api(f.x, {"GET", "/api/scenario", ""});
  ASSERT_EQ(r.status, 200) << r.body.dump();
  const auto settable = truce::settable_parameters(f.x.scenario);
  ASSERT_EQ(r.body["parameters"].size(), settable.size());
  bool red_line_has_evidence = false;
  for (std::size_t i = 0; i < settable.size(); ++i) {
    const json& p = r.body["parameters"][i];
    EXPECT_EQ(p["name"], settable[i].name);
    EXPECT_EQ(p["value"].get<double>(), settable[i].value);
    EXPECT_EQ(p["min"].get<double>(), settable[i].min);
    EXPECT_EQ(p["max"].get<double>(), settable[i].max);
    if (p["name"] == territory_red_line) red_line_has_evidence = !p["evidence"].empty() && p["evidence"][0].contains("quote");
  }
  EXPECT_TRUE(red_line_has_evidence);
  EXPECT_EQ(r.body["policies"].size(), f.x.scenario.policies.size());
  EXPECT_FALSE(r.body["dates"].empty());  // the reference scenario has dated revisions
  EXPECT_TRUE(r.body["has_dynamics"].get<bool>());
}

TEST(ServeApi, TheSpaceAnswerEqualsTheEngineAndTheCliOnTheSavedWhatIf) {
  const fs::path dir = fresh_folder("space");
  Fixture f(dir.string());
  const json state = {{"changes", {{territory_red_line, 50}}}};
  const auto r = f.post("/api/answer", {{"state", state}, {"analysis", "space"}});
  ASSERT_EQ(r.status, 200) << r.body.dump();
  // The engine on the same what-if.
  const auto changed = truce::with_parameter_values(f.x.scenario, {{territory_red_line, 50}});
  EXPECT_EQ(r.body["result"], truce::space::run_space_analysis(changed, json::object()));
  EXPECT_FALSE(r.body["section"]["html"].get<std::string>().empty());
  // The CLI on the what-if saved as a scenario file.
  const auto saved = f.post("/api/save", {{"state", state}, {"file", "opened.yaml"}});
  ASSERT_EQ(saved.status, 200) << saved.body.dump();
  const std::string text = read(dir / "opened.yaml");
  EXPECT_NE(text.find("# What-ifs, none with evidence:"), std::string::npos);
  EXPECT_NE(text.find("What-if: " + territory_red_line + " set to 50"), std::string::npos);
  const auto cli = run_command(std::string("'") + TRUCE_BINARY + "' space '" + (dir / "opened.yaml").string() +
                               "' --format json --no-store");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(json::parse(cli.out), r.body["result"]);
  fs::remove_all(dir);
}

TEST(ServeApi, ForecastAndSimulateAnswerAsTheEngineDoes) {
  Fixture f;
  const json state = {{"policies", {"us-backstop"}}};
  const auto forecast = f.post("/api/answer", {{"state", state}, {"analysis", "forecast"}});
  ASSERT_EQ(forecast.status, 200) << forecast.body.dump();
  const auto changed = truce::with_parameter_values(f.x.scenario, {{"lever_probability.united-states.guarantee.ukraine", 1}});
  EXPECT_EQ(forecast.body["result"], truce::find_analysis("forecast")->run(changed, json::object()));
  const auto sim = f.post("/api/answer", {{"state", state}, {"analysis", "simulate"}, {"runs", 300}});
  ASSERT_EQ(sim.status, 200) << sim.body.dump();
  truce::dynamics::SimulateOptions o;
  o.runs = 300;
  EXPECT_EQ(sim.body["result"],
            truce::dynamics::to_json(truce::dynamics::simulate_summary(changed, o, &truce::ucdp_conflict_termination())));
  for (const auto& m : sim.body["result"]["ceasefire_by_month"]) {
    EXPECT_LE(m["low"].get<double>(), m["probability"].get<double>());
    EXPECT_LE(m["probability"].get<double>(), m["high"].get<double>());
  }
  // More runs than the refined answer has are refused.
  const auto too_many = f.post("/api/answer", {{"state", state}, {"analysis", "simulate"}, {"runs", 1001}});
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.body["at"], "/runs");
}

TEST(ServeApi, InvalidValuesAre400WithWhereTheyAre) {
  Fixture f;
  const auto answer = [&](const json& state) { return f.post("/api/answer", {{"state", state}, {"analysis", "space"}}); };
  auto r = answer({{"changes", {{territory_red_line, 120}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["at"], "/state/changes/" + territory_red_line);
  EXPECT_NE(r.body["error"].get<std::string>().find("expected a number from 0.0 to 100.0, found 120.0"), std::string::npos)
      << r.body.dump();
  r = answer({{"changes", {{"no.such.parameter", 1}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["at"], "/state/changes/no.such.parameter");
  r = answer({{"changes", {{territory_red_line, "fifty"}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body["error"].get<std::string>().find("expected a number"), std::string::npos);
  r = answer({{"policies", {"us-backstop", "no-such-policy"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["at"], "/state/policies/1");
  // A date the scenario changes on is answered, the scenario seen as of then.
  const auto dates = truce::serve::handle_api(f.x, {"GET", "/api/scenario", ""}).body["dates"];
  EXPECT_EQ(answer({{"as_of", dates[0]}}).status, 200);
  r = answer({{"as_of", "2025-02-30"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["at"], "/state/as_of");
  r = answer({{"space", {{"max_blocking_set", 99}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["at"], "/state/space");
  r = answer({{"weather", 1}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["at"], "/state/weather");
  // Not JSON, not an object, an unknown analysis, an unknown path, a wrong method.
  EXPECT_EQ(truce::serve::handle_api(f.x, {"POST", "/api/answer", "{\"state\":"}).status, 400);
  EXPECT_EQ(truce::serve::handle_api(f.x, {"POST", "/api/answer", "[1,2]"}).status, 400);
  EXPECT_EQ(f.post("/api/answer", {{"analysis", "levers"}}).body["at"], "/analysis");
  EXPECT_EQ(truce::serve::handle_api(f.x, {"GET", "/api/nothing", ""}).status, 404);
  EXPECT_EQ(truce::serve::handle_api(f.x, {"GET", "/api/answer", ""}).status, 405);
}

TEST(ServeApi, SaveAsWritesOnlyPlainNamesInsideTheSaveFolder) {
  const fs::path root = fresh_folder("save");
  const fs::path dir = root / "saves";
  fs::create_directories(dir);
  Fixture f(dir.string());
  for (const std::string name : {"../escape.yaml", "/tmp/escape.yaml", "sub/escape.yaml", "..yaml", ".hidden.yaml",
                                 "escape.txt", "escape", "a\\b.yaml", "", "x%2F..%2Fescape.yaml"}) {
    const auto r = f.post("/api/save", {{"state", json::object()}, {"file", name}});
    EXPECT_EQ(r.status, 400) << name;
    EXPECT_EQ(r.body["at"], "/file") << name;
  }
  EXPECT_FALSE(fs::exists(root / "escape.yaml"));
  EXPECT_TRUE(fs::is_empty(dir));
  // A name already there is not replaced.
  ASSERT_EQ(f.post("/api/save", {{"file", "kept.yaml"}}).status, 200);
  EXPECT_EQ(f.post("/api/save", {{"file", "kept.yaml"}}).status, 409);
  // Without --save-dir saving is off.
  Fixture off;
  EXPECT_EQ(off.post("/api/save", {{"file", "x.yaml"}}).status, 403);
  fs::remove_all(root);
}

TEST(ServeApi, ANewerRequestOfAClientSupersedesAnOlderOne) {
  Fixture f;
  const json newer = {{"analysis", "space"}, {"client", "page-1"}, {"generation", 5}};
  ASSERT_EQ(f.post("/api/answer", newer).status, 200);
  const json older = {{"analysis", "simulate"}, {"client", "page-1"}, {"generation", 4}};
  const auto r = f.post("/api/answer", older);
  EXPECT_EQ(r.status, 409);
  // Another client is not affected.
  EXPECT_EQ(f.post("/api/answer", {{"analysis", "space"}, {"client", "page-2"}, {"generation", 1}}).status, 200);
}

TEST(ServeApi, RecordStoresTheWhatIfsRunsAndCompareSetsTwoStatesSideBySide) {
  const fs::path dir = fresh_folder("record");
  Fixture f;
  f.x.store_path = (dir / "runs.db").string();
  const auto r = f.post("/api/record", {{"state", {{"changes", {{territory_red_line, 50}}}}}});
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_TRUE(r.body["runs"].contains("space"));
  EXPECT_TRUE(r.body["runs"].contains("simulate"));
  auto store = truce::RunStore::open_for_reading((dir / "runs.db").string());
  const auto stored = store.find(r.body["runs"]["space"].get<std::int64_t>());
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->command, "space");

  const auto c = f.post("/api/compare", {{"a", json::object()}, {"b", {{"changes", {{territory_red_line, 50}}}}}});
  ASSERT_EQ(c.status, 200) << c.body.dump();
  bool red_line_differs = false;
  for (const auto& input : c.body["inputs"])
    if (input["input"].get<std::string>().find("russia.territory") != std::string::npos) red_line_differs = true;
  EXPECT_TRUE(red_line_differs) << c.body["inputs"].dump();
  Fixture off;
  EXPECT_EQ(off.post("/api/record", json::object()).status, 403);
  fs::remove_all(dir);
}

TEST(ServeApi, ThePageLoadsNothingFromTheNetwork) {
  const std::string page = truce::serve::explorer_page({"/*vega*/", "/*vega-lite*/", "/*vega-embed*/"});
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
  EXPECT_NE(page.find("/*vega-lite*/"), std::string::npos);
  EXPECT_NE(page.find("X-Truce-Token"), std::string::npos);
  EXPECT_EQ(page.find("/*STYLE*/"), std::string::npos);
}

TEST(ServeApi, ANewerRequestStopsTheMonteCarloOfAnOlderOneBetweenBlocksOfRuns) {
  Fixture f;
  f.x.options.refined_runs = 5000000;  // minutes of work, were it not stopped
  f.x.options.threads = 1;
  truce::serve::ApiResponse old;
  const auto started = std::chrono::steady_clock::now();
  std::thread slow([&] {
    old = f.post("/api/answer", {{"analysis", "simulate"}, {"runs", 5000000}, {"client", "page"}, {"generation", 1}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto newer = f.post("/api/answer", {{"analysis", "space"}, {"client", "page"}, {"generation", 2}});
  slow.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(newer.status, 200);
  EXPECT_EQ(old.status, 409) << old.body.dump();
  EXPECT_LT(seconds, 10.0);
}
