#include "truce/store/run_store.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "sqlite_connection.hpp"
#include "truce/store/schema.hpp"
#include "truce/version.hpp"

namespace truce {

namespace fs = std::filesystem;
using sqlite::Connection;

std::string canonical_json_text(const nlohmann::json& value) { return value.dump(2) + "\n"; }

std::optional<std::int64_t> seed_of(const nlohmann::json& options) {
  if (!options.is_object()) return std::nullopt;
  const auto it = options.find("seed");
  if (it == options.end()) return std::nullopt;
  if (it->is_number_unsigned()) return static_cast<std::int64_t>(it->get<std::uint64_t>());
  if (it->is_number_integer()) return it->get<std::int64_t>();
  return std::nullopt;
}

std::string utc_now_iso8601() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

namespace {

// What a file holds, learnt through a read-only connection before anything is written.
struct FileKind {
  std::int64_t application_id = 0;
  std::int64_t user_version = 0;
  std::int64_t schema_objects = 0;  // tables, indexes, ...: 0 for an empty database

  bool empty() const { return application_id == 0 && user_version == 0 && schema_objects == 0; }
};

std::string refusal_hint() {
  return "it was not changed. Pass --store with a truce run store or with a new file name";
}

// A read-only connection cannot recover a WAL (or roll back a journal) that a killed writer
// left behind; it says SQLITE_READONLY_*. The caller then decides whether writing is safe.
class NeedsRecovery : public StoreError {
 public:
  using StoreError::StoreError;
};

FileKind inspect(const Connection& db) {
  try {
    // One statement, so one read transaction: read apart, another process's migration could
    // commit in between and show its tables with the application_id not yet seen.
    auto st = db.prepare(
        "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), "
        "(SELECT count(*) FROM sqlite_schema)");
    st.step();
    FileKind kind;
    kind.application_id = st.integer(0);
    kind.user_version = st.integer(1);
    kind.schema_objects = st.integer(2);
    return kind;
  } catch (const sqlite::StoreBusy&) {
    throw;
  } catch (const StoreError& e) {
    const int code = sqlite3_extended_errcode(db.handle()) & 0xff;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      throw StoreError(fmt::format("{} is not a truce run store: it is not a SQLite database (or is damaged); {}",
                                   db.path(), refusal_hint()));
    if (code == SQLITE_READONLY) throw NeedsRecovery(e.what());
    throw;
  }
}

// Throws unless the file is empty or a truce run store this truce can read.
void check_ours(const FileKind& kind, const std::string& path) {
  if (kind.empty()) return;
  if (kind.application_id != run_store_application_id)
    throw StoreError(fmt::format(
        "{} is not a truce run store: it is a SQLite database of another application (application_id {:#010x}, "
        "a truce run store has {:#010x}); {}",
        path, static_cast<std::uint32_t>(kind.application_id), static_cast<std::uint32_t>(run_store_application_id),
        refusal_hint()));
  if (kind.user_version > run_store_schema_version())
    throw StoreError(fmt::format(
        "{} is a truce run store of schema version {}, newer than this truce {} understands (version {}); it was not "
        "changed. Use a newer truce to read it, or pass --store with another file",
        path, kind.user_version, truce::version, run_store_schema_version()));
}

// The file's first 100 bytes: the SQLite header (https://www.sqlite.org/fileformat.html).
struct RawHeader {
  bool empty = false;        // a 0-byte file
  bool sqlite = false;       // starts with "SQLite format 3\0"
  bool wal = false;          // read and write versions are 2 (WAL)
  std::uint32_t application_id = 0;  // big-endian at offset 68
};

RawHeader read_raw_header(const std::string& path) {
  RawHeader header;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw StoreError(fmt::format("cannot read the run store {}", path));
  unsigned char bytes[100] = {};
  const std::size_t n = std::fread(bytes, 1, sizeof bytes, file);
  std::fclose(file);
  header.empty = n == 0;
  header.sqlite = n == sizeof bytes && std::memcmp(bytes, "SQLite format 3", 16) == 0;
  header.wal = bytes[18] == 2 && bytes[19] == 2;
  header.application_id = (std::uint32_t{bytes[68]} << 24) | (std::uint32_t{bytes[69]} << 16) |
                          (std::uint32_t{bytes[70]} << 8) | std::uint32_t{bytes[71]};
  return header;
}

// Inspects the file after a killed writer: a read-write connection is needed to recover it.
// That is safe for our own store; for an unmarked WAL database, recovery only rebuilds the
// -shm index from the -wal file and, with checkpoint-on-close off, the database file itself
// is not written. Anything else is refused untouched.
FileKind inspect_needing_recovery(const std::string& path) {
  const auto header = read_raw_header(path);
  const bool ours = header.sqlite && header.application_id == static_cast<std::uint32_t>(run_store_application_id);
  const bool unmarked_wal = header.sqlite && header.application_id == 0 && header.wal;
  if (!header.empty && !ours && !unmarked_wal)
    throw StoreError(fmt::format(
        "{} is not a truce run store: it is a database left mid-write by another application, which only that "
        "application should recover; {}",
        path, refusal_hint()));
  Connection db(path, Connection::Mode::read_write);
  if (!ours) sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  return inspect(db);
}

// What the file is, learnt without writing to it (see above); throws unless it is empty or
// a truce run store this truce can read.
FileKind inspect_file(const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    try {
      FileKind kind;
      try {
        const Connection db(path, Connection::Mode::read_only);
        kind = inspect(db);
      } catch (const NeedsRecovery&) {
        kind = inspect_needing_recovery(path);
      }
      check_ours(kind, path);
      return kind;
    } catch (const sqlite::StoreBusy&) {
      if (attempt + 1 >= sqlite::busy_retries) throw;
      sqlite::pause_before_retry(attempt);
    }
  }
}

void configure(Connection& db) {
  db.exec("PRAGMA foreign_keys = ON");
}

// WAL: readers never block the writer, and a commit is one append to the log, so a killed
// writer leaves the whole transaction or none of it. FULL sync: a run reported as stored
// survives a power cut too.
void use_wal(Connection& db) {
  for (int attempt = 0;; ++attempt) {
    try {
      auto st = db.prepare("PRAGMA journal_mode = WAL");
      st.step();
      const std::string mode = st.text(0);
      if (mode != "wal") throw StoreError(fmt::format("run store {}: cannot switch to WAL mode (got {})", db.path(), mode));
      break;
    } catch (const sqlite::StoreBusy&) {
      if (attempt + 1 >= sqlite::busy_retries) throw;
      sqlite::pause_before_retry(attempt);
    }
  }
  db.exec("PRAGMA synchronous = FULL");
}

// Applies each pending migration in its own transaction. Inside the transaction the header
// is read again: another process may have migrated (or, in theory, replaced) the file since.
void migrate(Connection& db) {
  for (const auto& migration : run_store_migrations()) {
    sqlite::write_transaction(db, [&] {
      const auto kind = inspect(db);
      check_ours(kind, db.path());
      if (kind.user_version >= migration.version) return;
      if (kind.user_version != migration.version - 1)
        throw StoreError(fmt::format("run store {}: schema version {} cannot take migration {}", db.path(),
                                     kind.user_version, migration.version));
      if (kind.application_id == 0) db.exec(fmt::format("PRAGMA application_id = {}", run_store_application_id));
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations(version, description, applied_at, truce_version) VALUES (?, ?, ?, ?)")
          .bind(1, std::int64_t{migration.version})
          .bind(2, std::string(migration.description))
          .bind(3, utc_now_iso8601())
          .bind(4, std::string(truce::version))
          .run();
      db.exec(fmt::format("PRAGMA user_version = {}", migration.version));
    });
  }
}

void ensure_folder(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw StoreError(fmt::format("cannot create the folder {} for the run store: {}", parent.string(), ec.message()));
}

bool file_exists(const std::string& path) {
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (ec) throw StoreError(fmt::format("cannot reach the run store {}: {}", path, ec.message()));
  if (exists && fs::is_directory(path, ec))
    throw StoreError(fmt::format("{} is a folder, not a truce run store; pass --store with a file name", path));
  return exists;
}

}  // namespace

