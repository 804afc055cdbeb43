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
#include "truce/forecast/forecast_options.hpp"
#include "truce/format/text_table.hpp"
#include "truce/levers/levers_analysis.hpp"
#include "truce/levers/targets.hpp"

namespace truce::cli {

namespace {

using nlohmann::json;

// A number with `digits` significant digits; "-" where it is undefined (not finite).
std::string num(double x, int digits = 4) {
  if (!std::isfinite(x)) return "-";
  if (x == 0.0) return "0";
  return fmt::format("{:.{}g}", x, digits);
}

std::string num(const json& v, int digits = 4) { return v.is_null() ? "-" : num(v.get<double>(), digits); }

std::string index_cell(double value, double low, double high) {
  if (!std::isfinite(value)) return "-";
  std::string text = fixed(value, 3);
  if (std::isfinite(low)) text += fmt::format(" [{}, {}]", fixed(low, 3), fixed(high, 3));
  return text;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{:.10g}", v) : ""; }

std::string target_line(const levers::TargetSummary& target) {
  std::string line = fmt::format("{}: {}", target.name, target.description);
  line += fmt::format("\nModel: {} analysis, {} model; options {}", target.analysis, target.model, target.options.dump());
  return line;
}

// A parameter's range in a word or two: "natural" (a policy's whole range), "+-10%", "scenario", "given".
std::string range_cell(const levers::Parameter& p, double spread) {
  if (p.range_kind == levers::RangeKind::spread) return fmt::format("+-{:g}%", spread);
  return levers::range_kind_name(p.range_kind);
}

// "Parameters: 40; ranges: 4 natural (a policy's whole range 0..1), 30 +-10% ..."
std::string ranges_line(const std::vector<levers::Parameter>& parameters, double spread) {
  std::map<levers::RangeKind, std::size_t> count;
  for (const auto& p : parameters) ++count[p.range_kind];
  std::string line;
  auto add = [&](levers::RangeKind k, const std::string& what) {
    if (count[k]) line += fmt::format("{}{} {}", line.empty() ? "" : ", ", count[k], what);
  };
  add(levers::RangeKind::natural, "over their natural range (a policy choice, e.g. a lever's probability 0..1)");
  add(levers::RangeKind::spread, fmt::format("+-{:g}% around the scenario's value", spread));
  add(levers::RangeKind::scenario, "over the scenario's distribution");
  add(levers::RangeKind::given, "over the range given on the command line");
  return fmt::format("Parameters: {}; ranges: {} (see docs/levers.md)\n", parameters.size(), line);
}

std::string levers_table(const levers::LeversResult& r, std::size_t top) {
  std::ostringstream out;
  out << "Target " << target_line(r.target) << '\n';
  const auto& o = r.options;
  out << fmt::format("Base output: {}\n", num(r.base_output, 6));
  out << ranges_line(r.parameters, o.spread);
  std::map<std::string, const levers::Parameter*> by_name;
  for (const auto& p : r.parameters) by_name[p.name] = &p;
  auto shown = [&](std::size_t n) { return top == 0 ? n : std::min(n, top); };

  if (r.tornado) {
    const auto& tornado = *r.tornado;
    const auto& bars = tornado.bars;
    if (tornado.ranked)
      out << "\nOne at a time (tornado): each parameter alone at the ends of its range, largest swing first\n";
    else
      out << "\nOne at a time (tornado): each parameter alone at the ends of its range: " << tornado.conclusion << '\n';
    bool marked = false;
    TextTable t;
    t.header = {"#", "Parameter", "Range", "Low", "Base", "High", "Output at low", "Output at high", "Swing"};
    t.align = {Align::right, Align::left,  Align::left,  Align::right, Align::right,
               Align::right, Align::right, Align::right, Align::right};
    for (std::size_t i = 0; i < shown(bars.size()); ++i) {
      const auto& b = bars[i];
      const auto& p = *by_name.at(b.parameter);
      std::string swing = num(b.swing, 4);
      if (tornado.ranked && r.target.monte_carlo_runs > 0 && std::isfinite(b.swing) && b.within_noise()) {
        swing += " *";
        marked = true;
      }
      t.rows.push_back({tornado.ranked ? std::to_string(b.rank) : "-", b.parameter, range_cell(p, o.spread), num(p.low),
                        num(p.base), num(p.high), num(b.output_at_low, 6), num(b.output_at_high, 6), swing});
    }
    out << t.render();
    if (shown(bars.size()) < bars.size()) out << fmt::format("({} more; --top 0 shows all)\n", bars.size() - shown(bars.size()));
    if (marked)
      out << fmt::format("* within the Monte Carlo error: two estimates of {} runs can differ by this much by chance "
                         "(95%)\n",
                         r.target.monte_carlo_runs);
  }
  if (r.sobol) {
    const auto& s = *r.sobol;
    out << fmt::format(
        "\nSobol indices: N = {} samples, {} model runs, seed {}; {:g}% bootstrap intervals ({} resamples); "
        "largest total effect first\n",
        s.samples, s.model_runs, o.seed, 100.0 * o.confidence, o.bootstrap);
    TextTable t;
    t.header = {"Parameter", "First order S1 [interval]", "Total ST [interval]"};
    t.align = {Align::left, Align::right, Align::right};
    const auto& indices = s.indices;
    for (std::size_t i = 0; i < shown(indices.size()); ++i) {
      const auto& ix = indices[i];
      t.rows.push_back({ix.parameter, index_cell(ix.first_order, ix.first_order_low, ix.first_order_high),
                        index_cell(ix.total, ix.total_low, ix.total_high)});
    }
    out << t.render();
    if (shown(indices.size()) < indices.size())
      out << fmt::format("({} more; --top 0 shows all)\n", indices.size() - shown(indices.size()));
    out << fmt::format("Output over the ranges: mean {}, variance {}\n", num(s.output_mean, 6), num(s.output_variance, 6));
    if (s.output_constant()) out << "note: the output does not vary over these ranges: the indices are undefined\n";
    out << "S1: share of the output's variance due to the parameter alone; ST: including its interactions. "
           "Intervals are sampling error, not model error.\n";
  }
  for (const auto& note : r.notes) out << "note: " << note << '\n';
  out << "Options (rerun with these for the same numbers): " << levers::levers_option_table().write(o).dump() << '\n';
  return out.str();
}

std::string levers_csv(const levers::LeversResult& r) {
  std::ostringstream out;
  out << "parameter,base,low,high,unit,range_from,range_kind,tornado_rank,output_at_low,output_at_high,swing,"
         "first_order,first_order_low,first_order_high,total,total_low,total_high\n";
  std::map<std::string, const levers::TornadoRow*> bar;
  std::map<std::string, const levers::SobolIndexRow*> index;
  if (r.tornado)
    for (const auto& b : r.tornado->bars) bar[b.parameter] = &b;
  if (r.sobol)
    for (const auto& i : r.sobol->indices) index[i.parameter] = &i;
  for (const auto& p : r.parameters) {
    out << fmt::format("{},{},{},{},{},{},{}", csv_field(p.name), csv_number(p.base), csv_number(p.low),
                       csv_number(p.high), csv_field(p.unit), csv_field(p.range_from), levers::range_kind_name(p.range_kind));
    if (bar.count(p.name)) {
      const auto& b = *bar.at(p.name);
      // No rank where the tornado ranks nothing (every swing 0 or within the Monte Carlo error).
      out << fmt::format(",{},{},{},{}", r.tornado->ranked ? std::to_string(b.rank) : "", csv_number(b.output_at_low),
                         csv_number(b.output_at_high), csv_number(b.swing));
    } else {
      out << ",,,,";
    }
    if (index.count(p.name)) {
      const auto& i = *index.at(p.name);
      for (const double v : {i.first_order, i.first_order_low, i.first_order_high, i.total, i.total_low, i.total_high})
        out << ',' << csv_number(v);
    } else {
      out << ",,,,,,";
    }
    out << '\n';
  }
  return out.str();
}

std::string what_it_takes_table(const levers::WhatItTakesResult& w) {
  const levers::MinimalChange& r = w.search;
  std::ostringstream out;
  out << "What it takes: " << w.goal << '\n';
  out << "Target " << target_line(w.target) << '\n';
  out << fmt::format("Base output: {} ({})\n", num(r.base_output, 6),
                     r.base_meets_goal ? "the goal is already met" : "the goal is not met");
  TextTable levers;
  levers.header = {"Lever", "Base", "Low", "High", "Unit", "Range from", "Alone: change needed"};
  levers.align = {Align::left, Align::right, Align::right, Align::right, Align::left, Align::left, Align::right};
  for (std::size_t i = 0; i < w.levers.size(); ++i) {
    const auto& l = w.levers[i];
    const double alone = r.single_lever_norm[i];
    levers.rows.push_back({l.name, num(l.base), num(l.low), num(l.high), l.unit, l.range_from,
                           std::isfinite(alone) ? fixed(alone, 3) : "cannot"});
  }
  out << '\n' << levers.render();
  if (r.base_meets_goal) {
    out << "\nNo change is needed.\n";
  } else if (r.reachable) {
    out << fmt::format("\nSmallest change found: {} (found by: {})\n", fixed(r.norm, 4), r.found_by);
    TextTable t;
    t.header = {"Lever", "From", "To", "Change", "In range units"};
    t.align = {Align::left, Align::right, Align::right, Align::right, Align::right};
    for (const auto& c : r.changes)
      t.rows.push_back({w.levers[c.lever].name, num(c.from, 6), num(c.to, 6), num(c.to - c.from, 4),
                        fixed(c.change_in_range_units, 4)});
    out << t.render();
    out << fmt::format("Output there: {}\n", num(r.output, 6));
  } else {
    out << "\n" << w.conclusion << ".\n";
    TextTable t;
    t.header = {"Lever", "At the closest point"};
    t.align = {Align::left, Align::right};
    for (std::size_t i = 0; i < w.levers.size(); ++i) t.rows.push_back({w.levers[i].name, num(r.closest_point[i], 6)});
    out << t.render();
    if (r.binding.empty()) {
      out << "Binding: no lever is at the end of its range there.\n";
    } else {
      std::string b;
      for (const std::size_t i : r.binding)
        b += fmt::format("{}{} at its {} end ({})", b.empty() ? "" : ", ", w.levers[i].name,
                         r.closest_point[i] == w.levers[i].high ? "high" : "low", num(r.closest_point[i], 6));
      out << "Binding: " << b << ": the ranges would have to widen.\n";
    }
  }
  out << fmt::format("\nNorm: {}\nMethod: {} ({} model runs)\nGuarantee: {}\n", w.norm, w.method, r.model_runs,
                     w.guarantee);
  for (const auto& note : w.notes) out << "note: " << note << '\n';
  out << "Options (rerun with these for the same numbers): " << levers::what_it_takes_option_table().write(w.options).dump()
      << '\n';
  return out.str();
}

std::string what_it_takes_csv(const levers::WhatItTakesResult& w) {
  const levers::MinimalChange& r = w.search;
  std::ostringstream out;
  out << "lever,base,low,high,unit,to,change,change_in_range_units,alone_change_needed,binding\n";
  for (std::size_t i = 0; i < w.levers.size(); ++i) {
    const auto& l = w.levers[i];
    out << fmt::format("{},{},{},{},{}", csv_field(l.name), csv_number(l.base), csv_number(l.low), csv_number(l.high),
                       csv_field(l.unit));
    const levers::LeverChange* change = nullptr;
    if (r.reachable)
      for (const auto& c : r.changes)
        if (c.lever == i) change = &c;
    if (change)
      out << fmt::format(",{},{},{}", csv_number(change->to), csv_number(change->to - change->from),
                         csv_number(change->change_in_range_units));
    else
      out << ",,,";
    std::string binding;
    if (!r.reachable)
      for (const std::size_t b : r.binding)
        if (b == i) binding = r.closest_point[i] == l.high ? "high" : "low";
    out << ',' << csv_number(r.single_lever_norm[i]) << ',' << binding << '\n';
  }
  return out.str();
}

template <class Result>
struct AnalysisRun {
  json options;  // complete, as stored in the run store
  Result result;
};

// Runs a registered analysis; prints the error and sets the exit code on bad options.
template <class Result>
std::optional<AnalysisRun<Result>> run_analysis(const std::string& name, const Scenario& scenario, const json& options) {
  const Analysis* analysis = find_analysis(name);
  try {
    json complete = analysis->complete_options(scenario, options);
    // The options as given: they carry --threads, which the completed (stored) ones leave out.
    return AnalysisRun<Result>{std::move(complete), std::get<Result>(analysis->typed_run(scenario, options))};
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
  std::string models;
  for (const auto& m : known_forecast_models()) models += (models.empty() ? "" : ", ") + m;
  cmd->add_option("--model", f.model, "Forecasting model of forecast.ISSUE targets (default eum): " + models)
      ->check(CLI::IsMember(known_forecast_models()))
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
        // Only the spread and the ranges matter here; they are checked as the option table checks them.
        levers::LeversOptions o;
        for (const char* key : {"spread", "ranges"})
          if (f->given->contains(key)) {
            const auto* field = levers::levers_option_table().field(key);
            field->write(o, checked_option_value(field->spec, f->given->at(key), "levers", key));
          }
        ps = levers::list_parameters(*scenario, o.spread, o.ranges);
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
      t.header = {"Parameter", "Base", "Low", "High", "Unit", "Range", "Range from"};
      t.align = {Align::left, Align::right, Align::right, Align::right, Align::left, Align::left, Align::left};
      for (const auto& p : ps)
        t.rows.push_back({p.at("name").get<std::string>(), num(p.at("base")), num(p.at("low")), num(p.at("high")),
                          p.at("unit").get<std::string>(), p.at("range_kind").get<std::string>(),
                          p.at("range_from").get<std::string>()});
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
    const auto run = run_analysis<levers::LeversResult>("levers", *scenario, options);
    if (!run) return;
    const json result_json = levers::to_json(run->result);
    if (f->format == "json")
      std::cout << result_json.dump(2) << '\n';
    else if (f->format == "csv")
      std::cout << levers_csv(run->result);
    else
      std::cout << levers_table(run->result, *top);
    std::cout.flush();
    exit_code() = record_run(*store, "levers", *scenario, f->file, run->options, result_json);
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
    const auto run = run_analysis<levers::WhatItTakesResult>("what-it-takes", *scenario, options);
    if (!run) return;
    const json result_json = levers::to_json(run->result);
    if (f->format == "json")
      std::cout << result_json.dump(2) << '\n';
    else if (f->format == "csv")
      std::cout << what_it_takes_csv(run->result);
    else
      std::cout << what_it_takes_table(run->result);
    std::cout.flush();
    exit_code() = record_run(*store, "what-it-takes", *scenario, f->file, run->options, result_json);
  });
}

}  // namespace truce::cli
