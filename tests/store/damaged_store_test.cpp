// A damaged run store: every stored value is checked as it is read, and damage becomes a
// StoreError naming the store, the run and the column, never a crash; a store that fails
// PRAGMA quick_check takes no new run; a path that is not a regular file is never opened.
// (Issue 15, items 1 and 13.)

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <functional>

#include "store_test_support.hpp"

namespace truce {
namespace {

using json = nlohmann::json;
using test::TempDir;

std::string nested_arrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

using test::parser_message;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const StoreError& e) {
    return e.what();
  }
  return "";
}

TEST(StoredJsonDepth, SixtyFourLevelsAreReadAndSixtyFiveAreDamage) {
  // max_stored_json_depth = 64 is truce's own limit (run_store.hpp).
  EXPECT_EQ(parse_stored_json(nested_arrays(64), 3, "result_json", "s.db").dump().size(), 128u);
  EXPECT_EQ(error_of([] { parse_stored_json(nested_arrays(65), 3, "result_json", "s.db"); }),
            "run 3's result_json in the run store s.db is damaged: it nests objects and arrays more than 64 deep, "
            "which truce never writes");
  // Deep enough to overflow the stack of anything recursive, had the parser built it.
  EXPECT_EQ(error_of([] { parse_stored_json(nested_arrays(1'000'000), 3, "result_json", "s.db"); }),
            "run 3's result_json in the run store s.db is damaged: it nests objects and arrays more than 64 deep, "
            "which truce never writes");
  EXPECT_EQ(error_of([] { parse_stored_json("{\"a\": ", 3, "options_json", "s.db"); }),
            "run 3's options_json in the run store s.db is damaged: it is not JSON (" + parser_message("{\"a\": ") + ")");
}

// Three runs of the fake analysis, and a raw connection to damage them as another tool would.
class DamagedRow : public ::testing::Test {
 protected:
  void SetUp() override {
    path = dir.file("runs.db");
    auto store = RunStore::open_for_writing(path);
    for (int i = 0; i < 3; ++i) store.record(test::fake_run(test::toy_variant(i)));
  }
  void damage(const std::string& sql) { test::RawDb(path).exec(sql); }
  std::string find_error(std::int64_t id) {
    return error_of([&] { RunStore::open_for_reading(path).find(id); });
  }
  std::string prefix(int id, const std::string& column) {
    return "run " + std::to_string(id) + "'s " + column + " in the run store " + path + " is damaged: ";
  }

  TempDir dir;
  std::string path;
};

TEST_F(DamagedRow, ATruncatedResultIsNamedAndTheOtherRunsStillList) {
  damage("UPDATE runs SET result_json = substr(result_json, 1, 40) WHERE id = 2");
  const auto truncated = test::RawDb(path).text("SELECT result_json FROM runs WHERE id = 2");
  const std::string expected = prefix(2, "result_json") + "it is not JSON (" + parser_message(truncated) + ")";
  EXPECT_EQ(find_error(2), expected);
  const auto runs = RunStore::open_for_reading(path).list();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_FALSE(runs[0].damage.has_value());
  EXPECT_EQ(runs[1].damage, expected);
  EXPECT_FALSE(runs[2].damage.has_value());
  EXPECT_EQ(runs[2].result["headline"]["territory"], 60.4);  // the fake analysis: 151 / 2.5
  EXPECT_TRUE(RunStore::open_for_reading(path).find(3).has_value());
}

TEST_F(DamagedRow, EachColumnIsCheckedForWhatTruceWrites) {
  damage("UPDATE runs SET options_json = '[1, 2]' WHERE id = 1");
  EXPECT_EQ(find_error(1), prefix(1, "options_json") + "it is a JSON array where truce writes an object");
  damage("UPDATE runs SET result_json = CAST(result_json AS BLOB) WHERE id = 2");
  EXPECT_EQ(find_error(2), prefix(2, "result_json") + "it holds a blob where truce writes text");
  damage("UPDATE runs SET seed = 'seven' WHERE id = 3");
  EXPECT_EQ(find_error(3), prefix(3, "seed") + "it holds text where truce writes an integer or NULL");
  // Text holding the raw byte 0xFF ("fore" then 0xFF), which is never UTF-8 (RFC 3629).
  damage("UPDATE runs SET seed = 7, command = CAST(X'666F7265FF' AS TEXT) WHERE id = 3");
  EXPECT_EQ(find_error(3), prefix(3, "command") + "it is not UTF-8 text (byte 4 is 0xFF)");
}

