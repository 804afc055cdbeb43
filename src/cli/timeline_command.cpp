// `truce timeline FILE`: how the answers moved over the dates of a dated scenario
// (docs/timeline.md). `truce compare A [B]`: two scenarios, or one at two dates, side by side.

#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "dated_view.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/analysis/reference_data.hpp"
#include "truce/core/date.hpp"
#include "truce/core/scenario_as_of.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/timeline/timeline.hpp"

namespace truce::cli {

namespace {

// The scenario with its revisions: the dated view the flags ask for is for one date, which a
// timeline or a comparison takes apart itself.
std::optional<Scenario> load_dated(const std::string& file) {
  const DatedView view = dated_view();
  dated_view() = {};
  auto scenario = load_scenario_or_report(file);
  dated_view() = view;
  return scenario;
}

// A command's failure: the message, the exit code, nothing printed on stdout.
void refuse(const std::string& message, int status) {
  std::cerr << message << '\n';
  exit_code() = status;
}

}  // namespace

void add_timeline_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "timeline", "How the answers moved: space, forecast and simulate at every date where a dated revision changed "
                  "the scenario, and which revision moved them");
  struct Args {
    std::string file, format = "table";
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("FILE", args->file, "Scenario file with dated revisions (.yaml/.yml/.json)")->required();
  cmd->add_option("--format", args->format, "table (default), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  auto given = std::make_shared<nlohmann::json>(nlohmann::json::object());
  add_option_flags(*cmd, timeline::timeline_option_table().specs(), given, "Timeline options");
  const auto store = add_store_options(*cmd);
  cmd->callback([args, store, given] {
    if (!dated_view().as_of.empty())
      return refuse("truce timeline: --as-of asks for one date; a timeline runs at many (give them with --date)", exit_usage);
    auto scenario = load_dated(args->file);
    if (!scenario) return;
    // --known-by: every date of the timeline sees only what was published by then; the
    // scenario records it, so the stored run reruns the same.
    if (!dated_view().known_by.empty()) scenario->known_by = dated_view().known_by;
    const Analysis* analysis = find_analysis("timeline");
    nlohmann::json options;
    std::optional<timeline::TimelineResult> result;
    try {
      options = analysis->complete_options(*scenario, *given);
      nlohmann::json with_threads = options;
      if (given->contains("threads")) with_threads["threads"] = (*given)["threads"];
      result = std::get<timeline::TimelineResult>(analysis->typed_run(*scenario, with_threads));
    } catch (const WorkTooLarge&) {
      throw;
    } catch (const std::invalid_argument& e) {
      return refuse(fmt::format("truce timeline: {}", e.what()), exit_usage);
    }
    const nlohmann::json json = timeline::to_json(*result);
    if (args->format == "json") std::cout << json.dump(2) << '\n';
    else if (args->format == "csv") std::cout << timeline::timeline_csv(*result);
    else std::cout << timeline::timeline_text(*result);
    exit_code() = record_run(*store, "timeline", *scenario, args->file, options, json);
  });
}

void add_compare_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "compare", "Two scenarios (or one at two dates, --as-of twice) side by side: the inputs that differ, every "
                 "headline answer, and which inputs explain the difference (one at a time)");
  struct Args {
    std::vector<std::string> files;
    std::vector<std::string> as_of;
    std::string known_by, format = "table", rank_by;
    timeline::TimelineOptions options;
  };
  auto args = std::make_shared<Args>();
  const CLI::Validator calendar_date{
      [](const std::string& text) -> std::string {
        return parse_date(text) ? "" : "expected a calendar date YYYY-MM-DD, found '" + text + "'";
      },
      "DATE", "calendar date"};
  cmd->add_option("FILES", args->files, "Scenario A and scenario B; or one scenario with --as-of twice")
      ->required()
      ->expected(1, 2);
  cmd->add_option("--as-of", args->as_of, "The date of A (and, given twice, of B; with one file, twice: A's then B's)")
      ->check(calendar_date)
      ->expected(1, 2);
  cmd->add_option("--known-by", args->known_by, "Only revisions with a source published by this day, on both sides")
      ->check(calendar_date);
  cmd->add_option("--format", args->format, "table (default) or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--rank-by", args->rank_by,
                  "The figure the attribution ranks inputs by (e.g. space.zopa_size); default P(ceasefire by the "
                  "horizon) where it differs, else the first number that differs");
  cmd->add_option("--analysis", args->options.analyses, "Analyses to compare: space, forecast, simulate (default all)")
      ->check(CLI::IsMember({"space", "forecast", "simulate"}));
  cmd->add_option("--months", args->options.months, "simulate's horizon in months (default 36)")->check(CLI::Range(0, 1200));
  cmd->add_option("--runs", args->options.runs, "simulate's runs per scenario (default 10000)")->check(CLI::Range(1, 100000000));
  cmd->add_option("--seed", args->options.seed, "simulate's seed (default 1)")->check(whole_number);
  cmd->add_option("--threads", args->options.threads, "threads (default 0: every core); the result does not depend on it")
      ->check(CLI::Range(0, 1024));
  add_budget_option(*cmd);
  cmd->callback([args] {
    if (args->files.size() == 1 && args->as_of.size() != 2)
      return refuse("truce compare: one file needs two dates (--as-of A_DATE --as-of B_DATE); or give two files", exit_usage);
    const auto a = load_dated(args->files.front());
    if (!a) return;
    const auto b = args->files.size() == 2 ? load_dated(args->files.back()) : a;
    if (!b) return;
    const auto known_by = args->known_by.empty() ? std::nullopt : parse_date(args->known_by);
    const auto view = [&](const Scenario& s, std::size_t k) {
      if (args->as_of.size() > k) return scenario_as_of(s, *parse_date(args->as_of[k]), known_by).scenario;
      if (args->as_of.size() == 1) return scenario_as_of(s, *parse_date(args->as_of[0]), known_by).scenario;
      return known_by ? scenario_known_by(s, *known_by).scenario : without_revisions(s);
    };
    try {
      const auto r = timeline::compare_scenarios(view(*a, 0), view(*b, 1), args->options, args->rank_by,
                                                 &ucdp_conflict_termination());
      std::cout << (args->format == "json" ? timeline::to_json(r).dump(2) + "\n" : timeline::compare_text(r));
    } catch (const WorkTooLarge&) {
      throw;
    } catch (const std::invalid_argument& e) {
      return refuse(fmt::format("truce compare: {}", e.what()), exit_invalid_input);
    }
  });
}

}  // namespace truce::cli
