// `truce simulate FILE`: Monte Carlo of bargaining while fighting (docs/dynamics.md): the
// probability of a ceasefire by month, its terms, the median month and what blocked a deal;
// `--trace RUN` shows one run month by month.

#include <fmt/format.h>

#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "truce/core/work_budget.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/dynamics/simulate.hpp"
#include "truce/format/text_table.hpp"

namespace truce::cli {

namespace {

std::string percent(double p) { return fmt::format("{:.1f}%", 100.0 * p); }

std::string month_text(const nlohmann::json& m) { return m.is_null() ? std::string("none") : std::to_string(m.get<int>()); }

std::string summary_table(const Scenario& scenario, const nlohmann::json& r) {
  const auto& o = r["options"];
  std::string out = fmt::format("{}: {} runs x {} months, seed {}\n", scenario.name, o["runs"].get<std::uint64_t>(),
                                o["months"].get<int>(), o["seed"].get<std::uint64_t>());
  out += fmt::format("Belligerents: {}, {}. A ceasefire needs every veto actor: ", r["belligerents"][0].get<std::string>(),
                     r["belligerents"][1].get<std::string>());
  std::string veto;
  for (const auto& v : r["veto_actors"]) veto += (veto.empty() ? "" : ", ") + v.get<std::string>();
  out += veto + ".\n\n";
  const auto& outcomes = r["outcomes"];
  const auto& all_runs = r["median_month"]["of_all_runs"];
  out += fmt::format("Ceasefire within {} months: {} of runs. Median month: {} among ceasefires; {}.\n",
                     o["months"].get<int>(), percent(r["probability_of_ceasefire"].get<double>()),
                     month_text(r["median_month"]["of_ceasefires"]),
                     all_runs.is_null() ? fmt::format("over all runs, not within {} months (fewer than half settle)",
                                                      o["months"].get<int>())
                                        : fmt::format("over all runs, {}", all_runs.get<int>()));
  std::string collapses;
  for (const auto& [actor, n] : outcomes["collapse"].items())
    collapses += fmt::format("{}{} collapsed in {}", collapses.empty() ? "" : ", ", actor, n.get<std::uint64_t>());
  for (const auto& [actor, n] : outcomes["victory"].items())
    collapses += fmt::format(", {} won (front at its end of the scale) in {}", actor, n.get<std::uint64_t>());
  out += fmt::format("Outcomes: {} ceasefires, {} without a deal by the horizon; {}.\n\n",
                     outcomes["ceasefire"].get<std::uint64_t>(), outcomes["no_deal_by_horizon"].get<std::uint64_t>(), collapses);

  TextTable months{{"Month", "P(ceasefire by month)", "95% interval"}, {Align::right, Align::right, Align::right}, {}};
  for (const auto& m : r["ceasefire_by_month"])
    months.rows.push_back({std::to_string(m["month"].get<int>()), percent(m["probability"].get<double>()),
                           fmt::format("{} - {}", percent(m["low"].get<double>()), percent(m["high"].get<double>()))});
  out += months.render() + "\n";

  if (outcomes["ceasefire"].get<std::uint64_t>() > 0) {
    out += "Terms of the ceasefires (share of ceasefire runs):\n";
    TextTable terms{{"Issue", "Value", "Share"}, {Align::left, Align::left, Align::right}, {}};
    for (const auto& issue : r["terms"])
      for (const auto& v : issue["values"])
        if (v["runs"].get<std::uint64_t>() > 0)
          terms.rows.push_back({issue["issue"].get<std::string>(), v["value"].get<std::string>(), percent(v["share"].get<double>())});
    out += terms.render() + "\n";
  }
  const auto& blocking = r["blocking"];
  out += fmt::format(
      "What blocked a deal ({} run-months without one; share of them in which removing this constraint alone "
      "would have opened the ZOPA):\n",
      blocking["run_months_without_deal"].get<std::uint64_t>());
  TextTable blockers{{"Constraint", "Kind", "Share"}, {Align::left, Align::left, Align::right}, {}};
  for (const auto& c : blocking["constraints"])
    blockers.rows.push_back({c["constraint"].get<std::string>(), c["kind"].get<std::string>() == "red_line" ? "red line" : "reservation value",
                             percent(c["share"].get<double>())});
  out += blockers.render();
  const auto& f = r["front_line_at_end"];
  out += fmt::format("\nFront line ('{}' scale) when runs ended: mean {:.1f}, 10% {:.1f}, median {:.1f}, 90% {:.1f}\n",
                     f["issue"].get<std::string>(), f["mean"].get<double>(), f["p10"].get<double>(),
                     f["median"].get<double>(), f["p90"].get<double>());
  return out;
}

std::string summary_csv(const nlohmann::json& r) {
  std::string out = "month,probability,low,high\n";
  for (const auto& m : r["ceasefire_by_month"])
    out += fmt::format("{},{},{},{}\n", m["month"].get<int>(), m["probability"].get<double>(), m["low"].get<double>(),
                       m["high"].get<double>());
  return out;
}

// The belligerents' ids, in the scenario's order (JSON objects sort their keys).
std::pair<std::string, std::string> sides(const nlohmann::json& t) {
  return {t["belligerents"][0].get<std::string>(), t["belligerents"][1].get<std::string>()};
}

std::string trace_table(const nlohmann::json& t) {
  const auto [a, b] = sides(t);
  std::string out = fmt::format("Run {} (seed {}), month by month. Reservation: value of going on fighting; acceptance: "
                                "lowest package utility each veto actor accepts.\n",
                                t["run"].get<std::uint64_t>(), t["options"]["seed"].get<std::uint64_t>());
  TextTable table;
  table.header = {"Month", "Forces " + a, "Forces " + b, "Front", "Trend", "Reserv. " + a, "Reserv. " + b};
  std::vector<std::string> veto;
  for (const auto& [k, v] : t["months"][0]["acceptance"].items()) veto.push_back(k);
  for (const auto& v : veto) table.header.push_back("Accept " + v);
  table.header.push_back("Deal / blocked by");
  table.align.assign(table.header.size() - 1, Align::right);
  table.align.push_back(Align::left);
  for (const auto& m : t["months"]) {
    std::vector<std::string> row{std::to_string(m["month"].get<int>()), fixed(m["forces"][a].get<double>(), 0),
                                 fixed(m["forces"][b].get<double>(), 0), fixed(m["front"].get<double>(), 2),
                                 fixed(m["trend"].get<double>(), 3), fixed(m["reservation"][a].get<double>(), 4),
                                 fixed(m["reservation"][b].get<double>(), 4)};
    for (const auto& v : veto) row.push_back(fixed(m["acceptance"][v].get<double>(), 4));
    std::string last;
    if (!m["deal"].is_null()) {
      last = "DEAL:";
      for (const auto& [issue, value] : m["deal"]["package"].items()) last += fmt::format(" {}={}", issue, value.get<std::string>());
    } else {
      for (const auto& c : m["blocked_by"]) last += (last.empty() ? "" : ", ") + c.get<std::string>();
      if (last.empty()) last = "(no single constraint)";
    }
    row.push_back(last);
    table.rows.push_back(std::move(row));
  }
  out += table.render();
  const auto& o = t["outcome"];
  out += fmt::format("Outcome: {}{}\n", o["kind"].get<std::string>(),
                     o["month"].is_null() ? std::string() : fmt::format(" in month {}", o["month"].get<int>()));
  return out;
}

std::string trace_csv(const nlohmann::json& t) {
  const auto [a, b] = sides(t);
  std::string out = fmt::format("month,forces_{0},forces_{1},losses_{0},losses_{1},front,trend,cost_{0},cost_{1},reservation_{0},reservation_{1},deal\n", a, b);
  for (const auto& m : t["months"])
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", m["month"].get<int>(), m["forces"][a].get<double>(),
                       m["forces"][b].get<double>(), m["losses"][a].get<double>(), m["losses"][b].get<double>(),
                       m["front"].get<double>(), m["trend"].get<double>(), m["cost"][a].get<double>(),
                       m["cost"][b].get<double>(), m["reservation"][a].get<double>(), m["reservation"][b].get<double>(),
                       m["deal"].is_null() ? 0 : 1);
  return out;
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("simulate",
                                 "Bargaining while fighting: Monte Carlo of the war month by month and when a ceasefire "
                                 "becomes possible (needs a dynamics section)");
  struct Args {
    std::string file, format = "table";
    std::optional<std::uint64_t> trace;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("FILE", args->file, "Scenario file with a dynamics section (.yaml/.yml/.json)")->required();
  cmd->add_option("--format", args->format, "table (default), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--trace", args->trace, "Print run RUN (0-based) month by month instead of the summary")->check(whole_number)->type_name("RUN");
  // Every analysis option, from the simulate option table (truce schema simulate).
  auto given = std::make_shared<nlohmann::json>(nlohmann::json::object());
  add_option_flags(*cmd, dynamics::simulate_option_table().specs(), given, "Simulate options");
  const auto store = add_store_options(*cmd);
  cmd->callback([args, store, given] {
    const auto scenario = load_scenario_or_report(args->file);
    if (!scenario) return;  // load_scenario_or_report set the exit code
    if (!scenario->dynamics) {
      std::cerr << fmt::format("{}: error: expected a 'dynamics' section (see docs/dynamics.md), found none; nothing "
                               "to simulate\n", args->file);
      exit_code() = exit_invalid_input;
      return;
    }
    dynamics::SimulateOptions o;
    try {
      o = dynamics::simulate_options_from_json(*given);
    } catch (const std::invalid_argument& e) {
      std::cerr << "truce simulate: " << e.what() << '\n';
      exit_code() = exit_usage;
      return;
    }
    if (args->trace && *args->trace >= o.runs) {
      std::cerr << fmt::format("error: expected --trace below --runs ({}), found {}\n", o.runs, *args->trace);
      exit_code() = exit_usage;
      return;
    }
    std::string out;
    nlohmann::json summary;  // the result stored in the run store (a --trace is not stored)
    try {
      if (args->trace) {
        const auto t = dynamics::simulate_trace(*scenario, o, *args->trace);
        out = args->format == "json" ? t.dump(2) + "\n" : args->format == "csv" ? trace_csv(t) : trace_table(t);
      } else {
        const auto r = dynamics::simulate(*scenario, o);
        summary = r;
        out = args->format == "json" ? r.dump(2) + "\n" : args->format == "csv" ? summary_csv(r) : summary_table(*scenario, r);
      }
    } catch (const WorkTooLarge&) {
      throw;  // main: exit_too_large
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {  // a scenario the model cannot take
      std::cerr << fmt::format("{}: error: {}\n", args->file, e.what());
      exit_code() = exit_invalid_input;
      return;
    }
    std::cout << out << std::flush;
    if (summary.is_null()) return;
    const Analysis* analysis = find_analysis("simulate");
    exit_code() = record_run(*store, "simulate", *scenario, args->file,
                             analysis->complete_options(*scenario, dynamics::simulate_options_to_json(o)), summary);
  });
}

}  // namespace truce::cli
