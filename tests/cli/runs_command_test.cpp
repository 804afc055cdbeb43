// `truce runs ...` run as a user would (the binary, TRUCE_BINARY), on a store in a temp folder
// filled through the engine with the fake analysis of tests/store; and the recording glue
// (src/cli/run_recording.cpp) that analysis commands call, exercised on a CLI11 app.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <sstream>

#include "../store/store_test_support.hpp"
#include "truce/core/headline.hpp"
#include "truce/store/json_diff.hpp"

// The recording glue is part of the `truce` binary, not of truce_engine; compile it in here
// so its behaviour is tested directly (it depends on nothing else of the CLI).
#include "../../src/cli/run_recording.cpp"
#include "../../src/cli/dated_view.cpp"  // add_store_options adds --as-of and --known-by

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
                                                  " +territory: 60.4\\b")))
      << r.out;
  EXPECT_NE(r.out.find("territory: 61.9"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("territory: 65.59"), std::string::npos) << r.out;
}

TEST_F(RunsCommand, ListFiltersByScenarioAndSpeaksJson) {
  const auto r = truce_cli(dir, with_store("runs list --scenario toy --format json"));
  ASSERT_EQ(r.exit, 0) << r.err;
  const auto list = json::parse(r.out);
  ASSERT_EQ(list.size(), 3u);  // all three runs are of scenario id "toy"
  EXPECT_EQ(list[1]["id"], 2);
  ASSERT_EQ(list[1]["headline"].size(), 1u);
  EXPECT_EQ(list[1]["headline"][0]["name"], "territory");
  EXPECT_NEAR(list[1]["headline"][0]["value"].get<double>(), 61.9, 1e-12);
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
                                                  ",territory: 61.9\n")))
      << r.out;
}

TEST_F(RunsCommand, ShowGivesWhatProducedTheRun) {
  const auto r = truce_cli(dir, with_store("runs show 2"));
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("run 2"), std::string::npos);
  EXPECT_TRUE(std::regex_search(r.out, std::regex("seed +8"))) << r.out;
  EXPECT_NE(r.out.find(R"({"seed":8,"shift":1.5})"), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("scenario file +toy.yaml"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("territory +61.9 +territory"))) << r.out;
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
  EXPECT_TRUE(std::regex_search(r.out, std::regex("/actors/id=east/capability +2.0 +3.0"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("scenario file +toy.yaml -> toy-v2.yaml"))) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("options +same"))) << r.out;
  // 223/3.4 - 60.4 = 5.18823529...
  EXPECT_TRUE(std::regex_search(r.out, std::regex("territory +60.4 +65.59 +\\+5.188235294")))
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

