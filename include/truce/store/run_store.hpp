#pragma once
// The run store: every analysis run truce makes, kept in one SQLite file (docs/run-store.md),
// so an analyst can show later exactly what produced a figure and rerun it.
//
// A run is: when (UTC), which truce, which analysis (its command name) with its complete
// options, the seed (the options' "seed", where the analysis has one), the scenario (its
// canonical JSON, stored once per SHA-256) and the file path it was read from, and the result.
//
// Headline figures: each analysis declares them as typed fields (truce/core/headline.hpp) and
//   its result carries them as "headline": [{"name", "label", "value", "unit"}, ...]. `truce
//   runs list` shows the first few as "LABEL: VALUE", `truce runs diff` how each moved,
//   matched by name (json_diff.hpp; docs/run-store.md, "Headline figures"). Results of an
//   older truce with a "headline" object are read by its scalar leaves; a result with no
//   headline by its numeric leaves.
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
// Every RunStore member and run_to_json throw only this (other exceptions from SQLite,
// nlohmann::json or the allocator are turned into it at the store's boundary).
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

// A run as stored, read back and checked (RunStore::find, run_from_row): every text column
// is text and UTF-8, each stored JSON is JSON of the expected kind and at most
// max_stored_json_depth deep, and the scenario's bytes match their SHA-256.
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
  // The three JSON columns, parsed once when the row was read (so reading them again cannot fail).
  nlohmann::json options_value;        // an object
  nlohmann::json scenario_value;       // an object
  nlohmann::json result_value;         // an object

  const nlohmann::json& options() const { return options_value; }
  const nlohmann::json& result() const { return result_value; }
};

// One line of `truce runs list`. When the row could not be read, `damage` says why (a whole
// StoreError message) and only `id` is set.
struct RunSummary {
  std::int64_t id = 0;
  std::string created_at;
  std::string command;
  std::string scenario_name;
  std::string scenario_hash;
  std::string result_json;
  nlohmann::json result;               // result_json parsed: an object, for the headline
  std::optional<std::string> damage;
};

// How deep the stored JSON may nest (objects and arrays inside each other). Real results and
// scenarios nest under 10 levels; the limit keeps every recursive walk over a stored value
// (printing, diffing, freeing) far from the end of the stack.
inline constexpr int max_stored_json_depth = 64;

// One value of a row as SQLite returned it: its storage class and its text or integer.
struct StoredCell {
  enum class Type { null, integer, real, text, blob };
  Type type = Type::null;
  std::string text;          // for text (and the bytes of a blob)
  std::int64_t integer = 0;  // for integer
};

// The columns of one row of `runs` joined with its scenario, unchecked. Columns a query did
// not select stay null. `scenario_found` is the scenarios row's hash: null when the run's
// scenario is missing from the store.
struct RunRow {
  std::int64_t id = 0;
  StoredCell created_at, truce_version, command, options_json, seed, scenario_hash, scenario_found, scenario_id,
      scenario_name, scenario_json, scenario_path, result_json;
};

// Checks a row as `runs show/diff/export/rerun` read it and returns the run; throws
// StoreError naming the store, the run and the column ("run 3's result_json in PATH is
// damaged: ...") for anything that is not as truce writes it.
StoredRun run_from_row(const RunRow& row, const std::string& store_path);

// The same for a row as `runs list` reads it (id, created_at, command, scenario name and hash,
// result); a damaged row comes back with `damage` set instead of throwing.
RunSummary summary_from_row(const RunRow& row, const std::string& store_path);

// Parses stored JSON text, refusing nesting deeper than max_stored_json_depth; throws
// StoreError naming the store, the run and the column.
nlohmann::json parse_stored_json(const std::string& text, std::int64_t id, const char* column,
                                 const std::string& store_path);

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
  // A path that exists but is not a regular file (a device, FIFO, socket or folder) is refused
  // before SQLite opens it, so nothing (such as a journal) is created beside it.
  static RunStore open_for_writing(const std::string& path);
  // For reading: the file must exist. Upgrades an older schema (the only write it makes);
  // reading itself never writes a run. Throws StoreError like open_for_writing.
  static RunStore open_for_reading(const std::string& path);

  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;
  ~RunStore();

  const std::string& path() const;
  int schema_version() const;

  // Writes the run (and its scenario, when new) in one transaction; returns the run id. The
  // store is checked first (check_sound): a damaged store is refused, nothing is written.
  std::int64_t record(const NewRun& run);

  // Runs, oldest first; only those of the scenario with this name or id, when given. A row
  // that cannot be read is returned with its `damage` set, so the others are still listed.
  // Throws StoreError when the store itself cannot be read, or when no run is found and the
  // store fails PRAGMA quick_check.
  std::vector<RunSummary> list(const std::optional<std::string>& scenario = std::nullopt) const;
  // The run with this id, checked (run_from_row). Throws StoreError when its row is damaged,
  // and when there is no such run but the store fails PRAGMA quick_check (a damaged table can
  // hide a run that exists). nullopt only when the store is sound and has no run `id`.
  std::optional<StoredRun> find(std::int64_t id) const;

  // Throws StoreError saying the store is damaged and how to recover it unless PRAGMA
  // quick_check answers "ok".
  void check_sound() const;

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
