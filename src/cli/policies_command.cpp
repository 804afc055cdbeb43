// `truce policies FILE`: what each named pressure of the scenario would achieve
// (docs/policies.md): P(ceasefire by month 12 and the horizon) under each policy against the
// scenario as coded, the paired difference with its interval, and what changes in the deal.

#include <fmt/format.h>

#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "option_flags.hpp"
#include "run_recording.hpp"
#include "truce/analysis/analysis.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/format/text_table.hpp"
#include "truce/levers/policies.hpp"

namespace truce::cli {

namespace {

std::string percent(double p) { return fmt::format("{:.1f}%", 100.0 * p); }
std::string points(double d) { return fmt::format("{:+.1f}", 100.0 * d); }

std::string terms_text(const std::vector<std::pair<std::string, std::string>>& terms) {
  std::string out;
  for (const auto& [issue, value] : terms) out += (out.empty() ? "" : ", ") + issue + "=" + value;
  return out;
}

std::string policies_table(const Scenario& scenario, const levers::PoliciesResult& r) {
  const auto& o = r.options;
  std::string out = fmt::format("{}: each policy alone against the scenario as coded; {} runs x {} months, seed {} (the "
                                "same runs for each: differences are paired)\n\n",
                                scenario.name, o.runs, o.months, o.seed);
  TextTable t;
  t.header = {"Policy"};
  t.align = {Align::left};
  // Where a ceasefire can break down, "holding at M" beside "signed by M".
  const bool holding = !r.baseline.at.empty() && r.baseline.at.front().holding.has_value();
  for (const int m : r.months) {
    t.header.push_back(fmt::format("P(by {})", m));
    t.header.push_back(fmt::format("change by {}, points [{:g}%]", m, 100 * o.interval_level));
    t.align.insert(t.align.end(), {Align::right, Align::right});
    if (holding) {
      t.header.push_back(fmt::format("holding at {}", m));
      t.align.push_back(Align::right);
    }
  }
  auto row = [&](const levers::PolicyOutcome& p, bool baseline) {
    std::vector<std::string> cells{baseline ? "as coded" : p.id};
    for (const auto& a : p.at) {
      cells.push_back(percent(a.probability));
      cells.push_back(baseline ? "" : fmt::format("{} [{} .. {}]", points(a.difference), points(a.low), points(a.high)));
      if (holding) cells.push_back(a.holding ? percent(*a.holding) : "");
    }
    t.rows.push_back(std::move(cells));
  };
  row(r.baseline, true);
  for (const auto& p : r.policies) row(p, false);
  out += t.render() + "\n";
  for (const auto& p : r.policies) {
    out += fmt::format("{}: {}\n", p.id, p.name);
    for (const auto& c : p.changes) out += fmt::format("  sets {} {} -> {}\n", c.parameter, c.from, c.to);
    if (!p.usual_terms.empty())
      out += fmt::format("  usual terms ({} of its ceasefires): {}\n", percent(p.usual_terms_share),
                         p.usual_terms == r.baseline.usual_terms ? "as coded" : terms_text(p.usual_terms));
    if (!p.most_blocking.empty())
      out += fmt::format("  most often blocking: {} ({} of the months without a deal; as coded: {} {})\n", p.most_blocking,
                         percent(p.most_blocking_share), r.baseline.most_blocking, percent(r.baseline.most_blocking_share));
    for (const auto& n : p.notes) out += "  note: " + n + "\n";
  }
  for (const auto& n : r.notes) out += "\nNote: " + n;
  return out + "\n";
}

std::string policies_csv(const levers::PoliciesResult& r) {
  std::string out = "policy,month,probability,difference,difference_low,difference_high\n";
  auto rows = [&](const levers::PolicyOutcome& p) {
    for (const auto& a : p.at)
      out += fmt::format("{},{},{},{},{},{}\n", csv_field(p.id), a.month, a.probability, a.difference, a.low, a.high);
  };
  rows(r.baseline);
  for (const auto& p : r.policies) rows(p);
  return out;
}

}  // namespace

void add_policies_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("policies",
                                 "What each named pressure would achieve: P(ceasefire) under each policy of the scenario "
                                 "against the scenario as coded (needs a dynamics and a policies section)");
  struct Args {
    std::string file, format = "table";
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("FILE", args->file, "Scenario file with dynamics and policies sections (.yaml/.yml/.json)")->required();
  cmd->add_option("--format", args->format, "table (default), json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
  auto given = std::make_shared<nlohmann::json>(nlohmann::json::object());
  add_option_flags(*cmd, levers::policies_option_table().specs(), given, "Policies options");
  const auto store = add_store_options(*cmd);
  cmd->callback([args, store, given] {
    const auto scenario = load_scenario_or_report(args->file);
    if (!scenario) return;  // load_scenario_or_report set the exit code
    levers::PoliciesOptions o;
    try {
      o = levers::policies_option_table().parse(*given);
    } catch (const std::invalid_argument& e) {
      std::cerr << "truce policies: " << e.what() << '\n';
      exit_code() = exit_usage;
      return;
    }
    levers::PoliciesResult r;
    try {
      r = levers::policies_analysis(*scenario, o);
    } catch (const WorkTooLarge&) {
      throw;  // main: exit_too_large
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {  // no dynamics, no policies, a parameter that is not there
      std::cerr << fmt::format("{}: error: {}\n", args->file, e.what());
      exit_code() = exit_invalid_input;
      return;
    }
    const nlohmann::json result = levers::to_json(r);
    std::cout << (args->format == "json" ? result.dump(2) + "\n" : args->format == "csv" ? policies_csv(r) : policies_table(*scenario, r))
              << std::flush;
    exit_code() = record_run(*store, "policies", *scenario, args->file, levers::policies_option_table().write(o), result);
  });
}

}  // namespace truce::cli
