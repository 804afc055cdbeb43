#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>

#include "truce/backtest/backtest.hpp"
#include "truce/core/distributed.hpp"
#include "truce/forecast/forecast_models.hpp"
#include "truce/forecast/forecast_options.hpp"
#include "truce/levers/philox_stream.hpp"

namespace truce::backtest {

using nlohmann::json;

namespace {
std::vector<std::pair<std::string, std::string>> model_choices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& n : known_forecast_models()) out.emplace_back(n, n);
  return out;
}
}  // namespace

const OptionTable<BacktestOptions>& backtest_option_table() {
  using O = BacktestOptions;
  static const OptionTable<O> table = option_table<O>(
      "backtest",
      {
          with_flag(choice_list_option("models", &O::models, known_forecast_models(),
                                       "the models scored"),
                    "model"),
          with_flag(text_list_option("variants", &O::variants,
                                     "variants of a model with its own options, MODEL:OPTION=VALUE[,OPTION=VALUE], "
                                     "e.g. eum:reading=scholz_code"),
                    "variant"),
          choice_option("baseline", &O::baseline, model_choices(),
                        "the model every other is compared with, case by case"),
          whole_number_option("folds", &O::folds, 2, 100, "cross-validation folds; a proposal's issues stay in one fold"),
          whole_number_option("bootstrap", &O::bootstrap, 0, 100000,
                              "bootstrap resamples of proposals for the paired difference's interval"),
          whole_number_option("seed", &O::seed, 0, std::nullopt, "seed of the folds and the bootstrap: same seed, same output"),
          whole_number_option("min_actors", &O::min_actors, 1, 1000, "an issue is scored with at least this many actors"),
          choice_list_option("ensemble_members", &O::ensemble_members, known_forecast_models(),
                             "the models the cross-validated ensemble combines"),
          exclusive_bounds(number_option("interval_level", &O::interval_level, 0.0, 1.0,
                                         "coverage the ensemble's prediction intervals aim at"),
                           true, true),
      },
      [](const O& o, const std::string& name, const std::string& path) {
        if (std::find(o.ensemble_members.begin(), o.ensemble_members.end(), "ensemble") != o.ensemble_members.end())
          throw std::invalid_argument(fmt::format("{}: expected ensemble_members other than the ensemble itself",
                                                  option_path(name, path)));
      });
  return table;
}

BacktestOptions backtest_options(const json& given) { return backtest_option_table().parse(given); }

json complete_backtest_options(const Scenario&, const json& given) {
  return backtest_option_table().write(backtest_options(given));
}

namespace {

// One model as the backtest runs it: a registry model with forecast options on top.
struct ModelSpec {
  std::string label;  // "eum" or "eum:reading=scholz_code"
  const ForecastModel* model = nullptr;
  json options;       // forecast options (JSON), per_issue mode unless the variant says otherwise
  bool reported = true;  // false: run only as an ensemble member
};

json option_value(const std::string& text) {
  try {
    const json j = json::parse(text);
    if (j.is_number() || j.is_boolean()) return j;
  } catch (const json::exception&) {
  }
  return text;
}

ModelSpec parse_variant(const std::string& text) {
  const auto colon = text.find(':');
  const std::string name = text.substr(0, colon);
  const ForecastModel* model = find_forecast_model(name);
  if (!model || colon == std::string::npos || colon + 1 >= text.size())
    throw std::invalid_argument(fmt::format(
        "backtest option 'variants': expected MODEL:OPTION=VALUE[,OPTION=VALUE] with a forecast model, found '{}'", text));
  json group = json::object();
  std::size_t start = colon + 1;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(start, end - start);
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument(fmt::format("backtest option 'variants': expected OPTION=VALUE in '{}', found '{}'", text, pair));
    group[pair.substr(0, eq)] = option_value(pair.substr(eq + 1));
    start = end + 1;
  }
  json options{{"models", json::array({name})}, {"mode", "per_issue"}};
  // A model's own options live in its group of the forecast options (eum.reading); the
  // models without one take the forecast's top-level options (mode).
  if (forecast_option_table().field(name)) options[name] = group;
  else options.update(group);
  return {text, model, options, true};
}

