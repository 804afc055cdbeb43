#include "truce/store/schema.hpp"

namespace truce {

const std::vector<Migration>& run_store_migrations() {
  static const std::vector<Migration> all = {
      {1, "runs and the scenarios they read, each scenario stored once by SHA-256",
       R"sql(
CREATE TABLE schema_migrations (
  version       INTEGER PRIMARY KEY,
  description   TEXT NOT NULL,
  applied_at    TEXT NOT NULL,  -- UTC ISO 8601
  truce_version TEXT NOT NULL
);
CREATE TABLE scenarios (
  hash           TEXT PRIMARY KEY,  -- SHA-256 of canonical_json, lowercase hex
  scenario_id    TEXT NOT NULL,     -- the scenario's id, '' when it has none
  name           TEXT NOT NULL,
  canonical_json TEXT NOT NULL      -- byte for byte as recorded: the scenario's identity
);
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: run N always means the same run
  created_at    TEXT NOT NULL,                      -- UTC ISO 8601
  truce_version TEXT NOT NULL,
  command       TEXT NOT NULL,                      -- the analysis name
  options_json  TEXT NOT NULL,                      -- complete options, canonical text
  seed          INTEGER,                            -- options' seed, NULL when the analysis has none
  scenario_hash TEXT NOT NULL REFERENCES scenarios(hash),
  scenario_path TEXT NOT NULL,                      -- as the user gave it
  result_json   TEXT NOT NULL                       -- canonical text
);
)sql"},
      {2, "indexes for listing the runs of one scenario",
       R"sql(
CREATE INDEX runs_by_scenario ON runs(scenario_hash);
CREATE INDEX scenarios_by_name ON scenarios(name);
CREATE INDEX scenarios_by_id ON scenarios(scenario_id);
)sql"},
  };
  return all;
}

int run_store_schema_version() { return run_store_migrations().back().version; }

}  // namespace truce