// Two simulate-like runs whose blocking list is ordered by share, so the same constraints
// come in another order in each; their headlines as this truce declares them
// (core/headline.hpp), also in another order.
TEST(RunsCommandIdentity, DiffLinesListItemsUpByIdentityAndListShowsLabels) {
  TempDir dir;
  const auto store = dir.file("runs.db");
  auto result = [](double p12, std::vector<std::pair<std::string, double>> blocking, bool top_first) {
    Headline h{{"p_ceasefire_by_12", "P(ceasefire by month 12)", p12, "probability"},
               {"top_blocking_constraint", "Constraint blocking a deal most often", blocking.front().first, ""}};
    if (!top_first) std::swap(h[0], h[1]);
    json constraints = json::array();
    for (const auto& [name, share] : blocking) constraints.push_back({{"constraint", name}, {"share", share}});
    return json{{"blocking", {{"constraints", constraints}}}, {"headline", headline_to_json(h)}};
  };
  {
    auto runs = RunStore::open_for_writing(store);
    auto run = test::fake_run(test::toy_scenario());
    run.command = "simulate";
    run.result = result(0.2312, {{"russia.reservation", 0.61}, {"ukraine.territory", 0.2}}, true);
    runs.record(run);
    run.result = result(0.3, {{"ukraine.territory", 0.5}, {"russia.reservation", 0.44}}, false);
    runs.record(run);
  }
  const auto list = truce_cli(dir, "runs list --store '" + store + "'");
  ASSERT_EQ(list.exit, 0) << list.err;
  EXPECT_NE(list.out.find("P(ceasefire by month 12): 23.1%; Constraint blocking a deal most often: russia.reservation"),
            std::string::npos)
      << list.out;
  EXPECT_NE(list.out.find("Constraint blocking a deal most often: ukraine.territory; P(ceasefire by month 12): 30.0%"),
            std::string::npos)
      << list.out;

  const auto diff = truce_cli(dir, "runs diff 1 2 --format json --store '" + store + "'");
  ASSERT_EQ(diff.exit, 0) << diff.err;
  const auto d = json::parse(diff.out);
  ASSERT_EQ(d["headline"].size(), 2u);  // matched by name, not by place
  EXPECT_EQ(d["headline"][0]["name"], "p_ceasefire_by_12");
  EXPECT_EQ(d["headline"][0]["label"], "P(ceasefire by month 12)");
  EXPECT_NEAR(d["headline"][0]["change"].get<double>(), 0.3 - 0.2312, 1e-15);
  EXPECT_EQ(d["headline"][1]["before"], "russia.reservation");
  EXPECT_EQ(d["headline"][1]["after"], "ukraine.territory");

  const auto table = truce_cli(dir, "runs diff 1 2 --store '" + store + "'");
  ASSERT_EQ(table.exit, 0) << table.err;
  EXPECT_TRUE(std::regex_search(table.out, std::regex("P\\(ceasefire by month 12\\) +23.1% +30.0% +\\+6.9 pp"))) << table.out;

  // The results themselves, compared as `runs rerun` compares them: each constraint with itself.
  const auto a = RunStore::open_for_reading(store).find(1);
  const auto b = RunStore::open_for_reading(store).find(2);
  const auto changes = json_differences(a->result()["blocking"], b->result()["blocking"]);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].path, "/constraints/constraint=russia.reservation/share");
  EXPECT_EQ(changes[0].before, json(0.61));
  EXPECT_EQ(changes[0].after, json(0.44));
  EXPECT_EQ(changes[1].path, "/constraints/constraint=ukraine.territory/share");
  EXPECT_EQ(changes[1].before, json(0.2));
  EXPECT_EQ(changes[1].after, json(0.5));
  EXPECT_EQ(changes[2].path, "/constraints");  // the order changed
}

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
  EXPECT_NE(list.out.find("territory: 62.4"), std::string::npos) << list.out;
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


// --- a damaged store (issue 15, items 1 and 13) -------------------------------------------
// Each case is the issue's one-liner, run as reported: in a folder holding s.yaml (here the
// minimal scenario of tests/data), `truce forecast s.yaml --store s.db` made the store, a tool
// damaged it, and `truce runs ...` reads it there. Exit 4 is the store's exit status
// (README, docs/run-store.md).

namespace damaged {

using truce::test::parser_message;

const std::string advice =
    "Restore it from a backup, or copy what it still holds into a new store with \"sqlite3 's.db' .recover | sqlite3 "
    "NEW.db\" and pass --store NEW.db (where .recover fails, see docs/run-store.md, \"A damaged store\")";

class DamagedStore : public ::testing::Test {
 protected:
  void SetUp() override {
    test::write_bytes(dir.file("s.yaml"), test::read_bytes(std::string(TRUCE_SOURCE_DIR) +
                                                           "/tests/data/scenarios/minimal.yaml"));
    for (int run = 1; run <= 2; ++run) {
      // The models named, so the runs keep their size (the damage test below needs a result that
      // overflows its page) whatever the default set becomes.
      const auto made = in_dir("forecast s.yaml --model compromise,median,nash,eum,smp --store s.db");
      ASSERT_EQ(made.exit, 0) << made.err;
      ASSERT_EQ(made.err, "run " + std::to_string(run) + " stored in s.db\n");
    }
    store = dir.file("s.db");
  }
  Output in_dir(const std::string& args) { return truce_cli(dir, args, "cd '" + dir.path().string() + "' &&"); }
  void sql(const std::string& statement) { test::RawDb(store).exec(statement); }

