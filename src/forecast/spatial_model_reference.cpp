// KTAB's SMP, ported step by step from the write-up (docs/ktab-smp-algorithm.md) and
// our Python re-implementation (tools/ktab_smp_reference.py), in plain loops. This is
// the definition the fast engine (spatial_model_engine.cpp) is checked against, bit for bit.
#pragma clang fp contract(off)

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "spatial_model_common.hpp"
#include "truce/forecast/spatial_model.hpp"

namespace truce {

using namespace smp_detail;

// ------------------------------------------------------------------ building blocks

double spatial_utility(double d, double r) {
  if (d <= 1) return (1 - d) * (1 + d * r);
  return (1 - d) * (1 + r);
}

double spatial_distance(const std::vector<double>& ideal, const std::vector<double>& point,
                        const std::vector<double>& salience) {
  double ds2 = 0.0, ss2 = 0.0;
  for (std::size_t d = 0; d < ideal.size(); ++d) {
    const double s = salience[d];
    const double ds = (ideal[d] - point[d]) * s;
    ds2 = ds2 + ds * ds;
    ss2 = ss2 + s * s;
  }
  return std::sqrt(ds2 / ss2);
}

std::vector<double> risk_attitudes_from_probabilities(const std::vector<double>& p, BigRRange range) {
  double p_min = 1.0, p_max = 0.0;
  for (double x : p) {
    p_min = x < p_min ? x : p_min;
    p_max = x > p_max ? x : p_max;
  }
  std::vector<double> r(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    switch (range) {
      case BigRRange::min:
        r[i] = (p[i] - p_min) / (p_max - p_min);
        break;
      case BigRRange::mid:
        r[i] = (3 * p[i] - (p_max + 2 * p_min)) / (2 * (p_max - p_min));
        break;
      case BigRRange::max:
        r[i] = (2 * p[i] - (p_max + p_min)) / (p_max - p_min);
        break;
    }
  }
  return r;
}

double estimated_risk_attitude(double rh, double ri, BigRAdjust adjust) {
  switch (adjust) {
    case BigRAdjust::full:
      return ri;
    case BigRAdjust::two_thirds:
      return (rh + (2.0 * ri)) / 3.0;
    case BigRAdjust::half:
      return (rh + ri) / 2;
    case BigRAdjust::one_third:
      return ((2.0 * rh) + ri) / 3.0;
    case BigRAdjust::none:
      break;
  }
  return rh;
}

namespace {

double round4(double x) { return static_cast<double>(static_cast<int>(0.5 + x * 10000.0)) / 10000.0; }

// KTAB's pow(s, n) * pow(p, m) with n, m in {1, 2}. pow(x, 2) is written x * x: both KTAB's
// compiler and ours fold it so (glibc's pow(x, 2.0) also returns the rounded square).
double power(double x, int n) { return n == 1 ? x : x * x; }

}  // namespace

SpatialBargain interpolate_bargain(const SpatialModelInput& input, int i, int j, const std::vector<double>& x_i,
                                   const std::vector<double>& x_j, double prb_i, double prb_j,
                                   BargainInterpolation interpolation) {
  SpatialBargain b;
  b.initiator = i;
  b.receiver = j;
  const std::size_t m = x_i.size();
  b.initiator_position.resize(m);
  b.receiver_position.resize(m);
  for (std::size_t d = 0; d < m; ++d) {
    const double tik = x_i[d], sik = input.salience[i][d];
    const double tjk = x_j[d], sjk = input.salience[j][d];
    double bik = 0, bjk = 0;
    if (interpolation == BargainInterpolation::s2pmax) {
      const double di = (prb_j > prb_i) ? (prb_j - prb_i) : 0;
      const double dj = (prb_i > prb_j) ? (prb_i - prb_j) : 0;
      const double sik2 = sik * sik, sjk2 = sjk * sjk;
      const double min_w = 1e-6;
      const double dik = (di * sjk2) / ((di * sjk2) + min_w + ((1 - di) * sik2));
      const double djk = (dj * sik2) / ((dj * sik2) + min_w + ((1 - dj) * sjk2));
      bik = tik + dik * (tjk - tik);
      bjk = tjk + djk * (tik - tjk);
    } else {
      const int n = interpolation == BargainInterpolation::s1p1 ? 1 : 2;
      const double wik = power(sik, n) * power(prb_i, n);
      const double wjk = power(sjk, n) * power(prb_j, n);
      // The 1e-6 keeps 0/0 away when neither cares; round to 4 decimals as KTAB does.
      const double min_w = 1e-6;
      bik = round4(((wik + min_w) * tik + wjk * tjk) / (wik + min_w + wjk));
      bjk = round4((wik * tik + (min_w + wjk) * tjk) / (wik + min_w + wjk));
    }
    b.initiator_position[d] = bik;
    b.receiver_position[d] = bjk;
  }
  return b;
}

// ------------------------------------------------------------------ shared internals

namespace smp_detail {

void validate(const SpatialModelInput& input, const SpatialModelOptions& options) {
  const std::size_t n = input.capability.size();
  if (n < 2) throw std::invalid_argument(fmt::format("the spatial model needs at least 2 actors, found {}", n));
  if (input.position.size() != n || input.salience.size() != n)
    throw std::invalid_argument("the spatial model needs a position and a salience vector per actor");
  const std::size_t m = input.position[0].size();
  if (m == 0) throw std::invalid_argument("the spatial model needs at least one dimension");
  for (std::size_t i = 0; i < n; ++i) {
    const double c = input.capability[i];
    if (!(c > 0) || !std::isfinite(c))
      throw std::invalid_argument(fmt::format("actor {}: capability must be positive, found {}", i, c));
    if (input.position[i].size() != m || input.salience[i].size() != m)
      throw std::invalid_argument(fmt::format("actor {}: expected {} dimensions", i, m));
    double total = 0;
    for (std::size_t d = 0; d < m; ++d) {
      const double x = input.position[i][d], s = input.salience[i][d];
      if (!(x >= 0 && x <= 1))
        throw std::invalid_argument(fmt::format("actor {}: position {} is outside [0, 1]", i, x));
      if (!(s >= 0 && s <= 1))
        throw std::invalid_argument(fmt::format("actor {}: salience {} is outside [0, 1]", i, s));
      total += s;
    }
    if (!(total > 0))
      throw std::invalid_argument(fmt::format("actor {}: saliences sum to 0 (the actor has no stake)", i));
    if (total > 1 + 1e-9)
      throw std::invalid_argument(fmt::format("actor {}: saliences sum to {} > 1 (KTAB's limit)", i, total));
  }
  if (options.max_turns < 1)
    throw std::invalid_argument(fmt::format("max_turns must be at least 1, found {}", options.max_turns));
  if (!(options.stop_fraction >= 0) || !std::isfinite(options.stop_fraction))
    throw std::invalid_argument("stop_fraction must be a non-negative number");
}

ActorConstants actor_constants(const SpatialModelInput& input) {
  ActorConstants k;
  const std::size_t n = input.capability.size();
  k.total_salience.resize(n);
  k.challenge_weight.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double t = 0.0;
    for (double s : input.salience[i]) t = t + s;
    k.total_salience[i] = t;
    k.challenge_weight[i] = t * input.capability[i];
  }
  return k;
}

double difference_norm(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0.0;
  for (std::size_t d = 0; d < a.size(); ++d) {
    const double x = a[d] - b[d];
    s = s + x * x;
  }
  return std::sqrt(s);
}

double state_distance(const std::vector<std::vector<double>>& a, const std::vector<std::vector<double>>& b) {
  double s = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) s = s + difference_norm(a[i], b[i]);
  return s;
}

