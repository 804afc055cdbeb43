// The fast SMP engine against the straightforward port: the same run, bit for bit, for every
// parameter value, on KTAB's examples and on random scenarios. Also determinism.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "truce/forecast/random_spatial_input.hpp"
#include "truce/forecast/spatial_model.hpp"
#include "truce/io/scenario_file.hpp"

namespace truce {
namespace {

const std::string ktab_dir = std::string(TRUCE_SOURCE_DIR) + "/data/ktab/";

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

#define EXPECT_SAME_BITS(a, b) EXPECT_TRUE(same_bits((a), (b))) << #a << " = " << (a) << " vs " << (b)

void expect_same_vector(const std::vector<double>& a, const std::vector<double>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_SAME_BITS(a[i], b[i]);
}

void expect_same_bargain(const SpatialBargain& a, const SpatialBargain& b) {
  EXPECT_EQ(a.initiator, b.initiator);
  EXPECT_EQ(a.receiver, b.receiver);
  expect_same_vector(a.initiator_position, b.initiator_position);
  expect_same_vector(a.receiver_position, b.receiver_position);
}

void expect_same_run(const SpatialModelRun& a, const SpatialModelRun& b) {
  ASSERT_EQ(a.states.size(), b.states.size());
  ASSERT_EQ(a.turns.size(), b.turns.size());
  EXPECT_EQ(a.converged, b.converged);
  EXPECT_EQ(a.risk_neutral_fallback, b.risk_neutral_fallback);
  expect_same_vector(a.effective_power, b.effective_power);
  for (std::size_t t = 0; t < a.states.size(); ++t) {
    SCOPED_TRACE("state " + std::to_string(t));
    ASSERT_EQ(a.states[t].position.size(), b.states[t].position.size());
    for (std::size_t i = 0; i < a.states[t].position.size(); ++i)
      expect_same_vector(a.states[t].position[i], b.states[t].position[i]);
    expect_same_vector(a.states[t].risk_attitude, b.states[t].risk_attitude);
    expect_same_vector(a.states[t].probability, b.states[t].probability);
  }
  for (std::size_t t = 0; t < a.turns.size(); ++t) {
    SCOPED_TRACE("turn " + std::to_string(t));
    const auto &x = a.turns[t], &y = b.turns[t];
    EXPECT_SAME_BITS(x.fractional_change, y.fractional_change);
    ASSERT_EQ(x.challenges.size(), y.challenges.size());
    for (std::size_t c = 0; c < x.challenges.size(); ++c) {
      EXPECT_EQ(x.challenges[c].initiator, y.challenges[c].initiator);
      EXPECT_EQ(x.challenges[c].target, y.challenges[c].target);
      EXPECT_SAME_BITS(x.challenges[c].probability, y.challenges[c].probability);
      EXPECT_SAME_BITS(x.challenges[c].gain, y.challenges[c].gain);
      EXPECT_SAME_BITS(x.challenges[c].target_estimate, y.challenges[c].target_estimate);
      expect_same_bargain(x.challenges[c].initiator_view, y.challenges[c].initiator_view);
      expect_same_bargain(x.challenges[c].target_view, y.challenges[c].target_view);
      expect_same_bargain(x.challenges[c].compromise, y.challenges[c].compromise);
    }
    ASSERT_EQ(x.bargains.size(), y.bargains.size());
    for (std::size_t i = 0; i < x.bargains.size(); ++i) expect_same_bargain(x.bargains[i], y.bargains[i]);
    ASSERT_EQ(x.resolutions.size(), y.resolutions.size());
    for (std::size_t k = 0; k < x.resolutions.size(); ++k) {
      EXPECT_EQ(x.resolutions[k].queue, y.resolutions[k].queue);
      expect_same_vector(x.resolutions[k].probability, y.resolutions[k].probability);
      EXPECT_EQ(x.resolutions[k].chosen, y.resolutions[k].chosen);
    }
  }
}


SpatialModelInput ktab_input(const std::string& file) {
  return forecast_spatial_model_detailed(load_scenario_file(ktab_dir + file), {}).runs.at(0).input;
}

TEST(SpatialModelEngine, EqualsReferenceOnKtabExamples) {
  for (const char* file : {"SOE-Policy.csv", "SOE-Pol-Comp.csv", "dummyData_3Dim.csv", "dummyData-a040.csv"}) {
    SCOPED_TRACE(file);
    const auto in = ktab_input(file);
    expect_same_run(run_spatial_model(in, {}), run_spatial_model_reference(in, {}));
  }
}

// Every value of every parameter (the others at KTAB's defaults), on random scenarios.
std::vector<SpatialModelOptions> one_at_a_time() {
  std::vector<SpatialModelOptions> all;
  auto add = [&](auto set) {
    SpatialModelOptions o;
    o.max_turns = 12;
    set(o);
    all.push_back(o);
  };
  for (auto v : {VictoryProbability::linear, VictoryProbability::square, VictoryProbability::quartic,
                 VictoryProbability::octic, VictoryProbability::binary})
    add([&](SpatialModelOptions& o) { o.victory_probability = v; });
  for (auto v : {VoteRule::binary, VoteRule::prop_bin, VoteRule::proportional, VoteRule::prop_cubic, VoteRule::cubic,
                 VoteRule::asymmetric_prospect})
    add([&](SpatialModelOptions& o) { o.vote_rule = v; });
  for (auto v : {CondorcetElection::conditional, CondorcetElection::markov_incentive, CondorcetElection::markov_uniform})
    add([&](SpatialModelOptions& o) { o.pce = v; });
  for (auto v : {BigRRange::min, BigRRange::mid, BigRRange::max}) add([&](SpatialModelOptions& o) { o.big_r_range = v; });
  for (auto v : {BigRAdjust::none, BigRAdjust::one_third, BigRAdjust::half, BigRAdjust::two_thirds, BigRAdjust::full})
    add([&](SpatialModelOptions& o) { o.big_r_adjust = v; });
  for (auto v : {ThirdPartyCommit::no_commit, ThirdPartyCommit::semi_commit, ThirdPartyCommit::full_commit})
    add([&](SpatialModelOptions& o) { o.third_party_commit = v; });
  for (auto v : {BargainInterpolation::s1p1, BargainInterpolation::s2p2, BargainInterpolation::s2pmax})
    add([&](SpatialModelOptions& o) { o.interpolation = v; });
  for (auto v : {BargainModel::init_only, BargainModel::init_receiver, BargainModel::pairwise_compromise})
    add([&](SpatialModelOptions& o) { o.bargain_model = v; });
  add([&](SpatialModelOptions& o) {
    o.state_transitions = StateTransitions::stochastic;
    o.seed = 42;
  });
  return all;
}

TEST(SpatialModelEngine, EqualsReferenceForEveryParameterValue) {
  const auto inputs = {random_spatial_input(9, 1, 1), random_spatial_input(14, 2, 2), random_spatial_input(11, 3, 3)};
  int case_number = 0;
  for (const auto& options : one_at_a_time())
    for (const auto& in : inputs) {
      SCOPED_TRACE("case " + std::to_string(case_number++) + " " + spatial_model_options_to_json(options).dump());
      expect_same_run(run_spatial_model(in, options), run_spatial_model_reference(in, options));
    }
}

TEST(SpatialModelEngine, EqualsReferenceOnLargerRandomScenarios) {
  for (int seed = 10; seed < 13; ++seed) {
    const auto in = random_spatial_input(30 + 5 * seed % 20, 1 + seed % 3, static_cast<std::uint64_t>(seed));
    expect_same_run(run_spatial_model(in, {}), run_spatial_model_reference(in, {}));
  }
}

// Every non-default parameter value changes the run (so no option is silently ignored by
// both the engine and the reference): some position, probability or challenge differs.
TEST(SpatialModelEngine, EveryParameterValueIsUsed) {
  const auto in = random_spatial_input(14, 2, 2);
  const auto base = run_spatial_model(in, one_at_a_time().front());  // front() is the default (Linear)
  auto fingerprint = [](const SpatialModelRun& r) {
    std::vector<double> f;
    for (const auto& s : r.states) {
      for (const auto& x : s.position) f.insert(f.end(), x.begin(), x.end());
      f.insert(f.end(), s.probability.begin(), s.probability.end());
      f.insert(f.end(), s.risk_attitude.begin(), s.risk_attitude.end());
    }
    for (const auto& t : r.turns)
      for (const auto& c : t.challenges) {
        f.push_back(c.gain);
        f.insert(f.end(), c.target_view.initiator_position.begin(), c.target_view.initiator_position.end());
        f.insert(f.end(), c.compromise.initiator_position.begin(), c.compromise.initiator_position.end());
      }
    return f;
  };
  const auto reference = fingerprint(base);
  const auto defaults = spatial_model_options_to_json(one_at_a_time().front());
  for (const auto& o : one_at_a_time()) {
    const auto json = spatial_model_options_to_json(o);
    if (json == defaults) continue;
    EXPECT_NE(fingerprint(run_spatial_model(in, o)), reference) << json.dump();
  }
}

// Two runs give bitwise identical results, in both transition modes.
TEST(SpatialModelEngine, RunsAreDeterministic) {
  const auto in = random_spatial_input(20, 2, 7);
  SpatialModelOptions stochastic;
  stochastic.state_transitions = StateTransitions::stochastic;
  stochastic.seed = 2024;
  for (const auto& o : {SpatialModelOptions{}, stochastic}) expect_same_run(run_spatial_model(in, o), run_spatial_model(in, o));
}

// A different seed gives a different stochastic run (the seed is used).
TEST(SpatialModelEngine, StochasticSeedMatters) {
  const auto in = random_spatial_input(20, 2, 7);
  SpatialModelOptions a, b;
  a.state_transitions = b.state_transitions = StateTransitions::stochastic;
  a.seed = 1;
  b.seed = 2;
  const auto ra = run_spatial_model(in, a), rb = run_spatial_model(in, b);
  bool differ = ra.states.size() != rb.states.size();
  for (std::size_t t = 0; !differ && t < ra.states.size(); ++t) differ = ra.states[t].position != rb.states[t].position;
  EXPECT_TRUE(differ);
}

}  // namespace
}  // namespace truce
