#include "truce/store/run_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <new>
#include <string_view>
#include <system_error>

#include "sqlite_connection.hpp"
#include "truce/io/input_text.hpp"
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
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
      // Our own mark in the header: a truce run store that SQLite cannot read, not a foreign file.
      const auto header = read_raw_header(db.path());
      if (header.sqlite && header.application_id == static_cast<std::uint32_t>(run_store_application_id))
        throw StoreError(fmt::format("the run store {} is damaged ({}); it was not changed. {}", db.path(),
                                     sqlite3_errmsg(db.handle()), sqlite::recovery_advice(db.path())));
      throw StoreError(fmt::format("{} is not a truce run store: it is not a SQLite database (or is damaged); {}",
                                   db.path(), refusal_hint()));
    }
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

// Throws StoreError unless PRAGMA quick_check answers "ok". quick_check walks every page of
// every b-tree (structure, free list, record formats, NOT NULL) but skips the comparison of
// index entries with table rows that integrity_check adds; it is fast enough to run before
// every write (see docs/run-store.md, "Measured").
void quick_check_or_throw(const Connection& db) {
  // SQLite may refuse to run the check at all on a badly damaged file: Connection::fail then
  // throws its own "is damaged" error, with the same advice.
  auto st = db.prepare("PRAGMA quick_check(3)");
  std::string problems;
  while (st.step()) {
    std::string line = st.text(0);
    std::replace(line.begin(), line.end(), '\n', ' ');  // its first line can hold a line break
    if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
  }
  if (!problems.empty())
    throw StoreError(fmt::format("the run store {} is damaged (PRAGMA quick_check: {}); it was not changed. {}",
                                 db.path(), problems, sqlite::recovery_advice(db.path())));
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
      // Migrating writes too: a damaged store is refused (an empty one has nothing to check).
      if (!kind.empty()) quick_check_or_throw(db);
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

const char* file_type_name(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::fifo: return "a FIFO (named pipe)";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

// Whether the store file exists. Anything there that is not a regular file (after following
// symbolic links) is refused before SQLite sees it: SQLite would create a journal beside a
// device such as /dev/null, and write into it.
bool file_exists(const std::string& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) return false;
  if (ec) throw StoreError(fmt::format("cannot reach the run store {}: {}", path, ec.message()));
  if (status.type() == fs::file_type::directory)
    throw StoreError(fmt::format("{} is a folder, not a truce run store; pass --store with a file name", path));
  if (status.type() != fs::file_type::regular)
    throw StoreError(fmt::format("{} is {}, not a truce run store; it was not opened. Pass --store with a regular file",
                                 path, file_type_name(status.type())));
  return true;
}

// Runs `body`, turning any exception other than StoreError (SQLite's are already StoreError;
// nlohmann::json's, the allocator's, the file system's are not) into a StoreError naming the
// store, so callers need to catch one type only.
template <class Body>
auto at_boundary(const std::string& path, const char* doing, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const StoreError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw StoreError(fmt::format("run store {}: out of memory while {}", path, doing));
  } catch (const std::exception& e) {
    throw StoreError(fmt::format("run store {}: {} failed: {}", path, doing, e.what()));
  }
}

// --- reading a row ------------------------------------------------------------------

const char* storage_class(StoredCell::Type type) {
  switch (type) {
    case StoredCell::Type::null: return "NULL";
    case StoredCell::Type::integer: return "an integer";
    case StoredCell::Type::real: return "a real number";
    case StoredCell::Type::text: return "text";
    case StoredCell::Type::blob: return "a blob";
  }
  return "?";
}

std::string damage_message(std::int64_t id, std::string_view column, const std::string& path,
                           const std::string& problem) {
  return fmt::format("run {}'s {} in the run store {} is damaged: {}", id, column, path, problem);
}

// The text of a column truce writes as UTF-8 text; anything else is damage (JSON output of an
// invalid UTF-8 string would throw later).
const std::string& text_of(const StoredCell& cell, std::int64_t id, const char* column, const std::string& path) {
  if (cell.type != StoredCell::Type::text)
    throw StoreError(damage_message(id, column, path,
                                    fmt::format("it holds {} where truce writes text", storage_class(cell.type))));
  if (const auto at = first_invalid_utf8(cell.text); at != std::string_view::npos)
    throw StoreError(damage_message(
        id, column, path,
        fmt::format("it is not UTF-8 text (byte {} is 0x{:02X})", at, static_cast<unsigned char>(cell.text[at]))));
  return cell.text;
}

