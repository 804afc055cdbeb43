// The fast engine for KTAB's SMP. Same numbers as the straightforward port
// (spatial_model_reference.cpp), bit for bit: every sum keeps KTAB's order. What changes:
//  * per state, distances and each actor's own utilities are computed once and shared;
//    estimated utilities U^h_ij are formed on the fly from distances (no n^3 table);
//  * the challenge loop runs "lanes over targets": for a fixed initiator i and third party
//    t, all targets j are updated together, so each (i, j) still adds its third parties in
//    ascending order while the inner loop is a branch-free vector loop;
//  * the value of a bargain to every actor is computed once per bargain (not once per queue
//    it sits in), again with lanes over actors.
#pragma clang fp contract(off)

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "condorcet_vote.hpp"
#include "spatial_model_common.hpp"

namespace truce {

using namespace smp_detail;

namespace {

inline double utility_of(double d, double r) { return d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r); }

// The coalitions "i beats j" and "j beats i" before third parties: the principals' votes
// con_i, con_j, each on the side it favours, on top of KTAB's minimal weight; branch-free.
inline std::pair<double, double> principal_coalitions(double con_i, double con_j) {
  double chij = min_challenge_coalition, chji = min_challenge_coalition;
  chij += con_i > 0.0 ? con_i : 0.0;
  chji += con_i < 0.0 ? -con_i : 0.0;
  chij += con_j > 0.0 ? con_j : 0.0;
  chji += con_j < 0.0 ? -con_j : 0.0;
  return {chij, chji};
}

// Per-state numbers every step of a turn shares.
struct StateNumbers {
  std::vector<double> distance;  // n x n, delta_i(x_j), row i
  std::vector<double> risk;      // R_i
  std::vector<double> own;       // n x n, U^a_{a,l} = U(delta_al, est(R_a, R_a))
  std::vector<double> own_t;     // the transpose: own_t[l * n + a]
  bool fallback = false;
};

// Third parties' votes in initiator i's challenges (h = k = i), for third party t and all
// targets j in [lo, hi): lane j adds t's vote to its own coalition pair (a[j], b[j]), so
// every (i, j) still adds its third parties in ascending order. U^i_tj is formed on the
// fly from the distance with r = est(R_i, R_t).
template <VoteRule VR, ThirdPartyCommit TPC>
[[gnu::always_inline]] inline void third_party_lanes_body(int lo, int hi, const double* __restrict dist_t, double r,
                                                          double wt, double uti, double utt,
                                                          const double* __restrict a0, const double* __restrict b0,
                                                          double* __restrict a, double* __restrict b) {
#pragma clang loop vectorize(enable) interleave(enable)
  for (int j = lo; j < hi; ++j) {
    const double d = dist_t[j];
    const double unj = d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r);
    const double cn = vote_of<VR>(wt, uti, unj);
    const double cni = a0[j] + (cn > 0 ? cn : 0.0);
    const double cnj = b0[j] + (cn < 0 ? -cn : 0.0);
    const double pin = cni / (cni + cnj);
    const double pjn = 1.0 - pin;
    double ik_j, j_ik, i_jk, jk_i;  // KTAB's thirdPartyVoteSU terms
    if constexpr (TPC == ThirdPartyCommit::full_commit) {
      ik_j = uti + uti + uti, j_ik = unj + unj + unj, i_jk = uti + uti + uti, jk_i = unj + unj + unj;
    } else if constexpr (TPC == ThirdPartyCommit::semi_commit) {
      ik_j = uti + uti + utt, j_ik = unj + unj + unj, i_jk = uti + uti + uti, jk_i = unj + unj + utt;
    } else {
      ik_j = uti + uti + utt, j_ik = unj + unj + utt, i_jk = uti + uti + utt, jk_i = unj + unj + utt;
    }
    const double v = vote_of<VR>(wt, (pin * ik_j) + (pjn * j_ik), (pin * i_jk) + (pjn * jk_i));
    a[j] += v > 0 ? v : 0.0;
    b[j] += v < 0 ? -v : 0.0;
  }
}

