// The explorer's JSON API as pure functions: a request's method, path and body in, a status
// and a JSON body out. Every answer comes from the analysis registry (or, for the Monte Carlo
// the page redraws while a slider moves, from simulate_summary, which is what simulate runs
// for its curve without the alternative model structures), so a figure on the page is the
// figure the CLI prints for the same scenario.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "truce/analysis/analysis.hpp"
#include "truce/analysis/reference_data.hpp"
#include "truce/analysis/scenario_changes.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/core/progress.hpp"
#include "truce/core/scenario_as_of.hpp"
#include "truce/io/output_file.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/levers/parameter_registry.hpp"
#include "truce/report/report.hpp"
#include "truce/serve/explorer.hpp"
#include "truce/store/run_store.hpp"
#include "truce/timeline/timeline.hpp"

namespace truce::serve {

using nlohmann::json;

namespace {

ApiResponse bad(const BadRequest& e) { return {400, json{{"error", e.message}, {"at", e.at}}}; }

ApiResponse refused(int status, const std::string& message) { return {status, json{{"error", message}}}; }

// --- GET /api/scenario ---------------------------------------------------------------------

json evidence_json(const Scenario& s, const std::vector<Evidence>& evidence) {
  json out = json::array();
  for (const auto& e : evidence) {
    json item{{"source", e.source}, {"quote", e.quote}};
    for (const auto& source : s.sources)
      if (source.id == e.source) item["title"] = source.title + " (" + source.publisher + ", " + source.date + ")";
    out.push_back(std::move(item));
  }
  return out;
}

// What the sources say of each parameter, by name: a stance's evidence for its position,
// salience and red line, a lever's for its effect and probability. Actor and war-model numbers
// carry none in the scenario format (their notes say where they come from).
std::map<std::string, json> parameter_evidence(const Scenario& s) {
  std::map<std::string, json> out;
  std::vector<const dynamics::Lever*> levers;
  if (s.dynamics)
    for (const auto& party : s.dynamics->third_parties)
      for (const auto& lever : party.levers) levers.push_back(&lever);
  for (const auto& entry : levers::parameter_registry()) {
    const auto names = levers::element_names(s, entry.scope);
    for (std::size_t e = 0; e < names.size(); ++e) {
      if (!levers::entry_applies(entry, s, e)) continue;
      const std::string name = entry.prefix + names[e] + entry.suffix;
      if (entry.scope == levers::Scope::stance && e < s.stances.size())
        out[name] = evidence_json(s, s.stances[e].evidence);
      else if (entry.scope == levers::Scope::lever && e < levers.size())
        out[name] = evidence_json(s, levers[e]->evidence);
    }
  }
  return out;
}

// The heading a parameter is listed under on the page, from the first word of its form.
std::string parameter_group(const std::string& form) {
  const std::string kind = form.substr(0, form.find('.'));
  if (kind == "red_line_min" || kind == "red_line_max") return "Red lines";
  if (kind == "salience") return "Saliences";
  if (kind == "position") return "Positions";
  if (kind == "capability") return "Capabilities";
  if (kind.rfind("lever", 0) == 0) return "Levers";
  return "War dynamics";
}

json scenario_json(const Explorer& x) {
  const Scenario& s = x.scenario;
  const auto evidence = parameter_evidence(s);
  json parameters = json::array();
  for (const auto& p : settable_parameters(s)) {
    const auto found = evidence.find(p.name);
    parameters.push_back({{"name", p.name},
                          {"form", p.form},
                          {"group", parameter_group(p.form)},
                          {"description", p.description},
                          {"unit", p.unit},
                          {"value", p.value},
                          {"min", p.min},
                          {"max", p.max},
                          {"evidence", found == evidence.end() ? json::array() : found->second}});
  }
  json policies = json::array();
  for (const auto& p : s.policies) {
    json set = json::array();
    for (const auto& c : p.set) set.push_back({{"parameter", c.parameter}, {"value", c.value}});
    policies.push_back({{"id", p.id},
                        {"name", p.name},
                        {"description", p.description},
                        {"set", set},
                        {"evidence", evidence_json(s, p.evidence)}});
  }
  json actors = json::array();
  for (const auto& a : s.actors) actors.push_back({{"id", a.id}, {"name", a.name}, {"veto", a.veto}});
  json issues = json::array();
  for (const auto& i : s.issues) issues.push_back({{"id", i.id}, {"name", i.name}});
  // The dates the scenario changes on: where an as_of view differs from the one before.
  json dates = json::array();
  for (const auto& d : timeline::change_dates(s)) dates.push_back(d);
  return json{{"scenario", {{"id", s.id}, {"name", s.name}, {"description", s.description}, {"file", x.scenario_file}}},
              {"actors", actors},
              {"issues", issues},
              {"parameters", parameters},
              {"policies", policies},
              {"dates", dates},
              {"has_dynamics", s.dynamics.has_value()},
              {"can_save", !x.options.save_dir.empty()},
              {"can_record", x.store_path.has_value()},
              {"runs", {{"fast", x.options.fast_runs}, {"refined", x.options.refined_runs}}}};
}

// --- POST bodies -----------------------------------------------------------------------------

json parsed_body(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) throw BadRequest{"the body is not JSON", ""};
  if (!j.is_object()) throw BadRequest{"expected a JSON object", ""};
  return j;
}

void check_keys(const json& body, const std::vector<std::string>& allowed) {
  for (const auto& item : body.items())
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      throw BadRequest{"no such field '" + item.key() + "'; expected " + list, "/" + item.key()};
    }
}