nlohmann::json parse_object(const StoredCell& cell, std::int64_t id, const char* column, const std::string& path) {
  auto value = parse_stored_json(text_of(cell, id, column, path), id, column, path);
  if (!value.is_object())
    throw StoreError(
        damage_message(id, column, path, fmt::format("it is a JSON {} where truce writes an object", value.type_name())));
  return value;
}

// The run's scenario hash, checked: 64 lowercase hex digits, naming a scenario that exists.
const std::string& scenario_hash_of(const RunRow& row, const std::string& path) {
  const auto& hash = text_of(row.scenario_hash, row.id, "scenario_hash", path);
  const bool hex = hash.size() == 64 && hash.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) throw StoreError(damage_message(row.id, "scenario_hash", path, "it is not a SHA-256 in lowercase hex"));
  if (row.scenario_found.type == StoredCell::Type::null)
    throw StoreError(damage_message(row.id, "scenario_hash", path,
                                    fmt::format("the store holds no scenario with SHA-256 {}", hash)));
  return hash;
}

// Why the nesting callback stopped the parser.
struct TooDeep {};

// nlohmann::json's messages start with "[json.exception.parse_error.101] ": not for people.
std::string without_exception_id(const char* what) {
  std::string_view text(what);
  if (!text.empty() && text.front() == '[') {
    const auto end = text.find("] ");
    if (end != std::string_view::npos) text.remove_prefix(end + 2);
  }
  return std::string(text);
}

}  // namespace

nlohmann::json parse_stored_json(const std::string& text, std::int64_t id, const char* column,
                                 const std::string& store_path) {
  using json = nlohmann::json;
  try {
    // The parser itself is iterative; the limit protects what walks the value afterwards.
    return json::parse(text, [](int depth, json::parse_event_t event, json&) {
      // depth counts the containers already open around this one: 0 for the outermost.
      if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
          depth >= max_stored_json_depth)
        throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    throw StoreError(damage_message(
        id, column, store_path,
        fmt::format("it nests objects and arrays more than {} deep, which truce never writes", max_stored_json_depth)));
  } catch (const json::exception& e) {
    throw StoreError(damage_message(id, column, store_path, "it is not JSON (" + without_exception_id(e.what()) + ")"));
  }
}

StoredRun run_from_row(const RunRow& row, const std::string& store_path) {
  return at_boundary(store_path, fmt::format("reading run {}", row.id).c_str(), [&] {
    const auto& path = store_path;
    StoredRun run;
    run.id = row.id;
    run.created_at = text_of(row.created_at, row.id, "created_at", path);
    run.truce_version = text_of(row.truce_version, row.id, "truce_version", path);
    run.command = text_of(row.command, row.id, "command", path);
    run.options_json = text_of(row.options_json, row.id, "options_json", path);
    if (row.seed.type == StoredCell::Type::integer)
      run.seed = row.seed.integer;
    else if (row.seed.type != StoredCell::Type::null)
      throw StoreError(damage_message(row.id, "seed", path,
                                      fmt::format("it holds {} where truce writes an integer or NULL",
                                                  storage_class(row.seed.type))));
    run.scenario_hash = scenario_hash_of(row, path);
    run.scenario_id = text_of(row.scenario_id, row.id, "scenario's scenario_id", path);
    run.scenario_name = text_of(row.scenario_name, row.id, "scenario's name", path);
    run.scenario_json = text_of(row.scenario_json, row.id, "scenario's canonical_json", path);
    run.scenario_path = text_of(row.scenario_path, row.id, "scenario_path", path);
    run.result_json = text_of(row.result_json, row.id, "result_json", path);
    // The hash is the scenario's identity: bytes that no longer match it are not what was run.
    if (const auto actual = sha256_hex(run.scenario_json); actual != run.scenario_hash)
      throw StoreError(damage_message(
          row.id, "scenario's canonical_json", path,
          fmt::format("its SHA-256 is {}, not the {} it is stored under", actual, run.scenario_hash)));
    run.options_value = parse_object(row.options_json, row.id, "options_json", path);
    run.scenario_value = parse_object(row.scenario_json, row.id, "scenario's canonical_json", path);
    run.result_value = parse_object(row.result_json, row.id, "result_json", path);
    return run;
  });
}

RunSummary summary_from_row(const RunRow& row, const std::string& store_path) {
  RunSummary summary;
  summary.id = row.id;
  try {
    at_boundary(store_path, fmt::format("reading run {}", row.id).c_str(), [&] {
      const auto& path = store_path;
      summary.created_at = text_of(row.created_at, row.id, "created_at", path);
      summary.command = text_of(row.command, row.id, "command", path);
      summary.scenario_hash = scenario_hash_of(row, path);
      summary.scenario_name = text_of(row.scenario_name, row.id, "scenario's name", path);
      summary.result_json = text_of(row.result_json, row.id, "result_json", path);
      summary.result = parse_object(row.result_json, row.id, "result_json", path);
    });
  } catch (const StoreError& e) {
    RunSummary damaged;
    damaged.id = row.id;
    damaged.damage = e.what();
    return damaged;
  }
  return summary;
}

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
  return at_boundary(path, "opening it for writing", [&] {
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
  });
}