// The same loop compiled for AVX2 (4 lanes, blends; no FMA, so the same bits) and for the
// x86-64 baseline; chosen once at run time.
template <VoteRule VR, ThirdPartyCommit TPC>
__attribute__((target("avx2"))) void third_party_lanes_avx2(int lo, int hi, const double* dist_t, double r, double wt,
                                                            double uti, double utt, const double* a0, const double* b0,
                                                            double* a, double* b) {
  third_party_lanes_body<VR, TPC>(lo, hi, dist_t, r, wt, uti, utt, a0, b0, a, b);
}
template <VoteRule VR, ThirdPartyCommit TPC>
void third_party_lanes_baseline(int lo, int hi, const double* dist_t, double r, double wt, double uti, double utt,
                                const double* a0, const double* b0, double* a, double* b) {
  third_party_lanes_body<VR, TPC>(lo, hi, dist_t, r, wt, uti, utt, a0, b0, a, b);
}

bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}

// sum[a] += rows[l * n + a] for l = 0..n-1 except skip1 and skip2, in ascending l for every
// lane a (KTAB's order), blocked so a chunk of sums stays in registers across l.
[[gnu::always_inline]] inline void add_rows_body(double* __restrict sum, const double* __restrict rows, int n,
                                                 int skip1, int skip2) {
  constexpr int block = 16;
  int a0 = 0;
  for (; a0 + block <= n; a0 += block) {
    double acc[block];
    for (int q = 0; q < block; ++q) acc[q] = sum[a0 + q];
    for (int l = 0; l < n; ++l) {
      if (l == skip1 || l == skip2) continue;
      const double* row = rows + static_cast<std::size_t>(l) * n + a0;
#pragma clang loop vectorize(enable)
      for (int q = 0; q < block; ++q) acc[q] = acc[q] + row[q];
    }
    for (int q = 0; q < block; ++q) sum[a0 + q] = acc[q];
  }
  for (int l = 0; l < n; ++l) {
    if (l == skip1 || l == skip2) continue;
    const double* row = rows + static_cast<std::size_t>(l) * n;
    for (int a = a0; a < n; ++a) sum[a] = sum[a] + row[a];
  }
}
__attribute__((target("avx2"))) void add_rows_avx2(double* sum, const double* rows, int n, int skip1, int skip2) {
  add_rows_body(sum, rows, n, skip1, skip2);
}
void add_rows_baseline(double* sum, const double* rows, int n, int skip1, int skip2) {
  add_rows_body(sum, rows, n, skip1, skip2);
}

class Engine {
 public:
  Engine(const SpatialModelInput& input, const SpatialModelOptions& options)
      : in_(input), opt_(options), n_(static_cast<int>(input.capability.size())),
        m_(static_cast<int>(input.position[0].size())), k_(actor_constants(input)) {
    salience_.resize(static_cast<std::size_t>(n_) * m_);
    ss2_.resize(n_);
    for (int i = 0; i < n_; ++i) {
      double ss2 = 0.0;
      for (int d = 0; d < m_; ++d) {
        const double s = input.salience[i][d];
        salience_[i * m_ + d] = s;
        ss2 = ss2 + s * s;
      }
      ss2_[i] = ss2;
    }
  }

  SpatialModelRun run() {
    SpatialModelRun run;
    run.effective_power = k_.challenge_weight;
    run.states.push_back({in_.position, {}, {}});
    bool done = false;
    for (int iter = 0;;) {
      auto& state = run.states.back();
      const StateNumbers s = numbers(state.position);
      state.risk_attitude = s.risk;
      state.probability = position_probabilities(state.position, s);
      run.risk_neutral_fallback = run.risk_neutral_fallback || s.fallback;
      if (done) break;
      ++iter;
      SpatialTurn turn;
      auto next = step(state.position, s, iter, turn);
      run.states.push_back({std::move(next), {}, {}});
      const double d01 = state_distance(run.states[0].position, run.states[1].position) + stop_min_delta;
      const double dxy = state_distance(run.states[iter].position, run.states[iter - 1].position);
      turn.fractional_change = dxy / d01;
      run.converged = iter >= 2 && turn.fractional_change < opt_.stop_fraction;
      done = iter >= opt_.max_turns || run.converged;
      run.turns.push_back(std::move(turn));
    }
    return run;
  }

 private:
  const SpatialModelInput& in_;
  const SpatialModelOptions& opt_;
  const int n_, m_;
  const ActorConstants k_;
  std::vector<double> salience_;  // n x m
  std::vector<double> ss2_;       // sum_d s_id^2, in KTAB's order