  TempDir dir;
  std::string store;
};

TEST_F(DamagedStore, ATruncatedResultIsNamedAndTheOtherRunsAreStillListed) {
  sql("update runs set result_json=substr(result_json,1,100) where id=1");  // the one-liner
  const auto cut = test::RawDb(store).text("SELECT result_json FROM runs WHERE id = 1");
  ASSERT_EQ(cut.size(), 100u);
  const std::string damage =
      "error: run 1's result_json in the run store s.db is damaged: it is not JSON (" + parser_message(cut) + ")\n";

  const auto list = in_dir("runs list --store s.db");
  EXPECT_EQ(list.exit, 4);
  EXPECT_EQ(list.err, damage + "error: 1 damaged run not listed; see docs/run-store.md, \"A damaged store\"\n");
  EXPECT_TRUE(std::regex_search(list.out, std::regex("\n +2 +\\S+Z +forecast +Minimal "))) << list.out;
  EXPECT_FALSE(std::regex_search(list.out, std::regex("\n +1 "))) << list.out;
  const auto as_json = in_dir("runs list --store s.db --format json");
  EXPECT_EQ(as_json.exit, 4);
  const auto listed = json::parse(as_json.out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], 2);

  for (const std::string command : {"show 1", "export 1", "diff 1 2", "rerun 1", "show 1 --format json"}) {
    const auto r = in_dir("runs " + command + " --store s.db");
    EXPECT_EQ(r.exit, 4) << command;
    EXPECT_EQ(r.err, damage) << command;
    EXPECT_EQ(r.out, "") << command;
  }
  EXPECT_EQ(in_dir("runs show 2 --store s.db").exit, 0);
}

TEST_F(DamagedStore, DeepNestingIsDamageNotAStackOverflow) {
  // 100000 nested arrays: the report's exit 139 (SIGSEGV) came from walking such a value.
  sql("update runs set result_json='{\"a\": " + std::string(100000, '[') + std::string(100000, ']') +
      "}' where id=1");
  const std::string damage =
      "error: run 1's result_json in the run store s.db is damaged: it nests objects and arrays more than 64 deep, "
      "which truce never writes\n";
  const auto list = in_dir("runs list --store s.db");
  EXPECT_EQ(list.exit, 4);
  EXPECT_EQ(list.err, damage + "error: 1 damaged run not listed; see docs/run-store.md, \"A damaged store\"\n");
  for (const std::string command : {"show 1", "export 1", "diff 2 1", "rerun 1"}) {
    const auto r = in_dir("runs " + command + " --store s.db");
    EXPECT_EQ(r.exit, 4) << command;
    EXPECT_EQ(r.err, damage) << command;
  }
}

TEST_F(DamagedStore, PageDamageIntegrityCheckCallsOkIsFoundByRerun) {
  // Two bytes of the stored scenario changed on disk: `"name": "Minimal"` becomes
  // `'name': "Minimal"`, still YAML (which the rerun's loader reads) but no longer JSON, and no
  // longer the bytes its SHA-256 names. SQLite checks structure, not text: integrity_check ok.
  auto bytes = test::read_bytes(store);
  const auto at = bytes.find("\"name\": \"Minimal\"");
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(bytes.find("\"name\": \"Minimal\"", at + 1), std::string::npos);
  bytes[at] = '\'';
  bytes[at + 5] = '\'';
  test::write_bytes(store, bytes);
  test::RawDb raw(store);
  ASSERT_EQ(raw.text("PRAGMA integrity_check"), "ok");
  const auto hash = raw.text("SELECT scenario_hash FROM runs WHERE id = 1");
  const auto changed = raw.text("SELECT canonical_json FROM scenarios");

  const auto r = in_dir("runs rerun 1 --store s.db");
  EXPECT_EQ(r.exit, 4);
  EXPECT_EQ(r.err, "error: run 1's scenario's canonical_json in the run store s.db is damaged: its SHA-256 is " +
                       sha256_hex(changed) + ", not the " + hash + " it is stored under\n");
  EXPECT_EQ(r.out, "");
}

