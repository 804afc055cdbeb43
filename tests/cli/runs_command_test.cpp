// `truce runs ...` run as a user would (the binary, TRUCE_BINARY), on a store in a temp folder
// filled through the engine with the fake analysis of tests/store; and the recording glue
// (src/cli/run_recording.cpp) that analysis commands call, exercised on a CLI11 app.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <regex>
#include <sstream>

#include "../store/store_test_support.hpp"

// The recording glue is part of the `truce` binary, not of truce_engine; compile it in here
// so its behaviour is tested directly (it depends on nothing else of the CLI).
#include "../../src/cli/run_recording.cpp"

namespace truce {
namespace {

using json = nlohmann::json;
using test::TempDir;

struct Output {
  int exit = -1;
  std::string out;
  std::string err;
};

// Runs `truce ARGS` (through the shell, with optional environment assignments first).
Output truce_cli(const TempDir& dir, const std::string& args, const std::string& env = "") {
  const auto err_file = dir.file("stderr.txt");
  const std::string command = env + " '" + std::string(TRUCE_BINARY) + "' " + args + " 2>'" + err_file + "'";
  Output result;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = test::read_bytes(err_file);
  return result;
}

// The toy scenario with East's capability raised from 2 to 3.
Scenario stronger_east() {
  auto scenario = test::toy_scenario();
  scenario.actors[0].capability = 3;
  return scenario;
}

class RunsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    store = dir.file("runs.db");
    auto runs = RunStore::open_for_writing(store);
    runs.record(test::fake_run(test::toy_scenario(), json::object(), "toy.yaml"));                    // run 1
    runs.record(test::fake_run(test::toy_scenario(), json{{"seed", 8}, {"shift", 1.5}}, "toy.yaml"));  // run 2
    runs.record(test::fake_run(stronger_east(), json::object(), "toy-v2.yaml"));                        // run 3
  }
  std::string with_store(const std::string& args) { return args + " --store '" + store + "'"; }

  TempDir dir;
  std::string store;
};

TEST_F(RunsCommand, ListShowsEveryRunWithItsHeadline) {
  const auto r = truce_cli(dir, with_store("runs list"));
  ASSERT_EQ(r.exit, 0) << r.err;
  const auto hash1 = sha256_hex(canonical_scenario_json(test::toy_scenario())).substr(0, 12);
  // 60.4 = (2*0.9*80 + 1*0.7*10) / 2.5; run 2 adds shift 1.5; run 3: (3*0.9*80 + 7) / 3.4.
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\\b1 +\\S+Z +weighted_mean +Toy ceasefire +" + hash1 +
                                                  " +territory=60.4\\b")))
      << r.out;
  EXPECT_NE(r.out.find("territory=61.9"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("territory=65.58823529411"), std::string::npos) << r.out;
}

TEST_F(RunsCommand, ListFiltersByScenarioAndSpeaksJson) {
  const auto r = truce_cli(dir, with_store("runs list --scenario toy --format json"));
  ASSERT_EQ(r.exit, 0) << r.err;
  const auto list = json::parse(r.out);
  ASSERT_EQ(list.size(), 3u);  // all three runs are of scenario id "toy"
  EXPECT_EQ(list[1]["id"], 2);
  EXPECT_NEAR(list[1]["headline"]["/headline/territory"].get<double>(), 61.9, 1e-12);
  const auto none = truce_cli(dir, with_store("runs list --scenario 'Other talks'"));
  EXPECT_EQ(none.exit, 0);
  EXPECT_NE(none.out.find("no runs of scenario 'Other talks'"), std::string::npos) << none.out;
}

TEST_F(RunsCommand, ListSpeaksCsv) {
  const auto r = truce_cli(dir, with_store("runs list --format csv"));
  ASSERT_EQ(r.exit, 0) << r.err;
  const auto hash = sha256_hex(canonical_scenario_json(test::toy_scenario()));
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "id,time,command,scenario,scenario_sha256,headline");
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\n2,[0-9T:.-]+Z,weighted_mean,Toy ceasefire," + hash +
                                                  ",territory=61.9\n")))
      << r.out;
}