  // KTAB's bvDiff with the salience part (ss2) precomputed: the same operations.
  double distance(int i, const double* ideal, const double* point) const {
    double ds2 = 0.0;
    const double* s = &salience_[static_cast<std::size_t>(i) * m_];
    for (int d = 0; d < m_; ++d) {
      const double ds = (ideal[d] - point[d]) * s[d];
      ds2 = ds2 + ds * ds;
    }
    return std::sqrt(ds2 / ss2_[i]);
  }

  double est(double rh, double ri) const { return estimated_risk_attitude(rh, ri, opt_.big_r_adjust); }

  StateNumbers numbers(const std::vector<std::vector<double>>& X) const {
    const int n = n_;
    StateNumbers s;
    std::vector<double> flat(static_cast<std::size_t>(n) * m_);
    for (int i = 0; i < n; ++i)
      for (int d = 0; d < m_; ++d) flat[i * m_ + d] = X[i][d];
    s.distance.resize(static_cast<std::size_t>(n) * n);
    std::vector<double> neutral(static_cast<std::size_t>(n) * n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        const double d = distance(i, &flat[i * m_], &flat[j * m_]);
        s.distance[i * n + j] = d;
        neutral[i * n + j] = utility_of(d, 0.0);
      }
    const auto p = scalar_pce(opt_.vote_rule, opt_.victory_probability, opt_.pce, in_.capability, neutral,
                              static_cast<std::size_t>(n));
    const auto [lo, hi] = std::minmax_element(p.begin(), p.end());
    s.fallback = !(*hi - *lo > 0);  // see SpatialStateView: KTAB would divide by zero
    s.risk = s.fallback ? std::vector<double>(n, 0.0) : risk_attitudes_from_probabilities(p, opt_.big_r_range);
    s.own.resize(static_cast<std::size_t>(n) * n);
    s.own_t.resize(static_cast<std::size_t>(n) * n);
    for (int a = 0; a < n; ++a) {
      const double r = est(s.risk[a], s.risk[a]);
      for (int l = 0; l < n; ++l) s.own[a * n + l] = s.own_t[l * n + a] = utility_of(s.distance[a * n + l], r);
    }
    return s;
  }

  std::vector<double> position_probabilities(const std::vector<std::vector<double>>& X, const StateNumbers& s) const {
    const auto unique = unique_positions(X);
    const std::size_t k = unique.representative.size();
    std::vector<double> u(static_cast<std::size_t>(n_) * k);
    for (int i = 0; i < n_; ++i)
      for (std::size_t jj = 0; jj < k; ++jj) u[i * k + jj] = s.own[i * n_ + unique.representative[jj]];
    const auto p = scalar_pce(opt_.vote_rule, opt_.victory_probability, opt_.pce, in_.capability, u, k);
    std::vector<double> out(n_);
    for (int i = 0; i < n_; ++i) out[i] = p[unique.of_actor[i]];
    return out;
  }

  // ---------------------------------------------------------------- challenges

  // h's estimate of (P_ij, change in k's utility) when i challenges j: probEduChlg, scalar.
  template <VoteRule VR, ThirdPartyCommit TPC>
  std::pair<double, double> challenge_one(const StateNumbers& s, int h, int k, int i, int j) const {
    const int n = n_;
    auto U = [&](int a, int b) { return utility_of(s.distance[a * n + b], est(s.risk[h], s.risk[a])); };
    const auto& S = k_.total_salience;
    const auto& w = k_.challenge_weight;
    const double eu_sq = U(k, i) + U(k, j);
    const double u_vict = U(k, i) + U(k, i);
    const double u_loss = U(k, j) + U(k, j);
    auto [chij, chji] = principal_coalitions(vote_of<VR>(w[i], U(i, i), U(i, j)), vote_of<VR>(w[j], U(j, i), U(j, j)));
    const double a0 = chij, b0 = chji;
    for (int t = 0; t < n; ++t) {
      if (t == i || t == j) continue;
      const double uni = U(t, i), unj = U(t, j), unn = U(t, t);
      const double cn = vote_of<VR>(w[t], uni, unj);
      const double cni = a0 + (cn > 0 ? cn : 0.0);
      const double cnj = b0 + (cn < 0 ? -cn : 0.0);
      const double pin = cni / (cni + cnj);
      const double pjn = 1.0 - pin;
      const auto tp = third_party_terms(TPC, uni, unj, unn);
      const double v = vote_of<VR>(w[t], (pin * tp.ik_j) + (pjn * tp.j_ik), (pin * tp.i_jk) + (pjn * tp.jk_i));
      chij += v > 0 ? v : 0.0;
      chji += v < 0 ? -v : 0.0;
    }
    const double phij = chij / (chij + chji);
    const double phji = chji / (chij + chji);
    const double eu_contest = phij * u_vict + phji * u_loss;
    const double eu_challenge = (1 - S[j]) * u_vict + S[j] * eu_contest;
    return {phij, eu_challenge - eu_sq};
  }

