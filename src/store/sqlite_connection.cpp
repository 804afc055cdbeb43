#include "sqlite_connection.hpp"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace truce::sqlite {

namespace {

bool is_busy(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

}  // namespace

Connection::Connection(const std::string& path, Mode mode) : path_(path) {
  int flags = SQLITE_OPEN_FULLMUTEX;
  switch (mode) {
    case Mode::read_only: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::read_write_create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError(fmt::format("cannot open the run store {}: {}", path, message));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Connection::Connection(Connection&& other) noexcept : db_(other.db_), path_(std::move(other.path_)) {
  other.db_ = nullptr;
}

Connection::~Connection() {
  if (db_) sqlite3_close_v2(db_);
}

void Connection::fail(int code, const std::string& doing) const {
  const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  if (is_busy(code)) throw StoreBusy(fmt::format("the run store {} is busy ({})", path_, doing));
  const int primary = code & 0xff;
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    throw StoreError(fmt::format("the run store {} is damaged ({}: {}); it was not changed. {}", path_, doing, message,
                                 recovery_advice(path_)));
  throw StoreError(fmt::format("run store {}: {}: {}", path_, doing, message));
}

void Connection::exec(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (error) sqlite3_free(error);
  if (rc != SQLITE_OK) fail(rc, "running " + sql.substr(0, sql.find_first_of("(\n")));
}

Statement Connection::prepare(const std::string& sql) const { return Statement(*this, sql); }

std::int64_t Connection::pragma_int(const std::string& name) const {
  auto st = prepare("PRAGMA " + name);
  if (!st.step()) fail(SQLITE_ERROR, "reading PRAGMA " + name);
  return st.integer(0);
}

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

Statement::Statement(const Connection& connection, const std::string& sql) : connection_(&connection), sql_(sql) {
  const int rc = sqlite3_prepare_v2(connection.handle(), sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) connection.fail(rc, "preparing " + sql.substr(0, 40));
}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, const std::string& text) {
  const int rc = sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) connection_->fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) connection_->fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) connection_->fail(rc, "binding a value");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  // A query is named by what it does: its whole text would only bury the error.
  connection_->fail(rc, sql_.rfind("SELECT", 0) == 0 ? std::string("reading it")
                                                      : "running " + sql_.substr(0, sql_.find_first_of("(\n")));
}

void Statement::run() {
  while (step()) {
  }
}

std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

StoredCell Statement::cell(int column) const {
  StoredCell cell;
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER:
      cell.type = StoredCell::Type::integer;
      cell.integer = sqlite3_column_int64(stmt_, column);
      break;
    case SQLITE_FLOAT: cell.type = StoredCell::Type::real; break;
    case SQLITE_TEXT:
      cell.type = StoredCell::Type::text;
      cell.text = text(column);
      break;
    case SQLITE_BLOB: {
      cell.type = StoredCell::Type::blob;
      const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
      const int n = sqlite3_column_bytes(stmt_, column);
      if (p) cell.text.assign(p, static_cast<std::size_t>(n));
      break;
    }
    default: cell.type = StoredCell::Type::null; break;
  }
  return cell;
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return integer(column);
}

std::string recovery_advice(const std::string& path) {
  return fmt::format(
      "Restore it from a backup, or copy what it still holds into a new store with \"sqlite3 '{}' .recover | sqlite3 "
      "NEW.db\" and pass --store NEW.db (where .recover fails, see docs/run-store.md, \"A damaged store\")",
      path);
}

void begin_immediate(Connection& db) { db.exec("BEGIN IMMEDIATE"); }
void commit(Connection& db) { db.exec("COMMIT"); }
void rollback_quietly(Connection& db) noexcept {
  if (!sqlite3_get_autocommit(db.handle())) sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void pause_before_retry(int attempt) {
  // The busy handler already waited busy_timeout_ms; a short, growing pause lets the other
  // writer finish its commit (and WAL checkpoint) before we queue again.
  std::this_thread::sleep_for(std::chrono::milliseconds(10 * (attempt + 1)));
}

}  // namespace truce::sqlite
