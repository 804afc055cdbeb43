// Bueno de Mesquita's expected-utility model, step by step as Scholz, Calbert & Smith (2011)
// reconstruct it. The paper's own equation numbers could not be checked here (no copy of the
// paper was reachable offline), so each step names the MODELS.md section 1 formula it
// implements, labelled [M1]..[M7] in docs/forecast.md:
//   [M1] basic utilities U_s, U_f, U_b, U_w, U_sq        [M2] P_i, i prevails over j
//   [M3] E^i(challenge j)                                [M4] security level, R_i, r_i
//   [M5] dyad classification and the offer it implies    [M6] choice among offers
//   [M7] stop rule and forecast (weighted median and mean of the positions)
#include "truce/forecast/expected_utility.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

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
  return v == EumProbability::supporters_only ? "supporters_only" : "net_clamped";
}
std::string to_string(EumOfferChoice v) { return v == EumOfferChoice::least_move ? "least_move" : "strongest_sender"; }
std::string to_string(EumPerspective v) { return v == EumPerspective::own_risk ? "own_risk" : "challenger_risk"; }
std::string to_string(EumUpdate v) { return v == EumUpdate::simultaneous ? "simultaneous" : "sequential"; }
std::string to_string(EumForecast v) { return v == EumForecast::weighted_mean ? "weighted_mean" : "weighted_median"; }

std::vector<std::pair<std::string, std::string>> ExpectedUtilityOptions::describe() const {
  return {{"max_rounds", fmt::format("{}", max_rounds)},
          {"q", fmt::format("{}", q)},
          {"t", fmt::format("{}", t)},
          {"tolerance", fmt::format("{}", tolerance)},
          {"centre", to_string(centre)},
          {"range", to_string(range)},
          {"risk", to_string(risk)},
          {"security", to_string(security)},
          {"probability", to_string(probability)},
          {"offer_choice", to_string(offer_choice)},
          {"perspective", to_string(perspective)},
          {"update", to_string(update)},
          {"forecast", to_string(forecast)}};
}

namespace {

struct Model {
  const std::vector<double>& c;
  const std::vector<double>& s;
  const ExpectedUtilityOptions& o;
  std::size_t n;
  std::vector<double> w;  // c s

  // [M1] 2 - 4 (0.5 + delta)^r, the shape every basic utility shares. The base is clamped at
  // 0 so a distance beyond R (possible only with a range narrower than the moves) stays defined.
  static double shaped(double delta, double r) { return 2 - 4 * std::pow(std::max(0.0, 0.5 + delta), r); }

  // [M2] Probability that i prevails over j, from every actor k's support c_k s_k weighted by
  // how much closer x_i is to x_k than x_j is.
  double prevails(const std::vector<double>& x, std::size_t i, std::size_t j) const {
    double support = 0, net = 0, total = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const double margin = std::abs(x[k] - x[j]) - std::abs(x[k] - x[i]);
      net += w[k] * margin;
      if (margin > 0) support += w[k] * margin;
      total += w[k] * std::abs(margin);
    }
    if (!(total > 0)) return 0.5;  // x_i == x_j: nobody can tell them apart
    const double top = o.probability == EumProbability::supporters_only ? support : std::max(0.0, net);
    return top / total;
  }

  // [M3] E^i(challenge j) with risk exponent r (i's, or whoever's perspective is taken).
  double challenge(const std::vector<double>& x, double mu, double range, std::size_t i, std::size_t j, double p,
                   double r) const {
    const double dij = std::abs(x[i] - x[j]) / range;
    const double dmu = (std::abs(x[i] - mu) + std::abs(x[i] - x[j])) / range;
    const double us = shaped(-0.5 * dij, r);
    const double uf = shaped(0.5 * dij, r);
    const double ub = shaped(-0.25 * dmu, r);
    const double uw = shaped(0.25 * dmu, r);
    const double usq = shaped(0.0, r);
    return s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us - o.q * usq - (1 - o.q) * (o.t * ub + (1 - o.t) * uw);
  }

  double centre(const std::vector<double>& x) const {
    const auto v = o.centre == EumCentre::weighted_median ? weighted_median(w, x) : weighted_mean(w, x);
    return v.value_or(0.0);
  }

