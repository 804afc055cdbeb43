// What-ifs as the explorer's page sends them: checked against the scenario with a located
// message, turned into the scenario they stand for by the same code `--parameters`, policies
// and `--as-of` use, and written as a scenario file with each change marked.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "truce/analysis/scenario_changes.hpp"
#include "truce/core/date.hpp"
#include "truce/core/scenario_as_of.hpp"
#include "truce/io/scenario_json.hpp"
#include "truce/serve/explorer.hpp"
#include "truce/space/space_report.hpp"

namespace truce::serve {

using nlohmann::json;

const OptionTable<ServeOptions>& serve_option_table() {
  using O = ServeOptions;
  static const OptionTable<O> table = option_table<O>(
      "serve",
      {
          whole_number_option("port", &O::port, 0, 65535, "the port to listen on (0: any free port)"),
          text_option("host", &O::host,
                      "the address to listen on; anything but 127.0.0.1 lets other machines reach the explorer"),
          text_option("save_dir", &O::save_dir,
                      "the folder \"save as scenario\" writes into (the page names only the file); none: saving is off"),
          whole_number_option("max_body_bytes", &O::max_body_bytes, 1024, 16 * 1024 * 1024,
                              "the largest request body accepted (larger: 413)"),
          whole_number_option("fast_runs", &O::fast_runs, 1, 1000000, "Monte Carlo runs of the first P(ceasefire) answer"),
          whole_number_option("refined_runs", &O::refined_runs, 1, 10000000,
                              "Monte Carlo runs of the refined answer that follows it"),
          not_written(whole_number_option("threads", &O::threads, 0, 1024,
                                          "threads per Monte Carlo run, 0 = every core (results do not depend on it)")),
      });
  return table;
}

namespace {

// A JSON pointer token: '~' and '/' escaped (RFC 6901).
std::string pointer_token(const std::string& key) {
  std::string out;
  for (const char c : key) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  return out;
}

std::string shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

}  // namespace

WhatIf what_if_from_json(const Scenario& scenario, const json& state, const std::string& at) {
  WhatIf w;
  if (state.is_null()) return w;
  if (!state.is_object()) throw BadRequest{"expected a what-if object, found " + shown(state), at};
  for (const auto& item : state.items()) {
    const std::string& key = item.key();
    if (key != "changes" && key != "policies" && key != "as_of" && key != "space")
      throw BadRequest{"no such field '" + key + "'; expected changes, policies, as_of or space",
                       at + "/" + pointer_token(key)};
  }
  if (state.contains("changes")) {
    const json& changes = state.at("changes");
    if (!changes.is_object())
      throw BadRequest{"expected an object of parameter names and numbers, found " + shown(changes), at + "/changes"};
    // In the registry's order, so equal what-ifs give equal scenarios whatever the key order.
    const auto parameters = settable_parameters(scenario);
    std::set<std::string> known;
    for (const auto& p : parameters) known.insert(p.name);
    for (const auto& item : changes.items()) {
      const std::string where = at + "/changes/" + pointer_token(item.key());
      if (!known.count(item.key()))
        throw BadRequest{"parameter '" + item.key() + "': no such number in this scenario", where};
      if (!item.value().is_number())
        throw BadRequest{"parameter '" + item.key() + "': expected a number, found " + shown(item.value()), where};
    }
    for (const auto& p : parameters)
      if (changes.contains(p.name)) w.changes.emplace_back(p.name, changes.at(p.name).get<double>());
  }
  if (state.contains("policies")) {
    const json& policies = state.at("policies");
    if (!policies.is_array()) throw BadRequest{"expected a list of policy ids, found " + shown(policies), at + "/policies"};
    for (std::size_t i = 0; i < policies.size(); ++i) {
      const std::string where = at + "/policies/" + std::to_string(i);
      if (!policies[i].is_string()) throw BadRequest{"expected a policy id, found " + shown(policies[i]), where};
      const auto id = policies[i].get<std::string>();
      const bool exists = std::any_of(scenario.policies.begin(), scenario.policies.end(),
                                      [&](const Policy& p) { return p.id == id; });
      if (!exists) throw BadRequest{"no policy '" + id + "' in this scenario", where};
      if (std::find(w.policies.begin(), w.policies.end(), id) == w.policies.end()) w.policies.push_back(id);
    }
  }
  if (state.contains("as_of") && !state.at("as_of").is_null()) {
    const json& as_of = state.at("as_of");
    if (!as_of.is_string() || (!as_of.get<std::string>().empty() && !parse_date(as_of.get<std::string>())))
      throw BadRequest{"expected a date YYYY-MM-DD, found " + shown(as_of), at + "/as_of"};
    w.as_of = as_of.get<std::string>();
  }
  if (state.contains("space")) {
    try {
      w.space_options = space::complete_space_analysis_options(scenario, state.at("space"));
    } catch (const std::invalid_argument& e) {
      throw BadRequest{e.what(), at + "/space"};
    }
  }
  return w;
}

Scenario scenario_of(const Scenario& scenario, const WhatIf& what_if, const std::string& at) {
  Scenario s = what_if.as_of.empty() ? scenario : scenario_as_of(scenario, *parse_date(what_if.as_of)).scenario;
  for (std::size_t i = 0; i < what_if.policies.size(); ++i) {
    const auto policy = std::find_if(s.policies.begin(), s.policies.end(),
                                     [&](const Policy& p) { return p.id == what_if.policies[i]; });
    std::vector<std::pair<std::string, double>> set;
    for (const auto& change : policy->set) set.emplace_back(change.parameter, change.value);
    try {
      s = with_parameter_values(s, set);
    } catch (const std::invalid_argument& e) {
      throw BadRequest{e.what(), at + "/policies/" + std::to_string(i)};
    }
  }
  // One change at a time, so a value out of range is located at its own key.
  for (const auto& change : what_if.changes) {
    try {
      s = with_parameter_values(s, {change});
    } catch (const std::invalid_argument& e) {
      throw BadRequest{e.what(), at + "/changes/" + pointer_token(change.first)};
    }
  }
  return s;
}

std::optional<std::string> checked_file_name(const std::string& name, std::string& why) {
  const auto ends_with = [&](const std::string& suffix) {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (name.empty() || name.size() > 100) {
    why = "expected a file name of 1 to 100 characters";
    return std::nullopt;
  }
  // Only a plain name: no folder, no "..", no hidden file, nothing a shell or a file system reads
  // as more than a name.
  const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
  if (!plain || name.front() == '.' || name.find("..") != std::string::npos) {
    why = "expected a plain file name (letters, digits, '.', '-', '_'; no folder), found '" + name + "'";
    return std::nullopt;
  }
  if (!ends_with(".yaml") && !ends_with(".yml")) {
    why = "expected a name ending in .yaml or .yml, found '" + name + "'";
    return std::nullopt;
  }
  return name;
}

namespace {

std::string number_text(double v) { return fmt::format("{}", v); }

// The stance a parameter name belongs to ("salience.russia.territory" -> russia's stance on
// territory), or nullptr for the actor, war and lever numbers.
Stance* stance_of(Scenario& s, const std::string& name) {
  static const char* const kinds[] = {"position.", "salience.", "red_line_min.", "red_line_max."};
  for (const char* kind : kinds) {
    const std::string prefix = kind;
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const auto dot = rest.find('.');
    if (dot == std::string::npos) return nullptr;
    const auto actor = find_actor(s, rest.substr(0, dot));
    const auto issue = find_issue(s, rest.substr(dot + 1));
    if (!actor || !issue) return nullptr;
    for (auto& stance : s.stances)
      if (stance.actor == *actor && stance.issue == *issue) return &stance;
  }
  return nullptr;
}

}  // namespace

std::string what_if_scenario_text(const Scenario& base, const WhatIf& what_if, const std::string& scenario_file) {
  Scenario s = scenario_of(base, what_if, "/state");
  std::map<std::string, double> was;
  for (const auto& p : settable_parameters(what_if.as_of.empty() ? base : scenario_as_of(base, *parse_date(what_if.as_of)).scenario))
    was[p.name] = p.value;
  std::vector<std::string> lines;
  for (const auto& id : what_if.policies) lines.push_back("policy '" + id + "' switched on");
  for (const auto& [name, value] : what_if.changes)
    lines.push_back(name + " = " + number_text(value) + " (was " + number_text(was[name]) + ")");
  for (const auto& [name, value] : what_if.changes) {
    const std::string mark = "What-if: " + name + " set to " + number_text(value) + " (was " + number_text(was[name]) +
                             "); no evidence.";
    if (Stance* stance = stance_of(s, name)) stance->note = stance->note.empty() ? mark : stance->note + " " + mark;
  }
  if (!lines.empty()) {
    std::string list;
    for (const auto& l : lines) list += (list.empty() ? "" : "; ") + l;
    s.description += std::string(s.description.empty() ? "" : "\n") + "What-ifs (no evidence): " + list + ".";
  }
  std::string header = "# A what-if of " + scenario_file + ", saved by truce serve.\n";
  if (!what_if.as_of.empty()) header += "# Seen as of " + what_if.as_of + ".\n";
  header += lines.empty() ? "# No changes: the scenario as loaded.\n" : "# What-ifs, none with evidence:\n";
  for (const auto& l : lines) header += "#   " + l + "\n";
  // The canonical JSON form is YAML the loader reads back to the same scenario.
  return header + canonical_scenario_json(s);
}

bool Generations::admit(const std::string& client, std::uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Bounded: a client id is the page's, but a hostile one could invent many.
  if (latest_.size() > 10000 && !latest_.count(client)) latest_.clear();
  auto& latest = latest_[client];
  if (generation < latest) return false;
  latest = generation;
  return true;
}

bool Generations::is_current(const std::string& client, std::uint64_t generation) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = latest_.find(client);
  return it == latest_.end() || it->second <= generation;
}

}  // namespace truce::serve
