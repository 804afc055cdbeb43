// Schema migrations: an old-version store is upgraded in place, keeping its runs; a store
// from a newer truce is refused clearly and left untouched.

#include <gtest/gtest.h>

#include "store_test_support.hpp"
#include "truce/store/schema.hpp"

namespace truce {
namespace {

using test::TempDir;

TEST(Migrations, AreNumberedOneByOneWithoutGaps) {
  const auto& all = run_store_migrations();
  ASSERT_GE(all.size(), 2u);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].version, static_cast<int>(i + 1));
  EXPECT_EQ(run_store_schema_version(), all.back().version);
}

// A store as truce wrote it at schema version 1 (migration 1 only), with one run in it.
void make_version_1_store(const std::string& path) {
  test::RawDb raw(path);
  raw.exec("PRAGMA journal_mode = WAL");
  raw.exec("BEGIN");
  raw.exec("PRAGMA application_id = " + std::to_string(run_store_application_id));
  raw.exec(run_store_migrations()[0].sql);
  raw.exec("INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01T00:00:00.000Z', '0.0.9')");
  // Stored under the SHA-256 of its text, as truce writes it (reading checks the two match).
  const std::string scenario = "{\"name\": \"Old talks\"}\n";
  const std::string hash = sha256_hex(scenario);
  raw.exec("INSERT INTO scenarios VALUES ('" + hash + "', 'old', 'Old talks', '" + scenario + "')");
  raw.exec(
      "INSERT INTO runs(created_at, truce_version, command, options_json, seed, scenario_hash, scenario_path, "
      "result_json) VALUES ('2026-01-01T00:00:00.000Z', '0.0.9', 'forecast', '{\"seed\": 5}\n', 5, '" + hash + "', "
      "'old.yaml', '{\"headline\": {\"x\": 1.5}}\n')");
  raw.exec("PRAGMA user_version = 1");
  raw.exec("COMMIT");
}

TEST(Migrations, UpgradeAnOldStoreKeepingItsRuns) {
  TempDir dir;
  const auto path = dir.file("runs.db");
  make_version_1_store(path);
  {
    const auto store = RunStore::open_for_reading(path);  // reading an old store upgrades it
    EXPECT_EQ(store.schema_version(), run_store_schema_version());
    const auto run = store.find(1);
    ASSERT_TRUE(run.has_value());
    EXPECT_EQ(run->command, "forecast");
    EXPECT_EQ(run->truce_version, "0.0.9");
    EXPECT_EQ(run->seed, 5);
    EXPECT_EQ(run->scenario_name, "Old talks");
    EXPECT_EQ(run->result_json, "{\"headline\": {\"x\": 1.5}}\n");
  }
  test::RawDb raw(path);
  EXPECT_EQ(raw.integer("PRAGMA user_version"), run_store_schema_version());
  EXPECT_EQ(raw.integer("SELECT count(*) FROM schema_migrations"), run_store_schema_version());
  // Migration 2's indexes exist now.
  EXPECT_EQ(raw.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'runs_by_scenario'"), 1);
  // And the upgraded store takes new runs after the old one.
  EXPECT_EQ(RunStore::open_for_writing(path).record(test::fake_run(test::toy_scenario())), 2);
}

TEST(Migrations, AStoreFromANewerTruceIsRefusedAndNotChanged) {
  TempDir dir;
  const auto path = dir.file("runs.db");
  { RunStore::open_for_writing(path).record(test::fake_run(test::toy_scenario())); }
  {
    test::RawDb raw(path);
    raw.exec("PRAGMA user_version = 99");
  }
  const auto before = test::file_sha256(path);
  for (const bool writing : {true, false}) {
    try {
      if (writing)
        RunStore::open_for_writing(path);
      else
        RunStore::open_for_reading(path);
      FAIL() << "expected StoreError";
    } catch (const StoreError& e) {
      EXPECT_NE(std::string(e.what()).find("schema version 99, newer than this truce"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("it was not changed"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(test::file_sha256(path), before);
}

}  // namespace
}  // namespace truce
