// Bueno de Mesquita's expected-utility model, step by step as Scholz, Calbert & Smith (2011)
// reconstruct it. Each function names the paper's equations ("eq. N") and Appendix steps it
// implements, in the paper's order:
//   section 3.2, eqs. 26-29, Appendix step 3   median voter position mu       median_voter_position
//   eqs. 13-16, 22-24, Appendix step 4          basic utilities U_s, U_f, U_b, U_w, U_sq   basic_utilities
//   eqs. 20-23, figs. 1-4                       T, whether j's move helps i    better_or_worse
//   section 4, eqs. 30-31, Appendix step 5      P^i, i prevails over j         prevails
//   eqs. 5-7, Appendix steps 6-7                E^i(U_ij)                      challenge
//   section 5, eqs. 32-34, Appendix steps 8-10  security level, R_i, r_i       risk_exponents
//   section 6, fig. 6, eqs. 35-36, step 11      the dyad and the move it implies   dyad_move
//   section 6.2                                 the offer an actor takes       takes
//   Appendix steps 1-13                         the rounds                     run_expected_utility
#include "truce/forecast/expected_utility.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include "truce/core/scenario.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/forecast/compromise.hpp"

namespace truce {

std::string to_string(EumCentre v) { return v == EumCentre::weighted_median ? "weighted_median" : "weighted_mean"; }
std::string to_string(EumRange v) {
  switch (v) {
    case EumRange::scale: return "scale";
    case EumRange::initial_positions: return "initial_positions";
    case EumRange::current_positions: return "current_positions";
  }
  return "";
}
std::string to_string(EumRisk v) {
  switch (v) {
    case EumRisk::neutral: return "neutral";
    case EumRisk::once: return "once";
    case EumRisk::each_round: return "each_round";
  }
  return "";
}
std::string to_string(EumSecurity v) { return v == EumSecurity::others_against ? "others_against" : "own_challenges"; }
std::string to_string(EumProbability v) {
  switch (v) {
    case EumProbability::supporters_only: return "supporters_only";
    case EumProbability::net_clamped: return "net_clamped";
    case EumProbability::all_votes: return "all_votes";
  }
  return "";
}
std::string to_string(EumOfferChoice v) {
  switch (v) {
    case EumOfferChoice::least_move: return "least_move";
    case EumOfferChoice::strongest_sender: return "strongest_sender";
    case EumOfferChoice::scholz_code: return "scholz_code";
  }
  return "";
}
std::string to_string(EumPerspective v) {
  switch (v) {
    case EumPerspective::own_risk: return "own_risk";
    case EumPerspective::challenger_risk: return "challenger_risk";
    case EumPerspective::receiver_risk: return "receiver_risk";
  }
  return "";
}
std::string to_string(EumUpdate v) { return v == EumUpdate::simultaneous ? "simultaneous" : "sequential"; }
std::string to_string(EumCompromise v) { return v == EumCompromise::concede_ratio ? "concede_ratio" : "keep_ratio"; }
std::string to_string(EumForecast v) { return v == EumForecast::weighted_mean ? "weighted_mean" : "weighted_median"; }
std::string to_string(EumTRule v) { return v == EumTRule::by_case ? "by_case" : "fixed"; }
std::string to_string(EumConflict v) { return v == EumConflict::loser_moves ? "loser_moves" : "no_move"; }
std::string to_string(EumReading v) { return v == EumReading::paper ? "paper" : "scholz_code"; }

ExpectedUtilityOptions expected_utility_reading(EumReading reading) {
  ExpectedUtilityOptions o;
  o.reading = reading;
  if (reading == EumReading::scholz_code) {
    o.q = 1.0;  // the paper's choice for its example (p. 27); the reimplementation's default
    o.range = EumRange::initial_positions;
    o.probability = EumProbability::all_votes;
    o.perspective = EumPerspective::receiver_risk;
    o.offer_choice = EumOfferChoice::scholz_code;
    o.max_rounds = 8;     // Table 2's rounds
    o.tolerance = 0.0;    // the code runs its rounds without a convergence test
  }
  return o;
}

namespace {

// Each value of an enum with its name (to_string), for a choice option.
template <class E>
std::vector<std::pair<E, std::string>> named(std::initializer_list<E> values) {
  std::vector<std::pair<E, std::string>> out;
  for (E v : values) out.emplace_back(v, to_string(v));
  return out;
}

}  // namespace

const OptionTable<ExpectedUtilityOptions>& expected_utility_option_table() {
  using O = ExpectedUtilityOptions;
  static const OptionTable<O> table = [] {
    auto reading = choice_option("reading", &O::reading, named({EumReading::paper, EumReading::scholz_code}),
                                 "a named set of the options below (docs/forecast.md); options given with it override it");
    reading.write = [](O& o, const nlohmann::json& v) {
      o = expected_utility_reading(v == "scholz_code" ? EumReading::scholz_code : EumReading::paper);
    };
    return option_table<O>("eum", {
        applied_first(reading),
        with_flag(whole_number_option("max_rounds", &O::max_rounds, 0, 100000,
                                      "round limit, tau (Appendix steps 1, 13; 8 with reading scholz_code)"),
                  "eum-rounds"),
        number_option("q", &O::q, 0.0, 1.0, "Q of eq. 7 (1 with reading scholz_code)"),
        number_option("t", &O::t, 0.0, 1.0, "T of eq. 7, used with t_rule fixed"),
        choice_option("t_rule", &O::t_rule, named({EumTRule::by_case, EumTRule::fixed}),
                      "T: by the paper's cases (figs. 1-4) or fixed (the option t)"),
        number_option("tolerance", &O::tolerance, 0.0, std::nullopt,
                      "stop when no position moves more than this on 0..100 (0 with reading scholz_code)"),
        choice_option("centre", &O::centre, named({EumCentre::weighted_median, EumCentre::weighted_mean}),
                      "mu in U_b, U_w (eqs. 22, 23)"),
        choice_option("range", &O::range,
                      named({EumRange::current_positions, EumRange::initial_positions, EumRange::scale}),
                      "R of eqs. 14-16, 22, 23, 28"),
        choice_option("risk", &O::risk, named({EumRisk::each_round, EumRisk::once, EumRisk::neutral}),
                      "risk exponents r_i (eqs. 32-34)"),
        choice_option("security", &O::security, named({EumSecurity::others_against, EumSecurity::own_challenges}),
                      "whose expected utilities make an actor's security level (section 5)"),
        choice_option("probability", &O::probability,
                      named({EumProbability::supporters_only, EumProbability::net_clamped, EumProbability::all_votes}),
                      "P^i, eqs. 30-31"),
        choice_option("conflict", &O::conflict, named({EumConflict::loser_moves, EumConflict::no_move}),
                      "when both expected utilities are positive (fig. 6)"),
        choice_option("offer_choice", &O::offer_choice,
                      named({EumOfferChoice::strongest_sender, EumOfferChoice::least_move, EumOfferChoice::scholz_code}),
                      "which offer an actor takes (section 6.2)"),
        choice_option("perspective", &O::perspective,
                      named({EumPerspective::own_risk, EumPerspective::challenger_risk, EumPerspective::receiver_risk}),
                      "whose risk exponent prices a dyad"),
        choice_option("update", &O::update, named({EumUpdate::simultaneous, EumUpdate::sequential}),
                      "positions move all at once or actor by actor"),
        choice_option("compromise", &O::compromise, named({EumCompromise::concede_ratio, EumCompromise::keep_ratio}),
                      "reading of x_hat, eqs. 35-36"),
        choice_option("forecast", &O::forecast, named({EumForecast::weighted_median, EumForecast::weighted_mean}),
                      "which statistic of the final positions is the forecast"),
    });
  }();
  return table;
}

std::vector<std::pair<std::string, std::string>> ExpectedUtilityOptions::describe() const {
  return {{"reading", to_string(reading)},
          {"max_rounds", fmt::format("{}", max_rounds)},
          {"q", fmt::format("{}", q)},
          {"t", fmt::format("{}", t)},
          {"t_rule", to_string(t_rule)},
          {"tolerance", fmt::format("{}", tolerance)},
          {"centre", to_string(centre)},
          {"range", to_string(range)},
          {"risk", to_string(risk)},
          {"security", to_string(security)},
          {"probability", to_string(probability)},
          {"conflict", to_string(conflict)},
          {"offer_choice", to_string(offer_choice)},
          {"perspective", to_string(perspective)},
          {"update", to_string(update)},
          {"compromise", to_string(compromise)},
          {"forecast", to_string(forecast)}};
}

namespace {

struct Model {
  const std::vector<double>& c;
  const std::vector<double>& s;
  const ExpectedUtilityOptions& o;
  std::size_t n;
  std::vector<double> w;  // c_k s_k, the weight of k's votes (eq. 26)

