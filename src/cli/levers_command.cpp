// `truce levers FILE --target T`: which inputs move an outcome (tornado and Sobol indices).
// `truce what-it-takes FILE --goal G --levers L`: the smallest change of the levers that
// reaches the goal. Thin: builds the options JSON from flags, runs the analyses through the
// registry, prints.

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "truce/core/work_budget.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/format/text_table.hpp"
#include "truce/levers/levers_analysis.hpp"
#include "truce/levers/targets.hpp"

namespace truce::cli {

namespace {

using nlohmann::json;

std::string num(const json& v, int digits = 4) {
  if (v.is_null()) return "-";
  const double x = v.get<double>();
  if (x == 0.0) return "0";
  return fmt::format("{:.{}g}", x, digits);
}

std::string index_cell(const json& row, const std::string& key) {
  if (row.at(key).is_null()) return "-";
  std::string text = fixed(row.at(key).get<double>(), 3);
  if (!row.at(key + "_low").is_null())
    text += fmt::format(" [{}, {}]", fixed(row.at(key + "_low").get<double>(), 3),
                        fixed(row.at(key + "_high").get<double>(), 3));
  return text;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string csv_number(const json& v) { return v.is_null() ? "" : fmt::format("{:.10g}", v.get<double>()); }

std::string target_line(const json& target) {
  std::string line = fmt::format("{}: {}", target.at("name").get<std::string>(), target.at("description").get<std::string>());
  line += fmt::format("\nModel: {} analysis, {} model; options {}", target.at("analysis").get<std::string>(),
                      target.at("model").get<std::string>(), target.at("options").dump());
  return line;
}

std::string levers_table(const json& r, std::size_t top) {
  std::ostringstream out;
  out << "Target " << target_line(r.at("target")) << '\n';
  const auto& o = r.at("options");
  out << fmt::format("Base output: {}\n", num(r.at("base_output"), 6));
  out << fmt::format("Parameters: {} (where the scenario gives no range: +-{:g}%; see docs/levers.md)\n",
                     r.at("parameters").size(), o.at("spread").get<double>());
  std::map<std::string, const json*> by_name;
  for (const auto& p : r.at("parameters")) by_name[p.at("name").get<std::string>()] = &p;
  auto shown = [&](std::size_t n) { return top == 0 ? n : std::min(n, top); };

  if (r.contains("tornado")) {
    const auto& bars = r.at("tornado").at("bars");
    out << "\nOne at a time (tornado): each parameter alone at the ends of its range, largest swing first\n";
    TextTable t;
    t.header = {"#", "Parameter", "Low", "Base", "High", "Output at low", "Output at high", "Swing"};
    t.align = {Align::right, Align::left, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right};
    for (std::size_t i = 0; i < shown(bars.size()); ++i) {
      const auto& b = bars.at(i);
      const auto& p = *by_name.at(b.at("parameter").get<std::string>());
      t.rows.push_back({std::to_string(b.at("rank").get<int>()), b.at("parameter").get<std::string>(), num(p.at("low")),
                        num(p.at("base")), num(p.at("high")), num(b.at("output_at_low"), 6),
                        num(b.at("output_at_high"), 6), num(b.at("swing"), 4)});
    }
    out << t.render();
    if (shown(bars.size()) < bars.size()) out << fmt::format("({} more; --top 0 shows all)\n", bars.size() - shown(bars.size()));
  }
  if (r.contains("sobol")) {
    const auto& s = r.at("sobol");
    out << fmt::format(
        "\nSobol indices: N = {} samples, {} model runs, seed {}; {:g}% bootstrap intervals ({} resamples); "
        "largest total effect first\n",
        s.at("samples").get<std::size_t>(), s.at("model_runs").get<std::size_t>(), o.at("seed").get<std::uint64_t>(),
        100.0 * o.at("confidence").get<double>(), o.at("bootstrap").get<std::size_t>());
    TextTable t;
    t.header = {"Parameter", "First order S1 [interval]", "Total ST [interval]"};
    t.align = {Align::left, Align::right, Align::right};
    const auto& indices = s.at("indices");
    for (std::size_t i = 0; i < shown(indices.size()); ++i) {
      const auto& ix = indices.at(i);
      t.rows.push_back({ix.at("parameter").get<std::string>(), index_cell(ix, "first_order"), index_cell(ix, "total")});
    }
    out << t.render();
    if (shown(indices.size()) < indices.size())
      out << fmt::format("({} more; --top 0 shows all)\n", indices.size() - shown(indices.size()));
    out << fmt::format("Output over the ranges: mean {}, variance {}\n", num(s.at("output_mean"), 6),
                       num(s.at("output_variance"), 6));
    if (s.contains("note")) out << "note: " << s.at("note").get<std::string>() << '\n';
    out << "S1: share of the output's variance due to the parameter alone; ST: including its interactions. "
           "Intervals are sampling error, not model error.\n";
  }
  if (r.contains("notes"))
    for (const auto& note : r.at("notes")) out << "note: " << note.get<std::string>() << '\n';
  out << "Options (rerun with these for the same numbers): " << o.dump() << '\n';
  return out.str();
}

std::string levers_csv(const json& r) {
  std::ostringstream out;
  out << "parameter,base,low,high,unit,range_from,tornado_rank,output_at_low,output_at_high,swing,"
         "first_order,first_order_low,first_order_high,total,total_low,total_high\n";
  std::map<std::string, const json*> bar, index;
  if (r.contains("tornado"))
    for (const auto& b : r.at("tornado").at("bars")) bar[b.at("parameter").get<std::string>()] = &b;
  if (r.contains("sobol"))
    for (const auto& i : r.at("sobol").at("indices")) index[i.at("parameter").get<std::string>()] = &i;
  for (const auto& p : r.at("parameters")) {
    const std::string name = p.at("name").get<std::string>();
    out << fmt::format("{},{},{},{},{},{}", csv_field(name), csv_number(p.at("base")), csv_number(p.at("low")),
                       csv_number(p.at("high")), csv_field(p.at("unit").get<std::string>()),
                       csv_field(p.at("range_from").get<std::string>()));
    if (bar.count(name)) {
      const auto& b = *bar.at(name);
      out << fmt::format(",{},{},{},{}", b.at("rank").get<int>(), csv_number(b.at("output_at_low")),
                         csv_number(b.at("output_at_high")), csv_number(b.at("swing")));
    } else {
      out << ",,,,";
    }
    if (index.count(name)) {
      const auto& i = *index.at(name);
      for (const char* key : {"first_order", "first_order_low", "first_order_high", "total", "total_low", "total_high"})
        out << ',' << csv_number(i.at(key));
    } else {
      out << ",,,,,,";
    }
    out << '\n';
  }
  return out.str();
}

std::string what_it_takes_table(const json& r) {
  std::ostringstream out;
  out << "What it takes: " << r.at("goal").get<std::string>() << '\n';
  out << "Target " << target_line(r.at("target")) << '\n';
  out << fmt::format("Base output: {} ({})\n", num(r.at("base_output"), 6),
                     r.at("base_meets_goal").get<bool>() ? "the goal is already met" : "the goal is not met");
  TextTable levers;
  levers.header = {"Lever", "Base", "Low", "High", "Unit", "Range from", "Alone: change needed"};
  levers.align = {Align::left, Align::right, Align::right, Align::right, Align::left, Align::left, Align::right};
  for (const auto& l : r.at("levers")) {
    const auto& alone = r.at("single_lever_norm").at(l.at("name").get<std::string>());
    levers.rows.push_back({l.at("name").get<std::string>(), num(l.at("base")), num(l.at("low")), num(l.at("high")),
                           l.at("unit").get<std::string>(), l.at("range_from").get<std::string>(),
                           alone.is_null() ? "cannot" : fixed(alone.get<double>(), 3)});
  }
  out << '\n' << levers.render();
  if (r.at("base_meets_goal").get<bool>()) {
    out << "\nNo change is needed.\n";
  } else if (r.at("reachable").get<bool>()) {
    out << fmt::format("\nSmallest change found: {} (found by: {})\n", fixed(r.at("norm_value").get<double>(), 4),
                       r.at("found_by").get<std::string>());
    TextTable t;
    t.header = {"Lever", "From", "To", "Change", "In range units"};
    t.align = {Align::left, Align::right, Align::right, Align::right, Align::right};
    for (const auto& c : r.at("changes"))
      t.rows.push_back({c.at("lever").get<std::string>(), num(c.at("from"), 6), num(c.at("to"), 6),
                        num(c.at("change"), 4), fixed(c.at("change_in_range_units").get<double>(), 4)});
    out << t.render();
    out << fmt::format("Output there: {}\n", num(r.at("output"), 6));
  } else {
    out << "\n" << r.at("conclusion").get<std::string>() << ".\n";
    TextTable t;
    t.header = {"Lever", "At the closest point"};
    t.align = {Align::left, Align::right};
    for (const auto& c : r.at("closest").at("levers")) t.rows.push_back({c.at("lever").get<std::string>(), num(c.at("value"), 6)});
    out << t.render();
    if (r.at("binding").empty()) {
      out << "Binding: no lever is at the end of its range there.\n";
    } else {
      std::string b;
      for (const auto& x : r.at("binding"))
        b += fmt::format("{}{} at its {} end ({})", b.empty() ? "" : ", ", x.at("lever").get<std::string>(),
                         x.at("at").get<std::string>(), num(x.at("value"), 6));
      out << "Binding: " << b << ": the ranges would have to widen.\n";
    }
  }
  out << fmt::format("\nNorm: {}\nMethod: {} ({} model runs)\nGuarantee: {}\n", r.at("norm").get<std::string>(),
                     r.at("method").get<std::string>(), r.at("model_runs").get<std::size_t>(),
                     r.at("guarantee").get<std::string>());
  if (r.contains("notes"))
    for (const auto& note : r.at("notes")) out << "note: " << note.get<std::string>() << '\n';
  out << "Options (rerun with these for the same numbers): " << r.at("options").dump() << '\n';
  return out.str();
}

std::string what_it_takes_csv(const json& r) {
  std::ostringstream out;
  out << "lever,base,low,high,unit,to,change,change_in_range_units,alone_change_needed,binding\n";
  std::map<std::string, const json*> change;
  std::map<std::string, std::string> binding;
  if (r.contains("changes"))
    for (const auto& c : r.at("changes")) change[c.at("lever").get<std::string>()] = &c;
  if (r.contains("binding"))
    for (const auto& b : r.at("binding")) binding[b.at("lever").get<std::string>()] = b.at("at").get<std::string>();
  for (const auto& l : r.at("levers")) {
    const std::string name = l.at("name").get<std::string>();
    out << fmt::format("{},{},{},{},{}", csv_field(name), csv_number(l.at("base")), csv_number(l.at("low")),
                       csv_number(l.at("high")), csv_field(l.at("unit").get<std::string>()));
    if (change.count(name))
      out << fmt::format(",{},{},{}", csv_number(change.at(name)->at("to")), csv_number(change.at(name)->at("change")),
                         csv_number(change.at(name)->at("change_in_range_units")));
    else
      out << ",,,";
    out << ',' << csv_number(r.at("single_lever_norm").at(name)) << ',' << (binding.count(name) ? binding.at(name) : "")
        << '\n';
  }
  return out.str();
}

struct AnalysisRun {
  json options;  // complete, as stored in the run store
  json result;
};

// Runs a registered analysis; prints the error and sets the exit code on bad options.
std::optional<AnalysisRun> run_analysis(const std::string& name, const Scenario& scenario, const json& options) {
  const Analysis* analysis = find_analysis(name);
  try {
    json complete = analysis->complete_options(scenario, options);
    // The options as given: they carry --threads, which the completed (stored) ones leave out.
    json result = analysis->run(scenario, options);
    return AnalysisRun{std::move(complete), std::move(result)};
  } catch (const std::invalid_argument& e) {
    std::cerr << "truce " << name << ": " << e.what() << '\n';
    exit_code() = exit_usage;
    return std::nullopt;
  } catch (const WorkTooLarge&) {
    throw;  // main: exit_too_large
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    std::cerr << "truce " << name << ": error: " << e.what() << '\n';
    exit_code() = exit_invalid_input;
    return std::nullopt;
  }
}

// What both commands read besides their option tables: the file, the output format, and the
// flags that fill the target's options (an object the table leaves to the target).
struct CommonFlags {
  std::string file;
  std::string model;
  std::vector<std::string> target_options;  // KEY=VALUE
  std::string format = "table";
  std::shared_ptr<json> given = std::make_shared<json>(json::object());
};

void add_common(CLI::App* cmd, CommonFlags& f, const std::vector<OptionSpec>& fields, const std::string& group) {
  cmd->add_option("FILE", f.file, "Scenario file: .yaml/.yml/.json, or a KTAB actor-table .csv")->required();
  cmd->add_option("--format", f.format, "table (default), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--model", f.model, "Forecasting model of forecast.ISSUE targets: compromise, median, nash, eum "
                                      "(default), smp")
      ->group(group);
  cmd->add_option("--target-option", f.target_options,
                  "An option of the target's analysis, KEY=VALUE with VALUE in JSON where it parses as JSON "
                  "(repeatable), e.g. relax='[\"russia.territory\"]' or eum='{\"q\": 1}'")
      ->group(group);
  add_option_flags(*cmd, fields, f.given, group);
}

// The target's options from --model and --target-option; nullopt (and a message) when malformed.
std::optional<json> target_options(const CommonFlags& f, const char* command) {
  json o = json::object();
  if (!f.model.empty()) o["model"] = f.model;
  for (const auto& item : f.target_options) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << fmt::format("truce {}: --target-option: expected KEY=VALUE, found '{}'\n", command, item);
      exit_code() = exit_usage;
      return std::nullopt;
    }
    const std::string value = item.substr(eq + 1);
    json parsed = json::parse(value, nullptr, false);
    o[item.substr(0, eq)] = parsed.is_discarded() ? json(value) : parsed;
  }
  return o;
}

}  // namespace

