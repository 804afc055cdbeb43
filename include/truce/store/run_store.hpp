#pragma once
// The run store: every analysis run truce makes, kept in one SQLite file (docs/run-store.md),
// so an analyst can show later exactly what produced a figure and rerun it.
//
// A run is: when (UTC), which truce, which analysis (its command name) with its complete
// options, the seed (the options' "seed", where the analysis has one), the scenario (its
// canonical JSON, stored once per SHA-256) and the file path it was read from, and the result.
//
// Headline figures (the convention analysis authors follow):
//   An analysis MAY put an object "headline" at the top level of its result, holding the few
//   figures a reader looks at first (scalars, or objects of scalars: numbers, booleans,
//   strings), e.g. {"headline": {"deal_exists": true, "territory": 41.7}, ...}.
//   When it does, the headline figures are the scalar leaves of that object. When it does not,
//   they are every numeric leaf of the result. `truce runs list` shows the first few, and
//   `truce runs diff` shows how each one moved between two runs. Leaves are named by JSON
//   Pointer (RFC 6901), e.g. "/headline/territory".
//
// Reliability: WAL mode; each run is written in one transaction (a killed process leaves the
// whole run or none); writers wait (busy timeout, then retry) instead of failing with
// "database is locked"; a file that is not a truce run store is refused before anything is
// written to it.

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace truce {

// Anything that went wrong with the store file: the message names the file and says what to do.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A run to record. `scenario_json` is the canonical scenario text (canonical_scenario_json),
// whose bytes are the scenario's identity.
struct NewRun {
  std::string command;                 // the analysis name, e.g. "forecast"
  nlohmann::json options;              // complete (every default written out)
  std::string scenario_json;           // canonical
  std::string scenario_path;           // as the user gave it
  nlohmann::json result;
  std::string created_at;              // UTC ISO 8601; empty = now
  std::string truce_version;           // empty = this truce's version
};

// A run as stored.
struct StoredRun {
  std::int64_t id = 0;
  std::string created_at;              // UTC ISO 8601, e.g. 2026-11-23T19:15:07.123Z
  std::string truce_version;
  std::string command;
  std::string options_json;            // canonical text of the complete options
  std::optional<std::int64_t> seed;
  std::string scenario_hash;           // SHA-256 of scenario_json, lowercase hex
  std::string scenario_id;             // the scenario's id ("" when it has none)
  std::string scenario_name;
  std::string scenario_json;           // canonical text, byte for byte as recorded
  std::string scenario_path;
  std::string result_json;             // canonical text of the result (see canonical_json_text)

  nlohmann::json options() const { return nlohmann::json::parse(options_json); }
  nlohmann::json result() const { return nlohmann::json::parse(result_json); }
};

// One line of `truce runs list`.
struct RunSummary {
  std::int64_t id = 0;
  std::string created_at;
  std::string command;
  std::string scenario_name;
  std::string scenario_hash;
  std::string result_json;  // for the headline
};

// The text a JSON value is stored as: 2-space indent and a final newline, keys sorted (as
// nlohmann::json keeps them), doubles in shortest round-trip form. Equal values, equal bytes.
std::string canonical_json_text(const nlohmann::json& value);

// The seed of a run: the complete options' "seed" when it is an integer, else none.
std::optional<std::int64_t> seed_of(const nlohmann::json& options);

// SHA-256 of bytes, lowercase hex.
std::string sha256_hex(const std::string& bytes);

// Now, UTC, ISO 8601 with milliseconds.
std::string utc_now_iso8601();

class RunStore {
 public:
  // For writing: creates the store (and its folder) when the file does not exist or is empty,
  // upgrades an older schema. Throws StoreError for a file that is not a truce run store,
  // a newer schema, or I/O trouble; such a file is not modified.
  static RunStore open_for_writing(const std::string& path);
  // For reading: the file must exist. Upgrades an older schema (the only write it makes);
  // reading itself never writes a run. Throws StoreError like open_for_writing.
  static RunStore open_for_reading(const std::string& path);

  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;
  ~RunStore();

  const std::string& path() const;
  int schema_version() const;

  // Writes the run (and its scenario, when new) in one transaction; returns the run id.
  std::int64_t record(const NewRun& run);

  // Runs, oldest first; only those of the scenario with this name or id, when given.
  std::vector<RunSummary> list(const std::optional<std::string>& scenario = std::nullopt) const;
  std::optional<StoredRun> find(std::int64_t id) const;

 private:
  struct Impl;
  explicit RunStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The whole run as one JSON document (`truce runs export`): options, scenario and result as
// JSON values; the scenario's hash is that of its canonical text, which re-dumping
// "scenario"."json" with canonical_json_text reproduces.
nlohmann::json run_to_json(const StoredRun& run);

}  // namespace truce