// Zeroes the cell count of the runs table's root page (offset 3 of a b-tree page header,
// https://www.sqlite.org/fileformat2.html section 1.6): the table looks empty.
void hide_all_runs(const std::string& store) {
  long long root = 0, page_size = 0;
  {
    test::RawDb raw(store);
    root = raw.integer("SELECT rootpage FROM sqlite_schema WHERE name = 'runs'");
    page_size = raw.integer("PRAGMA page_size");
  }
  auto bytes = test::read_bytes(store);
  bytes[(root - 1) * page_size + 3] = 0;
  bytes[(root - 1) * page_size + 4] = 0;
  test::write_bytes(store, bytes);
}

// What the store's check reports: PRAGMA quick_check(3)'s lines, joined by "; ".
std::string quick_check(const std::string& store) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA quick_check(3)", -1, &st, nullptr);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string line = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    std::replace(line.begin(), line.end(), '\n', ' ');
    out += (out.empty() ? "" : "; ") + line;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(RunsCommandDamagedTable, ADamagedTableIsReportedAsDamageNotAsNoSuchRun) {
  // A store of small runs (the fake analysis), whose runs table fits its root page: with the
  // cell count zeroed, SQLite reads the table as empty without an error, as the report saw.
  TempDir dir;
  const auto store = dir.file("s.db");
  {
    auto runs = RunStore::open_for_writing(store);
    for (int i = 0; i < 3; ++i) runs.record(test::fake_run(test::toy_variant(i)));
  }
  hide_all_runs(store);
  ASSERT_EQ(test::RawDb(store).text("SELECT count(*) FROM runs WHERE id = 1"), "0");  // by rowid
  const auto check = quick_check(store);
  ASSERT_NE(check, "ok");
  const std::string damage =
      "error: the run store s.db is damaged (PRAGMA quick_check: " + check + "); it was not changed. " + advice + "\n";
  for (const std::string command : {"show 1", "list", "export 2", "rerun 3"}) {
    const auto r = truce_cli(dir, "runs " + command + " --store s.db", "cd '" + dir.path().string() + "' &&");
    EXPECT_EQ(r.exit, 4) << command;  // was: "there is no run 1", exit 1 (and "no runs stored", exit 0)
    EXPECT_EQ(r.err, damage) << command;
  }
}

TEST_F(DamagedStore, DamageSqliteMeetsWhileReadingIsReportedWithTheAdvice) {
  // The same damage to a store of real forecast runs, which overflow their page: SQLite itself
  // finds the page malformed while reading.
  hide_all_runs(store);
  const std::string damage = "error: the run store s.db is damaged (reading it: database disk image is malformed); "
                             "it was not changed. " + advice + "\n";
  for (const std::string command : {"show 1", "list"}) {
    const auto r = in_dir("runs " + command + " --store s.db");
    EXPECT_EQ(r.exit, 4) << command;
    EXPECT_EQ(r.err, damage) << command;
  }
}

TEST_F(DamagedStore, ADamagedStoreTakesNoNewRun) {
  hide_all_runs(store);
  const auto before = test::file_sha256(store);
  const auto r = in_dir("forecast s.yaml --store s.db");
  EXPECT_EQ(r.exit, 4);
  EXPECT_NE(r.out, "");  // the forecast itself is printed in full
  EXPECT_EQ(r.err, "error: the run store s.db is damaged (PRAGMA quick_check: " + quick_check(store) +
                       "); it was not changed. " + advice +
                       "\nerror: the run was not stored (its output above is complete)\n");
  EXPECT_EQ(test::file_sha256(store), before);
}

