// `truce runs list|show|diff|export|rerun`: the runs kept in the run store (docs/run-store.md).

#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/format/terminal_text.hpp"
#include "truce/format/text_table.hpp"
#include "truce/store/json_diff.hpp"
#include "truce/store/rerun.hpp"
#include "truce/store/run_store.hpp"

namespace truce::cli {

namespace {

using json = nlohmann::json;

// Stored text for one line of a table on a terminal. The store may have been written by
// someone else: control characters and bidi overrides are shown escaped
// (printable_for_terminal), and so are line breaks and tabs, which would break the table.
std::string one_line(const std::string& text) {
  std::string out;
  for (const char c : printable_for_terminal(text)) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else
      out += c;
  }
  return out;
}

// A JSON value on one line, shortened for a table cell.
std::string cell(const std::optional<json>& value, std::size_t width = 60) {
  if (!value) return "(absent)";
  std::string text = one_line(value->is_string() ? value->get<std::string>() : value->dump());
  if (display_width(text) > width) {
    std::size_t cut = width - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    text = text.substr(0, cut) + "...";
  }
  return text;
}

// An error for stderr, which is usually a terminal too; the message may quote stored bytes.
void print_error(const std::string& message) { std::cerr << "error: " << printable_for_terminal(message) << '\n'; }

// "key  value" lines, keys padded to the widest.
std::string key_values(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::size_t width = 0;
  for (const auto& [key, value] : rows) width = std::max(width, display_width(key));
  std::string out;
  for (const auto& [key, value] : rows)
    out += key + std::string(width - display_width(key) + 2, ' ') + value + "\n";
  return out;
}

std::string short_hash(const std::string& hash) { return hash.substr(0, 12); }

std::string signed_number(double value) {
  std::string text = json(value).dump();
  return value > 0 ? "+" + text : text;
}

// A move of a probability or a share reads in percentage points, as its values read in percent.
std::string change_text(double change, const std::string& unit) {
  if (unit == "probability" || unit == "share") return fmt::format("{:+.1f} pp", 100 * change);
  return signed_number(change);
}

// Opens the store for reading; when it cannot be used, prints why, sets exit_store_error and
// returns nullopt.
std::optional<RunStore> open_store(const StoreOptions& options) {
  const auto path = store_path(options, std::cerr);
  if (path) try {
      return RunStore::open_for_reading(*path);
    } catch (const StoreError& e) {
      print_error(e.what());
    }
  exit_code() = exit_store_error;
  return std::nullopt;
}

// Runs a command body, turning store trouble into exit_store_error. The store turns every
// failure of its own into StoreError; anything else reaching here still comes from reading
// the store (these commands do nothing else that throws), so it is reported the same way
// rather than ending the process.
template <class Body>
void guarded(Body&& body) {
  try {
    body();
  } catch (const StoreError& e) {
    print_error(e.what());
    exit_code() = exit_store_error;
  } catch (const std::bad_alloc&) {
    print_error("out of memory while reading the run store");
    exit_code() = exit_store_error;
  } catch (const std::exception& e) {
    print_error(std::string("reading the run store failed: ") + e.what());
    exit_code() = exit_store_error;
  }
}

std::optional<StoredRun> find_run(const RunStore& store, std::int64_t id) {
  auto run = store.find(id);
  if (!run) {
    print_error(fmt::format("there is no run {} in {} ('truce runs list --store {}' lists them)", id, store.path(),
                            store.path()));
    exit_code() = exit_invalid_input;
  }
  return run;
}

void add_format_option(CLI::App& cmd, std::string& format, bool csv = false) {
  if (csv)
    cmd.add_option("--format", format, "table (default), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  else
    cmd.add_option("--format", format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));
}

// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void print_changes(const std::vector<JsonChange>& changes) {
  TextTable table{{"path", "before", "after"}, {}, {}};
  for (const auto& c : changes)
    table.rows.push_back({c.path.empty() ? "/" : one_line(c.path), cell(c.before), cell(c.after)});
  std::cout << table.render();
}

json changes_json(const std::vector<JsonChange>& changes) {
  json out = json::array();
  for (const auto& c : changes) {
    json item{{"path", c.path}};
    if (c.before) item["before"] = *c.before;
    if (c.after) item["after"] = *c.after;
    out.push_back(item);
  }
  return out;
}

