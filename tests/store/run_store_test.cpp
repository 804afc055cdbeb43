// Recording and reading runs: what is stored, stored once, found again, and the file's marks.

#include <gtest/gtest.h>

#include <regex>

#include "store_test_support.hpp"
#include "truce/store/json_diff.hpp"
#include "truce/store/schema.hpp"
#include "truce/store/store_path.hpp"
#include "truce/version.hpp"

namespace truce {
namespace {

using test::TempDir;
using json = nlohmann::json;

TEST(Sha256, MatchesFips180Vectors) {
  // FIPS 180-2, appendix B.1 ("abc") and the digest of the empty message.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(UtcNow, IsIso8601WithMillisecondsAndZ) {
  EXPECT_TRUE(std::regex_match(utc_now_iso8601(), std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")));
}

TEST(SeedOf, IsTheIntegerSeedOptionOrNone) {
  EXPECT_EQ(seed_of(json{{"seed", 42}}), 42);
  EXPECT_EQ(seed_of(json{{"seed", -3}}), -3);
  EXPECT_FALSE(seed_of(json{{"iterations", 10}}).has_value());
  EXPECT_FALSE(seed_of(json{{"seed", "42"}}).has_value());
  EXPECT_FALSE(seed_of(json::object()).has_value());
}

TEST(DefaultRunStorePath, FollowsXdgThenHome) {
  EXPECT_EQ(default_run_store_path("/data", "/home/a"), "/data/truce/runs.db");
  EXPECT_EQ(default_run_store_path(nullptr, "/home/a"), "/home/a/.local/share/truce/runs.db");
  // XDG spec: an empty or relative XDG_DATA_HOME is ignored.
  EXPECT_EQ(default_run_store_path("", "/home/a"), "/home/a/.local/share/truce/runs.db");
  EXPECT_EQ(default_run_store_path("rel/data", "/home/a"), "/home/a/.local/share/truce/runs.db");
  EXPECT_FALSE(default_run_store_path(nullptr, nullptr).has_value());
}

TEST(FakeAnalysis, GivesTheClosedFormWeightedMean) {
  // (2*0.9*80 + 1*0.7*10) / (2*0.9 + 1*0.7) = 151 / 2.5 = 60.4
  const auto result = test::weighted_mean_run(test::toy_scenario(), json{{"seed", 7}, {"shift", 0.0}});
  EXPECT_NEAR(result["headline"]["territory"].get<double>(), 60.4, 1e-12);
}

TEST(RunStore, RecordsEveryPartOfARunAndFindsItAgain) {
  TempDir dir;
  const auto path = dir.file("sub/folder/runs.db");  // the folder is created
  const auto scenario = test::toy_scenario();
  auto run = test::fake_run(scenario, json{{"seed", 42}, {"shift", 1.5}}, "scenarios/toy.yaml");
  std::int64_t id = 0;
  {
    auto store = RunStore::open_for_writing(path);
    EXPECT_EQ(store.schema_version(), run_store_schema_version());
    id = store.record(run);
  }
  EXPECT_EQ(id, 1);
  const auto store = RunStore::open_for_reading(path);
  const auto stored = store.find(id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->command, "weighted_mean");
  EXPECT_EQ(stored->truce_version, truce::version);
  EXPECT_TRUE(std::regex_match(stored->created_at, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)")));
  EXPECT_EQ(stored->options(), (json{{"seed", 42}, {"shift", 1.5}}));
  EXPECT_EQ(stored->seed, 42);
  EXPECT_EQ(stored->scenario_json, canonical_scenario_json(scenario));
  EXPECT_EQ(stored->scenario_hash, sha256_hex(canonical_scenario_json(scenario)));
  EXPECT_EQ(stored->scenario_id, "toy");
  EXPECT_EQ(stored->scenario_name, "Toy ceasefire");
  EXPECT_EQ(stored->scenario_path, "scenarios/toy.yaml");
  EXPECT_EQ(stored->result_json, canonical_json_text(run.result));
  EXPECT_NEAR(stored->result()["headline"]["territory"].get<double>(), 61.9, 1e-12);  // 60.4 + shift 1.5
  EXPECT_FALSE(store.find(2).has_value());
}

TEST(RunStore, SeedIsNullWhereTheAnalysisHasNone) {
  TempDir dir;
  auto store = RunStore::open_for_writing(dir.file("runs.db"));
  auto run = test::fake_run(test::toy_scenario());
  run.options.erase("seed");
  const auto id = store.record(run);
  EXPECT_FALSE(store.find(id)->seed.has_value());
  test::RawDb raw(dir.file("runs.db"));
  EXPECT_EQ(raw.text("SELECT typeof(seed) FROM runs"), "null");
}

TEST(RunStore, StoresEachScenarioOnceByHash) {
  TempDir dir;
  auto store = RunStore::open_for_writing(dir.file("runs.db"));
  store.record(test::fake_run(test::toy_scenario(), json{{"shift", 0.0}}));
  store.record(test::fake_run(test::toy_scenario(), json{{"shift", 1.0}}));
  store.record(test::fake_run(test::toy_variant(1)));
  test::RawDb raw(dir.file("runs.db"));
  EXPECT_EQ(raw.integer("SELECT count(*) FROM runs"), 3);
  EXPECT_EQ(raw.integer("SELECT count(*) FROM scenarios"), 2);
  EXPECT_EQ(raw.integer("SELECT count(DISTINCT scenario_hash) FROM runs"), 2);
}

TEST(RunStore, ListsOldestFirstAndFiltersByScenarioNameOrId) {
  TempDir dir;
  auto store = RunStore::open_for_writing(dir.file("runs.db"));
  auto other = test::toy_scenario();
  other.name = "Other talks";
  other.id = "other";
  store.record(test::fake_run(test::toy_scenario()));
  store.record(test::fake_run(other));
  store.record(test::fake_run(test::toy_variant(2)));  // same name, other bytes
  const auto all = store.list();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, 1);
  EXPECT_EQ(all[2].id, 3);
  EXPECT_EQ(all[1].scenario_name, "Other talks");
  const auto toy = store.list(std::string("Toy ceasefire"));
  ASSERT_EQ(toy.size(), 2u);
  EXPECT_EQ(toy[0].id, 1);
  EXPECT_EQ(toy[1].id, 3);
  ASSERT_EQ(store.list(std::string("other")).size(), 1u);
  EXPECT_EQ(store.list(std::string("other"))[0].id, 2);
  EXPECT_TRUE(store.list(std::string("nothing")).empty());
  EXPECT_EQ(headline_text(json::parse(all[0].result_json)), "territory: 60.4");
}

TEST(RunStore, MarksTheFileAsATruceStoreInWalMode) {
  TempDir dir;
  { RunStore::open_for_writing(dir.file("runs.db")).record(test::fake_run(test::toy_scenario())); }
  test::RawDb raw(dir.file("runs.db"));
  EXPECT_EQ(raw.integer("PRAGMA application_id"), run_store_application_id);
  EXPECT_EQ(raw.integer("PRAGMA user_version"), run_store_schema_version());
  EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.integer("SELECT count(*) FROM schema_migrations"), run_store_schema_version());
}

TEST(RunStore, ReadingAMissingOrEmptyStoreIsAClearErrorAndCreatesNothing) {
  TempDir dir;
  try {
    RunStore::open_for_reading(dir.file("none.db"));
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("there is no run store at"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.db")));
}

TEST(RunStore, AZeroByteFileBecomesAStore) {
  // mktemp and `touch` make empty files; an empty file is an empty SQLite database.
  TempDir dir;
  test::write_bytes(dir.file("runs.db"), "");
  auto store = RunStore::open_for_writing(dir.file("runs.db"));
  EXPECT_EQ(store.record(test::fake_run(test::toy_scenario())), 1);
}

TEST(RunStore, ExportHoldsTheWholeRunAndReproducesTheScenarioBytes) {
  TempDir dir;
  auto store = RunStore::open_for_writing(dir.file("runs.db"));
  const auto id = store.record(test::fake_run(test::toy_scenario(), json{{"seed", 3}}));
  const auto exported = run_to_json(*store.find(id));
  EXPECT_EQ(exported["id"], id);
  EXPECT_EQ(exported["command"], "weighted_mean");
  EXPECT_EQ(exported["seed"], 3);
  EXPECT_EQ(exported["options"], (json{{"seed", 3}, {"shift", 0.0}}));
  EXPECT_EQ(exported["scenario"]["name"], "Toy ceasefire");
  EXPECT_EQ(exported["scenario"]["path"], "toy.yaml");
  // The export's scenario re-dumped canonically has the stored hash: an export is verifiable.
  const auto text = canonical_json_text(json::parse(exported.dump())["scenario"]["json"]);
  EXPECT_EQ(sha256_hex(text), exported["scenario"]["sha256"]);
  EXPECT_NEAR(exported["result"]["headline"]["territory"].get<double>(), 60.4, 1e-12);
}

}  // namespace
}  // namespace truce