  // Every actor's best target: KTAB's bestChallengeUtils + bestChallenge.
  template <VoteRule VR, ThirdPartyCommit TPC>
  void best_challenges(const StateNumbers& s, std::vector<int>& target, std::vector<double>& prob,
                       std::vector<double>& gain) const {
    const int n = n_;
    const auto& S = k_.total_salience;
    const auto& w = k_.challenge_weight;
    std::vector<double> rhi(n), a0(n), b0(n), a(n), b(n);
    for (int i = 0; i < n; ++i) {
      for (int t = 0; t < n; ++t) rhi[t] = est(s.risk[i], s.risk[t]);
      auto U = [&](int x, int y) { return utility_of(s.distance[x * n + y], rhi[x]); };
      const double uii = U(i, i);
      for (int j = 0; j < n; ++j) {
        if (j == i) {
          a0[j] = b0[j] = a[j] = b[j] = 1.0;  // an unused lane, kept finite
          continue;
        }
        const auto [chij, chji] = principal_coalitions(vote_of<VR>(w[i], uii, U(i, j)), vote_of<VR>(w[j], U(j, i), U(j, j)));
        a0[j] = a[j] = chij;
        b0[j] = b[j] = chji;
      }
      const auto lanes = cpu_has_avx2() ? third_party_lanes_avx2<VR, TPC> : third_party_lanes_baseline<VR, TPC>;
      for (int t = 0; t < n; ++t) {
        if (t == i) continue;
        const double* dist_t = &s.distance[static_cast<std::size_t>(t) * n];
        const double uti = U(t, i), utt = U(t, t);
        // Every target j except t itself (j == i is an unused lane): one full-length loop,
        // then lane t's pair is put back as it was (exactly: it is a copy, not an undo).
        const double at = a[t], bt = b[t];
        lanes(0, n, dist_t, rhi[t], w[t], uti, utt, a0.data(), b0.data(), a.data(), b.data());
        a[t] = at;
        b[t] = bt;
      }
      int best_j = -1;
      double best_p = 0, best = -1.0;
      for (int j = 0; j < n; ++j) {
        if (j == i) continue;
        const double phij = a[j] / (a[j] + b[j]);
        const double phji = b[j] / (a[j] + b[j]);
        const double uij = U(i, j);
        const double eu_sq = uii + uij;
        const double u_vict = uii + uii;
        const double u_loss = uij + uij;
        const double eu_contest = phij * u_vict + phji * u_loss;
        const double edu = ((1 - S[j]) * u_vict + S[j] * eu_contest) - eu_sq;
        if (min_significant_gain < edu && best < edu) {
          best_j = j;
          best_p = phij;
          best = edu;
        }
      }
      target[i] = best_j;
      prob[i] = best_p;
      gain[i] = best;
    }
  }

  template <class F>
  decltype(auto) with_rules(F&& f) const {
    return with_vote_rule(opt_.vote_rule, [&](auto vr) -> decltype(auto) {
      switch (opt_.third_party_commit) {
        case ThirdPartyCommit::full_commit:
          return f(vr, std::integral_constant<ThirdPartyCommit, ThirdPartyCommit::full_commit>{});
        case ThirdPartyCommit::semi_commit:
          return f(vr, std::integral_constant<ThirdPartyCommit, ThirdPartyCommit::semi_commit>{});
        case ThirdPartyCommit::no_commit:
          break;
      }
      return f(vr, std::integral_constant<ThirdPartyCommit, ThirdPartyCommit::no_commit>{});
    });
  }

  // ---------------------------------------------------------------- one turn