void add_list(CLI::App& runs) {
  auto* cmd = runs.add_subcommand("list", "List the stored runs, oldest first");
  auto store = add_store_path_option(*cmd);
  auto scenario = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("--scenario", *scenario, "Only the runs of the scenario with this name or id");
  add_format_option(*cmd, *format, true);
  cmd->callback([store, scenario, format] {
    guarded([&] {
      const auto runs = open_store(*store);
      if (!runs) return;  // open_store reported it and set the exit code
      auto summaries = runs->list(scenario->empty() ? std::nullopt : std::optional<std::string>(*scenario));
      // The readable rows are listed; each damaged one is one error line on stderr, and the
      // exit status says the store is damaged (a script must not take the list as complete).
      std::size_t damaged = 0;
      for (const auto& r : summaries)
        if (r.damage) {
          print_error(*r.damage);
          ++damaged;
        }
      if (damaged > 0) {
        print_error(fmt::format("{} damaged run{} not listed; see docs/run-store.md, \"A damaged store\"", damaged,
                                damaged == 1 ? "" : "s"));
        exit_code() = exit_store_error;
        std::erase_if(summaries, [](const RunSummary& r) { return r.damage.has_value(); });
      }
      if (*format == "json") {
        json out = json::array();
        for (const auto& r : summaries) {
          json headline = json::array();
          for (const auto& f : headline_figures(r.result))
            headline.push_back({{"name", f.name}, {"label", f.label}, {"value", f.value}, {"unit", f.unit}});
          out.push_back({{"id", r.id}, {"created_at", r.created_at}, {"command", r.command},
                         {"scenario", r.scenario_name}, {"scenario_sha256", r.scenario_hash}, {"headline", headline}});
        }
        std::cout << out.dump(2) << '\n';
        return;
      }
      if (*format == "csv") {
        std::cout << "id,time,command,scenario,scenario_sha256,headline\n";
        for (const auto& r : summaries)
          std::cout << fmt::format("{},{},{},{},{},{}\n", r.id, r.created_at, csv_field(r.command),
                                   csv_field(r.scenario_name), r.scenario_hash,
                                   csv_field(headline_text(r.result, 1000)));
        return;
      }
      TextTable table{{"id", "time", "command", "scenario", "sha256", "headline"}, {Align::right}, {}};
      for (const auto& r : summaries)
        table.rows.push_back({std::to_string(r.id), one_line(r.created_at), one_line(r.command), one_line(r.scenario_name),
                              short_hash(r.scenario_hash), one_line(headline_text(r.result))});
      std::cout << table.render();
      if (summaries.empty() && damaged == 0)
        std::cout << (scenario->empty() ? "no runs stored\n"
                                        : fmt::format("no runs of scenario '{}'\n", one_line(*scenario)));
    });
  });
}

void add_show(CLI::App& runs) {
  auto* cmd = runs.add_subcommand("show", "Show one stored run: what produced it and its headline figures");
  auto store = add_store_path_option(*cmd);
  auto id = std::make_shared<std::int64_t>();
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("ID", *id, "Run id (see 'truce runs list')")->required();
  add_format_option(*cmd, *format);
  cmd->callback([store, id, format] {
    guarded([&] {
      const auto runs = open_store(*store);
      if (!runs) return;  // open_store reported it and set the exit code
      const auto run = find_run(*runs, *id);
      if (!run) return;
      if (*format == "json") {
        std::cout << run_to_json(*run).dump(2) << '\n';
        return;
      }
      std::cout << fmt::format("run {}\n", run->id);
      std::cout << key_values({{"time", one_line(run->created_at)},
                    {"truce", one_line(run->truce_version)},
                    {"command", one_line(run->command)},
                    {"options", one_line(run->options().dump())},
                    {"seed", run->seed ? std::to_string(*run->seed) : "none"},
                    {"scenario", one_line(run->scenario_name + (run->scenario_id.empty() ? "" : " (" + run->scenario_id + ")"))},
                    {"scenario sha256", run->scenario_hash},
                    {"scenario file", one_line(run->scenario_path)}});
      const auto& result = run->result();
      std::cout << (has_declared_headline(result) ? "\nheadline figures\n" : "\nfigures (numeric leaves of the result)\n");
      TextTable figures{{"figure", "value", "name"}, {Align::left, Align::right, Align::left}, {}};
      for (const auto& f : headline_figures(result))
        figures.rows.push_back({one_line(f.label), one_line(figure_value_text(f.value, f.unit)), one_line(f.name)});
      std::cout << figures.render();
      std::cout << fmt::format("\nthe whole run: truce runs export {} --store {}\n", run->id, runs->path());
    });
  });
}