  double range_of(const std::vector<double>& x, const std::vector<double>& initial) const {
    double r = scale_max_ - scale_min_;
    if (o.range != EumRange::scale) {
      const auto& v = o.range == EumRange::initial_positions ? initial : x;
      r = *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end());
    }
    return r > 0 ? r : 1.0;  // everyone at one point: no distances to scale
  }

  // E[i][j] for every ordered pair, with exponents r.
  std::vector<double> all_challenges(const std::vector<double>& x, double mu, double range,
                                     const std::vector<double>& r) const {
    std::vector<double> e(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (i != j) e[i * n + j] = challenge(x, mu, range, i, j, prevails(x, i, j), r[i]);
    return e;
  }

  // [M4] Risk exponents from the security levels, computed with r = 1.
  std::vector<double> risk_exponents(const std::vector<double>& x, double mu, double range) const {
    const std::vector<double> e = all_challenges(x, mu, range, std::vector<double>(n, 1.0));
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

  struct Offer {
    double position;
    double sender_eu;
    std::size_t sender;
  };

  // [M5] The offer i makes to j, if any, from i's view of the dyad: E^i(challenge j) and the
  // estimate of E^j(challenge i).
  static bool offer(double ei, double ej, double xi, double xj, double& to) {
    if (!(ei > 0) || xi == xj) return false;
    if (ej > 0) {  // conflict: the side expecting more wins, the loser moves to the winner
      if (!(ei > ej)) return false;
      to = xi;
    } else if (std::abs(ei) > std::abs(ej)) {  // compromise: j moves part of the way
      to = xj + (xi - xj) * std::abs(ej / ei);
    } else {  // capitulation: j gives in to i
      to = xi;
    }
    return to != xj;
  }

  // [M6] The offer an actor takes.
  static bool better(const Offer& a, const Offer& b, double xj, EumOfferChoice rule) {
    const double ma = std::abs(a.position - xj), mb = std::abs(b.position - xj);
    if (rule == EumOfferChoice::least_move) {
      if (ma != mb) return ma < mb;
      if (a.sender_eu != b.sender_eu) return a.sender_eu > b.sender_eu;
    } else {
      if (a.sender_eu != b.sender_eu) return a.sender_eu > b.sender_eu;
      if (ma != mb) return ma < mb;
    }
    return a.sender < b.sender;
  }

  // Where j moves given positions x (nullopt-like: returns x[j] when no offer).
  double respond(const std::vector<double>& x, double mu, double range, const std::vector<double>& r, std::size_t j,
                 const std::vector<double>& e) const {
    bool any = false;
    Offer best{0, 0, 0};
    for (std::size_t i = 0; i < n; ++i) {
      if (i == j) continue;
      const double ei = e[i * n + j];
      const double ej = o.perspective == EumPerspective::own_risk ? e[j * n + i]
                                                                   : challenge(x, mu, range, j, i, prevails(x, j, i), r[i]);
      double to = 0;
      if (!offer(ei, ej, x[i], x[j], to)) continue;
      const Offer candidate{to, ei, i};
      if (!any || better(candidate, best, x[j], o.offer_choice)) best = candidate;
      any = true;
    }
    return any ? best.position : x[j];
  }

  double scale_min_ = 0.0, scale_max_ = 100.0;
};

}  // namespace

ExpectedUtilityRun run_expected_utility(const std::vector<double>& positions, const std::vector<double>& capability,
                                        const std::vector<double>& salience, const ExpectedUtilityOptions& options) {
  const std::size_t n = positions.size();
  if (capability.size() != n || salience.size() != n)
    throw std::invalid_argument("run_expected_utility: positions, capability and salience differ in size");
  if (options.max_rounds < 0) throw std::invalid_argument("eum: max_rounds must be at least 0");
  if (!(options.q >= 0 && options.q <= 1)) throw std::invalid_argument("eum: q must lie in [0, 1]");
  if (!(options.t >= 0 && options.t <= 1)) throw std::invalid_argument("eum: t must lie in [0, 1]");
  if (!(options.tolerance >= 0)) throw std::invalid_argument("eum: tolerance must be at least 0");

  Model m{capability, salience, options, n, {}};
  m.w.resize(n);
  for (std::size_t i = 0; i < n; ++i) m.w[i] = capability[i] * salience[i];

  ExpectedUtilityRun run;
  run.positions.push_back(positions);
  auto record = [&](const std::vector<double>& x) {
    run.median_by_round.push_back(weighted_median(m.w, x).value_or(NAN));
    run.mean_by_round.push_back(weighted_mean(m.w, x).value_or(NAN));
  };
  record(positions);
  run.risk_exponent.assign(n, 1.0);
  if (n < 2) {
    run.converged = true;
    return run;
  }

  std::vector<double> x = positions;
  for (int round = 1; round <= options.max_rounds; ++round) {
    const double mu = m.centre(x);
    const double range = m.range_of(x, positions);
    if (options.risk == EumRisk::each_round || (options.risk == EumRisk::once && round == 1))
      run.risk_exponent = m.risk_exponents(x, mu, range);
    const auto& r = run.risk_exponent;

    std::vector<double> next = x;
    if (options.update == EumUpdate::simultaneous) {
      const std::vector<double> e = m.all_challenges(x, mu, range, r);
      for (std::size_t j = 0; j < n; ++j) next[j] = m.respond(x, mu, range, r, j, e);
    } else {
      for (std::size_t j = 0; j < n; ++j) {
        const double mu_now = m.centre(next);
        const double range_now = m.range_of(next, positions);
        const std::vector<double> e = m.all_challenges(next, mu_now, range_now, r);
        next[j] = m.respond(next, mu_now, range_now, r, j, e);
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
  }
  run.rounds = static_cast<int>(run.positions.size()) - 1;
  return run;
}

}  // namespace truce
