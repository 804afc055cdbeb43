#pragma once
// Every analysis (forecast, space, simulate, levers, ...) is a pure function from a Scenario
// and its typed options (declared once in an option table; JSON at this edge, with every
// default written out) to a typed result. The CLI, the
// run store (`truce runs rerun`) and the report call analyses only through this registry,
// so a stored run can be reproduced from its command name, options and scenario alone.
// The CLI's tables and the report read the typed result; JSON (to_json) is what the run
// store keeps and `--format json` prints.

#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "truce/backtest/backtest.hpp"
#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/dynamics/simulate.hpp"
#include "truce/forecast/forecast_analysis.hpp"
#include "truce/levers/levers_analysis.hpp"
#include "truce/levers/policies.hpp"
#include "truce/negotiate/negotiate_analysis.hpp"
#include "truce/space/space_report.hpp"
#include "truce/timeline/timeline.hpp"

namespace truce {

// One analysis' result: exactly one of these, by analysis (a run has one result, and a
// std::visit over it makes every reader handle every analysis).
using AnalysisResult = std::variant<ForecastAnalysisResult, space::SpaceAnalysisResult, dynamics::SimulateResult,
                                    levers::LeversResult, levers::WhatItTakesResult, backtest::BacktestResult,
                                    levers::PoliciesResult, timeline::TimelineResult, negotiate::NegotiateResult>;

// The result as the run store keeps it and `--format json` prints it.
nlohmann::json to_json(const AnalysisResult& result);

struct Analysis {
  std::string name;         // the CLI command, e.g. "forecast"
  std::string description;  // one line
  // Fills in every option's default so a stored request is complete and reruns identically.
  nlohmann::json (*complete_options)(const Scenario&, const nlohmann::json& options);
  // The analysis as the run store sees it: to_json(typed_run(...)). Must be deterministic:
  // same inputs, same result bytes. Options are complete (see above); throws
  // std::invalid_argument for options that do not fit.
  nlohmann::json (*run)(const Scenario&, const nlohmann::json& options);
  // The analysis itself, for the CLI and the report (nullptr only in tests' stand-ins).
  AnalysisResult (*typed_run)(const Scenario&, const nlohmann::json& options) = nullptr;
  // The option table's fields (with defaults): the flags, --help, `truce schema` and the
  // checks all come from the one table behind this.
  std::vector<OptionSpec> (*option_fields)() = nullptr;
  // Whether the analysis has anything to say about a scenario (the report runs those that
  // do); nullptr: every scenario.
  bool (*applies)(const Scenario&) = nullptr;
};

// Every analysis truce has, in a fixed order.
const std::vector<Analysis>& analyses();

// The analysis with this name, or nullptr.
const Analysis* find_analysis(const std::string& name);

// The JSON Schema (2020-12) of an analysis's options, as `truce schema NAME` prints it.
nlohmann::json options_schema(const Analysis& analysis);

}  // namespace truce
