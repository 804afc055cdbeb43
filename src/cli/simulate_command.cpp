// `truce simulate FILE`: Monte Carlo of bargaining while fighting (docs/dynamics.md): the
// probability of a ceasefire by month, its terms, the median month and what blocked a deal;
// `--trace RUN` shows one run month by month.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "truce/core/work_budget.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/reference_data.hpp"
#include "truce/dynamics/simulate.hpp"
#include "truce/format/text_table.hpp"

namespace truce::cli {

namespace {

std::string percent(double p) { return fmt::format("{:.1f}%", 100.0 * p); }

std::string month_text(const std::optional<int>& m) { return m ? std::to_string(*m) : std::string("none"); }

// "20% (1 of 5)"; "-" when nothing is known.
std::string share_text(double share, std::size_t part, std::size_t whole) {
  if (whole == 0) return "-";
  return fmt::format("{} ({} of {})", percent(share), part, whole);
}

// The historical base rate at M more months beside the simulated probability by month M.
std::string history_sentence(const dynamics::SimulateResult& r, int m) {
  const auto& c = r.history->curve;
  const auto& b = c.within[static_cast<std::size_t>(m)];
  std::string s = fmt::format("within {} more months {} ended ({} by agreement: {} peace, {} ceasefire; {} by victory, {} "
                              "by low activity or other)",
                              m, share_text(b.share_ended(), b.ended.total(), b.known()),
                              b.known() ? percent(b.share_by_agreement()) : "-", b.ended.peace_agreement,
                              b.ended.ceasefire_agreement, b.ended.victory, b.ended.low_activity_or_other);
  if (b.censored)
    s += fmt::format(" [{} still going on when the data end, before that, left out]", b.censored);
  return s + fmt::format("; simulated: {} by month {}", percent(r.ceasefire_by_month[static_cast<std::size_t>(m)].probability),
                         m);
}

// What history says beside the curve: the base rate at 12 months and at the horizon, and the
// wars behind it, so a reader can judge a sample this small.
std::string history_text(const dynamics::SimulateResult& r) {
  if (!r.history) return "";
  const auto& h = *r.history;
  const auto& c = h.curve;
  const int horizon = r.options.months;
  std::string out = fmt::format(
      "History: of {} interstate armed conflicts (UCDP conflict episodes 1946-2020) that had lasted {} months, as this "
      "war has "
      "({} to {}):\n",
      c.at_risk.size(), c.lasted_months, h.war_started, h.as_of);
  if (c.at_risk.empty()) return out + "  none: no interstate conflict in the data lasted that long.\n";
  if (horizon >= 12) out += "  " + history_sentence(r, 12) + ".\n";
  if (horizon != 12) out += "  " + history_sentence(r, horizon) + ".\n";
  std::string wars;
  for (const auto& e : c.at_risk)
    wars += fmt::format("{}{} {}-{} ({})", wars.empty() ? "" : "; ", e.location, e.first_year, e.last_year,
                        e.months ? fmt::format("{} after {} months", history::ending_words(e.ending), *e.months)
                                 : history::ending_words(e.ending));
  out += "  They are: " + wars + ".\n";
  out += fmt::format("  Not a validation of the model: the base rate it can be compared with. Source: {}.\n\n", c.citation);
  return out;
}

// The spread across model structures (the same runs with a switch flipped): model
// uncertainty, which the Monte Carlo interval does not hold.
std::string structures_text(const dynamics::SimulateResult& r) {
  if (r.structures.size() < 2) return "";
  std::string out = "Across model structures (the same runs, a switch the scenario sets flipped):\n";
  for (std::size_t k = 0; k < r.structures.front().at.size(); ++k) {
    double low = 1, high = 0;
    std::string each;
    for (const auto& s : r.structures) {
      const double p = s.at[k].probability;
      low = std::min(low, p);
      high = std::max(high, p);
      each += fmt::format("{}{} {}", each.empty() ? "" : ", ", s.structure, percent(p));
    }
    out += fmt::format("  by month {}: {} to {} ({})\n", r.structures.front().at[k].month, percent(low), percent(high), each);
  }
  return out + "  The interval below is Monte Carlo error only; this spread is the model's.\n\n";
}

std::string summary_table(const Scenario& scenario, const dynamics::SimulateResult& r) {
  const auto& o = r.options;
  std::string out = fmt::format("{}: {} runs x {} months, seed {}\n", scenario.name, o.runs, o.months, o.seed);
  out += fmt::format("Belligerents: {}, {}. A ceasefire needs every veto actor: ", r.belligerents[0], r.belligerents[1]);
  std::string veto;
  for (const auto& v : r.veto_actors) veto += (veto.empty() ? "" : ", ") + v;
  out += veto + ".\n\n";
  out += fmt::format("Ceasefire within {} months: {} of runs. Median month: {} among ceasefires; {}.\n", o.months,
                     percent(r.probability_of_ceasefire), month_text(r.median_month_of_ceasefires),
                     r.median_month_of_all_runs
                         ? fmt::format("over all runs, {}", *r.median_month_of_all_runs)
                         : fmt::format("over all runs, not within {} months (fewer than half settle)", o.months));
  // Belligerents by id, as this table has always listed them.
  std::array<std::size_t, 2> by_id{0, 1};
  if (r.belligerents[1] < r.belligerents[0]) by_id = {1, 0};
  std::string collapses;
  for (const std::size_t s : by_id)
    collapses += fmt::format("{}{} collapsed (fell to its breaking point) in {}", collapses.empty() ? "" : ", ",
                             r.belligerents[s], r.collapses[s]);
  for (const std::size_t s : by_id)
    collapses += fmt::format(", {} won (front at its end of the scale) in {}", r.belligerents[s], r.victories[s]);
  if (r.ceasefire_holding_by_month.empty()) {
    out += fmt::format("Outcomes: {} ceasefires, {} without a deal by the horizon; {}.\n\n", r.ceasefires,
                       r.no_deal_by_horizon, collapses);
  } else {
    out += fmt::format(
        "Outcomes: {} runs signed a ceasefire; at the horizon {} hold one, {} are fighting ({} runs saw a ceasefire "
        "break down); {}.\n\n",
        r.ceasefires, r.ceasefire_holding_at_horizon, r.no_deal_by_horizon, r.runs_with_breakdown, collapses);
  }

  out += structures_text(r);
  out += history_text(r);
  TextTable months{{"Month", "P(ceasefire by month)", "95% interval"}, {Align::right, Align::right, Align::right}, {}};
  const bool holding = !r.ceasefire_holding_by_month.empty();
  if (holding) {
    // A ceasefire can break down: beside "signed by m", the share in which one holds at m.
    months.header.insert(months.header.end(), {"P(holding at month)", "95% interval"});
    months.align.insert(months.align.end(), {Align::right, Align::right});
  }
  if (r.history) {
    // Beside the curve: the share of the wars of the same age that had ended m months on.
    months.header.insert(months.header.end(), {"History: ended", "by agreement"});
    months.align.insert(months.align.end(), {Align::right, Align::right});
  }
  for (const auto& m : r.ceasefire_by_month) {
    std::vector<std::string> row{std::to_string(m.month), percent(m.probability),
                                 fmt::format("{} - {}", percent(m.low), percent(m.high))};
    if (holding) {
      const auto& h = r.ceasefire_holding_by_month[static_cast<std::size_t>(m.month)];
      row.push_back(percent(h.probability));
      row.push_back(fmt::format("{} - {}", percent(h.low), percent(h.high)));
    }
    if (r.history) {
      const auto& b = r.history->curve.within[static_cast<std::size_t>(m.month)];
      row.push_back(b.known() ? percent(b.share_ended()) : "-");
      row.push_back(b.known() ? percent(b.share_by_agreement()) : "-");
    }
    months.rows.push_back(std::move(row));
  }
  out += months.render() + "\n";

  if (r.ceasefires > 0) {
    out += "Terms of the ceasefires (share of ceasefire runs):\n";
    TextTable terms{{"Issue", "Value", "Share"}, {Align::left, Align::left, Align::right}, {}};
    for (const auto& issue : r.terms)
      for (const auto& v : issue.values)
        if (v.runs > 0) terms.rows.push_back({issue.issue, v.value, percent(v.share)});
    out += terms.render() + "\n";
  }
  out += fmt::format(
      "What blocked a deal ({} run-months without one; share of them in which removing this constraint alone "
      "would have opened the ZOPA):\n",
      r.run_months_without_deal);
  TextTable blockers{{"Constraint", "Kind", "Share"}, {Align::left, Align::left, Align::right}, {}};
  for (const auto& c : r.blocking)
    blockers.rows.push_back({c.constraint, c.kind == dynamics::ConstraintKind::red_line ? "red line" : "reservation value",
                             percent(c.share)});
  out += blockers.render();
  const auto& f = r.front_line_at_end;
  out += fmt::format("\nFront line ('{}' scale) when runs ended: mean {:.1f}, 10% {:.1f}, median {:.1f}, 90% {:.1f}\n",
                     f.issue, f.mean, f.p10, f.median, f.p90);
  // The terms as a distribution: whole packages by frequency, and where the front stood when
  // the ceasefires came (what drives them).
  if (!r.frequent_packages.empty()) {
    const auto& c = r.front_line_at_ceasefire;
    out += fmt::format("Front line at the ceasefires: mean {:.1f}, 10% {:.1f}, median {:.1f}, 90% {:.1f}\n", c.mean, c.p10,
                       c.median, c.p90);
    out += "Most frequent ceasefire packages (share of ceasefire runs):\n";
    for (const auto& p : r.frequent_packages) {
      std::string terms;
      for (const auto& [issue, value] : p.terms) terms += (terms.empty() ? "" : ", ") + issue + "=" + value;
      out += fmt::format("  {:>6}  {}\n", percent(p.share), terms);
    }
  }
  return out;
}

std::string summary_csv(const dynamics::SimulateResult& r) {
  // Where a ceasefire can break down, the probability one holds at each month; with a dated
  // war, the historical base rate beside each month (empty where nothing is known).
  const bool holding = !r.ceasefire_holding_by_month.empty();
  std::string out = "month,probability,low,high";
  if (holding) out += ",holding,holding_low,holding_high";
  out += r.history ? ",history_ended,history_by_agreement,history_known\n" : "\n";
  for (const auto& m : r.ceasefire_by_month) {
    out += fmt::format("{},{},{},{}", m.month, m.probability, m.low, m.high);
    if (holding) {
      const auto& h = r.ceasefire_holding_by_month[static_cast<std::size_t>(m.month)];
      out += fmt::format(",{},{},{}", h.probability, h.low, h.high);
    }
    if (r.history) {
      const auto& b = r.history->curve.within[static_cast<std::size_t>(m.month)];
      out += b.known() ? fmt::format(",{},{},{}", b.share_ended(), b.share_by_agreement(), b.known()) : ",,,0";
    }
    out += '\n';
  }
  return out;
}

std::string trace_table(const dynamics::SimulateTrace& t) {
  const auto& a = t.belligerents[0];
  const auto& b = t.belligerents[1];
  std::string out = fmt::format("Run {} (seed {}), month by month. Reservation: value of going on fighting; acceptance: "
                                "lowest package utility each veto actor accepts.\n",
                                t.run, t.options.seed);
  TextTable table;
  table.header = {"Month", "Forces " + a, "Forces " + b, "Front", "Trend", "Reserv. " + a, "Reserv. " + b};
  // Veto actors and a deal's issues by id, as this table has always listed them.
  std::vector<std::size_t> veto(t.veto_actors.size());
  for (std::size_t v = 0; v < veto.size(); ++v) veto[v] = v;
  std::sort(veto.begin(), veto.end(), [&](std::size_t x, std::size_t y) { return t.veto_actors[x] < t.veto_actors[y]; });
  for (const auto v : veto) table.header.push_back("Accept " + t.veto_actors[v]);
  table.header.push_back("Deal / blocked by");
  table.align.assign(table.header.size() - 1, Align::right);
  table.align.push_back(Align::left);
  for (const auto& m : t.months) {
    std::vector<std::string> row{std::to_string(m.month), fixed(m.forces[0], 0), fixed(m.forces[1], 0), fixed(m.front, 2),
                                 fixed(m.trend, 3),       fixed(m.reservation[0], 4), fixed(m.reservation[1], 4)};
    for (const auto v : veto) row.push_back(fixed(m.acceptance[v], 4));
    std::string last;
    if (m.deal) {
      auto terms = *m.deal;
      std::sort(terms.begin(), terms.end());
      last = "DEAL:";
      for (const auto& [issue, value] : terms) last += fmt::format(" {}={}", issue, value);
    } else {
      for (const auto& c : m.blocked_by) last += (last.empty() ? "" : ", ") + c;
      if (last.empty()) last = "(no single constraint)";
    }
    row.push_back(last);
    table.rows.push_back(std::move(row));
  }
  out += table.render();
  out += fmt::format("Outcome: {}{}\n", t.outcome,
                     t.outcome_month ? fmt::format(" in month {}", *t.outcome_month) : std::string());
  return out;
}

std::string trace_csv(const dynamics::SimulateTrace& t) {
  const auto& a = t.belligerents[0];
  const auto& b = t.belligerents[1];
  std::string out = fmt::format("month,forces_{0},forces_{1},losses_{0},losses_{1},front,trend,cost_{0},cost_{1},reservation_{0},reservation_{1},deal\n", a, b);
  for (const auto& m : t.months)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", m.month, m.forces[0], m.forces[1], m.losses[0], m.losses[1],
                       m.front, m.trend, m.cost[0], m.cost[1], m.reservation[0], m.reservation[1], m.deal ? 1 : 0);
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
        const auto t = dynamics::simulate_run_trace(*scenario, o, *args->trace);
        out = args->format == "json"  ? dynamics::to_json(t).dump(2) + "\n"
              : args->format == "csv" ? trace_csv(t)
                                      : trace_table(t);
      } else {
        // The base rate beside the curve comes from the table compiled into the binary, so it
        // is the same from any working directory (analysis/reference_data.hpp).
        const auto r = dynamics::simulate_with_structures(*scenario, o, &ucdp_conflict_termination());
        summary = dynamics::to_json(r);
        out = args->format == "json" ? summary.dump(2) + "\n" : args->format == "csv" ? summary_csv(r) : summary_table(*scenario, r);
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
    // o was parsed by the table: its JSON is the complete options.
    exit_code() = record_run(*store, "simulate", *scenario, args->file, dynamics::simulate_options_to_json(o), summary);
  });
}

}  // namespace truce::cli
