#include "truce/analysis/analysis.hpp"
#include "truce/analysis/reference_data.hpp"

#include <algorithm>

namespace truce {

nlohmann::json to_json(const AnalysisResult& result) {
  return std::visit([](const auto& r) { return to_json(r); }, result);
}

// Each capability adds its entry here (explicitly: a static library drops self-registering
// objects nobody references).
const std::vector<Analysis>& analyses() {
  using nlohmann::json;
  // typed_run: each analysis runs on its typed Options or on their JSON; the registry's edge
  // is JSON, so the lambdas call the JSON overload.
  static const std::vector<Analysis> all = {
      {"forecast", "Where each issue settles under each forecasting model", complete_forecast_options, run_forecast,
       [](const Scenario& s, const json& o) -> AnalysisResult { return forecast_analysis(s, o); },
       [] { return forecast_option_table().specs(); }},
      {"space", "Packages, ZOPA, Pareto frontier, Nash / Kalai-Smorodinsky / max-welfare points, blocking red lines",
       &space::complete_space_analysis_options, &space::run_space_analysis,
       [](const Scenario& s, const json& o) -> AnalysisResult { return space::space_analysis(s, o); },
       [] { return space::space_option_table().specs(); }},
      // simulate shows the historical base rate beside its curve, from the table compiled in.
      {"simulate", "Bargaining while fighting: probability of a ceasefire by month, its terms, what blocks it",
       &dynamics::complete_simulate_options,
       [](const Scenario& s, const json& o) { return dynamics::run_simulate_analysis(s, o, &ucdp_conflict_termination()); },
       [](const Scenario& s, const json& o) -> AnalysisResult {
         return dynamics::simulate_analysis(s, o, &ucdp_conflict_termination());
       },
       [] { return dynamics::simulate_option_table().specs(); }},
      {"levers", "Which inputs move an outcome: tornado and Sobol indices", levers::complete_levers_options,
       levers::run_levers, [](const Scenario& s, const json& o) -> AnalysisResult { return levers::levers_analysis(s, o); },
       [] { return levers::levers_option_table().specs(); }},
      {"policies", "What each named pressure would achieve: P(ceasefire) under each policy against the scenario as coded",
       levers::complete_policies_options, levers::run_policies,
       [](const Scenario& s, const json& o) -> AnalysisResult { return levers::policies_analysis(s, o); },
       [] { return levers::policies_option_table().specs(); },
       [](const Scenario& s) { return s.dynamics.has_value() && !s.policies.empty(); }},
      {"backtest", "Every forecast model scored against the outcomes of past decisions",
       backtest::complete_backtest_options, backtest::run_backtest,
       [](const Scenario& s, const json& o) -> AnalysisResult { return backtest::backtest_analysis(s, o); },
       [] { return backtest::backtest_option_table().specs(); },
       [](const Scenario& s) {  // only past decisions with known outcomes can be backtested
         return std::any_of(s.issues.begin(), s.issues.end(), [](const Issue& i) { return i.outcome.has_value(); });
       }},
      {"what-it-takes", "The smallest change of some levers that reaches a goal", levers::complete_what_it_takes_options,
       levers::run_what_it_takes,
       [](const Scenario& s, const json& o) -> AnalysisResult { return levers::what_it_takes_analysis(s, o); },
       [] { return levers::what_it_takes_option_table().specs(); }},
      // timeline: space, forecast and simulate at every date a dated revision changed the scenario.
      {"timeline", "How the answers moved: space, forecast and simulate at every date where a revision changed the scenario",
       &timeline::complete_timeline_options,
       [](const Scenario& s, const json& o) { return timeline::run_timeline_analysis(s, o, &ucdp_conflict_termination()); },
       [](const Scenario& s, const json& o) -> AnalysisResult {
         return timeline::timeline_analysis(s, o, &ucdp_conflict_termination());
       },
       [] { return timeline::timeline_option_table().specs(); },
       [](const Scenario& s) {  // only a dated scenario moves
         return std::any_of(s.actors.begin(), s.actors.end(), [](const Actor& a) { return !a.revisions.empty(); }) ||
                std::any_of(s.stances.begin(), s.stances.end(), [](const Stance& t) { return !t.revisions.empty(); });
       }},
      // A negotiation as a process (docs/negotiate.md); it applies to a scenario with a
      // negotiation section (the report then runs every variant of it).
      {"negotiate", "A negotiation run as a process: stacked alternating offers between agents, to a deadline",
       negotiate::complete_negotiate_analysis_options, negotiate::run_negotiate_analysis,
       [](const Scenario& s, const json& o) -> AnalysisResult { return negotiate::negotiate_analysis(s, o); },
       [] { return negotiate::negotiate_option_table().specs(); },
       [](const Scenario& s) { return s.negotiation.has_value(); }},
  };
  return all;
}

const Analysis* find_analysis(const std::string& name) {
  for (const auto& a : analyses())
    if (a.name == name) return &a;
  return nullptr;
}

nlohmann::json options_schema(const Analysis& analysis) {
  const auto fields = analysis.option_fields ? analysis.option_fields() : std::vector<OptionSpec>{};
  nlohmann::json schema = option_schema(fields, analysis.name + " options", analysis.description);
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  return schema;
}

}  // namespace truce