TEST_F(RunsCommand, ShowGivesWhatProducedTheRun) {
  const auto r = truce_cli(dir, with_store("runs show 2"));
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("run 2"), std::string::npos);
  EXPECT_TRUE(std::regex_search(r.out, std::regex("seed +8"))) << r.out;
  EXPECT_NE(r.out.find(R"({"seed":8,"shift":1.5})"), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("scenario file +toy.yaml"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("/headline/territory +61.9"))) << r.out;
}

TEST_F(RunsCommand, AMissingRunIsAnErrorWithExit1) {
  const auto r = truce_cli(dir, with_store("runs show 99"));
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("there is no run 99 in"), std::string::npos) << r.err;
}

TEST_F(RunsCommand, ExportIsTheWholeRunAsJson) {
  const auto r = truce_cli(dir, with_store("runs export 3"));
  ASSERT_EQ(r.exit, 0) << r.err;
  const auto run = json::parse(r.out);
  EXPECT_EQ(run["id"], 3);
  EXPECT_EQ(run["command"], "weighted_mean");
  EXPECT_EQ(run["seed"], 7);
  EXPECT_EQ(run["scenario"]["path"], "toy-v2.yaml");
  EXPECT_EQ(run["scenario"]["json"]["actors"][0]["capability"], 3.0);
  EXPECT_EQ(run["scenario"]["sha256"], sha256_hex(canonical_scenario_json(stronger_east())));
  EXPECT_EQ(sha256_hex(canonical_json_text(run["scenario"]["json"])), run["scenario"]["sha256"]);
  EXPECT_NEAR(run["result"]["headline"]["territory"].get<double>(), 223.0 / 3.4, 1e-12);
}

TEST_F(RunsCommand, DiffShowsChangedInputsAndHowHeadlinesMoved) {
  const auto r = truce_cli(dir, with_store("runs diff 1 3"));
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("run 1 -> run 3"), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("scenario +changed \\(sha256 \\w{12} -> \\w{12}\\): 1 difference")))
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("/actors/0/capability +2.0 +3.0"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("scenario file +toy.yaml -> toy-v2.yaml"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("options +same"))) << r.out;
  // 223/3.4 - 60.4 = 5.18823529...
  EXPECT_TRUE(std::regex_search(r.out, std::regex("/headline/territory +60.4 +65.588235294\\d* +\\+5.188235294")))
      << r.out;

  const auto j = truce_cli(dir, with_store("runs diff 1 2 --format json"));
  ASSERT_EQ(j.exit, 0) << j.err;
  const auto d = json::parse(j.out);
  EXPECT_TRUE(d["scenario"]["changes"].empty());
  ASSERT_EQ(d["options"]["changes"].size(), 2u);
  EXPECT_EQ(d["options"]["changes"][0], (json{{"path", "/seed"}, {"before", 7}, {"after", 8}}));
  EXPECT_EQ(d["options"]["changes"][1], (json{{"path", "/shift"}, {"before", 0.0}, {"after", 1.5}}));
  EXPECT_EQ(d["seed"], (json{{"before", 7}, {"after", 8}}));
  ASSERT_EQ(d["headline"].size(), 1u);
  EXPECT_NEAR(d["headline"][0]["change"].get<double>(), 1.5, 1e-12);
}