  // Section 3.2, eqs. 26-29, Appendix step 3: the median voter position, the position that
  // wins every pairwise vote v^{jk} = sum_i c_i s_i (|x_i - x_k| - |x_i - x_j|) / R. With these
  // single-peaked utilities (Black 1948, cited there) that Condorcet winner is the capability x
  // salience weighted median, computed directly (lower median on an exact tie).
  double median_voter_position(const std::vector<double>& x) const {
    const auto v = o.centre == EumCentre::weighted_median ? weighted_median(w, x) : weighted_mean(w, x);
    return v.value_or(0.0);
  }

  // R = x_max - x_min (eqs. 14-16, 22, 23, 28).
  double range_of(const std::vector<double>& x, const std::vector<double>& initial) const {
    double r = scale_max - scale_min;
    if (o.range != EumRange::scale) {
      const auto& v = o.range == EumRange::initial_positions ? initial : x;
      r = *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end());
    }
    return r > 0 ? r : 1.0;  // everyone at one point: no distances to scale
  }

  // Eqs. 15, 16, 22, 23, 24 share the form 2 - 4 (0.5 + delta)^r_i (eq. 14 puts U^i at
  // 1 - 2|x_i - x_j|/R, so U_s = 2 - 4[(2 - (U_ii - U_ij))/4]^r). The base is clamped at 0 so
  // a distance beyond R (only with a range narrower than the moves) stays defined.
  static double shaped(double delta, double r) {
    const double base = std::max(0.0, 0.5 + delta);
    return 2 - 4 * (r == 1.0 ? base : std::pow(base, r));
  }