int most_probable(const std::vector<double>& p) {
  int best = 0;
  double best_p = -1.0;
  for (std::size_t m = 0; m < p.size(); ++m)
    if (best_p < std::fabs(p[m])) {
      best = static_cast<int>(m);
      best_p = std::fabs(p[m]);
    }
  return best;
}

int draw_from(const std::vector<double>& p, std::uint64_t seed, std::size_t turn, std::size_t actor) {
  r123::Philox4x64 philox;
  const r123::Philox4x64::ctr_type counter = {{static_cast<std::uint64_t>(turn), static_cast<std::uint64_t>(actor), 0, 0}};
  const r123::Philox4x64::key_type key = {{seed, 0x534d50u /* "SMP" */}};
  const auto bits = philox(counter, key);
  const double u = static_cast<double>(bits[0] >> 11) * 0x1.0p-53;  // uniform in [0, 1)
  double cumulative = 0.0;
  for (std::size_t m = 0; m < p.size(); ++m) {
    cumulative = cumulative + p[m];
    if (u < cumulative) return static_cast<int>(m);
  }
  return static_cast<int>(p.size()) - 1;
}

SpatialBargain compromise_bargain(const SpatialModelInput& input, const ActorConstants& constants,
                                  const SpatialBargain& iij, const SpatialBargain& jij) {
  const int i = iij.initiator, j = iij.receiver;
  const double wi = input.capability[i] * constants.total_salience[i];
  const double wj = input.capability[i] * constants.total_salience[j];  // KTAB bug 2, kept knowingly
  SpatialBargain b;
  b.initiator = i;
  b.receiver = j;
  const std::size_t m = iij.initiator_position.size();
  b.initiator_position.resize(m);
  b.receiver_position.resize(m);
  for (std::size_t d = 0; d < m; ++d) {
    b.initiator_position[d] = (wi * iij.initiator_position[d] + wj * jij.initiator_position[d]) / (wi + wj);
    b.receiver_position[d] = (wi * iij.receiver_position[d] + wj * jij.receiver_position[d]) / (wi + wj);
  }
  return b;
}

