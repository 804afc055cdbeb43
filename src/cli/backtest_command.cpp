// `truce backtest DATA`: every forecast model scored against the outcomes of past decisions
// (a DEU table, or a scenario whose scale issues state an `outcome`); docs/backtest.md.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/format/terminal_text.hpp"
#include "truce/format/text_table.hpp"
#include "truce/io/deu_table_csv.hpp"
#include "truce/io/input_text.hpp"
#include "truce/io/output_file.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce::cli {

namespace {

using nlohmann::json;
using backtest::BacktestResult;

struct BacktestFlags {
  std::string file;
  std::string capabilities;
  std::string write_ensemble;
  std::string format = "table";
};

std::string as_table(const BacktestResult& r) {
  std::ostringstream out;
  out << "Backtest: " << r.scenario << '\n';
  out << fmt::format("{} issues scored ({} without an outcome, {} with fewer than {} actors), {} proposals, {} folds; "
                     "baseline: {}\n\n",
                     r.cases.size(), r.without_outcome, r.too_few_actors, r.options.min_actors, r.proposals,
                     r.options.folds, r.baseline);
  TextTable table{{"model", "MAE", "median AE", "RMSE", "beats", "difference (95% interval)", "sign p", "no forecast",
                   "cycles", "not converged"},
                  {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right,
                   Align::right, Align::right, Align::right},
                  {}};
  for (const auto& m : r.models)
    table.rows.push_back({m.model, fixed(m.mae, 2), fixed(m.median_ae, 2), fixed(m.rmse, 2),
                          m.model == r.baseline ? "" : fmt::format("{:.0f}%", 100 * m.share_beats),
                          m.model == r.baseline ? "(baseline)"
                                                : fmt::format("{:+.2f} ({:+.2f} .. {:+.2f})", m.mean_difference,
                                                              m.difference_low, m.difference_high),
                          m.model == r.baseline ? "" : fmt::format("{:.3g}", m.sign_test_p), std::to_string(m.missing),
                          std::to_string(m.cycles), std::to_string(m.not_converged)});
  out << table.render();
  out << fmt::format("\n(absolute errors on 0..100; difference = model error - {} error, mean over cases, 95% bootstrap "
                     "interval resampling proposals; beats = share of cases with a smaller error)\n",
                     r.baseline);
  for (const auto& m : r.models)
    if (!m.description.empty()) out << fmt::format("{}: {}\n", m.model, m.description);
  if (r.coverage)
    out << fmt::format("ensemble_cv: {:.0f}% intervals held {} of {} outcomes ({:.1f}%), {:.1f} points wide on average\n",
                       100 * r.coverage->level, r.coverage->covered, r.coverage->cases, 100 * r.coverage->share,
                       r.coverage->mean_width);
  for (const auto& n : r.notes) out << "note: " << n << '\n';
  return out.str();
}

std::string as_csv(const BacktestResult& r) {
  std::ostringstream out;
  out << "issue,proposal,fold,outcome,actors";
  for (const auto& m : r.models) out << ',' << m.model;
  out << ",ensemble_cv_low,ensemble_cv_high\n";
  auto cell = [](double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); };
  for (const auto& c : r.cases) {
    out << fmt::format("{},{},{},{},{}", csv_field(c.issue), csv_field(c.proposal), c.fold, c.outcome, c.actors);
    for (double x : c.forecast) out << ',' << cell(x);
    out << ',' << (c.interval ? cell(c.interval->low) : "") << ',' << (c.interval ? cell(c.interval->high) : "") << '\n';
  }
  return out.str();
}

std::optional<Scenario> load_data(const BacktestFlags& f) {
  if (f.capabilities.empty()) return load_scenario_or_report(f.file);
  try {
    const CapabilityTable table = parse_capability_table_csv(read_input_file(f.capabilities), f.capabilities);
    const std::string text = read_input_file(f.file);
    if (!is_deu_table_csv(text)) {
      std::cerr << fmt::format("truce backtest: --capabilities goes with a DEU table (p<actor>, s<actor>, out columns); "
                               "{} is not one\n",
                               printable_for_terminal(f.file));
      exit_code() = exit_usage;
      return std::nullopt;
    }
    return parse_deu_table_csv(text, f.file, table);
  } catch (const InputError& e) {
    print_input_error(e, std::cerr);
    std::cerr << fmt::format("{} problem{} found; nothing was loaded\n", e.total(), e.total() == 1 ? "" : "s");
    exit_code() = exit_invalid_input;
    return std::nullopt;
  }
}

}  // namespace

void add_backtest_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("backtest", "Score every forecast model against the outcomes of past decisions");
  auto f = std::make_shared<BacktestFlags>();
  cmd->add_option("DATA", f->file,
                  "Past decisions with outcomes: a DEU issue table (.csv, ',' or ';'), or a scenario whose scale "
                  "issues state an 'outcome'")
      ->required();
  cmd->add_option("--capabilities", f->capabilities,
                  "DEU tables: capabilities by regime (regime,years,actor,capability) instead of the shipped EU "
                  "Council weights");
  cmd->add_option("--format", f->format, "table (default), json, or csv (the forecasts case by case)")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--write-ensemble", f->write_ensemble,
                  "Also write the ensemble fitted on every scored case, with its provenance, to this JSON file (what "
                  "data/ensemble/ensemble.json ships)");
  auto given = std::make_shared<json>(json::object());
  add_option_flags(*cmd, backtest::backtest_option_table().specs(), given, "Backtest options");
  const auto store = add_store_options(*cmd);
  cmd->callback([f, store, given] {
    std::vector<std::filesystem::path> inputs{f->file};
    if (!f->capabilities.empty()) inputs.emplace_back(f->capabilities);
    if (!f->write_ensemble.empty()) check_output_target(f->write_ensemble, inputs);
    const auto scenario = load_data(*f);
    if (!scenario) return;
    json options = *given;
    const Analysis* analysis = find_analysis("backtest");
    std::optional<BacktestResult> result;
    try {
      options = analysis->complete_options(*scenario, options);
      result = std::get<BacktestResult>(analysis->typed_run(*scenario, options));
    } catch (const std::invalid_argument& e) {
      std::cerr << "truce backtest: " << e.what() << '\n';
      exit_code() = exit_usage;
      return;
    }
    const json result_json = backtest::to_json(*result);
    if (!f->write_ensemble.empty() && result->fit)
      write_output_file(f->write_ensemble, to_json(*result->fit).dump(2) + "\n", inputs);
    if (f->format == "json") std::cout << result_json.dump(2) << '\n';
    else if (f->format == "csv") std::cout << as_csv(*result);
    else std::cout << as_table(*result);
    std::cout.flush();
    exit_code() = record_run(*store, "backtest", *scenario, f->file, options, result_json);
  });
}

}  // namespace truce::cli