void add_levers_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("levers", "Which inputs move an outcome: tornado table and Sobol indices");
  auto f = std::make_shared<CommonFlags>();
  auto top = std::make_shared<std::size_t>(0);
  auto list = std::make_shared<bool>(false);
  add_common(cmd, *f, levers::levers_option_table().specs(), "Levers options");
  std::string forms;
  for (const auto& form : levers::target_forms()) forms += "\n  " + form;
  auto* target_flag = cmd->get_option("--target");
  target_flag->description(target_flag->get_description() + "; one of:" + forms);
  cmd->add_option("--top", *top, "Table: show only the first K rows of each table (default 0 = all)")->check(whole_number);
  cmd->add_flag("--list-parameters", *list, "Print the parameters and their ranges, and exit");
  const auto store = add_store_options(*cmd);
  cmd->callback([=] {
    const auto scenario = load_scenario_or_report(f->file);
    if (!scenario) return;  // load_scenario_or_report set the exit code
    if (*list) {
      json ps;
      try {
        // Only the spread matters here; it is checked as the option table checks it.
        const auto spread = std::find_if(levers::levers_option_table().fields.begin(),
                                         levers::levers_option_table().fields.end(),
                                         [](const auto& field) { return field.spec.name == "spread"; });
        ps = levers::list_parameters(
            *scenario, f->given->contains("spread")
                           ? checked_option_value(spread->spec, f->given->at("spread"), "levers", "spread").get<double>()
                           : levers::LeversOptions{}.spread);
      } catch (const std::invalid_argument& e) {
        std::cerr << "truce levers: " << e.what() << '\n';
        exit_code() = exit_usage;
        return;
      }
      if (f->format == "json") {
        std::cout << ps.dump(2) << '\n';
        return;
      }
      TextTable t;
      t.header = {"Parameter", "Base", "Low", "High", "Unit", "Range from"};
      t.align = {Align::left, Align::right, Align::right, Align::right, Align::left, Align::left};
      for (const auto& p : ps)
        t.rows.push_back({p.at("name").get<std::string>(), num(p.at("base")), num(p.at("low")), num(p.at("high")),
                          p.at("unit").get<std::string>(), p.at("range_from").get<std::string>()});
      std::cout << t.render();
      return;
    }
    if (!f->given->contains("target")) {
      std::cerr << "truce levers: --target is required (or --list-parameters)\n";
      exit_code() = exit_usage;
      return;
    }
    const auto to = target_options(*f, "levers");
    if (!to) return;
    json options = *f->given;
    options["target_options"] = *to;
    const auto run = run_analysis("levers", *scenario, options);
    if (!run) return;
    if (f->format == "json")
      std::cout << run->result.dump(2) << '\n';
    else if (f->format == "csv")
      std::cout << levers_csv(run->result);
    else
      std::cout << levers_table(run->result, *top);
    std::cout.flush();
    exit_code() = record_run(*store, "levers", *scenario, f->file, run->options, run->result);
  });
}

void add_what_it_takes_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("what-it-takes", "The smallest change of some levers that reaches a goal");
  auto f = std::make_shared<CommonFlags>();
  add_common(cmd, *f, levers::what_it_takes_option_table().specs(), "What-it-takes options");
  cmd->get_option("--goal")->required();
  const auto store = add_store_options(*cmd);
  cmd->callback([=] {
    const auto scenario = load_scenario_or_report(f->file);
    if (!scenario) return;  // load_scenario_or_report set the exit code
    const auto to = target_options(*f, "what-it-takes");
    if (!to) return;
    json options = *f->given;
    options["target_options"] = *to;
    const auto run = run_analysis("what-it-takes", *scenario, options);
    if (!run) return;
    if (f->format == "json")
      std::cout << run->result.dump(2) << '\n';
    else if (f->format == "csv")
      std::cout << what_it_takes_csv(run->result);
    else
      std::cout << what_it_takes_table(run->result);
    std::cout.flush();
    exit_code() = record_run(*store, "what-it-takes", *scenario, f->file, run->options, run->result);
  });
}

}  // namespace truce::cli