UniquePositions unique_positions(const std::vector<std::vector<double>>& x) {
  UniquePositions u;
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i) {
    bool seen = false;
    for (int k : u.representative) seen = seen || difference_norm(x[i], x[k]) < position_tolerance;
    if (!seen) u.representative.push_back(static_cast<int>(i));
  }
  u.of_actor.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < u.representative.size(); ++k)
      if (difference_norm(x[i], x[u.representative[k]]) < position_tolerance) u.of_actor[i] = static_cast<int>(k);
  return u;
}

void queue_bargains(BargainModel model, const SpatialChallenge& ch, std::vector<SpatialBargain>& bargains,
                    std::vector<int>& own) {
  auto queue = [&](const SpatialBargain& b) {
    bargains.push_back(b);
    own.push_back(static_cast<int>(bargains.size()) - 1);
  };
  switch (model) {
    case BargainModel::init_only:
      queue(ch.initiator_view);
      break;
    case BargainModel::init_receiver:
      queue(ch.initiator_view);
      queue(ch.target_view);
      break;
    case BargainModel::pairwise_compromise:
      queue(ch.compromise);
      break;
  }
}

std::vector<int> resolution_queue(int k, const std::vector<std::vector<int>>& own, const std::vector<int>& target) {
  std::vector<int> queue{k};
  for (int b : own[k]) queue.push_back(b);
  for (std::size_t i = 0; i < target.size(); ++i)
    if (target[i] == k)
      for (int b : own[i]) queue.push_back(b);
  return queue;
}

std::vector<double> resolve_bargains(SpatialResolution& res, const std::vector<SpatialBargain>& bargains,
                                     const SpatialModelInput& input, const SpatialModelOptions& options,
                                     const std::vector<double>& u, int turn, int k, const std::vector<double>& current) {
  res.probability = scalar_pce(options.vote_rule, options.victory_probability, options.pce, input.capability, u,
                               res.queue.size());
  res.chosen = options.state_transitions == StateTransitions::deterministic
                   ? most_probable(res.probability)
                   : draw_from(res.probability, options.seed, static_cast<std::size_t>(turn), static_cast<std::size_t>(k));
  const auto& b = bargains[res.queue[res.chosen]];
  return b.status_quo() ? current : (b.initiator == k ? b.initiator_position : b.receiver_position);
}

}  // namespace smp_detail

// ------------------------------------------------------------------ one state, KTAB's way