std::uint64_t whole_number(const json& body, const std::string& key, std::uint64_t fallback, std::uint64_t max) {
  if (!body.contains(key)) return fallback;
  const json& v = body.at(key);
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() > max)
    throw BadRequest{fmt::format("expected a whole number from 0 to {}, found {}", max, v.dump()), "/" + key};
  return v.get<std::uint64_t>();
}

std::string text_field(const json& body, const std::string& key) {
  if (!body.contains(key)) return "";
  if (!body.at(key).is_string()) throw BadRequest{"expected text, found " + body.at(key).dump(), "/" + key};
  return body.at(key).get<std::string>();
}

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

// One analysis of the what-if, as the registry runs it: complete options, typed result.
struct Answered {
  json options;
  AnalysisResult result;
};
Answered run_registered(const std::string& name, const Scenario& s, const json& given) {
  const Analysis* a = find_analysis(name);
  Answered out{a->complete_options(s, given), {}};
  out.result = a->typed_run(s, out.options);
  return out;
}

// P(ceasefire) with `runs` runs: the curve simulate draws (simulate_summary), no structures.
Answered run_simulate(const Explorer& x, const Scenario& s, std::uint64_t runs) {
  dynamics::SimulateOptions o;
  o.runs = runs;
  o.threads = x.options.threads;
  Answered out{dynamics::simulate_options_to_json(o), {}};
  out.result = dynamics::simulate_summary(s, o, &ucdp_conflict_termination());
  return out;
}

// The answer to show: the typed result's JSON (what `truce NAME --format json` prints), the
// report's section for it (text and chart specs) and the figures `truce runs list` shows.
json answer_json(const Scenario& s, const std::string& name, const Answered& a) {
  report::AnalysisRun run;
  run.name = name;
  if (const Analysis* registered = find_analysis(name)) run.description = registered->description;
  run.options = a.options;
  run.result = a.result;
  const auto section = report::render_analysis_section(s, run);
  return json{{"analysis", name},
              {"options", a.options},
              {"result", to_json(a.result)},
              {"section", {{"title", section.title}, {"html", section.html}, {"summary", section.summary}}}};
}

ApiResponse answer(Explorer& x, const std::string& body_text) {
  const auto start = std::chrono::steady_clock::now();
  const json body = parsed_body(body_text);
  check_keys(body, {"state", "analysis", "runs", "client", "generation"});
  const std::string analysis = text_field(body, "analysis");
  if (analysis != "space" && analysis != "forecast" && analysis != "simulate")
    throw BadRequest{"expected analysis space, forecast or simulate, found '" + analysis + "'", "/analysis"};
  const std::string client = text_field(body, "client");
  const std::uint64_t generation = whole_number(body, "generation", 0, UINT64_MAX);
  const std::uint64_t runs = whole_number(body, "runs", x.options.fast_runs, x.options.refined_runs);
  if (runs == 0) throw BadRequest{"expected at least 1 run", "/runs"};
  // A newer request of the same client makes this one stale: refuse it before any work.
  const auto superseded = [&] {
    return refused(409, fmt::format("superseded by a newer request of client '{}'", client));
  };
  if (!client.empty() && !x.generations.admit(client, generation)) return superseded();
  const WhatIf w = what_if_from_json(x.scenario, body.value("state", json()), "/state");
  const Scenario s = scenario_of(x.scenario, w, "/state");
  if (analysis == "simulate" && !s.dynamics)
    return refused(400, "this scenario has no dynamics section, so there is no P(ceasefire) to simulate");
  // A slider that moved while the scenario was built.
  if (!client.empty() && !x.generations.is_current(client, generation)) return superseded();
  Answered a;
  try {
    // Checked at every block of runs (or packages): a newer request of the client stops this one.
    const CancelScope stale([&] { return !client.empty() && !x.generations.is_current(client, generation); });
    a = analysis == "simulate"  ? run_simulate(x, s, runs)
        : analysis == "space"   ? run_registered("space", s, w.space_options)
                                : run_registered("forecast", s, json::object());
  } catch (const Cancelled&) {
    return superseded();
  } catch (const std::invalid_argument& e) {
    return refused(400, e.what());
  }
  json out = answer_json(s, analysis, a);
  out["generation"] = generation;
  out["elapsed_ms"] = elapsed_ms(start);
  // Stale by now: the page drops it; saying so saves it the comparison.
  out["superseded"] = !client.empty() && !x.generations.is_current(client, generation);
  return {200, out};
}

