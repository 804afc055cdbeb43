// `truce forecast FILE`: where each issue settles under each forecasting model, side by side
// with the nearest named point. Thin: builds the options JSON from flags, runs the
// "forecast" analysis through the registry, prints.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/forecast/red_line_check.hpp"
#include "truce/format/text_table.hpp"

namespace truce::cli {

namespace {

using nlohmann::json;

struct ForecastFlags {
  std::string file;
  std::string format = "table";
  bool history = false;
  bool trades = false;
};

// --- Issue #13 item 3: what a cell rests on, marked beside it (the notes say more).
std::string stability_mark(const IssueForecast& f) {
  if (f.cycle) return " (cycle mean)";
  if (f.nash && f.nash->degenerate) return " (degenerate)";
  if (f.nash && !f.nash->feasible) return " (status quo stands)";
  if (f.converged && !*f.converged) return " (not converged)";
  return "";
}

constexpr const char* stability_legend =
    "(cycle mean: the EUM's rounds repeat, the cell is the mean over one cycle; not converged: the round limit "
    "ended the run; degenerate: an actor stands on Nash's disagreement point, no forecast; status quo stands: no "
    "position gives every actor a gain over Nash's disagreement point)\n";
// --- end of issue #13 item 3

std::string cell(const IssueForecast& forecast) {
  if (std::isnan(forecast.position)) return "-" + stability_mark(forecast);
  std::string text = fixed(forecast.position, 1);
  if (forecast.interval)
    text = fmt::format("{:.0f} ({:.0f}%: {:.0f}..{:.0f})", forecast.position, 100 * forecast.interval->level,
                       forecast.interval->low, forecast.interval->high);
  if (forecast.nearest_point) text += fmt::format(" ~ {}", forecast.nearest_point->id);
  return text + stability_mark(forecast);
}

std::string model_title(const std::string& name) {
  const ForecastModel* model = find_forecast_model(name);
  return model ? model->title : name;
}

// --- Red lines and options issues ---
// An options issue's cell: the forecast option and its probability.
std::string options_cell(const IssueForecast& forecast) {
  if (!forecast.option) return "-";
  for (const auto& p : forecast.option_probabilities)
    if (p.option == *forecast.option) return fmt::format("{} {}", p.option, fixed(p.probability, 2));
  return *forecast.option;
}

// The forecast as the footnotes quote it: the position as its cell shows it, or the option.
std::string term_text(const IssueForecast& forecast) {
  return forecast.option ? *forecast.option : fixed(forecast.position, 1);
}

// One line per red line a forecast crosses: veto actors' first (a cell marked "!"), then the
// others'.
std::string red_line_footnotes(const ForecastAnalysisResult& result, const Scenario& scenario) {
  std::string veto, other;
  for (std::size_t k = 0; k < result.issues.size(); ++k) {
    const auto& issue = result.issues[k];
    for (const auto& f : issue.forecasts)
      for (const bool is_veto : {true, false})
        for (const auto& id : is_veto ? f.veto_red_lines_crossed : f.other_red_lines_crossed) {
          const auto actor = find_actor(scenario, id);
          if (!actor) continue;  // the result names the scenario's actors
          (is_veto ? veto : other) +=
              fmt::format("{}{} on {}: {}\n", is_veto ? "! " : "  ", model_title(f.model), issue.id,
                          describe_red_line_crossing(scenario, k, term_text(f), {*actor, is_veto}));
        }
  }
  return veto + other;
}

std::string as_table(const ForecastAnalysisResult& result, const Scenario& scenario) {
  std::ostringstream out;
  auto describe_mode = [](ForecastMode mode) {
    return mode == ForecastMode::joint ? "joint (all scale issues together)" : "per issue (each issue on its own)";
  };
  std::string mode = describe_mode(result.mode);
  for (const auto& m : result.models)
    if (m.forecast.model == "smp" && m.forecast.mode != result.mode)
      mode += fmt::format("; SMP {}", describe_mode(m.forecast.mode));
  out << fmt::format("Forecast: {}\nMode: {}\n\n", result.scenario, mode);
  TextTable table;
  table.header = {"Issue"};
  table.align = {Align::left};
  for (const auto& m : result.models) {
    table.header.push_back(model_title(m.forecast.model));
    table.align.push_back(Align::left);
  }
  for (const auto& issue : result.issues) {
    std::vector<std::string> row = {issue.id};
    for (const auto& f : issue.forecasts)
      row.push_back((issue.kind == IssueKind::options ? options_cell(f) : cell(f)) +
                    (f.veto_red_lines_crossed.empty() ? "" : " !"));
    table.rows.push_back(row);
  }
  out << table.render();
  out << "\n(position 0..100 ~ nearest named point; `truce show` lists the points. Options issues: the forecast "
         "option and its probability. !: outside a veto actor's red line)\n";
  if (const std::string notes = red_line_footnotes(result, scenario); !notes.empty())
    out << "\nRed lines crossed:\n" << notes;
  bool any_mark = false;  // issue #13 item 3
  for (const auto& issue : result.issues)
    for (const auto& f : issue.forecasts) any_mark = any_mark || !stability_mark(f).empty();
  if (any_mark) out << stability_legend;
  for (const auto& m : result.models) {
    const ForecastResult& r = m.forecast;
    out << fmt::format("\n{}:\n", model_title(r.model));
    if (!r.parameters.empty()) {
      std::string line;
      for (const auto& [name, value] : r.parameters) line += fmt::format("{}{}={}", line.empty() ? "" : ", ", name, value);
      out << "  parameters: " << line << '\n';
    }
    bool any_rounds = false;
    std::string rounds;
    for (std::size_t k = 0; k < result.issues.size(); ++k) {
      const int n = r.rounds_by_issue.at(k);
      if (n > 0) any_rounds = true;
      if (result.issues[k].kind == IssueKind::scale)
        rounds += fmt::format("{}{}={}", rounds.empty() ? "" : ", ", result.issues[k].id, n);
    }
    if (any_rounds || r.model == "eum" || r.model == "smp") out << "  rounds: " << rounds << '\n';
    for (const auto& note : r.notes) out << "  note: " << note << '\n';
  }
  return out.str();
}


std::string as_csv(const ForecastAnalysisResult& result) {
  std::ostringstream out;
  out << "issue,model,position,nearest_point,nearest_point_position,rounds,mode,"
         "option,option_probability,veto_red_lines_crossed,other_red_lines_crossed,interval_low,interval_high\n";
  const char* mode = result.mode == ForecastMode::joint ? "joint" : "per_issue";
  // Red lines crossed: actor ids joined by ';'.
  auto ids = [](const std::vector<std::string>& v) {
    std::string joined;
    for (const auto& id : v) joined += (joined.empty() ? "" : ";") + id;
    return csv_field(joined);
  };
  for (const auto& issue : result.issues)
    for (const auto& f : issue.forecasts) {
      const auto& p = f.nearest_point;
      out << fmt::format("{},{},{},{},{},{},{}", csv_field(issue.id), f.model,
                         std::isnan(f.position) ? "" : fmt::format("{:.6f}", f.position), p ? csv_field(p->id) : "",
                         p ? fmt::format("{:.6f}", p->position) : "", f.rounds, mode);
      // --- Red lines and options issues ---
      std::string probability;
      for (const auto& o : f.option_probabilities)
        if (f.option && o.option == *f.option) probability = fmt::format("{:.6f}", o.probability);
      out << fmt::format(",{},{},{},{}", f.option ? csv_field(*f.option) : "", probability,
                         ids(f.veto_red_lines_crossed), ids(f.other_red_lines_crossed));
      // The ensemble's prediction interval (its level: the JSON, docs/backtest.md).
      out << fmt::format(",{},{}\n", f.interval ? fmt::format("{:.6f}", f.interval->low) : "",
                         f.interval ? fmt::format("{:.6f}", f.interval->high) : "");
    }
  return out.str();
}

// KTAB's position log layout: "actor,dimension,v0,v1,..." with %.1f, one row per actor and
// scale issue, actor-major (see data/ktab/reference/*.history.csv).
std::string as_history(const ForecastAnalysisResult& result, const Scenario& scenario) {
  std::ostringstream out;
  std::vector<const ForecastResult*> iterative;
  for (const auto& m : result.models)
    if (!m.forecast.history.empty()) iterative.push_back(&m.forecast);
  for (const ForecastResult* m : iterative) {
    if (iterative.size() > 1) out << "# model: " << m->model << '\n';
    const auto& history = m->history;
    for (std::size_t a = 0; a < scenario.actors.size(); ++a)
      for (std::size_t k = 0; k < scenario.issues.size() && k < history.size(); ++k) {
        const auto& rounds = history[k];
        if (rounds.empty() || std::isnan(rounds[0][a])) continue;
        out << scenario.actors[a].name << ',' << scenario.issues[k].name;
        for (const auto& round : rounds) out << fmt::format(",{:.1f}", round[a]);
        out << '\n';
      }
  }
  if (iterative.empty()) out << "# no iterative model (eum, smp, exchange) was run: no history\n";
  return out.str();
}

// Every exchange the exchange model realised, in order: who moved on which issue, how far,
// in return for the partner's move on the other.
std::string as_trades(const ForecastAnalysisResult& result) {
  std::ostringstream out;
  const std::vector<ExchangeTrade>* trades = nullptr;
  for (const auto& m : result.models)
    if (m.forecast.trades) trades = &*m.forecast.trades;
  if (!trades) return "# the exchange model was not run (--model exchange): no trades\n";
  out << fmt::format("Trades: {} (exchange model, {} exchanges; positions 0..100)\n\n", result.scenario, trades->size());
  TextTable table;
  table.header = {"Round", "Actor", "Moves on", "From", "To", "In return, partner", "Moves on", "From", "To", "Gain"};
  table.align = {Align::right, Align::left, Align::left, Align::right, Align::right,
                 Align::left,  Align::left, Align::right, Align::right, Align::right};
  for (const auto& t : *trades)
    table.rows.push_back({std::to_string(t.round), t.i.actor, t.i.moves_on, fixed(t.i.from, 2), fixed(t.i.to, 2), t.j.actor,
                          t.j.moves_on, fixed(t.j.from, 2), fixed(t.j.to, 2), fmt::format("{:.6f}", t.gain)});
  out << table.render();
  out << "\n(each row: the actor concedes on its issue, the partner on the other; equal utility gains)\n";
  return out.str();
}

}  // namespace

void add_forecast_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("forecast", "Forecast where each issue settles, under every forecasting model");
  auto f = std::make_shared<ForecastFlags>();
  cmd->add_option("FILE", f->file, "Scenario file: .yaml/.yml/.json, a KTAB actor-table .csv, or an "
                                   "Actor,Capability,Position,Salience table")
      ->required();
  cmd->add_option("--format", f->format, "table (default), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_flag("--history", f->history,
                "Print each actor's position round by round for the iterative models (eum, smp, exchange), in the layout "
                "of KTAB's position log: actor,dimension,v0,v1,...");
  cmd->add_flag("--trades", f->trades,
                "Print every exchange the exchange model made (who moved on which issue, how far, for which, the "
                "gain) instead of the table");
  // Every analysis option, from the forecast's option table (truce schema forecast).
  auto given = std::make_shared<json>(json::object());
  add_option_flags(*cmd, forecast_option_table().specs(), given, "Forecast options");

  const auto store = add_store_options(*cmd);
  cmd->callback([f, store, given] {
    const auto scenario = load_scenario_or_report(f->file);
    if (!scenario) return;  // load_scenario_or_report set the exit code
    json options = *given;
    const Analysis* analysis = find_analysis("forecast");
    std::optional<ForecastAnalysisResult> result;
    try {
      options = analysis->complete_options(*scenario, options);
      result = std::get<ForecastAnalysisResult>(analysis->typed_run(*scenario, options));
    } catch (const std::invalid_argument& e) {
      std::cerr << "truce forecast: " << e.what() << '\n';
      exit_code() = exit_usage;
      return;
    }
    const json result_json = to_json(*result);
    if (f->trades)
      std::cout << as_trades(*result);
    else if (f->history)
      std::cout << as_history(*result, *scenario);
    else if (f->format == "json")
      std::cout << result_json.dump(2) << '\n';
    else if (f->format == "csv")
      std::cout << as_csv(*result);
    else
      std::cout << as_table(*result, *scenario);
    std::cout.flush();
    exit_code() = record_run(*store, "forecast", *scenario, f->file, options, result_json);
  });
}

}  // namespace truce::cli