  // Eqs. 20-23, figs. 1-4: without a challenge j is expected to move to mu; T = 1 when that
  // brings j closer to i (cases 1 and 3A), 0 when it takes j away (cases 2 and 3B).
  double better_or_worse(const std::vector<double>& x, double mu, std::size_t i, std::size_t j) const {
    if (o.t_rule == EumTRule::fixed) return o.t;
    return std::abs(x[i] - mu) < std::abs(x[i] - x[j]) ? 1.0 : 0.0;
  }

  // Section 4, eqs. 30-31, Appendix step 5: P^i, the probability that i prevails over j, from
  // every actor k's votes c_k s_k (|x_k - x_j| - |x_k - x_i|). One pass per unordered pair: k's
  // vote for j over i is minus its vote for i over j.
  std::vector<double> prevails(const std::vector<double>& x, double range, const std::vector<double>& r) const {
    if (o.probability == EumProbability::all_votes) return prevails_all_votes(x, range, r);
    std::vector<double> p(n * n, 0.5);  // x_i == x_j: nobody can tell them apart
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        double for_i = 0, for_j = 0, net = 0;
        for (std::size_t k = 0; k < n; ++k) {
          const double vote = w[k] * (std::abs(x[k] - x[j]) - std::abs(x[k] - x[i]));
          net += vote;
          if (vote > 0) for_i += vote;
          if (vote < 0) for_j -= vote;
        }
        const double total = for_i + for_j;
        if (!(total > 0)) continue;
        if (o.probability == EumProbability::supporters_only) {
          p[i * n + j] = for_i / total;
          p[j * n + i] = for_j / total;
        } else {
          p[i * n + j] = std::max(0.0, net) / total;
          p[j * n + i] = std::max(0.0, -net) / total;
        }
      }
    return p;
  }