ApiResponse save(const Explorer& x, const std::string& body_text) {
  const json body = parsed_body(body_text);
  check_keys(body, {"state", "file"});
  if (x.options.save_dir.empty())
    return refused(403, "saving is off: start truce serve with --save-dir DIR to let the page save what-ifs there");
  std::string why;
  const auto name = checked_file_name(text_field(body, "file"), why);
  if (!name) throw BadRequest{why, "/file"};
  const WhatIf w = what_if_from_json(x.scenario, body.value("state", json()), "/state");
  const std::string text = what_if_scenario_text(x.scenario, w, x.scenario_file);
  const std::filesystem::path target = std::filesystem::path(x.options.save_dir) / *name;
  std::error_code ec;
  // Never over a file already there (the page cannot see the folder, so it cannot mean to).
  if (std::filesystem::exists(std::filesystem::symlink_status(target, ec)))
    return refused(409, "'" + *name + "' already exists in the save folder; choose another name");
  const std::filesystem::path inputs[] = {x.scenario_file};
  try {
    write_output_file(target, text, inputs);
  } catch (const OutputError& e) {
    return refused(500, e.what());
  }
  return {200, json{{"saved", *name}, {"bytes", text.size()}}};
}

ApiResponse record(const Explorer& x, const std::string& body_text) {
  const json body = parsed_body(body_text);
  check_keys(body, {"state"});
  if (!x.store_path) return refused(403, "recording is off: start truce serve without --no-store to record runs");
  const WhatIf w = what_if_from_json(x.scenario, body.value("state", json()), "/state");
  const Scenario s = scenario_of(x.scenario, w, "/state");
  std::vector<std::pair<std::string, json>> given = {{"space", w.space_options}, {"forecast", json::object()}};
  if (s.dynamics) given.emplace_back("simulate", json{{"runs", x.options.refined_runs}});
  json ids = json::object();
  try {
    auto store = RunStore::open_for_writing(*x.store_path);
    for (const auto& g : given) {
      const Analysis* a = find_analysis(g.first);
      NewRun run;
      run.command = g.first;
      run.options = a->complete_options(s, g.second);
      run.scenario_json = canonical_scenario_json(s);
      run.scenario_path = x.scenario_file;
      run.result = a->run(s, run.options);
      ids[g.first] = store.record(run);
    }
  } catch (const std::invalid_argument& e) {
    return refused(400, e.what());
  } catch (const StoreError& e) {
    return refused(500, e.what());
  }
  return {200, json{{"runs", ids}, {"store", *x.store_path}}};
}

ApiResponse compare(const Explorer& x, const std::string& body_text) {
  const json body = parsed_body(body_text);
  check_keys(body, {"a", "b"});
  const Scenario a = scenario_of(x.scenario, what_if_from_json(x.scenario, body.value("a", json()), "/a"), "/a");
  const Scenario b = scenario_of(x.scenario, what_if_from_json(x.scenario, body.value("b", json()), "/b"), "/b");
  timeline::TimelineOptions o;
  o.runs = x.options.fast_runs;
  o.threads = x.options.threads;
  if (!x.scenario.dynamics) o.analyses = {"space", "forecast"};
  try {
    auto result = timeline::compare_scenarios(a, b, o, "", &ucdp_conflict_termination());
    result.a_label = "pinned A";
    result.b_label = "pinned B";
    return {200, timeline::to_json(result)};
  } catch (const std::invalid_argument& e) {
    return refused(400, e.what());
  }
}

}  // namespace

ApiResponse handle_api(Explorer& explorer, const ApiRequest& request) {
  try {
    const auto& path = request.path;
    const bool get = request.method == "GET", post = request.method == "POST";
    if (path == "/api/scenario" && get) return {200, scenario_json(explorer)};
    if (path == "/api/answer" && post) return answer(explorer, request.body);
    if (path == "/api/save" && post) return save(explorer, request.body);
    if (path == "/api/record" && post) return record(explorer, request.body);
    if (path == "/api/compare" && post) return compare(explorer, request.body);
    const bool known = path == "/api/scenario" || path == "/api/answer" || path == "/api/save" ||
                       path == "/api/record" || path == "/api/compare";
    if (known) return refused(405, request.method + " is not allowed on " + path);
    return refused(404, "no such API path");
  } catch (const BadRequest& e) {
    return bad(e);
  } catch (const WorkTooLarge& e) {
    // Over the work budget (--budget): the same refusal the CLI gives, as a status.
    return refused(422, e.what());
  } catch (const std::exception& e) {
    return refused(500, e.what());
  }
}

}  // namespace truce::serve
