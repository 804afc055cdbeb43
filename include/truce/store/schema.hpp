#pragma once
// The run store's schema: a list of migrations, applied in order, each in its own
// transaction, each raising PRAGMA user_version to its version and noting itself in the
// table schema_migrations. A store whose user_version is above the last migration's was
// written by a newer truce and is refused rather than guessed at.

#include <cstdint>
#include <vector>

namespace truce {

// PRAGMA application_id of every truce run store: "TRCE" in ASCII. A SQLite file without it
// belongs to another application and is never written to.
inline constexpr std::int32_t run_store_application_id = 0x54524345;

struct Migration {
  int version;              // the user_version after this migration
  const char* description;  // one line, stored in schema_migrations
  const char* sql;          // statements run inside the migration's transaction
};

// Every migration, oldest first; versions are 1, 2, ... without gaps.
const std::vector<Migration>& run_store_migrations();

// The schema version this truce writes (the last migration's).
int run_store_schema_version();

}  // namespace truce