SpatialStateView::SpatialStateView(const SpatialModelInput& input, std::vector<std::vector<double>> position,
                                   const SpatialModelOptions& options)
    : input_(&input), options_(options), position_(std::move(position)), n_(static_cast<int>(input.capability.size())) {
  const int n = n_;
  // Ideals equal positions: KTAB's identity accommodation matrix (CSV input).
  distance_.resize(static_cast<std::size_t>(n) * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) distance_[i * n + j] = spatial_distance(position_[i], position_[j], input.salience[i]);
  std::vector<double> neutral(static_cast<std::size_t>(n) * n);
  for (int k = 0; k < n; ++k)
    for (int i = 0; i < n; ++i) neutral[k * n + i] = spatial_utility(distance_[k * n + i], 0.0);
  const auto p = scalar_pce(options.vote_rule, options.victory_probability, options.pce, input.capability, neutral,
                            static_cast<std::size_t>(n));
  const auto [lo, hi] = std::minmax_element(p.begin(), p.end());
  // All probabilities equal (e.g. everyone at one point): KTAB divides by zero and goes on
  // with NaN. We call everyone risk neutral instead (and say so in the result).
  fallback_ = !(*hi - *lo > 0);
  risk_ = fallback_ ? std::vector<double>(n, 0.0) : risk_attitudes_from_probabilities(p, options.big_r_range);
  total_salience_ = actor_constants(input).total_salience;
}

double SpatialStateView::utility(int h, int i, int j) const {
  return spatial_utility(distance_[i * n_ + j], estimated_risk_attitude(risk_[h], risk_[i], options_.big_r_adjust));
}

std::pair<double, double> SpatialStateView::challenge(int h, int k, int i, int j) const {
  const auto& S = total_salience_;
  const auto& c = input_->capability;
  const VoteRule vr = options_.vote_rule;
  auto U = [&](int a, int b) { return utility(h, a, b); };
  const double eu_sq = U(k, i) + U(k, j);
  const double u_vict = U(k, i) + U(k, i);
  const double u_loss = U(k, j) + U(k, j);
  const double con_i = condorcet_vote(vr, S[i] * c[i], U(i, i), U(i, j));
  const double con_j = condorcet_vote(vr, S[j] * c[j], U(j, i), U(j, j));
  double chij = min_challenge_coalition, chji = min_challenge_coalition;
  if (con_i > 0.0) chij = chij + con_i;
  if (con_i < 0.0) chji = chji - con_i;
  if (con_j > 0.0) chij = chij + con_j;
  if (con_j < 0.0) chji = chji - con_j;
  const double ci_ij = chij, cj_ij = chji;  // each third party starts from the principals only
  for (int t = 0; t < n_; ++t) {
    if (t == i || t == j) continue;
    const double wn = S[t] * c[t];
    const double uni = U(t, i), unj = U(t, j), unn = U(t, t);
    const double cn = condorcet_vote(vr, wn, uni, unj);
    const double cni = cn > 0 ? ci_ij + cn : ci_ij;
    const double cnj = cn < 0 ? cj_ij - cn : cj_ij;
    const double pin = cni / (cni + cnj);
    const double pjn = 1.0 - pin;
    const auto tp = third_party_terms(options_.third_party_commit, uni, unj, unn);
    const double u_ik_j = (pin * tp.ik_j) + (pjn * tp.j_ik);
    const double u_i_jk = (pin * tp.i_jk) + (pjn * tp.jk_i);
    const double v = condorcet_vote(vr, wn, u_ik_j, u_i_jk);
    if (v > 0) chij = chij + v;
    if (v < 0) chji = chji - v;
  }
  const double phij = chij / (chij + chji);
  const double phji = chji / (chij + chji);
  const double eu_contest = phij * u_vict + phji * u_loss;
  const double eu_challenge = (1 - S[j]) * u_vict + S[j] * eu_contest;  // j resists with probability S_j
  return {phij, eu_challenge - eu_sq};
}

std::vector<double> SpatialStateView::position_probabilities() const {
  const auto unique = unique_positions(position_);
  const std::size_t k = unique.representative.size();
  std::vector<double> u(static_cast<std::size_t>(n_) * k);
  for (int i = 0; i < n_; ++i)
    for (std::size_t jj = 0; jj < k; ++jj) u[i * k + jj] = utility(i, i, unique.representative[jj]);
  const auto p =
      scalar_pce(options_.vote_rule, options_.victory_probability, options_.pce, input_->capability, u, k);
  std::vector<double> out(n_);
  for (int i = 0; i < n_; ++i) out[i] = p[unique.of_actor[i]];
  return out;
}