  // EumProbability::all_votes: k's vote for x_a over x_b with k's risk exponent, and P^i as
  // the supporters' votes over the |votes| of every k on every ordered pair of positions.
  double vote(std::size_t k, double xa, double xb, const std::vector<double>& x, double range,
              const std::vector<double>& r) const {
    return w[k] * (std::pow(std::abs(x[k] - xb) / range, r[k]) - std::pow(std::abs(x[k] - xa) / range, r[k]));
  }
  std::vector<double> prevails_all_votes(const std::vector<double>& x, double range,
                                         const std::vector<double>& r) const {
    double total = 0;
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) total += std::abs(vote(k, x[a], x[b], x, range, r));
    std::vector<double> p(n * n, 0.0);
    if (!(total > 0)) return p;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        if (x[i] == x[j]) continue;
        double for_i = 0;
        for (std::size_t k = 0; k < n; ++k) for_i += std::max(0.0, vote(k, x[i], x[j], x, range, r));
        p[i * n + j] = for_i / total;
      }
    return p;
  }

  // Eqs. 5-7 with the basic utilities of eqs. 15, 16, 22-24 (Appendix steps 4, 6, 7):
  // E^i(U_ij) = s_j [P^i U_s + (1 - P^i) U_f] + (1 - s_j) U_s - Q U_sq - (1 - Q)[T U_b + (1 - T) U_w],
  // with risk exponent r (i's own, or whoever's perspective is taken).
  double challenge(const std::vector<double>& x, double mu, double range, std::size_t i, std::size_t j, double p,
                   double r) const {
    const double dij = std::abs(x[i] - x[j]) / range;
    const double us = shaped(-0.5 * dij, r);  // eq. 15
    const double uf = shaped(0.5 * dij, r);   // eq. 16
    double e = s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us;  // eq. 6
    if (o.q != 0) e -= o.q * shaped(0.0, r);                       // eq. 24
    if (o.q != 1) {
      // Terms with a zero coefficient are skipped: pow is most of the model's cost.
      const double t = better_or_worse(x, mu, i, j);
      const double dmu = (std::abs(x[i] - mu) + std::abs(x[i] - x[j])) / range;
      const double ub = t != 0 ? shaped(-0.25 * dmu, r) : 0.0;  // eq. 22
      const double uw = t != 1 ? shaped(0.25 * dmu, r) : 0.0;   // eq. 23
      e -= (1 - o.q) * (t * ub + (1 - t) * uw);                 // eq. 7
    }
    return e;  // eq. 5
  }

  // E[i][j] = E^i(U_ij) for every ordered pair, with exponents r. Pairs at one position make
  // no offers, so only the security levels need them (all_pairs).
  std::vector<double> all_challenges(const std::vector<double>& x, double mu, double range, const std::vector<double>& p,
                                     const std::vector<double>& r, bool all_pairs) const {
    std::vector<double> e(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (i != j && (all_pairs || x[i] != x[j])) e[i * n + j] = challenge(x, mu, range, i, j, p[i * n + j], r[i]);
    return e;
  }

  // Section 5, eqs. 32-34, Appendix steps 8-9: "first determine the expected utilities using
  // r_i = 1, then apply (34) and (33) to estimate r_i". Security level Sec_i (section 5),
  // R_i = (2 Sec_i - max Sec - min Sec)/(max Sec - min Sec) in [-1, 1] (eqs. 32, 34),
  // r_i = (1 - R_i/3)/(1 + R_i/3) in [0.5, 2] (eq. 33).
  std::vector<double> risk_exponents(const std::vector<double>& x, double mu, double range,
                                     const std::vector<double>& p) const {
    const std::vector<double> e = all_challenges(x, mu, range, p, std::vector<double>(n, 1.0), true);
    std::vector<double> security(n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (i != j) security[i] += o.security == EumSecurity::others_against ? e[j * n + i] : e[i * n + j];
    const double hi = *std::max_element(security.begin(), security.end());
    const double lo = *std::min_element(security.begin(), security.end());
    std::vector<double> r(n, 1.0);
    if (!(hi > lo)) return r;
    for (std::size_t i = 0; i < n; ++i) {
      const double big_r = (2 * security[i] - hi - lo) / (hi - lo);
      r[i] = (1 - big_r / 3) / (1 + big_r / 3);
    }
    return r;
  }

  // Section 6, fig. 6, eqs. 35-36, Appendix step 11: where the dyad (i, j), seen by i with
  // a = E^i(U_ij) and b = E^j(U_ji), moves j (nullopt: j does not move; the cases that move i
  // are found from j's side of the dyad).
  //   a > 0, b > 0, a > b     conflict, i favoured: j moves to x_i (or nobody, conflict = no_move)
  //   a > 0 > b, |a| > |b|    compromise (eq. 35): j moves (x_i - x_j)|b/a| toward x_i
  //   a > 0 >= b, |b| >= |a|  capitulation (compel): j moves to x_i
  //   otherwise               i has nothing to offer j (stalemate, status quo, or i loses)
  std::optional<double> dyad_move(double a, double b, double xi, double xj) const {
    if (!(a > 0) || xi == xj) return std::nullopt;
    double to = xi;
    if (b > 0) {
      if (!(a > b) || o.conflict == EumConflict::no_move) return std::nullopt;
    } else if (std::abs(a) > std::abs(b)) {
      const double ratio = std::abs(b / a);
      to = xj + (xi - xj) * (o.compromise == EumCompromise::concede_ratio ? ratio : 1 - ratio);
    }
    if (to == xj) return std::nullopt;
    return to;
  }

  struct Offer {
    double position;
    double sender_eu;  // how enforceable the offer is: the sender's expected utility
    std::size_t sender;
    bool conflict;     // both expected utilities positive
    double scholz_key; // (|E^j| x_j + |E^i| x_i)/(|E^j| + |E^i|), EumOfferChoice::scholz_code
  };

  // Section 6.2: whether offer a is the one to take rather than b.
  bool takes(const Offer& a, const Offer& b, double xj) const {
    const double ma = std::abs(a.position - xj), mb = std::abs(b.position - xj);
    if (o.offer_choice == EumOfferChoice::scholz_code) {
      if (a.conflict != b.conflict) return a.conflict;
      if (a.conflict) {
        if (ma != mb) return ma < mb;
      } else if (a.scholz_key != b.scholz_key) {
        return a.scholz_key < b.scholz_key;
      }
    } else if (o.offer_choice == EumOfferChoice::strongest_sender) {
      if (a.sender_eu != b.sender_eu) return a.sender_eu > b.sender_eu;
      if (ma != mb) return ma < mb;
    } else {
      if (ma != mb) return ma < mb;
      if (a.sender_eu != b.sender_eu) return a.sender_eu > b.sender_eu;
    }
    return a.sender < b.sender;
  }

  // Where j stands after the offers it receives at positions x (x[j] when none).
  double respond(const std::vector<double>& x, double mu, double range, const std::vector<double>& p,
                 const std::vector<double>& r, std::size_t j, const std::vector<double>& e) const {
    std::optional<Offer> best;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == j) continue;
      double a = e[i * n + j];
      double b = e[j * n + i];
      if (o.perspective == EumPerspective::challenger_risk) b = challenge(x, mu, range, j, i, p[j * n + i], r[i]);
      if (o.perspective == EumPerspective::receiver_risk) {
        a = challenge(x, mu, range, i, j, p[i * n + j], r[j]);
        b = challenge(x, mu, range, j, i, p[j * n + i], r[j]);
      }
      // scholz_code never capitulates: only conflicts and compromises (a > 0 > b, |a| > |b|).
      if (o.offer_choice == EumOfferChoice::scholz_code && !(b > 0) && !(b < 0 && a > std::abs(b))) continue;
      const auto to = dyad_move(a, b, x[i], x[j]);
      if (!to) continue;
      const Offer candidate{*to, a, i, b > 0, (std::abs(b) * x[j] + std::abs(a) * x[i]) / (std::abs(a) + std::abs(b))};
      if (!best || takes(candidate, *best, x[j])) best = candidate;
    }
    return best ? best->position : x[j];
  }
};