ModelSpec plain_spec(const std::string& name, bool reported) {
  return {name, find_forecast_model(name), json{{"models", json::array({name})}, {"mode", "per_issue"}}, reported};
}

Scenario with_issues(const Scenario& scenario, const std::vector<std::size_t>& issues) {
  Scenario s = scenario;
  s.issues.clear();
  s.stances.clear();
  std::map<std::size_t, std::size_t> index;
  for (std::size_t k : issues) {
    index[k] = s.issues.size();
    s.issues.push_back(scenario.issues[k]);
  }
  for (const auto& st : scenario.stances)
    if (index.count(st.issue)) {
      Stance copy = st;
      copy.issue = index.at(st.issue);
      s.stances.push_back(std::move(copy));
    }
  return s;
}

struct ModelRun {
  std::vector<double> position;  // by issue; NaN = none
  std::vector<char> not_converged, cycled;  // by issue: stopped at the round cap / in a cycle
};

void take(ModelRun& run, const ForecastResult& r, const std::vector<std::size_t>& issues) {
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const std::size_t k = issues[i];
    run.position[k] = r.position_by_issue[i];
    const bool cycle = i < r.cycle_by_issue.size() && r.cycle_by_issue[i].has_value();
    run.cycled[k] = cycle;
    run.not_converged[k] = !cycle && i < r.converged_by_issue.size() && r.converged_by_issue[i] == false;
  }
}

// The model on every issue: models that work across issues run proposal by proposal (the
// issues decided together), the others on the whole scenario at once.
ModelRun run_spec(const ModelSpec& spec, const Scenario& scenario, const std::vector<std::string>& proposal_of) {
  ModelRun run;
  run.position.assign(scenario.issues.size(), not_applicable);
  run.not_converged.assign(scenario.issues.size(), 0);
  run.cycled.assign(scenario.issues.size(), 0);
  const ForecastOptions options = forecast_options(scenario, spec.options);
  const bool across_issues = spec.model->joint_by_nature || options.mode == ForecastMode::joint ||
                             (spec.model->own_mode && options.smp.mode == ForecastMode::joint);
  if (!across_issues) {
    std::vector<std::size_t> all(scenario.issues.size());
    for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
    take(run, spec.model->run(scenario, options), all);
    return run;
  }
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t k = 0; k < scenario.issues.size(); ++k)
    if (scenario.issues[k].kind == IssueKind::scale) groups[proposal_of[k]].push_back(k);
  for (const auto& [proposal, issues] : groups) {
    const Scenario part = with_issues(scenario, issues);
    take(run, spec.model->run(part, forecast_options(part, spec.options)), issues);
  }
  return run;
}