// ------------------------------------------------------------------ the run

SpatialModelRun run_spatial_model_reference(const SpatialModelInput& input, const SpatialModelOptions& options) {
  validate(input, options);
  const int n = static_cast<int>(input.capability.size());
  const auto constants = actor_constants(input);
  SpatialModelRun run;
  run.effective_power = constants.challenge_weight;
  run.states.push_back({input.position, {}, {}});
  bool done = false;
  for (int iter = 0;;) {
    auto& state = run.states.back();
    const SpatialStateView view(input, state.position, options);
    state.risk_attitude = view.risk_attitudes();
    state.probability = view.position_probabilities();
    run.risk_neutral_fallback = run.risk_neutral_fallback || view.risk_neutral_fallback();
    if (done) break;
    ++iter;
    const auto& X = state.position;

    SpatialTurn turn;
    for (int k = 0; k < n; ++k) turn.bargains.push_back({k, k, X[k], X[k]});
    std::vector<std::vector<int>> own(n);
    std::vector<int> target(n, -1);
    for (int i = 0; i < n; ++i) {
      int best_j = -1;
      double p_ij = 0, best = -1.0;
      for (int j = 0; j < n; ++j) {
        if (j == i) continue;
        const auto [pij, edu] = view.challenge(i, i, i, j);
        if (min_significant_gain < edu && best < edu) {
          best_j = j;
          p_ij = pij;
          best = edu;
        }
      }
      if (best_j < 0) continue;  // "has no advantageous targets"
      const int j = best_j;
      SpatialChallenge ch;
      ch.initiator = i;
      ch.target = j;
      ch.probability = p_ij;
      ch.gain = best;
      ch.initiator_view = interpolate_bargain(input, i, j, X[i], X[j], p_ij, 1 - p_ij, options.interpolation);
      ch.target_estimate = view.challenge(j, i, i, j).second;  // KTAB bug 1: a gain used as a probability
      ch.target_view = interpolate_bargain(input, i, j, X[i], X[j], ch.target_estimate, 1 - ch.target_estimate,
                                           options.interpolation);
      ch.compromise = compromise_bargain(input, constants, ch.initiator_view, ch.target_view);
      queue_bargains(options.bargain_model, ch, turn.bargains, own[i]);
      target[i] = j;
      turn.challenges.push_back(std::move(ch));
    }

    std::vector<std::vector<double>> next(n);
    turn.resolutions.resize(n);
    for (int k = 0; k < n; ++k) {
      auto& res = turn.resolutions[k];
      res.queue = resolution_queue(k, own, target);
      const std::size_t nb = res.queue.size();
      std::vector<double> u(static_cast<std::size_t>(n) * nb);
      for (int a = 0; a < n; ++a) {
        for (std::size_t m = 0; m < nb; ++m) {
          const auto& b = turn.bargains[res.queue[m]];
          double s = 0.0;
          if (b.status_quo()) {
            for (int l = 0; l < n; ++l) s = s + view.utility(a, a, l);
          } else {
            const double r = view.risk_attitudes()[a];
            s = s + spatial_utility(spatial_distance(X[a], b.initiator_position, input.salience[a]), r);
            s = s + spatial_utility(spatial_distance(X[a], b.receiver_position, input.salience[a]), r);
            for (int l = 0; l < n; ++l)
              if (l != b.initiator && l != b.receiver) s = s + view.utility(a, a, l);
          }
          u[a * nb + m] = s / n;
        }
      }
      next[k] = resolve_bargains(res, turn.bargains, input, options, u, iter, k, X[k]);
    }
    run.states.push_back({std::move(next), {}, {}});
    const double d01 = state_distance(run.states[0].position, run.states[1].position) + stop_min_delta;
    const double dxy = state_distance(run.states[iter].position, run.states[iter - 1].position);
    turn.fractional_change = dxy / d01;
    run.converged = iter >= 2 && turn.fractional_change < options.stop_fraction;
    done = iter >= options.max_turns || run.converged;
    run.turns.push_back(std::move(turn));
  }
  return run;
}

}  // namespace truce
