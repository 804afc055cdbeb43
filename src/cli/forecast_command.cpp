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
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/format/text_table.hpp"

namespace truce::cli {

namespace {

using nlohmann::json;

struct ForecastFlags {
  std::string file;
  std::vector<std::string> models;
  std::string format = "table";
  std::string mode;  // empty: each model's default (per issue; SMP joint, as KTAB)
  bool history = false;
  std::vector<std::string> status_quo;  // ISSUE=VALUE
  std::string default_status_quo;
  std::map<std::string, std::string> eum_text;  // flag -> value, for enum-like options
  std::optional<int> eum_rounds;
  std::optional<double> eum_q, eum_t, eum_tolerance;
  std::map<std::string, std::string> smp_text;
  std::optional<int> smp_max_turns;
  std::optional<double> smp_stop_fraction;
  bool trades = false;
  std::optional<int> exchange_rounds;
  std::string exchange_semantics, exchange_gain;
  std::optional<double> exchange_fixed_weight, exchange_salience_weight;
};

std::string cell(const IssueForecast& forecast) {
  if (std::isnan(forecast.position)) return "-";
  std::string text = fixed(forecast.position, 1);
  if (forecast.nearest_point) text += fmt::format(" ~ {}", forecast.nearest_point->id);
  return text;
}

std::string model_title(const std::string& name) {
  if (name == "compromise") return "Compromise";
  if (name == "median") return "Median";
  if (name == "nash") return "Nash";
  if (name == "eum") return "EUM";
  if (name == "smp") return "SMP";
  if (name == "exchange") return "Exchange";
  return name;
}

std::string as_table(const ForecastAnalysisResult& result) {
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
    for (const auto& f : issue.forecasts) row.push_back(issue.kind == IssueKind::options ? "n/a" : cell(f));
    table.rows.push_back(row);
  }
  out << table.render();
  out << "\n(position 0..100 ~ nearest named point; `truce show` lists the points)\n";
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

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string as_csv(const ForecastAnalysisResult& result) {
  std::ostringstream out;
  out << "issue,model,position,nearest_point,nearest_point_position,rounds,mode\n";
  const char* mode = result.mode == ForecastMode::joint ? "joint" : "per_issue";
  for (const auto& issue : result.issues)
    for (const auto& f : issue.forecasts) {
      const auto& p = f.nearest_point;
      out << fmt::format("{},{},{},{},{},{},{}\n", csv_field(issue.id), f.model,
                         std::isnan(f.position) ? "" : fmt::format("{:.6f}", f.position), p ? csv_field(p->id) : "",
                         p ? fmt::format("{:.6f}", p->position) : "", f.rounds, mode);
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
    if (m.trades) trades = &*m.trades;
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
  cmd->add_option("--model", f->models, "Run only this model (repeatable): compromise, median, nash, eum, smp, exchange")
      ->check(CLI::IsMember({"compromise", "median", "nash", "eum", "smp", "exchange"}));
  cmd->add_option("--format", f->format, "table (default), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--mode", f->mode, "per-issue or joint (all scale issues together) for every model; default: per issue, SMP joint as KTAB")
      ->check(CLI::IsMember({"per-issue", "joint"}));
  cmd->add_flag("--history", f->history,
                "Print each actor's position round by round for the iterative models (eum, smp, exchange), in the layout "
                "of KTAB's position log: actor,dimension,v0,v1,...");
  cmd->add_option("--nash-status-quo", f->status_quo, "Status quo of a scale issue for the Nash model: ISSUE=POSITION "
                                                      "(repeatable)");
  cmd->add_option("--nash-default-status-quo", f->default_status_quo,
                  "far_end (default: the scale end farther from the weighted mean) or near_end")
      ->check(CLI::IsMember({"far_end", "near_end"}));
  cmd->add_option_function<int>("--eum-rounds", [f](int v) { f->eum_rounds = v; }, "EUM: round limit (default 500; 8 with --eum-reading scholz_code)");
  cmd->add_option_function<double>("--eum-q", [f](double v) { f->eum_q = v; }, "EUM: Q of eq. 7, 0..1 (default 0.5; 1 with --eum-reading scholz_code)");
  cmd->add_option_function<double>("--eum-t", [f](double v) { f->eum_t = v; }, "EUM: T of eq. 7, 0..1, used with --eum-t-rule fixed (default 0)");
  cmd->add_option_function<double>("--eum-tolerance", [f](double v) { f->eum_tolerance = v; },
                                   "EUM: stop when no position moves more than this (default 0.01 on 0..100; 0 with --eum-reading scholz_code)");
  const std::vector<std::pair<std::string, std::string>> eum_choices = {
      {"reading", "paper (default) or scholz_code: a named set of the options below (docs/forecast.md); "
                  "options given with it override it"},
      {"centre", "weighted_median (default) or weighted_mean: mu in U_b, U_w"},
      {"range", "current_positions (default), initial_positions or scale: R"},
      {"risk", "each_round (default), once or neutral: risk exponents"},
      {"security", "others_against (default) or own_challenges: security level"},
      {"probability", "supporters_only (default), net_clamped or all_votes: P^i"},
      {"t-rule", "by_case (default: the paper's cases) or fixed (--eum-t): T"},
      {"conflict", "loser_moves (default) or no_move: both expected utilities positive"},
      {"offer-choice", "strongest_sender (default), least_move or scholz_code: which offer an actor takes"},
      {"perspective", "own_risk (default), challenger_risk or receiver_risk: whose r prices the dyad"},
      {"update", "simultaneous (default) or sequential"},
      {"compromise", "concede_ratio (default) or keep_ratio: reading of x_hat"},
      {"forecast", "weighted_median (default) or weighted_mean of the final positions"}};
  for (const auto& [name, choices] : eum_choices) {
    const std::string key = name;
    cmd->add_option_function<std::string>(
        "--eum-" + name, [f, key](const std::string& v) { f->eum_text[key] = v; }, "EUM: " + choices);
  }
  // SMP: KTAB's parameters with KTAB's value names (checked by the SMP model).
  const std::vector<std::pair<std::string, std::string>> smp_choices = {
      {"victory-prob", "victory_probability"}, {"vote-rule", "vote_rule"},
      {"pce", "pce"},                          {"big-r-range", "big_r_range"},
      {"big-r-adjust", "big_r_adjust"},        {"third-party-commit", "third_party_commit"},
      {"interpolation", "interpolation"},      {"bargain-model", "bargain_model"}};
  for (const auto& [flag, key] : smp_choices) {
    const std::string k = key;
    cmd->add_option_function<std::string>(
        "--smp-" + flag, [f, k](const std::string& v) { f->smp_text[k] = v; }, "SMP: KTAB's " + key);
  }
  cmd->add_option_function<int>("--smp-max-turns", [f](int v) { f->smp_max_turns = v; }, "SMP: turn limit (KTAB: 100)");
  cmd->add_option_function<double>("--smp-stop-fraction", [f](double v) { f->smp_stop_fraction = v; },
                                   "SMP: stop when a turn moves less than this fraction of the first turn");

  // Exchange model (Stokman): docs/forecast.md, "Exchange model".
  cmd->add_flag("--trades", f->trades,
                "Print every exchange the exchange model made (who moved on which issue, how far, for which, the "
                "gain) instead of the table");
  cmd->add_option_function<int>("--exchange-rounds", [f](int v) { f->exchange_rounds = v; },
                                "Exchange: rounds (default 10, as Decide; no convergence test)");
  cmd->add_option("--exchange-semantics", f->exchange_semantics,
                  "Exchange: model (default: the papers' rules) or decide (the Decide implementation's, quirks included)")
      ->check(CLI::IsMember({"model", "decide"}));
  cmd->add_option("--exchange-gain", f->exchange_gain, "Exchange: the gain rule, equal (default; the only one)")
      ->check(CLI::IsMember({"equal"}));
  cmd->add_option_function<double>("--exchange-fixed-weight", [f](double v) { f->exchange_fixed_weight = v; },
                                   "Exchange: position update x' = x + (F + S(1 - salience))(y - x), F (default 0.1)");
  cmd->add_option_function<double>("--exchange-salience-weight", [f](double v) { f->exchange_salience_weight = v; },
                                   "Exchange: the S of the position update (default 0.4)");

  const auto store = add_store_options(*cmd);
  cmd->callback([f, store] {
    const auto scenario = load_scenario_or_report(f->file);
    if (!scenario) return;  // load_scenario_or_report set the exit code
    json options = json::object();
    if (!f->models.empty()) options["models"] = f->models;
    if (!f->mode.empty()) options["mode"] = f->mode == "joint" ? "joint" : "per_issue";
    json nash = json::object();
    if (!f->default_status_quo.empty()) nash["default_status_quo"] = f->default_status_quo;
    for (const auto& item : f->status_quo) {
      const auto eq = item.find('=');
      double value = 0;
      std::size_t used = 0;
      bool ok = eq != std::string::npos && eq > 0;
      if (ok) {
        try {
          value = std::stod(item.substr(eq + 1), &used);
          ok = used == item.size() - eq - 1;
        } catch (const std::exception&) {
          ok = false;
        }
      }
      if (!ok) {
        std::cerr << fmt::format("--nash-status-quo: expected ISSUE=POSITION, found '{}'\n", item);
        exit_code() = exit_usage;
        return;
      }
      nash["status_quo"][item.substr(0, eq)] = value;
    }
    options["nash"] = nash;
    json eum = json::object();
    if (f->eum_rounds) eum["max_rounds"] = *f->eum_rounds;
    if (f->eum_q) eum["q"] = *f->eum_q;
    if (f->eum_t) eum["t"] = *f->eum_t;
    if (f->eum_tolerance) eum["tolerance"] = *f->eum_tolerance;
    for (const auto& [k, v] : f->eum_text) {
      std::string key = k;
      std::replace(key.begin(), key.end(), '-', '_');  // offer-choice -> offer_choice, t-rule -> t_rule
      eum[key] = v;
    }
    options["eum"] = eum;
    json smp = json::object();
    for (const auto& [k, v] : f->smp_text) smp[k] = v;
    if (f->smp_max_turns) smp["max_turns"] = *f->smp_max_turns;
    if (f->smp_stop_fraction) smp["stop_fraction"] = *f->smp_stop_fraction;
    if (!f->mode.empty()) smp["mode"] = options["mode"];  // --mode applies to every model
    options["smp"] = smp;
    json exchange = json::object();
    if (f->exchange_rounds) exchange["rounds"] = *f->exchange_rounds;
    if (!f->exchange_semantics.empty()) exchange["semantics"] = f->exchange_semantics;
    if (!f->exchange_gain.empty()) exchange["gain"] = f->exchange_gain;
    if (f->exchange_fixed_weight) exchange["fixed_weight"] = *f->exchange_fixed_weight;
    if (f->exchange_salience_weight) exchange["salience_weight"] = *f->exchange_salience_weight;
    options["exchange"] = exchange;

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
      std::cout << as_table(*result);
    std::cout.flush();
    exit_code() = record_run(*store, "forecast", *scenario, f->file, options, result_json);
  });
}

}  // namespace truce::cli