TEST_F(RunsCommand, RerunOfAnAnalysisThisTruceLacksSaysSoWithExit3) {
  // The fake analysis is injected in the engine tests only; the binary does not know it.
  const auto r = truce_cli(dir, with_store("runs rerun 1"));
  EXPECT_EQ(r.exit, 3);
  EXPECT_NE(r.out.find("run 1: not rerun: this truce"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("has no analysis named 'weighted_mean'"), std::string::npos) << r.out;
  const auto j = json::parse(truce_cli(dir, with_store("runs rerun 1 --format json")).out);
  EXPECT_EQ(j["outcome"], "unknown_analysis");
  EXPECT_EQ(j["identical"], false);
}

TEST(RunsCommandStore, AForeignFileIsRefusedWithExit4AndLeftUnchanged) {
  TempDir dir;
  const auto path = dir.file("notes.db");
  {
    test::RawDb raw(path);
    raw.exec("CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('keep me')");
  }
  const auto before = test::file_sha256(path);
  const auto r = truce_cli(dir, "runs list --store '" + path + "'");
  EXPECT_EQ(r.exit, 4);
  EXPECT_NE(r.err.find("is not a truce run store: it is a SQLite database of another application"), std::string::npos)
      << r.err;
  EXPECT_EQ(test::file_sha256(path), before);
}

TEST(RunsCommandStore, TheDefaultStoreFollowsXdgDataHome) {
  TempDir dir;
  const auto r = truce_cli(dir, "runs list", "XDG_DATA_HOME='" + dir.file("data") + "'");
  EXPECT_EQ(r.exit, 4);
  EXPECT_NE(r.err.find("there is no run store at " + dir.file("data") + "/truce/runs.db"), std::string::npos) << r.err;
  const auto home = truce_cli(dir, "runs list", "XDG_DATA_HOME= HOME='" + dir.file("home") + "'");
  EXPECT_NE(home.err.find(dir.file("home") + "/.local/share/truce/runs.db"), std::string::npos) << home.err;
}

// --- the recording glue an analysis command uses ---------------------------------------

struct Parsed {
  std::shared_ptr<cli::StoreOptions> store;
};

Parsed parse_analysis_command(std::vector<std::string> args) {
  CLI::App app{"test"};
  auto* cmd = app.add_subcommand("weighted_mean", "the fake analysis");
  Parsed parsed{cli::add_store_options(*cmd)};
  args.insert(args.begin(), "weighted_mean");
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments reversed
  app.parse(args);
  return parsed;
}

TEST(RecordRun, StoresTheRunAndSaysWhere) {
  TempDir dir;
  const auto path = dir.file("nested/runs.db");
  const auto parsed = parse_analysis_command({"--store", path});
  const auto scenario = test::toy_scenario();
  const auto options = test::weighted_mean_complete(scenario, json{{"shift", 2.0}});
  const auto result = test::weighted_mean_run(scenario, options);
  std::ostringstream err;
  EXPECT_EQ(cli::record_run(*parsed.store, "weighted_mean", scenario, "toy.yaml", options, result, err), cli::exit_ok);
  EXPECT_EQ(err.str(), "run 1 stored in " + path + "\n");
  std::ostringstream again;
  cli::record_run(*parsed.store, "weighted_mean", scenario, "toy.yaml", options, result, again);
  EXPECT_EQ(again.str(), "run 2 stored in " + path + "\n");
  // What the CLI then shows of it: 60.4 + shift 2 = 62.4.
  const auto list = truce_cli(dir, "runs list --store '" + path + "'");
  EXPECT_NE(list.out.find("territory=62.4"), std::string::npos) << list.out;
  const auto run = RunStore::open_for_reading(path).find(1);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->options(), options);
  EXPECT_EQ(run->scenario_json, canonical_scenario_json(scenario));
}

TEST(RecordRun, NoStoreStoresNothing) {
  TempDir dir;
  const auto parsed = parse_analysis_command({"--no-store"});
  std::ostringstream err;
  const auto scenario = test::toy_scenario();
  EXPECT_EQ(cli::record_run(*parsed.store, "weighted_mean", scenario, "toy.yaml", json::object(), json::object(), err),
            cli::exit_ok);
  EXPECT_EQ(err.str(), "");
}

TEST(RecordRun, StoreAndNoStoreTogetherAreABadCommandLine) {
  EXPECT_THROW(parse_analysis_command({"--store", "x.db", "--no-store"}), CLI::ExcludesError);
}

TEST(RecordRun, AnUnusableStoreIsAClearErrorAndExit4) {
  TempDir dir;
  const auto path = dir.file("actors.csv");
  test::write_bytes(path, "Actor,Capability\nA,1\n");
  const auto parsed = parse_analysis_command({"--store", path});
  std::ostringstream err;
  const auto scenario = test::toy_scenario();
  EXPECT_EQ(cli::record_run(*parsed.store, "weighted_mean", scenario, "toy.yaml", json::object(), json::object(), err),
            cli::exit_store_error);
  EXPECT_NE(err.str().find("error: " + path + " is not a truce run store"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("error: the run was not stored (its output above is complete)"), std::string::npos);
  EXPECT_EQ(test::read_bytes(path), "Actor,Capability\nA,1\n");
}

}  // namespace
}  // namespace truce
