#pragma once
// Shared fixtures for the run store tests: a temporary folder, a toy scenario, and a small
// fake analysis (deterministic, closed form) injected where truce::find_analysis would be,
// so these tests do not depend on which analyses the registry holds.

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "truce/analysis/analysis.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/io/scenario_yaml.hpp"
#include "truce/store/run_store.hpp"

namespace truce::test {

namespace fs = std::filesystem;

// What nlohmann::json says about `text`, without its "[json.exception...] " prefix: the part
// of a damage message that comes from the parser.
inline std::string parser_message(const std::string& text) {
  try {
    (void)nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    const std::string what = e.what();
    return what.substr(what.find("] ") + 2);
  }
  return "(parsed)";
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "truce-store-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Two actors with a veto, one scale issue.
inline constexpr const char* toy_scenario_yaml = R"(truce: 1
id: toy
name: Toy ceasefire
description: Two actors, one scale issue; a fixture for run store tests.
sources:
  - {id: src1, title: A test source, publisher: truce tests, date: 2026-01-01}
actors:
  - {id: east, name: East, capability: 2, veto: true}
  - {id: west, name: West, capability: 1, veto: true}
issues:
  - id: territory
    name: Territory
    kind: scale
    low: no cession
    high: full cession
    points:
      - {id: freeze, label: freeze at the line, position: 50}
stances:
  - {actor: east, issue: territory, position: 80, salience: 0.9, evidence: [{source: src1, quote: "East wants it"}]}
  - {actor: west, issue: territory, position: 10, salience: 0.7, red_line: {min: 0, max: 50}, evidence: [{source: src1, quote: "West refuses"}]}
)";

inline Scenario toy_scenario() { return parse_scenario_yaml(toy_scenario_yaml, "toy.yaml"); }

// The toy scenario with another description: different canonical bytes, same name.
inline Scenario toy_variant(int n) {
  auto scenario = toy_scenario();
  scenario.description = "variant " + std::to_string(n);
  return scenario;
}

// Fake analysis "weighted_mean": per scale issue, the capability x salience weighted mean of
// the positions, plus the option "shift". For the toy scenario:
// (2*0.9*80 + 1*0.7*10) / (2*0.9 + 1*0.7) = 151 / 2.5 = 60.4.
inline nlohmann::json weighted_mean_complete(const Scenario&, const nlohmann::json& options) {
  nlohmann::json complete{{"seed", 7}, {"shift", 0.0}};
  for (auto it = options.begin(); it != options.end(); ++it) complete[it.key()] = *it;
  return complete;
}

inline nlohmann::json weighted_mean_run(const Scenario& scenario, const nlohmann::json& options) {
  if (!options.at("shift").is_number()) throw std::invalid_argument("shift must be a number");
  nlohmann::json headline = nlohmann::json::object();
  nlohmann::json weights = nlohmann::json::object();
  for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
    double sum = 0, weight = 0;
    for (const auto& s : scenario.stances) {
      if (s.issue != i) continue;
      const double w = scenario.actors[s.actor].capability * s.salience;
      sum += w * s.position;
      weight += w;
    }
    headline[scenario.issues[i].id] = sum / weight + options.at("shift").get<double>();
    weights[scenario.issues[i].id] = weight;
  }
  return {{"headline", headline}, {"weights", weights}, {"seed", options.at("seed")}};
}

inline const Analysis weighted_mean_analysis{"weighted_mean", "test: weighted mean position", weighted_mean_complete,
                                             weighted_mean_run};

inline const Analysis* fake_lookup(const std::string& name) {
  return name == weighted_mean_analysis.name ? &weighted_mean_analysis : nullptr;
}

// A complete run of the fake analysis on a scenario, ready to record.
inline NewRun fake_run(const Scenario& scenario, const nlohmann::json& options = nlohmann::json::object(),
                       const std::string& path = "toy.yaml") {
  NewRun run;
  run.command = weighted_mean_analysis.name;
  run.options = weighted_mean_complete(scenario, options);
  run.scenario_json = canonical_scenario_json(scenario);
  run.scenario_path = path;
  run.result = weighted_mean_run(scenario, run.options);
  return run;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

inline std::string file_sha256(const std::string& path) { return sha256_hex(read_bytes(path)); }

// A raw SQLite connection, for looking at a store the way another tool would.
class RawDb {
 public:
  explicit RawDb(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) throw std::runtime_error("open failed");
    sqlite3_busy_timeout(db_, 5000);
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(message + " in: " + sql);
    }
  }
  // The first column of the first row, as text ("" when no row).
  std::string text(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
  }
  long long integer(const std::string& sql) { return std::stoll(text(sql)); }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace truce::test
