// `truce forecast FILE`: where each issue settles under each forecasting model, side by side
// with the nearest named point. Thin: builds the options JSON from flags, runs the
// "forecast" analysis through the registry, prints.

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/forecast/forecast_models.hpp"
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

std::string cell(const json& forecast) {
  if (forecast.at("position").is_null()) return "-";
  std::string text = fixed(forecast.at("position").get<double>(), 1);
  const auto& p = forecast.at("nearest_point");
  if (!p.is_null()) text += fmt::format(" ~ {}", p.at("id").get<std::string>());
  return text;
}

std::string model_title(const std::string& name) {
  const ForecastModel* model = find_forecast_model(name);
  return model ? model->title : name;
}

std::string as_table(const json& result) {
  std::ostringstream out;
  auto describe_mode = [](const std::string& mode) {
    return mode == "joint" ? "joint (all scale issues together)" : "per issue (each issue on its own)";
  };
  std::string mode = describe_mode(result.at("mode").get<std::string>());
  const auto& options = result.at("options");
  const bool smp_shown = std::any_of(result.at("models").begin(), result.at("models").end(),
                                     [](const json& m) { return m.at("model") == "smp"; });
  if (smp_shown && options.at("smp").at("mode") != options.at("mode"))
    mode += fmt::format("; SMP {}", describe_mode(options.at("smp").at("mode").get<std::string>()));
  out << fmt::format("Forecast: {}\nMode: {}\n\n", result.at("scenario").get<std::string>(), mode);
  TextTable table;
  table.header = {"Issue"};
  table.align = {Align::left};
  std::vector<std::string> shown;
  for (const auto& m : result.at("models"))
    if (m.at("available").get<bool>()) shown.push_back(m.at("model").get<std::string>());
  for (const auto& name : shown) {
    table.header.push_back(model_title(name));
    table.align.push_back(Align::left);
  }
  for (const auto& issue : result.at("issues")) {
    std::vector<std::string> row = {issue.at("id").get<std::string>()};
    for (const auto& f : issue.at("forecasts")) row.push_back(issue.at("kind") == "options" ? "n/a" : cell(f));
    table.rows.push_back(row);
  }
  out << table.render();
  out << "\n(position 0..100 ~ nearest named point; `truce show` lists the points)\n";
  for (const auto& m : result.at("models")) {
    const auto name = m.at("model").get<std::string>();
    out << fmt::format("\n{}:", model_title(name));
    if (!m.at("available").get<bool>()) {
      out << fmt::format(" not available ({})\n", m.at("reason").get<std::string>());
      continue;
    }
    out << '\n';
    if (!m.at("parameters").empty()) {
      std::string line;
      for (const auto& p : m.at("parameters"))
        line += fmt::format("{}{}={}", line.empty() ? "" : ", ", p.at("name").get<std::string>(),
                            p.at("value").get<std::string>());
      out << "  parameters: " << line << '\n';
    }
    bool any_rounds = false;
    std::string rounds;
    for (std::size_t k = 0; k < result.at("issues").size(); ++k) {
      const int n = m.at("rounds_by_issue").at(k).get<int>();
      if (n > 0) any_rounds = true;
      if (result.at("issues").at(k).at("kind") == "scale")
        rounds += fmt::format("{}{}={}", rounds.empty() ? "" : ", ", result.at("issues").at(k).at("id").get<std::string>(), n);
    }
    if (any_rounds || name == "eum" || name == "smp") out << "  rounds: " << rounds << '\n';
    for (const auto& note : m.at("notes")) out << "  note: " << note.get<std::string>() << '\n';
  }
  return out.str();
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string as_csv(const json& result) {
  std::ostringstream out;
  out << "issue,model,position,nearest_point,nearest_point_position,rounds,mode\n";
  for (const auto& issue : result.at("issues"))
    for (const auto& f : issue.at("forecasts")) {
      const auto& p = f.at("nearest_point");
      out << fmt::format("{},{},{},{},{},{},{}\n", csv_field(issue.at("id").get<std::string>()),
                         f.at("model").get<std::string>(),
                         f.at("position").is_null() ? "" : fmt::format("{:.6f}", f.at("position").get<double>()),
                         p.is_null() ? "" : csv_field(p.at("id").get<std::string>()),
                         p.is_null() ? "" : fmt::format("{:.6f}", p.at("position").get<double>()),
                         f.at("rounds").get<int>(), result.at("mode").get<std::string>());
    }
  return out.str();
}

// KTAB's position log layout: "actor,dimension,v0,v1,..." with %.1f, one row per actor and
// scale issue, actor-major (see data/ktab/reference/*.history.csv).
std::string as_history(const json& result, const Scenario& scenario) {
  std::ostringstream out;
  std::vector<const json*> iterative;
  for (const auto& m : result.at("models"))
    if (m.at("available").get<bool>() && !m.at("history").empty()) iterative.push_back(&m);
  for (const json* m : iterative) {
    if (iterative.size() > 1) out << "# model: " << m->at("model").get<std::string>() << '\n';
    const auto& history = m->at("history");
    for (std::size_t a = 0; a < scenario.actors.size(); ++a)
      for (std::size_t k = 0; k < scenario.issues.size() && k < history.size(); ++k) {
        const auto& rounds = history.at(k);
        if (rounds.empty() || rounds.at(0).at(a).is_null()) continue;
        out << scenario.actors[a].name << ',' << scenario.issues[k].name;
        for (const auto& round : rounds) out << fmt::format(",{:.1f}", round.at(a).get<double>());
        out << '\n';
      }
  }
  if (iterative.empty()) out << "# no iterative model (eum, smp, exchange) was run: no history\n";
  return out.str();
}

// Every exchange the exchange model realised, in order: who moved on which issue, how far,
// in return for the partner's move on the other.
std::string as_trades(const json& result) {
  std::ostringstream out;
  const json* model = nullptr;
  for (const auto& m : result.at("models"))
    if (m.at("model") == "exchange" && m.at("available").get<bool>()) model = &m;
  if (!model) return "# the exchange model was not run (--model exchange): no trades\n";
  const auto& trades = model->at("trades");
  out << fmt::format("Trades: {} (exchange model, {} exchanges; positions 0..100)\n\n",
                     result.at("scenario").get<std::string>(), trades.size());
  TextTable table;
  table.header = {"Round", "Actor", "Moves on", "From", "To", "In return, partner", "Moves on", "From", "To", "Gain"};
  table.align = {Align::right, Align::left, Align::left, Align::right, Align::right,
                 Align::left,  Align::left, Align::right, Align::right, Align::right};
  for (const auto& t : trades) {
    const auto& i = t.at("i");
    const auto& j = t.at("j");
    table.rows.push_back({std::to_string(t.at("round").get<int>()), i.at("actor").get<std::string>(),
                          i.at("moves_on").get<std::string>(), fixed(i.at("from").get<double>(), 2),
                          fixed(i.at("to").get<double>(), 2), j.at("actor").get<std::string>(),
                          j.at("moves_on").get<std::string>(), fixed(j.at("from").get<double>(), 2),
                          fixed(j.at("to").get<double>(), 2), fmt::format("{:.6f}", t.at("gain").get<double>())});
  }
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
    json result;
    try {
      options = analysis->complete_options(*scenario, options);
      result = analysis->run(*scenario, options);
    } catch (const std::invalid_argument& e) {
      std::cerr << "truce forecast: " << e.what() << '\n';
      exit_code() = exit_usage;
      return;
    }
    if (f->trades)
      std::cout << as_trades(result);
    else if (f->history)
      std::cout << as_history(result, *scenario);
    else if (f->format == "json")
      std::cout << result.dump(2) << '\n';
    else if (f->format == "csv")
      std::cout << as_csv(result);
    else
      std::cout << as_table(result);
    std::cout.flush();
    exit_code() = record_run(*store, "forecast", *scenario, f->file, options, result);
  });
}

}  // namespace truce::cli