TEST_F(DamagedRow, AScenarioThatNoLongerMatchesItsHashOrIsMissingIsNamed) {
  const auto hash = test::RawDb(path).text("SELECT scenario_hash FROM runs WHERE id = 1");
  damage("UPDATE scenarios SET canonical_json = replace(canonical_json, 'Toy', 'Tox') WHERE hash = '" + hash + "'");
  const auto changed = test::RawDb(path).text("SELECT canonical_json FROM scenarios WHERE hash = '" + hash + "'");
  EXPECT_EQ(find_error(1), prefix(1, "scenario's canonical_json") + "its SHA-256 is " + sha256_hex(changed) +
                               ", not the " + hash + " it is stored under");
  damage("DELETE FROM scenarios WHERE hash = '" + hash + "'");  // RawDb does not enforce foreign keys
  const std::string missing = prefix(1, "scenario_hash") + "the store holds no scenario with SHA-256 " + hash;
  EXPECT_EQ(find_error(1), missing);
  const auto runs = RunStore::open_for_reading(path).list();
  ASSERT_EQ(runs.size(), 3u);  // listed as damaged, not hidden by the join
  EXPECT_EQ(runs[0].damage, missing);
}

TEST_F(DamagedRow, DeepNestingInAnyJsonColumnIsDamageNotACrash) {
  const std::string deep = "{\"a\": " + nested_arrays(200000) + "}";
  damage("UPDATE runs SET result_json = '" + deep + "' WHERE id = 1");
  damage("UPDATE runs SET options_json = '" + deep + "' WHERE id = 2");
  const std::string too_deep = "it nests objects and arrays more than 64 deep, which truce never writes";
  EXPECT_EQ(find_error(1), prefix(1, "result_json") + too_deep);
  EXPECT_EQ(find_error(2), prefix(2, "options_json") + too_deep);
  EXPECT_EQ(RunStore::open_for_reading(path).list()[0].damage, prefix(1, "result_json") + too_deep);
}

// --- damage to the file's pages ----------------------------------------------------------

// The store file's pages (SQLite file format, https://www.sqlite.org/fileformat2.html).
struct Pages {
  std::string bytes;
  std::size_t size = 4096;
  std::size_t at(long long page) const { return static_cast<std::size_t>(page - 1) * size; }
};

class DamagedPages : public ::testing::Test {
 protected:
  // Three runs whose results overflow onto overflow pages (5000 bytes each, more than a
  // 4096-byte page holds), closed so the WAL is checkpointed into the file.
  void SetUp() override {
    path = dir.file("runs.db");
    {
      auto store = RunStore::open_for_writing(path);
      for (int i = 0; i < 3; ++i) {
        auto run = test::fake_run(test::toy_variant(i));
        run.result["padding"] = std::string(5000, 'a');
        store.record(run);
      }
    }
    test::RawDb raw(path);
    runs_root = raw.integer("SELECT rootpage FROM sqlite_schema WHERE name = 'runs'");
    index_root = raw.integer("SELECT rootpage FROM sqlite_schema WHERE name = 'runs_by_scenario'");
    pages.size = static_cast<std::size_t>(raw.integer("PRAGMA page_size"));
    pages.bytes = test::read_bytes(path);
  }
  // A page holding nothing but padding: an overflow page of a result.
  long long overflow_page() const {
    for (long long p = 2; pages.at(p + 1) <= pages.bytes.size(); ++p)
      if (pages.bytes.compare(pages.at(p) + 4, 64, std::string(64, 'a')) == 0) return p;
    return 0;
  }
  void write(const Pages& damaged) { test::write_bytes(path, damaged.bytes); }
  // Its answer, or SQLite's error when it cannot even run (a truncated file).
  std::string integrity_check() {
    try {
      return test::RawDb(path).text("PRAGMA integrity_check");
    } catch (const std::runtime_error& e) {
      return e.what();
    }
  }

  TempDir dir;
  std::string path;
  long long runs_root = 0, index_root = 0;
  Pages pages;
};