// Cycle detection. Every option that shapes a round is fixed for the run (R of the initial
// positions is fixed too, and risk = once computes r in round 1 from the initial positions,
// which is what round 1 would use from them again), so the positions after round t + 1 are a
// function of those after round t alone. If the newest positions equal, exactly (every
// double ==), those after an earlier round s, the run from s repeats with period t - s for
// ever. Exact equality and not a tolerance: only an exact repeat proves the repetition; a
// near repeat may be left again. (Moves within `tolerance` already end the run as converged.)
std::optional<std::size_t> repeated_round(const std::vector<std::vector<double>>& positions) {
  const auto& last = positions.back();
  // Scan backwards: a short cycle is found first; most comparisons stop at the first actor.
  for (std::size_t s = positions.size() - 1; s-- > 0;)
    if (positions[s] == last) return s;
  return std::nullopt;
}

RoundCycle cycle_from(const ExpectedUtilityRun& run, const std::vector<double>& statistic, std::size_t first) {
  RoundCycle c;
  const std::size_t last = run.positions.size() - 1;  // equals `first`
  c.first_round = static_cast<int>(first);
  c.length = static_cast<int>(last - first);
  for (std::size_t t = first; t < last; ++t) {
    c.forecast_positions.push_back(statistic[t]);
    c.actor_positions.push_back(run.positions[t]);
  }
  return c;
}

}  // namespace