TEST_F(DamagedStore, ADeviceOrFifoIsRefusedAndNothingIsCreatedBesideIt) {
  const std::string not_stored = "error: the run was not stored (its output above is complete)\n";
  const bool journal_before = std::filesystem::exists("/dev/null-journal");
  const auto forecast = in_dir("forecast s.yaml --store /dev/null");
  EXPECT_EQ(forecast.exit, 4);
  EXPECT_EQ(forecast.err,
            "error: /dev/null is a character device, not a truce run store; it was not opened. Pass --store with a "
            "regular file\n" + not_stored);
  const auto list = in_dir("runs list --store /dev/null");
  EXPECT_EQ(list.exit, 4);
  EXPECT_EQ(list.err,
            "error: /dev/null is a character device, not a truce run store; it was not opened. Pass --store with a "
            "regular file\n");
  if (!journal_before) EXPECT_FALSE(std::filesystem::exists("/dev/null-journal"));
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));

  // A FIFO: SQLite would block opening it, then create its journal beside it.
  ASSERT_EQ(mkfifo(dir.file("pipe.db").c_str(), 0600), 0);
  const auto fifo = in_dir("forecast s.yaml --store pipe.db");
  EXPECT_EQ(fifo.exit, 4);
  EXPECT_EQ(fifo.err,
            "error: pipe.db is a FIFO (named pipe), not a truce run store; it was not opened. Pass --store with a "
            "regular file\n" + not_stored);
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().string().find("pipe.db-"), std::string::npos) << entry.path();
}

// --- terminal safety ----------------------------------------------------------------------

TEST(RunsCommandTerminal, StoredControlCharactersAreShownEscapedButExportedExactly) {
  TempDir dir;
  const auto store = dir.file("runs.db");
  auto scenario = test::toy_scenario();
  // ESC [ 2 J clears the screen (ECMA-48); U+202E reverses what follows (UAX #9).
  scenario.name = "Toy \x1b[2J\u202eevil";
  { RunStore::open_for_writing(store).record(test::fake_run(scenario, json::object(), "toy\x1b]0;title\x07.yaml")); }
  const std::string shown_name = "Toy \\x1b[2J\\u202eevil";
  const auto list = truce_cli(dir, "runs list --store '" + store + "'");
  ASSERT_EQ(list.exit, 0) << list.err;
  EXPECT_NE(list.out.find(shown_name), std::string::npos) << list.out;
  const auto show = truce_cli(dir, "runs show 1 --store '" + store + "'");
  ASSERT_EQ(show.exit, 0) << show.err;
  EXPECT_NE(show.out.find("scenario         " + shown_name + " (toy)\n"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("scenario file    toy\\x1b]0;title\\x07.yaml\n"), std::string::npos) << show.out;
  for (const auto& out : {list.out, show.out}) {
    EXPECT_EQ(out.find('\x1b'), std::string::npos);
    EXPECT_EQ(out.find('\x07'), std::string::npos);
    EXPECT_EQ(out.find("\u202e"), std::string::npos);
  }
  // JSON and export keep the stored text exactly.
  const auto exported = json::parse(truce_cli(dir, "runs export 1 --store '" + store + "'").out);
  EXPECT_EQ(exported["scenario"]["name"], scenario.name);
  EXPECT_EQ(exported["scenario"]["path"], "toy\x1b]0;title\x07.yaml");
  const auto listed = json::parse(truce_cli(dir, "runs list --format json --store '" + store + "'").out);
  EXPECT_EQ(listed[0]["scenario"], scenario.name);
}

}  // namespace damaged

}  // namespace
}  // namespace truce