// Each is a damage `PRAGMA integrity_check` reports. The report (issue 15 item 13) found 4 of
// 8 such stores still took new runs; none may now, and none may change.
TEST_F(DamagedPages, EightDamagedStoresTakeNoNewRunAndAreNotChanged) {
  auto set16 = [](Pages& p, std::size_t at, unsigned v) {
    p.bytes[at] = static_cast<char>(v >> 8);
    p.bytes[at + 1] = static_cast<char>(v & 0xff);
  };
  auto set32 = [](Pages& p, std::size_t at, std::uint32_t v) {
    for (int k = 0; k < 4; ++k) p.bytes[at + k] = static_cast<char>(v >> (24 - 8 * k));
  };
  const long long overflow = overflow_page();
  ASSERT_GT(overflow, 0);
  const std::vector<std::pair<std::string, std::function<void(Pages&)>>> damages = {
      // b-tree page header: offset 3 = number of cells (fileformat2 section 1.6)
      {"runs table shows no cells", [&](Pages& p) { set16(p, p.at(runs_root) + 3, 0); }},
      {"runs index shows no cells", [&](Pages& p) { set16(p, p.at(index_root) + 3, 0); }},
      // offset 0 = page type; 0x0a (an index leaf) where a table leaf (0x0d) belongs
      {"runs table page of the wrong type", [&](Pages& p) { p.bytes[p.at(runs_root)] = 0x0a; }},
      // the first 4 bytes of an overflow page: the next page of the chain
      {"overflow chain to a page past the end", [&](Pages& p) { set32(p, p.at(overflow), 9999); }},
      // database header offset 32: first freelist trunk page, 36: number of free pages
      {"freelist to a page past the end",
       [&](Pages& p) {
         set32(p, 32, 9999);
         set32(p, 36, 1);
       }},
      // the second half of the file lost (a copy cut short)
      {"file truncated to half", [&](Pages& p) { p.bytes.resize(p.bytes.size() / 2); }},
      // the freelist claiming the runs table's root page, which is in use
      {"freelist claims a page in use",
       [&](Pages& p) {
         set32(p, 32, static_cast<std::uint32_t>(runs_root));
         set32(p, 36, 1);
       }},
      // the first cell's rowid made larger than the next one's: keys out of order
      {"runs table keys out of order",
       [&](Pages& p) {
         const std::size_t page = p.at(runs_root);
         const std::size_t cells = page + 8;  // a leaf's cell pointer array follows its 8-byte header
         const std::size_t cell = page + (static_cast<unsigned char>(p.bytes[cells]) << 8 |
                                          static_cast<unsigned char>(p.bytes[cells + 1]));
         std::size_t k = cell;
         while (static_cast<unsigned char>(p.bytes[k]) & 0x80) ++k;  // skip the payload-size varint
         p.bytes[k + 1] = 9;                                         // the rowid varint: 1 -> 9
       }},
  };
  for (const auto& [name, apply] : damages) {
    SCOPED_TRACE(name);
    Pages damaged = pages;
    apply(damaged);
    write(damaged);
    EXPECT_NE(integrity_check(), "ok");
    const auto before = test::file_sha256(path);
    const auto error = error_of([&] { RunStore::open_for_writing(path).record(test::fake_run(test::toy_scenario())); });
    EXPECT_EQ(error.rfind("the run store " + path + " is damaged (", 0), 0u) << error;
    EXPECT_NE(error.find("it was not changed. Restore it from a backup, or copy what it still holds into a new store "
                         "with \"sqlite3 '" +
                         path + "' .recover | sqlite3 NEW.db\" and pass --store NEW.db"),
              std::string::npos)
        << error;
    EXPECT_EQ(test::file_sha256(path), before);
    EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  }
}

TEST_F(DamagedPages, ATableThatLooksEmptyIsDamageNotNoSuchRun) {
  Pages damaged = pages;
  damaged.bytes[damaged.at(runs_root) + 3] = 0;
  damaged.bytes[damaged.at(runs_root) + 4] = 0;
  write(damaged);
  auto store = RunStore::open_for_reading(path);
  for (const auto& read : std::vector<std::function<void()>>{[&] { store.find(1); }, [&] { store.list(); }}) {
    const auto error = error_of(read);
    EXPECT_EQ(error.rfind("the run store " + path + " is damaged (PRAGMA quick_check: *** in database main *** ", 0),
              0u)
        << error;
  }
}

TEST_F(DamagedPages, ASoundStoreStillSaysThereIsNoSuchRun) {
  EXPECT_FALSE(RunStore::open_for_reading(path).find(99).has_value());
}

// --- paths that are not regular files --------------------------------------------------

TEST(NotARegularFile, AFifoIsRefusedBeforeSqliteOpensIt) {
  // Opening a FIFO would block until a writer appears; SQLite would then create FIFO-journal.
  TempDir dir;
  const auto path = dir.file("runs.db");
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  const std::string expected =
      path + " is a FIFO (named pipe), not a truce run store; it was not opened. Pass --store with a regular file";
  EXPECT_EQ(error_of([&] { RunStore::open_for_writing(path); }), expected);
  EXPECT_EQ(error_of([&] { RunStore::open_for_reading(path); }), expected);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);  // the FIFO alone: no -journal, -wal or -shm beside it
}

TEST(NotARegularFile, ACharacterDeviceIsRefused) {
  EXPECT_EQ(error_of([] { RunStore::open_for_writing("/dev/null"); }),
            "/dev/null is a character device, not a truce run store; it was not opened. Pass --store with a regular "
            "file");
  EXPECT_EQ(error_of([] { RunStore::open_for_reading("/dev/null"); }),
            "/dev/null is a character device, not a truce run store; it was not opened. Pass --store with a regular "
            "file");
}

}  // namespace
}  // namespace truce