RunStore RunStore::open_for_reading(const std::string& path) {
  return at_boundary(path, "opening it", [&] {
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
  });
}

void RunStore::check_sound() const {
  at_boundary(path(), "checking it", [&] { quick_check_or_throw(impl_->db); });
}

std::int64_t RunStore::record(const NewRun& run) {
  return at_boundary(path(), "recording a run", [&] {
    const auto scenario = nlohmann::json::parse(run.scenario_json);
    const std::string hash = sha256_hex(run.scenario_json);
    const std::string options_text = canonical_json_text(run.options);
    const std::string result_text = canonical_json_text(run.result);
    const std::string created_at = run.created_at.empty() ? utc_now_iso8601() : run.created_at;
    const std::string version = run.truce_version.empty() ? std::string(truce::version) : run.truce_version;
    auto& db = impl_->db;
    return sqlite::write_transaction(db, [&] {
      // Inside the transaction, so the check sees the very state the run is appended to.
      quick_check_or_throw(db);
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
  });
}

// LEFT JOIN: a run whose scenario row is missing is damage to report, not a run to hide.
std::vector<RunSummary> RunStore::list(const std::optional<std::string>& scenario) const {
  return at_boundary(path(), "listing its runs", [&] {
    std::string sql =
        "SELECT r.id, r.created_at, r.command, s.name, r.scenario_hash, s.hash, r.result_json "
        "FROM runs r LEFT JOIN scenarios s ON s.hash = r.scenario_hash";
    if (scenario) sql += " WHERE s.name = ?1 OR (s.scenario_id = ?1 AND s.scenario_id <> '')";
    sql += " ORDER BY r.id";
    auto st = impl_->db.prepare(sql);
    if (scenario) st.bind(1, *scenario);
    std::vector<RunSummary> runs;
    while (st.step()) {
      RunRow row;
      row.id = st.integer(0);
      row.created_at = st.cell(1);
      row.command = st.cell(2);
      row.scenario_name = st.cell(3);
      row.scenario_hash = st.cell(4);
      row.scenario_found = st.cell(5);
      row.result_json = st.cell(6);
      runs.push_back(summary_from_row(row, path()));
    }
    // As in find: a damaged table can look empty; "no runs stored" must not hide damage.
    if (runs.empty()) quick_check_or_throw(impl_->db);
    return runs;
  });
}

std::optional<StoredRun> RunStore::find(std::int64_t id) const {
  return at_boundary(path(), fmt::format("reading run {}", id).c_str(), [&]() -> std::optional<StoredRun> {
    auto st = impl_->db.prepare(
        "SELECT r.id, r.created_at, r.truce_version, r.command, r.options_json, r.seed, r.scenario_hash, s.hash, "
        "s.scenario_id, s.name, s.canonical_json, r.scenario_path, r.result_json "
        "FROM runs r LEFT JOIN scenarios s ON s.hash = r.scenario_hash WHERE r.id = ?");
    st.bind(1, id);
    if (!st.step()) {
      // A damaged table b-tree can hide a run that exists: say "damaged", not "no run N".
      quick_check_or_throw(impl_->db);
      return std::nullopt;
    }
    RunRow row;
    row.id = st.integer(0);
    row.created_at = st.cell(1);
    row.truce_version = st.cell(2);
    row.command = st.cell(3);
    row.options_json = st.cell(4);
    row.seed = st.cell(5);
    row.scenario_hash = st.cell(6);
    row.scenario_found = st.cell(7);
    row.scenario_id = st.cell(8);
    row.scenario_name = st.cell(9);
    row.scenario_json = st.cell(10);
    row.scenario_path = st.cell(11);
    row.result_json = st.cell(12);
    return run_from_row(row, path());
  });
}

nlohmann::json run_to_json(const StoredRun& run) {
  return {
      {"id", run.id},
      {"created_at", run.created_at},
      {"truce_version", run.truce_version},
      {"command", run.command},
      {"options", run.options_value},
      {"seed", run.seed ? nlohmann::json(*run.seed) : nlohmann::json(nullptr)},
      {"scenario",
       {{"sha256", run.scenario_hash},
        {"id", run.scenario_id},
        {"name", run.scenario_name},
        {"path", run.scenario_path},
        {"json", run.scenario_value}}},
      {"result", run.result_value},
  };
}

}  // namespace truce