  std::vector<std::vector<double>> step(const std::vector<std::vector<double>>& X, const StateNumbers& s, int iter,
                                        SpatialTurn& turn) const {
    const int n = n_;
    std::vector<int> target(n, -1);
    std::vector<double> prob(n), gain(n);
    with_rules([&](auto vr, auto tpc) {
      best_challenges<decltype(vr)::value, decltype(tpc)::value>(s, target, prob, gain);
    });

    for (int k = 0; k < n; ++k) turn.bargains.push_back({k, k, X[k], X[k]});
    std::vector<std::vector<int>> own(n);
    for (int i = 0; i < n; ++i) {
      if (target[i] < 0) continue;
      const int j = target[i];
      SpatialChallenge ch;
      ch.initiator = i;
      ch.target = j;
      ch.probability = prob[i];
      ch.gain = gain[i];
      ch.initiator_view = interpolate_bargain(in_, i, j, X[i], X[j], prob[i], 1 - prob[i], opt_.interpolation);
      // KTAB bug 1, kept knowingly: j's estimate of i's *gain* is used as a probability.
      ch.target_estimate = with_rules([&](auto vr, auto tpc) {
        return challenge_one<decltype(vr)::value, decltype(tpc)::value>(s, j, i, i, j).second;
      });
      ch.target_view = interpolate_bargain(in_, i, j, X[i], X[j], ch.target_estimate, 1 - ch.target_estimate,
                                           opt_.interpolation);
      ch.compromise = compromise_bargain(in_, k_, ch.initiator_view, ch.target_view);
      queue_bargains(opt_.bargain_model, ch, turn.bargains, own[i]);
      turn.challenges.push_back(std::move(ch));
    }

    // Value of every bargain to every actor: (1/n) [u(b_i) + u(b_j) + sum_{l != i,j} U^a_al],
    // the sum in KTAB's order (bargain terms first, then l ascending), lanes over actors a.
    const std::size_t nb = turn.bargains.size();
    std::vector<double> value(nb * n);  // value[b * n + a]
    const auto add_rows = cpu_has_avx2() ? add_rows_avx2 : add_rows_baseline;
    {
      std::vector<double> sum(n, 0.0);
      add_rows(sum.data(), s.own_t.data(), n, -1, -1);
      for (int a = 0; a < n; ++a) sum[a] = sum[a] / n;
      for (int k = 0; k < n; ++k) std::copy(sum.begin(), sum.end(), value.begin() + static_cast<std::ptrdiff_t>(k) * n);
    }
    std::vector<double> flat(static_cast<std::size_t>(n) * m_);
    for (int i = 0; i < n; ++i)
      for (int d = 0; d < m_; ++d) flat[i * m_ + d] = X[i][d];
    for (std::size_t bi = static_cast<std::size_t>(n); bi < nb; ++bi) {
      const auto& b = turn.bargains[bi];
      double* sum = &value[bi * n];
      for (int a = 0; a < n; ++a) {
        const double r = s.risk[a];
        double x = 0.0;
        x = x + utility_of(distance(a, &flat[a * m_], b.initiator_position.data()), r);
        x = x + utility_of(distance(a, &flat[a * m_], b.receiver_position.data()), r);
        sum[a] = x;
      }
      add_rows(sum, s.own_t.data(), n, b.initiator, b.receiver);
      for (int a = 0; a < n; ++a) sum[a] = sum[a] / n;
    }

    std::vector<std::vector<double>> next(n);
    turn.resolutions.resize(n);
    std::vector<double> u;
    for (int k = 0; k < n; ++k) {
      auto& res = turn.resolutions[k];
      res.queue = resolution_queue(k, own, target);
      const std::size_t q = res.queue.size();
      u.assign(static_cast<std::size_t>(n) * q, 0.0);
      for (std::size_t mq = 0; mq < q; ++mq) {
        const double* v = &value[static_cast<std::size_t>(res.queue[mq]) * n];
        for (int a = 0; a < n; ++a) u[a * q + mq] = v[a];
      }
      next[k] = resolve_bargains(res, turn.bargains, in_, opt_, u, iter, k, X[k]);
    }
    return next;
  }
};

}  // namespace

SpatialModelRun run_spatial_model(const SpatialModelInput& input, const SpatialModelOptions& options) {
  validate(input, options);
  return Engine(input, options).run();
}

}  // namespace truce