void add_diff(CLI::App& runs) {
  auto* cmd = runs.add_subcommand("diff", "What changed between two runs: inputs, and how each headline figure moved");
  auto store = add_store_path_option(*cmd);
  auto ids = std::make_shared<std::vector<std::int64_t>>();
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("ID1 ID2", *ids, "The two run ids, older first")->required()->expected(2);
  add_format_option(*cmd, *format);
  cmd->callback([store, ids, format] {
    guarded([&] {
      const auto runs = open_store(*store);
      if (!runs) return;  // open_store reported it and set the exit code
      const auto a = find_run(*runs, (*ids)[0]);
      const auto b = find_run(*runs, (*ids)[1]);
      if (!a || !b) return;
      const auto scenario_changes =
          a->scenario_hash == b->scenario_hash
              ? std::vector<JsonChange>{}
              : json_differences(a->scenario_value, b->scenario_value);
      const auto option_changes = json_differences(a->options(), b->options());
      const auto moves = headline_moves(a->result(), b->result());
      const bool declared = has_declared_headline(a->result()) || has_declared_headline(b->result());

      if (*format == "json") {
        json figures = json::array();
        for (const auto& m : moves) {
          json item{{"name", m.name}, {"label", m.label}, {"unit", m.unit}, {"changed", m.changed()}};
          if (m.before) item["before"] = *m.before;
          if (m.after) item["after"] = *m.after;
          if (m.change) item["change"] = *m.change;
          figures.push_back(item);
        }
        json out{{"runs", {a->id, b->id}},
                 {"command", {{"before", a->command}, {"after", b->command}}},
                 {"truce_version", {{"before", a->truce_version}, {"after", b->truce_version}}},
                 {"seed", {{"before", a->seed ? json(*a->seed) : json()}, {"after", b->seed ? json(*b->seed) : json()}}},
                 {"scenario",
                  {{"before_sha256", a->scenario_hash},
                   {"after_sha256", b->scenario_hash},
                   {"changes", changes_json(scenario_changes)}}},
                 {"options", {{"changes", changes_json(option_changes)}}},
                 {"headline", figures}};
        std::cout << out.dump(2) << '\n';
        return;
      }

      auto same_or_moved = [](const std::string& x, const std::string& y) {
        return x == y ? one_line(x) + " (both)" : one_line(x) + " -> " + one_line(y);
      };
      std::cout << fmt::format("run {} -> run {}\n\ninputs\n", a->id, b->id);
      std::cout << key_values({{"command", same_or_moved(a->command, b->command)},
                     {"truce", same_or_moved(a->truce_version, b->truce_version)},
                     {"seed", same_or_moved(a->seed ? std::to_string(*a->seed) : "none",
                                            b->seed ? std::to_string(*b->seed) : "none")},
                     {"scenario file", same_or_moved(a->scenario_path, b->scenario_path)},
                     {"scenario", a->scenario_hash == b->scenario_hash
                                      ? "same (sha256 " + short_hash(a->scenario_hash) + ")"
                                      : fmt::format("changed (sha256 {} -> {}): {} difference{}",
                                                    short_hash(a->scenario_hash), short_hash(b->scenario_hash),
                                                    scenario_changes.size(), scenario_changes.size() == 1 ? "" : "s")},
                     {"options", option_changes.empty() ? "same"
                                                        : fmt::format("{} difference{}", option_changes.size(),
                                                                      option_changes.size() == 1 ? "" : "s")}});
      if (!scenario_changes.empty()) {
        std::cout << "\nscenario changes\n";
        print_changes(scenario_changes);
      }
      if (!option_changes.empty()) {
        std::cout << "\noption changes\n";
        print_changes(option_changes);
      }
      std::cout << (declared ? "\nheadline figures\n" : "\nfigures that moved (numeric leaves of the results)\n");
      TextTable figures{{"figure", fmt::format("run {}", a->id), fmt::format("run {}", b->id), "change"},
                        {Align::left, Align::right, Align::right, Align::right},
                        {}};
      std::size_t unchanged = 0;
      for (const auto& m : moves) {
        if (!declared && !m.changed()) {
          ++unchanged;
          continue;
        }
        const auto shown = [&](const std::optional<json>& v) { return v ? one_line(figure_value_text(*v, m.unit)) : std::string(); };
        figures.rows.push_back({one_line(m.label), shown(m.before), shown(m.after),
                                m.change ? change_text(*m.change, m.unit) : (m.changed() ? "changed" : "")});
      }
      if (!figures.rows.empty()) std::cout << figures.render();
      if (!declared) std::cout << fmt::format("{} figure{} unchanged\n", unchanged, unchanged == 1 ? "" : "s");
    });
  });
}

