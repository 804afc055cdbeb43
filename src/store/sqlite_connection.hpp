#pragma once
// A thin RAII layer over the SQLite C API for the run store (private to src/store).
// Errors throw StoreError naming the file; SQLITE_BUSY / SQLITE_LOCKED throw StoreBusy so the
// caller can retry the whole transaction.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

#include "truce/store/run_store.hpp"

namespace truce::sqlite {

class StoreBusy : public StoreError {
 public:
  using StoreError::StoreError;
};

class Statement;

class Connection {
 public:
  enum class Mode { read_only, read_write, read_write_create };
  Connection(const std::string& path, Mode mode);
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) = delete;
  Connection(const Connection&) = delete;
  ~Connection();

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

  void exec(const std::string& sql);
  Statement prepare(const std::string& sql) const;
  std::int64_t pragma_int(const std::string& name) const;
  std::int64_t last_insert_rowid() const;

  // Throws the right error for a non-OK code from this connection.
  [[noreturn]] void fail(int code, const std::string& doing) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(const Connection& connection, const std::string& sql);
  Statement(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, const std::string& text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::optional<std::int64_t> value);
  Statement& bind_null(int index);

  // Advances; true while a row is available.
  bool step();
  // Runs to completion (for statements without rows).
  void run();

  std::string text(int column) const;
  // The value with its storage class, for checking a row before trusting it.
  StoredCell cell(int column) const;
  std::int64_t integer(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;

 private:
  const Connection* connection_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it throws. Retries the
// whole transaction when the store stays busy past the busy timeout, so concurrent writers
// wait for each other instead of surfacing "database is locked".
template <class Body>
auto write_transaction(Connection& db, Body&& body) -> decltype(body());

// What to do with a damaged store, for the end of an error message: how to copy what it
// holds into a new file with the sqlite3 shell (https://www.sqlite.org/recovery.html; the
// .dump way, for shells whose .recover fails, is in docs/run-store.md).
std::string recovery_advice(const std::string& path);

void begin_immediate(Connection& db);
void commit(Connection& db);
void rollback_quietly(Connection& db) noexcept;
void pause_before_retry(int attempt);
inline constexpr int busy_timeout_ms = 5000;
inline constexpr int busy_retries = 12;  // with the 5 s timeout: about a minute of waiting

template <class Body>
auto write_transaction(Connection& db, Body&& body) -> decltype(body()) {
  for (int attempt = 0;; ++attempt) {
    try {
      begin_immediate(db);
      try {
        if constexpr (std::is_void_v<decltype(body())>) {
          body();
          commit(db);
          return;
        } else {
          auto value = body();
          commit(db);
          return value;
        }
      } catch (...) {
        rollback_quietly(db);
        throw;
      }
    } catch (const StoreBusy& busy) {
      if (attempt + 1 >= busy_retries)
        throw StoreError("the run store " + db.path() +
                         " stayed busy (other truce processes kept writing) for over a minute; try again");
      pause_before_retry(attempt);
    }
  }
}

}  // namespace truce::sqlite
