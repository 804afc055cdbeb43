// A file that is not a truce run store, given as the store: a clear error, and the file's
// bytes are the same afterwards (SHA-256 before and after).

#include <gtest/gtest.h>

#include "store_test_support.hpp"

namespace truce {
namespace {

using test::TempDir;

// Tries to record one run in the file; returns the error message ("" when it was recorded).
std::string try_to_record(const std::string& path) {
  try {
    auto store = RunStore::open_for_writing(path);
    store.record(test::fake_run(test::toy_scenario()));
    return "";
  } catch (const StoreError& e) {
    return e.what();
  }
}

void expect_refused_untouched(const std::string& path, const std::string& expected_message) {
  const auto before = test::file_sha256(path);
  const auto size = std::filesystem::file_size(path);
  const auto error = try_to_record(path);
  EXPECT_NE(error.find(expected_message), std::string::npos) << "message: " << error;
  EXPECT_NE(error.find(path), std::string::npos) << "the message names the file: " << error;
  EXPECT_EQ(test::file_sha256(path), before);
  EXPECT_EQ(std::filesystem::file_size(path), size);
  // Reading it is refused the same way.
  try {
    RunStore::open_for_reading(path);
    ADD_FAILURE() << "expected StoreError when reading " << path;
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(expected_message), std::string::npos) << e.what();
  }
  EXPECT_EQ(test::file_sha256(path), before);
}

TEST(ForeignFile, RandomBytesAreRefused) {
  TempDir dir;
  std::string bytes(8192, '\0');
  std::uint32_t x = 2463534242u;  // xorshift32 (Marsaglia 2003): fixed, reproducible noise
  for (auto& c : bytes) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xff);
  }
  test::write_bytes(dir.file("noise.db"), bytes);
  expect_refused_untouched(dir.file("noise.db"), "is not a truce run store: it is not a SQLite database");
}

TEST(ForeignFile, ATextFileIsRefused) {
  TempDir dir;
  test::write_bytes(dir.file("actors.csv"), "Actor,Capability,Position,Salience\nNetherlands,0.08,4,0.8\n");
  expect_refused_untouched(dir.file("actors.csv"), "is not a truce run store: it is not a SQLite database");
}

TEST(ForeignFile, AnotherApplicationsSqliteDatabaseIsRefused) {
  TempDir dir;
  const auto path = dir.file("other.sqlite");
  {
    test::RawDb raw(path);
    raw.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('keep me')");
  }
  expect_refused_untouched(path, "is a SQLite database of another application (application_id 0x00000000");
}

TEST(ForeignFile, AGeoPackageIsRefused) {
  // GeoPackage sets application_id 0x47504B47 ("GPKG", OGC GeoPackage 1.2 requirement 2).
  TempDir dir;
  const auto path = dir.file("map.gpkg");
  {
    test::RawDb raw(path);
    raw.exec("PRAGMA application_id = 1196444487; CREATE TABLE gpkg_contents(table_name TEXT)");
  }
  expect_refused_untouched(path, "application_id 0x47504b47");
}

TEST(ForeignFile, AnotherApplicationsDatabaseLeftMidWalIsRefusedAndNotChanged) {
  // Its writer closed without checkpointing (as a killed one would): the committed rows are
  // only in the -wal file. Inspecting it must neither checkpoint them into the database
  // file nor keep it.
  TempDir dir;
  const auto path = dir.file("other.sqlite");
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA journal_mode = WAL; CREATE TABLE notes(text TEXT); "
                           "INSERT INTO notes VALUES ('only in the wal')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  ASSERT_TRUE(std::filesystem::exists(path + "-wal"));
  const auto wal_before = test::file_sha256(path + "-wal");
  expect_refused_untouched(path, "is not a truce run store");
  EXPECT_EQ(test::file_sha256(path + "-wal"), wal_before);
  // Without its -shm index, reading needs WAL recovery, which a read-only connection cannot
  // do (SQLite: "attempt to write a readonly database"); the refusal must still hold.
  std::filesystem::remove(path + "-shm");
  expect_refused_untouched(path, "is a SQLite database of another application (application_id 0x00000000");
  EXPECT_EQ(test::file_sha256(path + "-wal"), wal_before);
}

TEST(ForeignFile, ADamagedStoreIsRefusedAndNotChanged) {
  TempDir dir;
  const auto path = dir.file("runs.db");
  {
    auto store = RunStore::open_for_writing(path);
    for (int i = 0; i < 5; ++i) store.record(test::fake_run(test::toy_variant(i)));
  }
  // Keep page 1 (the header and schema), overwrite every later page with garbage.
  auto bytes = test::read_bytes(path);
  ASSERT_GT(bytes.size(), 8192u);
  for (std::size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5 ^ (i * 31));
  test::write_bytes(path, bytes);
  const auto before = test::file_sha256(path);
  const auto error = try_to_record(path);
  EXPECT_NE(error.find("is damaged"), std::string::npos) << error;
  EXPECT_NE(error.find("it was not changed"), std::string::npos) << error;
  EXPECT_EQ(test::file_sha256(path), before);
}

TEST(ForeignFile, ATruncatedStoreIsRefusedAndNotChanged) {
  TempDir dir;
  const auto path = dir.file("runs.db");
  { RunStore::open_for_writing(path).record(test::fake_run(test::toy_scenario())); }
  test::write_bytes(path, test::read_bytes(path).substr(0, 1000));
  const auto before = test::file_sha256(path);
  EXPECT_FALSE(try_to_record(path).empty());
  EXPECT_EQ(test::file_sha256(path), before);
}

TEST(ForeignFile, AFolderIsRefused) {
  TempDir dir;
  const auto error = try_to_record(dir.path().string());
  EXPECT_NE(error.find("is a folder, not a truce run store"), std::string::npos) << error;
}

}  // namespace
}  // namespace truce