void add_export(CLI::App& runs) {
  auto* cmd = runs.add_subcommand("export", "Print the whole run as JSON (options, scenario, result)");
  auto store = add_store_path_option(*cmd);
  auto id = std::make_shared<std::int64_t>();
  cmd->add_option("ID", *id, "Run id (see 'truce runs list')")->required();
  cmd->callback([store, id] {
    guarded([&] {
      const auto runs = open_store(*store);
      if (!runs) return;  // open_store reported it and set the exit code
      if (const auto run = find_run(*runs, *id)) std::cout << run_to_json(*run).dump(2) << '\n';
    });
  });
}

void add_rerun(CLI::App& runs) {
  auto* cmd = runs.add_subcommand(
      "rerun", "Run a stored run again from its stored scenario and options; say whether the result is identical");
  auto store = add_store_path_option(*cmd);
  auto id = std::make_shared<std::int64_t>();
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("ID", *id, "Run id (see 'truce runs list')")->required();
  add_format_option(*cmd, *format);
  // A run stored with a larger --budget reruns only with one: the budget is not part of a run.
  add_budget_option(*cmd);
  cmd->footer("Exit status: 0 identical, 3 different or could not be rerun (e.g. over --budget), 1 no such run, "
              "4 store unusable.");
  cmd->callback([store, id, format] {
    guarded([&] {
      const auto runs = open_store(*store);
      if (!runs) return;  // open_store reported it and set the exit code
      const auto run = find_run(*runs, *id);
      if (!run) return;
      const auto report = rerun(*run, [](const std::string& name) { return find_analysis(name); });
      if (*format == "json") {
        static constexpr const char* outcomes[] = {"identical", "different", "unknown_analysis", "scenario_unreadable",
                                                   "analysis_failed"};
        json out{{"run", run->id},
                 {"outcome", outcomes[static_cast<int>(report.outcome)]},
                 {"identical", report.outcome == RerunOutcome::identical},
                 {"stored_truce_version", report.stored_version},
                 {"truce_version", report.current_version},
                 {"detail", report.detail}};
        if (report.first_difference) out["first_difference"] = *report.first_difference;
        if (report.options_difference) out["options_difference"] = *report.options_difference;
        std::cout << out.dump(2) << '\n';
      } else {
        std::cout << printable_for_terminal(describe(report, run->id));
      }
      if (report.outcome != RerunOutcome::identical) exit_code() = exit_run_differs;
    });
  });
}

}  // namespace

void add_runs_command(CLI::App& app) {
  auto* runs = app.add_subcommand("runs", "The run store: list, show, diff, export and rerun stored runs");
  runs->require_subcommand(1);
  runs->footer(
      "Every analysis command records its run in the run store (--store PATH to choose it, --no-store to skip).\n"
      "Exit status: 0 success, 1 no such run, 3 rerun not identical, 4 run store missing or unusable.");
  add_list(*runs);
  add_show(*runs);
  add_diff(*runs);
  add_export(*runs);
  add_rerun(*runs);
}

}  // namespace truce::cli