struct RunStore::Impl {
  Connection db;
  int version = 0;
};

RunStore::RunStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;
RunStore::~RunStore() = default;

const std::string& RunStore::path() const { return impl_->db.path(); }
int RunStore::schema_version() const { return impl_->version; }

RunStore RunStore::open_for_writing(const std::string& path) {
  // Look before writing: a foreign or damaged file is refused untouched.
  if (file_exists(path))
    inspect_file(path);
  else
    ensure_folder(path);
  Connection db(path, Connection::Mode::read_write_create);
  configure(db);
  use_wal(db);
  migrate(db);
  return RunStore(std::make_unique<Impl>(Impl{std::move(db), run_store_schema_version()}));
}

RunStore RunStore::open_for_reading(const std::string& path) {
  if (!file_exists(path))
    throw StoreError(fmt::format("there is no run store at {} (no run has been recorded there)", path));
  const auto kind = inspect_file(path);
  if (kind.empty()) throw StoreError(fmt::format("the run store {} holds no runs yet", path));
  if (kind.user_version < run_store_schema_version()) return open_for_writing(path);  // upgrades
  // Read-write (though only read): after a killed writer, reading needs WAL recovery, which a
  // read-only connection cannot do. SQLite falls back to read-only for a write-protected file.
  Connection db(path, Connection::Mode::read_write);
  configure(db);
  return RunStore(std::make_unique<Impl>(Impl{std::move(db), static_cast<int>(kind.user_version)}));
}