// Appendix steps 1-13, one round after another.
ExpectedUtilityRun run_expected_utility(const std::vector<double>& positions, const std::vector<double>& capability,
                                        const std::vector<double>& salience, const ExpectedUtilityOptions& options) {
  const std::size_t n = positions.size();
  if (capability.size() != n || salience.size() != n)
    throw std::invalid_argument("run_expected_utility: positions, capability and salience differ in size");
  if (options.max_rounds < 0) throw std::invalid_argument("eum: max_rounds must be at least 0");
  if (!(options.q >= 0 && options.q <= 1)) throw std::invalid_argument("eum: q must lie in [0, 1]");
  if (!(options.t >= 0 && options.t <= 1)) throw std::invalid_argument("eum: t must lie in [0, 1]");
  if (!(options.tolerance >= 0)) throw std::invalid_argument("eum: tolerance must be at least 0");
  // A round weighs every pair against every third actor: n^3 steps of about 0.75 ns here (400
  // actors ran 500 rounds in 23 s). The cap on rounds bounds the estimate; most runs stop sooner.
  const double cube = static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(n);
  check_work_budget(fmt::format("the expected-utility model on {} actors (up to {} rounds)", n, options.max_rounds),
                    0.75e-9 * cube * options.max_rounds,
                    "forecast with fewer actors (merge minor ones) or fewer rounds (--eum-rounds), or leave the model "
                    "out (--model with the others)");

  Model m{capability, salience, options, n, {}};  // step 1
  m.w.resize(n);
  for (std::size_t i = 0; i < n; ++i) m.w[i] = capability[i] * salience[i];

  ExpectedUtilityRun run;
  run.positions.push_back(positions);
  auto record = [&](const std::vector<double>& x) {
    constexpr double none = std::numeric_limits<double>::quiet_NaN();  // nobody has weight
    run.median_by_round.push_back(weighted_median(m.w, x).value_or(none));
    run.mean_by_round.push_back(weighted_mean(m.w, x).value_or(none));
  };
  record(positions);
  run.risk_exponent.assign(n, 1.0);  // step 2
  const auto& statistic = options.forecast == EumForecast::weighted_mean ? run.mean_by_round : run.median_by_round;
  if (n < 2) {
    run.converged = true;
    run.forecast = statistic.back();
    return run;
  }

  std::vector<double> x = positions;
  for (int round = 1; round <= options.max_rounds; ++round) {  // steps 12-13
    const double mu = m.median_voter_position(x);                // step 3
    const double range = m.range_of(x, positions);
    // Step 5. Only all_votes weighs votes by r, so only it needs P^i again after the first pass.
    const bool votes_use_r = options.probability == EumProbability::all_votes;
    std::vector<double> p = m.prevails(x, range, std::vector<double>(n, 1.0));
    if (options.risk == EumRisk::each_round || (options.risk == EumRisk::once && round == 1))
      run.risk_exponent = m.risk_exponents(x, mu, range, p);     // steps 4-9, first pass at r = 1
    const auto& r = run.risk_exponent;
    if (votes_use_r) p = m.prevails(x, range, r);

    std::vector<double> next = x;  // steps 10-11: second pass, then the moves
    if (options.update == EumUpdate::simultaneous) {
      const std::vector<double> e = m.all_challenges(x, mu, range, p, r, false);
      for (std::size_t j = 0; j < n; ++j) next[j] = m.respond(x, mu, range, p, r, j, e);
    } else {
      for (std::size_t j = 0; j < n; ++j) {
        const double mu_now = m.median_voter_position(next);
        const double range_now = m.range_of(next, positions);
        const std::vector<double> p_now = m.prevails(next, range_now, r);
        const std::vector<double> e = m.all_challenges(next, mu_now, range_now, p_now, r, false);
        next[j] = m.respond(next, mu_now, range_now, p_now, r, j, e);
      }
    }
    double moved = 0;
    for (std::size_t i = 0; i < n; ++i) moved = std::max(moved, std::abs(next[i] - x[i]));
    if (moved <= options.tolerance) {
      run.converged = true;
      break;
    }
    x = std::move(next);
    run.positions.push_back(x);
    record(x);
    if (const auto earlier = repeated_round(run.positions)) {
      run.cycle = cycle_from(run, statistic, *earlier);
      break;
    }
  }
  run.rounds = static_cast<int>(run.positions.size()) - 1;
  run.forecast = statistic.back();
  if (run.cycle) {
    // The mean over one period: every later cap would land on one of these rounds, so no
    // choice of cap makes one of them the forecast.
    double sum = 0;
    for (double v : run.cycle->forecast_positions) sum += v;
    run.forecast = sum / static_cast<double>(run.cycle->forecast_positions.size());
  }
  return run;
}

}  // namespace truce
