#pragma once
// The browser explorer behind `truce serve` (docs/serve.md): what-ifs on one scenario,
// answered by the same analyses the CLI runs. Everything here is a pure function of the
// explorer's state and a request, JSON in and JSON out, so the API is tested and fuzzed
// without sockets; the HTTP layer (http_server.hpp) only checks the token and moves bytes.
//
// A what-if ("state") is what the page changed, and nothing else:
//   {"changes":  {"red_line_min.russia.territory": 60, ...},   parameter registry names
//    "policies": ["us-backstop", ...],                           the scenario's named policies, on
//    "as_of":    "2025-08-15",                                   a date where the scenario has revisions
//    "space":    {"relax": [...], "reservation": {...}}}         the space analysis' own options
// The scenario it stands for: the file's scenario seen as of the date, then each policy's
// changes in the order given, then the changes (so a change the user made wins over a policy).

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/report/chart_assets.hpp"

namespace truce::serve {

// How `truce serve` runs, declared once: the command's flags and --help come from this table.
struct ServeOptions {
  std::uint64_t port = 8765;  // 0: any free port
  std::string host = "127.0.0.1";
  std::string save_dir;  // where "save as scenario" may write; empty: saving is off
  std::uint64_t max_body_bytes = 64 * 1024;
  std::uint64_t fast_runs = 2000;      // the first P(ceasefire) answer
  std::uint64_t refined_runs = 10000;  // the refined one, run after it
  unsigned threads = 0;                // per Monte Carlo run; 0 = every core
};
const OptionTable<ServeOptions>& serve_option_table();

// A what-if, checked against the scenario (see above).
struct WhatIf {
  std::vector<std::pair<std::string, double>> changes;  // in the registry's order
  std::vector<std::string> policies;                    // policy ids, as given
  std::string as_of;                                    // YYYY-MM-DD, or empty: the latest date
  nlohmann::json space_options = nlohmann::json::object();
};

// A request the page cannot have meant: the message names what was wrong, `at` where in the
// request body (a JSON pointer, "/state/changes/salience.russia.territory").
struct BadRequest {
  std::string message;
  std::string at;
};

// Reads a what-if from its JSON; throws BadRequest (located under `at`).
WhatIf what_if_from_json(const Scenario& scenario, const nlohmann::json& state, const std::string& at);
// The scenario a what-if stands for; throws BadRequest for values outside a parameter's range.
Scenario scenario_of(const Scenario& scenario, const WhatIf& what_if, const std::string& at);

// "save as scenario": a file name the page may ask for, resolved inside the save folder only.
// Accepts NAME.yaml / NAME.yml with letters, digits, '.', '-' and '_' (no folder, no "..");
// nullopt (with `why`) otherwise.
std::optional<std::string> checked_file_name(const std::string& name, std::string& why);
// The what-if as a scenario file: the scenario's canonical form (YAML reads it), each change
// marked as a what-if with no evidence (a header comment, the stance's note, the description).
std::string what_if_scenario_text(const Scenario& base, const WhatIf& what_if, const std::string& scenario_file);

// Which answer of a client is the newest: a slider fires many requests, each with a growing
// generation; work for an older generation is refused before it starts and between the stages
// of an answer, so a fast slider never queues stale Monte Carlo. Thread-safe.
class Generations {
 public:
  // Records the generation; false when the client already asked for a newer one.
  bool admit(const std::string& client, std::uint64_t generation);
  bool is_current(const std::string& client, std::uint64_t generation) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> latest_;
};

// What the explorer holds for its whole life: the scenario as loaded, where it came from, and
// the paths the command line gave (nothing else is ever read or written).
struct Explorer {
  Scenario scenario;
  std::string scenario_file;                // as given on the command line (shown, read at start only)
  ServeOptions options;
  std::optional<std::string> store_path;    // the run store "record" writes to; none: recording is off
  Generations generations;
};

struct ApiRequest {
  std::string method;  // "GET", "POST"
  std::string path;    // "/api/answer"
  std::string body;
};
struct ApiResponse {
  int status = 200;
  nlohmann::json body;
};

// The JSON API (docs/serve.md):
//   GET  /api/scenario  the scenario, its parameters (natural range, value, evidence), policies, dates
//   POST /api/answer    {state, analysis: space|forecast|simulate, runs?, client?, generation?}
//   POST /api/save      {state, file}      writes the what-if into the save folder
//   POST /api/record    {state}            stores space, forecast and simulate in the run store
//   POST /api/compare   {a: state, b: state}  the two states side by side (truce compare)
// Never throws: bad input is 400 with {error, at}, a superseded answer 409, a missing feature
// 403, an unknown path 404, work over the budget (--budget) 422, anything else 500 with its message.
ApiResponse handle_api(Explorer& explorer, const ApiRequest& request);

// The page: HTML with the chart libraries and the explorer's script inlined (nothing from the
// network).
std::string explorer_page(const report::ChartAssets& assets);

}  // namespace truce::serve