std::int64_t RunStore::record(const NewRun& run) {
  const auto scenario = nlohmann::json::parse(run.scenario_json);
  const std::string hash = sha256_hex(run.scenario_json);
  const std::string options_text = canonical_json_text(run.options);
  const std::string result_text = canonical_json_text(run.result);
  const std::string created_at = run.created_at.empty() ? utc_now_iso8601() : run.created_at;
  const std::string version = run.truce_version.empty() ? std::string(truce::version) : run.truce_version;
  auto& db = impl_->db;
  return sqlite::write_transaction(db, [&] {
    db.prepare(
          "INSERT INTO scenarios(hash, scenario_id, name, canonical_json) VALUES (?, ?, ?, ?) "
          "ON CONFLICT(hash) DO NOTHING")
        .bind(1, hash)
        .bind(2, scenario.value("id", std::string()))
        .bind(3, scenario.value("name", std::string()))
        .bind(4, run.scenario_json)
        .run();
    db.prepare(
          "INSERT INTO runs(created_at, truce_version, command, options_json, seed, scenario_hash, scenario_path, "
          "result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, created_at)
        .bind(2, version)
        .bind(3, run.command)
        .bind(4, options_text)
        .bind(5, seed_of(run.options))
        .bind(6, hash)
        .bind(7, run.scenario_path)
        .bind(8, result_text)
        .run();
    return db.last_insert_rowid();
  });
}

std::vector<RunSummary> RunStore::list(const std::optional<std::string>& scenario) const {
  std::string sql =
      "SELECT r.id, r.created_at, r.command, s.name, r.scenario_hash, r.result_json "
      "FROM runs r JOIN scenarios s ON s.hash = r.scenario_hash";
  if (scenario) sql += " WHERE s.name = ?1 OR (s.scenario_id = ?1 AND s.scenario_id <> '')";
  sql += " ORDER BY r.id";
  auto st = impl_->db.prepare(sql);
  if (scenario) st.bind(1, *scenario);
  std::vector<RunSummary> runs;
  while (st.step())
    runs.push_back({st.integer(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
  return runs;
}

std::optional<StoredRun> RunStore::find(std::int64_t id) const {
  auto st = impl_->db.prepare(
      "SELECT r.id, r.created_at, r.truce_version, r.command, r.options_json, r.seed, r.scenario_hash, "
      "s.scenario_id, s.name, s.canonical_json, r.scenario_path, r.result_json "
      "FROM runs r JOIN scenarios s ON s.hash = r.scenario_hash WHERE r.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  StoredRun run;
  run.id = st.integer(0);
  run.created_at = st.text(1);
  run.truce_version = st.text(2);
  run.command = st.text(3);
  run.options_json = st.text(4);
  run.seed = st.optional_integer(5);
  run.scenario_hash = st.text(6);
  run.scenario_id = st.text(7);
  run.scenario_name = st.text(8);
  run.scenario_json = st.text(9);
  run.scenario_path = st.text(10);
  run.result_json = st.text(11);
  return run;
}

nlohmann::json run_to_json(const StoredRun& run) {
  return {
      {"id", run.id},
      {"created_at", run.created_at},
      {"truce_version", run.truce_version},
      {"command", run.command},
      {"options", run.options()},
      {"seed", run.seed ? nlohmann::json(*run.seed) : nlohmann::json(nullptr)},
      {"scenario",
       {{"sha256", run.scenario_hash},
        {"id", run.scenario_id},
        {"name", run.scenario_name},
        {"path", run.scenario_path},
        {"json", nlohmann::json::parse(run.scenario_json)}}},
      {"result", run.result()},
  };
}

}  // namespace truce
