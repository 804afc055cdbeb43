#pragma once
// What each pressure would achieve: the scenario's named policies (Scenario::policies, each a
// sourced bundle of parameter changes) run against the scenario as coded, with common random
// numbers, so each policy's effect on the probability of a ceasefire comes with an interval on
// the difference itself, not two overlapping bands (docs/policies.md).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/headline.hpp"
#include "truce/core/option_table.hpp"
#include "truce/core/scenario.hpp"
#include "truce/dynamics/simulate.hpp"

namespace truce::levers {

struct PoliciesOptions {
  int months = 36;              // horizon, as simulate's
  std::uint64_t runs = 10000;   // per policy, the same runs for each (common random numbers)
  std::uint64_t seed = 1;
  std::vector<std::string> policies;  // ids to run; empty: every policy of the scenario
  double interval_level = 0.95;       // of the intervals on the differences
  unsigned threads = 0;               // not part of the result
};

const OptionTable<PoliciesOptions>& policies_option_table();

// One change as applied: the parameter, its value as coded and under the policy.
struct AppliedChange {
  std::string parameter;
  double from = 0, to = 0;
};

// P(ceasefire by `month`) under a policy and its difference from the baseline, with the
// interval of the paired difference (each run compared with the same run of the baseline).
struct PolicyAtMonth {
  int month = 0;
  double probability = 0;
  double difference = 0, low = 0, high = 0;  // 0 for the baseline
  // P(a ceasefire holds at `month`), where the scenario lets one break down (its level only:
  // the paired interval is for the signing above).
  std::optional<double> holding;
};

struct PolicyOutcome {
  std::string id, name, description;  // the baseline: id "baseline"
  std::vector<AppliedChange> changes;
  std::vector<Evidence> evidence;
  std::vector<PolicyAtMonth> at;  // the reported months, in order
  std::uint64_t ceasefires = 0;   // within the horizon
  // The most frequent ceasefire package and its share of the ceasefires (none without one).
  std::vector<std::pair<std::string, std::string>> usual_terms;
  double usual_terms_share = 0;
  // What blocked a deal most often (a constraint id, "ACTOR.ISSUE" or "ACTOR.reservation"),
  // and its share of the run-months without a deal.
  std::string most_blocking;
  double most_blocking_share = 0;
  // What a reader must know to read this policy's numbers (e.g. that a guarantee acts as a
  // side commitment, not as a term of the package).
  std::vector<std::string> notes;
};

struct PoliciesResult {
  PoliciesOptions options;     // complete, as run (threads: 0)
  std::vector<int> months;     // reported: 12 where the horizon reaches it, and the horizon
  PolicyOutcome baseline;
  std::vector<PolicyOutcome> policies;  // in the scenario's order
  std::vector<std::string> notes;
};

// Every problem of the scenario's policies, one sentence each (empty: none): a parameter the
// scenario does not have (with the names it may have meant), a policy number outside its
// range. `truce validate` prints them; the analysis refuses the first.
std::vector<std::string> policy_problems(const Scenario& scenario);

// The scenario with the named policy's numbers in place of its own. Throws
// std::invalid_argument for an unknown policy, or one naming a parameter the scenario lacks
// or setting a number outside its range.
Scenario with_policy(const Scenario& scenario, const std::string& policy_id);

// Throws std::invalid_argument when the scenario has no dynamics section or no policies, an
// option does not fit, or a policy names a parameter the scenario does not have (or sets a
// policy number outside its range).
PoliciesResult policies_analysis(const Scenario& scenario, const PoliciesOptions& options);
PoliciesResult policies_analysis(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json complete_policies_options(const Scenario& scenario, const nlohmann::json& options);
nlohmann::json to_json(const PoliciesResult& result);
nlohmann::json run_policies(const Scenario& scenario, const nlohmann::json& options);
// P(ceasefire by the horizon) as coded, and the policy that moves it most with its difference.
Headline policies_headline(const PoliciesResult& result);

}  // namespace truce::levers