// Every spec's run, in spec order. Each process runs its contiguous share of the specs
// (truce/core/distributed.hpp); a run crosses to the others as its positions and flags, issue
// by issue, so every process ends with the runs one process would have made.
std::vector<ModelRun> run_specs(const std::vector<ModelSpec>& specs, const Scenario& scenario,
                                const std::vector<std::string>& proposal_of) {
  std::vector<ModelRun> runs;
  if (process_count() == 1) {
    for (const auto& spec : specs) runs.push_back(run_spec(spec, scenario, proposal_of));
    return runs;
  }
  const std::size_t issues = scenario.issues.size(), run_bytes = issues * (sizeof(double) + 2);
  const auto shares = run_process_shares(specs.size(), [&](IndexRange range) {
    std::string bytes;
    for (std::size_t s = range.begin; s < range.end; ++s) {
      const ModelRun r = run_spec(specs[s], scenario, proposal_of);
      bytes.append(reinterpret_cast<const char*>(r.position.data()), issues * sizeof(double));
      bytes.append(r.not_converged.data(), issues);
      bytes.append(r.cycled.data(), issues);
    }
    return bytes;
  });
  for (const auto& bytes : shares)
    for (std::size_t at = 0; at + run_bytes <= bytes.size(); at += run_bytes) {
      ModelRun r;
      r.position.resize(issues);
      std::memcpy(r.position.data(), bytes.data() + at, issues * sizeof(double));
      const char* flags = bytes.data() + at + issues * sizeof(double);
      r.not_converged.assign(flags, flags + issues);
      r.cycled.assign(flags + issues, flags + 2 * issues);
      runs.push_back(std::move(r));
    }
  return runs;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return not_applicable;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace

BacktestResult backtest_analysis(const Scenario& scenario, const BacktestOptions& options) {
  BacktestResult result;
  result.scenario = scenario.name;
  result.options = options;
  result.baseline = options.baseline;
  result.issues = static_cast<int>(scenario.issues.size());

  // The cases: scale issues with an outcome and enough actors.
  std::vector<std::size_t> stances_on(scenario.issues.size(), 0);
  for (const auto& st : scenario.stances) ++stances_on[st.issue];
  std::vector<std::string> proposal_of(scenario.issues.size());
  std::vector<std::size_t> scored;
  for (std::size_t k = 0; k < scenario.issues.size(); ++k) {
    const Issue& issue = scenario.issues[k];
    proposal_of[k] = issue.proposal.empty() ? issue.id : issue.proposal;
    if (issue.kind != IssueKind::scale || !issue.outcome) {
      ++result.without_outcome;
      continue;
    }
    if (static_cast<int>(stances_on[k]) < options.min_actors) {
      ++result.too_few_actors;
      continue;
    }
    scored.push_back(k);
  }
  if (scored.empty())
    throw std::invalid_argument(fmt::format(
        "backtest: no issue of '{}' has an outcome and at least {} actors; give scale issues an 'outcome' "
        "(docs/backtest.md)",
        scenario.name, options.min_actors));
  std::vector<std::string> case_proposal;
  for (std::size_t k : scored) case_proposal.push_back(proposal_of[k]);
  const std::vector<int> fold = proposal_folds(case_proposal, options.folds, options.seed);
  std::set<std::string> distinct(case_proposal.begin(), case_proposal.end());
  result.proposals = static_cast<int>(distinct.size());
  if (result.proposals < options.folds)
    result.notes.push_back(fmt::format("{} proposals for {} folds: some folds are empty", result.proposals, options.folds));

  // The models: the baseline first, then the rest in registry order, then the variants,
  // then the ensemble's members not asked for (run, not reported).
  std::vector<ModelSpec> specs{plain_spec(options.baseline, true)};
  for (const auto& name : options.models)
    if (name != options.baseline) specs.push_back(plain_spec(name, true));
  for (const auto& v : options.variants) specs.push_back(parse_variant(v));
  std::vector<std::size_t> member_spec;
  for (const auto& m : options.ensemble_members) {
    auto it = std::find_if(specs.begin(), specs.end(), [&](const ModelSpec& s) { return s.label == m; });
    if (it == specs.end()) {
      specs.push_back(plain_spec(m, false));
      it = specs.end() - 1;
    }
    member_spec.push_back(static_cast<std::size_t>(it - specs.begin()));
  }
  const std::vector<ModelRun> runs = run_specs(specs, scenario, proposal_of);

  // The cross-validated ensemble: weights fitted on the other folds, case by case.
  const std::size_t n = scored.size();
  std::vector<double> outcome(n), spread(n);
  std::vector<std::vector<std::optional<double>>> members(n, std::vector<std::optional<double>>(member_spec.size()));
  for (std::size_t c = 0; c < n; ++c) {
    outcome[c] = *scenario.issues[scored[c]].outcome;
    spread[c] = position_spread(scenario, scored[c]);
    for (std::size_t m = 0; m < member_spec.size(); ++m) {
      const double x = runs[member_spec[m]].position[scored[c]];
      if (!std::isnan(x)) members[c][m] = x;
    }
  }
  const int steps = member_spec.size() <= 5 ? 20 : 10;
  std::vector<EnsembleMember> fitted(member_spec.size());
  for (std::size_t m = 0; m < member_spec.size(); ++m) fitted[m].model = options.ensemble_members[m];
  std::vector<double> cv_forecast(n, not_applicable);
  for (int f = 0; f < options.folds; ++f) {
    std::vector<std::vector<std::optional<double>>> train;
    std::vector<double> train_outcome;
    for (std::size_t c = 0; c < n; ++c)
      if (fold[c] != f) {
        train.push_back(members[c]);
        train_outcome.push_back(outcome[c]);
      }
    const auto w = fit_ensemble_weights(train, train_outcome, steps);
    auto trial = fitted;
    for (std::size_t m = 0; m < w.size(); ++m) trial[m].weight = w[m];
    for (std::size_t c = 0; c < n; ++c)
      if (fold[c] == f)
        if (const auto x = combine_forecasts(trial, members[c])) cv_forecast[c] = *x;
  }
  EnsembleFit fit;
  fit.level = options.interval_level;
  const auto w = fit_ensemble_weights(members, outcome, steps);
  for (std::size_t m = 0; m < w.size(); ++m) fit.members.push_back({options.ensemble_members[m], w[m]});
  // Conformal scores: out-of-fold residuals over the issue's spread of positions (+ floor).
  std::vector<double> score(n, not_applicable);
  for (std::size_t c = 0; c < n; ++c)
    if (!std::isnan(cv_forecast[c])) score[c] = std::abs(outcome[c] - cv_forecast[c]) / (spread[c] + fit.spread_floor);
  std::vector<std::optional<Interval>> cv_interval(n);
  IntervalCoverage coverage;
  coverage.level = options.interval_level;
  double width = 0;
  for (int f = 0; f < options.folds; ++f) {
    std::vector<double> others;
    for (std::size_t c = 0; c < n; ++c)
      if (fold[c] != f && !std::isnan(score[c])) others.push_back(score[c]);
    EnsembleFit fold_fit = fit;
    fold_fit.quantile = conformal_quantile(others, options.interval_level);
    for (std::size_t c = 0; c < n; ++c)
      if (fold[c] == f && !std::isnan(cv_forecast[c])) {
        cv_interval[c] = ensemble_interval(cv_forecast[c], spread[c], fold_fit);
        ++coverage.cases;
        coverage.covered += outcome[c] >= cv_interval[c]->low - 1e-9 && outcome[c] <= cv_interval[c]->high + 1e-9;
        width += cv_interval[c]->high - cv_interval[c]->low;
      }
  }
  coverage.share = coverage.cases ? static_cast<double>(coverage.covered) / coverage.cases : 0;
  coverage.mean_width = coverage.cases ? width / coverage.cases : 0;
  result.coverage = coverage;
  {
    std::vector<double> all;
    for (double s : score)
      if (!std::isnan(s)) all.push_back(s);
    fit.quantile = conformal_quantile(all, options.interval_level);
  }

  // Scores: every reported model, then the cross-validated ensemble.
  struct Row {
    ModelScore score;
    std::vector<double> forecast;  // by case
  };
  std::vector<Row> rows;
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (!specs[s].reported) continue;
    Row row;
    row.score.model = specs[s].label;
    for (std::size_t c = 0; c < n; ++c) {
      row.forecast.push_back(runs[s].position[scored[c]]);
      row.score.not_converged += runs[s].not_converged[scored[c]];
      row.score.cycles += runs[s].cycled[scored[c]];
    }
    if (specs[s].label == "ensemble") {
      const auto& p = shipped_ensemble().provenance;
      row.score.description = p.data == scenario.name
                                  ? fmt::format("the shipped fit, made on this data set: in sample here (its cross-validated "
                                                "record is the ensemble_cv row)")
                                  : fmt::format("the shipped fit, made on {}: out of sample here", p.data);
    }
    rows.push_back(std::move(row));
  }
  {
    Row row;
    row.score.model = "ensemble_cv";
    row.score.cross_validated = true;
    std::string weights;
    for (const auto& m : fit.members)
      if (m.weight > 0) weights += fmt::format("{}{} {:.2f}", weights.empty() ? "" : ", ", m.model, m.weight);
    row.score.description =
        fmt::format("the ensemble refitted on the other {} folds for each case (fitted on all: {})", options.folds - 1, weights);
    row.forecast = cv_forecast;
    rows.push_back(std::move(row));
  }

  // Paired comparison with the baseline; the bootstrap resamples whole proposals (issues of
  // one proposal are not independent), the same resamples for every model.
  std::map<std::string, std::size_t> proposal_index;
  for (const auto& p : case_proposal) proposal_index.emplace(p, proposal_index.size());
  const std::size_t proposals = proposal_index.size();
  std::vector<std::size_t> case_group(n);
  for (std::size_t c = 0; c < n; ++c) case_group[c] = proposal_index.at(case_proposal[c]);
  const levers::PhiloxStream stream(options.seed, levers::stream_backtest_bootstrap);
  std::vector<std::vector<std::size_t>> draws(static_cast<std::size_t>(options.bootstrap), std::vector<std::size_t>(proposals));
  for (std::size_t b = 0; b < draws.size(); ++b)
    for (std::size_t j = 0; j < proposals; ++j) draws[b][j] = stream.bits(b * proposals + j) % proposals;
  const std::vector<double>& base = rows.front().forecast;
  for (auto& row : rows) {
    ModelScore& s = row.score;
    std::vector<double> errors;
    std::vector<double> group_sum(proposals, 0.0), group_count(proposals, 0.0);
    double difference = 0;
    int paired = 0;
    for (std::size_t c = 0; c < n; ++c) {
      if (std::isnan(row.forecast[c])) {
        ++s.missing;
        continue;
      }
      const double e = std::abs(row.forecast[c] - outcome[c]);
      errors.push_back(e);
      if (std::isnan(base[c])) continue;
      const double eb = std::abs(base[c] - outcome[c]);
      if (e < eb - 1e-9) ++s.beats;
      else if (e > eb + 1e-9) ++s.loses;
      else ++s.ties;
      difference += e - eb;
      ++paired;
      group_sum[case_group[c]] += e - eb;
      group_count[case_group[c]] += 1;
    }
    s.scored = static_cast<int>(errors.size());
    const ErrorSummary summary = summarise_errors(errors);
    s.mae = summary.mae;
    s.median_ae = summary.median_ae;
    s.rmse = summary.rmse;
    s.share_beats = paired ? static_cast<double>(s.beats) / paired : 0;
    s.mean_difference = paired ? difference / paired : 0;
    s.sign_test_p = sign_test_p_value(s.beats, s.beats + s.loses);
    std::vector<double> means;
    for (const auto& draw : draws) {
      double sum = 0, count = 0;
      for (std::size_t g : draw) {
        sum += group_sum[g];
        count += group_count[g];
      }
      if (count > 0) means.push_back(sum / count);
    }
    s.difference_low = means.empty() ? s.mean_difference : percentile(means, 0.025);
    s.difference_high = means.empty() ? s.mean_difference : percentile(means, 0.975);
    result.models.push_back(s);
  }
  fit.provenance = {scenario.name,
                    static_cast<int>(n),
                    result.proposals,
                    options.folds,
                    options.seed,
                    result.models.back().mae,
                    result.models.front().mae,
                    coverage.share,
                    scenario.description.empty() ? scenario.name : scenario.description};
  result.fit = fit;

  for (std::size_t c = 0; c < n; ++c) {
    BacktestCase bc;
    bc.issue = scenario.issues[scored[c]].id;
    bc.proposal = case_proposal[c];
    bc.fold = fold[c];
    bc.outcome = outcome[c];
    bc.actors = static_cast<int>(stances_on[scored[c]]);
    for (const auto& row : rows) bc.forecast.push_back(row.forecast[c]);
    bc.interval = cv_interval[c];
    result.cases.push_back(std::move(bc));
  }
  if (options.baseline != "compromise")
    result.notes.push_back(fmt::format("baseline: {} (not the weighted mean)", options.baseline));
  return result;
}

BacktestResult backtest_analysis(const Scenario& scenario, const json& options) {
  return backtest_analysis(scenario, backtest_options(options));
}

namespace {
json number_or_null(double x) { return std::isnan(x) || std::isinf(x) ? json(nullptr) : json(x); }
}  // namespace

Headline backtest_headline(const BacktestResult& r) {
  Headline h;
  for (const auto& m : r.models)
    h.push_back({m.model + ".mae", "Mean absolute error of " + m.model + " over " + std::to_string(m.scored) + " cases",
                 m.mae, "points of 100"});
  if (r.coverage)
    h.push_back({"ensemble_cv.coverage", "Share of outcomes inside the ensemble's cross-validated interval",
                 r.coverage->share, "share"});
  return h;
}

json to_json(const BacktestResult& r) {
  json models = json::array();
  for (const auto& m : r.models) {
    models.push_back({{"model", m.model},
                      {"description", m.description},
                      {"cross_validated", m.cross_validated},
                      {"scored", m.scored},
                      {"missing", m.missing},
                      {"mae", m.mae},
                      {"median_ae", m.median_ae},
                      {"rmse", m.rmse},
                      {"beats", m.beats},
                      {"ties", m.ties},
                      {"loses", m.loses},
                      {"share_beats", m.share_beats},
                      {"mean_difference", m.mean_difference},
                      {"difference_interval", {m.difference_low, m.difference_high}},
                      {"sign_test_p", m.sign_test_p},
                      {"not_converged", m.not_converged},
                      {"cycles", m.cycles}});
  }
  json cases = json::array();
  for (const auto& c : r.cases) {
    json forecasts = json::object();
    for (std::size_t m = 0; m < r.models.size(); ++m) forecasts[r.models[m].model] = number_or_null(c.forecast[m]);
    json interval = nullptr;
    if (c.interval) interval = {c.interval->low, c.interval->high};
    cases.push_back({{"issue", c.issue},
                     {"proposal", c.proposal},
                     {"fold", c.fold},
                     {"outcome", c.outcome},
                     {"actors", c.actors},
                     {"forecasts", forecasts},
                     {"ensemble_cv_interval", interval}});
  }
  json coverage = nullptr;
  if (r.coverage)
    coverage = {{"level", r.coverage->level},
                {"cases", r.coverage->cases},
                {"covered", r.coverage->covered},
                {"share", r.coverage->share},
                {"mean_width", r.coverage->mean_width}};
  return {{"scenario", r.scenario},
          {"options", backtest_option_table().write(r.options)},
          {"issues", r.issues},
          {"scored", static_cast<int>(r.cases.size())},
          {"without_outcome", r.without_outcome},
          {"too_few_actors", r.too_few_actors},
          {"proposals", r.proposals},
          {"baseline", r.baseline},
          {"models", models},
          {"coverage", coverage},
          {"fit", r.fit ? to_json(*r.fit) : json(nullptr)},
          {"cases", cases},
          {"notes", r.notes},
          {"headline", headline_to_json(backtest_headline(r))}};
}

json run_backtest(const Scenario& scenario, const json& options) { return to_json(backtest_analysis(scenario, options)); }

}  // namespace truce::backtest
