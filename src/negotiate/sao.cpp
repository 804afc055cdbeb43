// The stacked alternating offers protocol and its agents. The rules, and where each follows
// NegMAS 0.15.7 (gb/negotiators, gb/components, preferences/inv_ufun, sao/mechanism), are in
// docs/negotiate.md; the data it is checked against: ../shared/data/negmas_sao/SOURCE.md.

#include <Random123/philox.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "truce/negotiate/sao.hpp"

namespace truce::negotiate {

namespace {

// Counter-based draws (Philox4x32-10): draw `n` of run `run` under `seed`, whatever thread
// runs it or in what order runs are made.
double uniform(std::uint64_t seed, std::uint64_t run, std::uint32_t party, std::uint32_t n) {
  r123::Philox4x32 philox;
  const r123::Philox4x32::ctr_type counter = {
      {static_cast<std::uint32_t>(run), static_cast<std::uint32_t>(run >> 32), n, 0x6e656700u + party}};  // "neg"
  const r123::Philox4x32::key_type key = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const auto r = philox(counter, key);
  const std::uint64_t bits = ((static_cast<std::uint64_t>(r.v[0]) << 32) | r.v[1]) >> 11;
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
}

struct Context {
  const NegotiationDomain& domain;
  const SortedOutcomes& table;
  std::size_t party;
  std::uint64_t seed, run;
};

class Agent {
 public:
  explicit Agent(const Context& c) : c_(c) {}
  virtual ~Agent() = default;
  // The response to the standing offer in round `round` at relative time t.
  virtual bool accept(std::uint64_t offer, double t, std::uint32_t round) = 0;
  // A proposal; nullopt when the agent has nothing to offer (the negotiation breaks).
  virtual std::optional<std::uint64_t> propose(double t, std::uint32_t round) = 0;
  // Another party's proposal, as NegMAS's on_partner_proposal reports it.
  virtual void partner_proposed(std::uint64_t) {}
  virtual std::uint32_t random_choices() const { return 0; }

 protected:
  double u(std::uint64_t package) const { return c_.domain.utility(c_.party, package); }
  bool within(std::uint64_t package) const { return c_.domain.within_red_lines(c_.party, package); }
  Context c_;
};

// NegMAS's BoulwareTBNegotiator / LinearTB / ConcederTB / AspirationNegotiator: aspiration
// a(t) = 1 - t^e, offered and accepted in [L, U] with L = clamp(umin + a (umax - umin) - eps),
// U = umax, in raw utility units (UtilityBasedOutcomeSetRecommender.scale_utilities).
class TimeBased : public Agent {
 public:
  TimeBased(const Context& c, double exponent, double tolerance, std::uint32_t accept_from)
      : Agent(c), e_(exponent), eps_(tolerance), accept_from_(accept_from) {
    max_ = c.table.best_utility;
    min_ = std::max(c.table.worst_utility, c.table.reservation);
  }
  bool accept(std::uint64_t offer, double t, std::uint32_t round) override {
    if (round < accept_from_ || !within(offer)) return false;
    const auto [low, high] = range(t);
    const double v = u(offer);
    return low <= v && v <= high;
  }
  std::optional<std::uint64_t> propose(double t, std::uint32_t round) override {
    // A staller concedes nothing before its round: it repeats its best package.
    if (round < accept_from_) return c_.table.acceptable ? std::optional<std::uint64_t>(c_.table.best) : std::nullopt;
    const auto [low, high] = range(t);
    const auto at = c_.table.worst_in(low, high);
    if (!at) return c_.table.acceptable ? std::optional<std::uint64_t>(c_.table.best) : std::nullopt;
    return c_.table.package[*at];
  }

 private:
  std::pair<double, double> range(double t) const {
    const double aspiration = 1.0 * (1.0 - std::pow(t, e_));
    double low = (max_ - min_) * aspiration + min_;
    double high = (max_ - min_) * 1.0 + min_;
    low -= eps_;
    high += eps_;
    low = std::max(min_, std::min(max_, low));
    high = std::max(min_, std::min(max_, high));
    return {low, high};
  }
  double e_, eps_;
  std::uint32_t accept_from_;
  double max_ = 0, min_ = 0;
};

// NegMAS's ToughNegotiator: AcceptBest + OfferBest.
class Tough : public Agent {
 public:
  using Agent::Agent;
  bool accept(std::uint64_t offer, double, std::uint32_t) override {
    return within(offer) && u(offer) >= c_.table.best_utility - 1e-10;
  }
  std::optional<std::uint64_t> propose(double, std::uint32_t) override {
    if (!c_.table.acceptable) return std::nullopt;
    return c_.table.best;
  }
};

// NegMAS's MiCRONegotiator (accept_same): concede one step down its sorted list for each new
// offer received; otherwise repeat one of its earlier offers (at random among them).
class Micro : public Agent {
 public:
  using Agent::Agent;
  bool accept(std::uint64_t offer, double, std::uint32_t) override {
    if (!within(offer)) return false;
    double mine;
    if (ready()) mine = next_index_ < c_.table.utility.size() ? utility_at(next_index_) : c_.table.reservation;
    else mine = next_index_ > 0 ? utility_at(next_index_ - 1) : c_.table.reservation;
    mine = std::max(mine, c_.table.reservation);
    return u(offer) >= mine;
  }
  std::optional<std::uint64_t> propose(double, std::uint32_t) override {
    const bool has_next = next_index_ < c_.table.acceptable;
    if (!has_next || utility_at(next_index_) < c_.table.reservation || !ready()) {
      if (sent_.empty()) return std::nullopt;
      if (sent_.size() == 1) return sent_.front();
      ++random_choices_;
      const double x = uniform(c_.seed, c_.run, static_cast<std::uint32_t>(c_.party), draws_++);
      return sent_[std::min(sent_.size() - 1, static_cast<std::size_t>(x * static_cast<double>(sent_.size())))];
    }
    const std::uint64_t p = outcome_at(next_index_);
    ++next_index_;
    if (std::find(sent_.begin(), sent_.end(), p) == sent_.end()) sent_.push_back(p);
    return p;
  }
  void partner_proposed(std::uint64_t p) override {
    if (std::find(received_.begin(), received_.end(), p) == received_.end()) received_.push_back(p);
  }
  std::uint32_t random_choices() const override { return random_choices_; }

 private:
  bool ready() const { return sent_.size() <= received_.size(); }
  // outcome_at(k): k-th best, walking the acceptable part from the top (NegMAS's rank index).
  std::uint64_t outcome_at(std::size_t k) const {
    return k < c_.table.acceptable ? c_.table.package[c_.table.acceptable - 1 - k] : c_.table.package[k];
  }
  double utility_at(std::size_t k) const {
    return k < c_.table.acceptable ? c_.table.utility[c_.table.acceptable - 1 - k] : c_.table.utility[k];
  }
  std::size_t next_index_ = 0;
  // Distinct packages; few, so a vector beats a hash set (and keeps first-sent order).
  std::vector<std::uint64_t> sent_, received_;
  std::uint32_t random_choices_ = 0;
  std::uint32_t draws_ = 0;
};

// NegMAS's NaiveTitForTatNegotiator (kindness 0, no punishment): the partner's concession under
// a zero-sum model of it, n(offer) = (u - min) / (max - min), is mirrored from round 3 on; in
// rounds 1 and 2 a minimal concession (the gap between two successive outcomes of its sorted
// list, which the shared inverter hands out in turn, two per call).
class TitForTat : public Agent {
 public:
  TitForTat(const Context& c) : Agent(c) {
    max_ = c.table.best_utility;
    min_ = c.table.worst_utility;
    norm_min_ = std::max(min_, c.table.reservation);
    cursor_ = -1;
  }
  bool accept(std::uint64_t offer, double, std::uint32_t round) override {
    partner_offer_ = offer;
    if (!within(offer)) return false;
    const double partner_u = normalised(offer) * -1 + 1.0;
    const double c = concession(1.0 - partner_u, round);
    return normalised(offer) >= 1.0 - c;
  }
  std::optional<std::uint64_t> propose(double, std::uint32_t round) override {
    const double partner_u = partner_offer_ ? normalised(*partner_offer_) * -1 + 1.0 : 1.0;
    const double c = concession(1.0 - partner_u, round);
    const double target = 1.0 - c;
    // worst_in((target, 1), normalized=True): un-normalised on the extreme outcomes' range.
    const double d = max_ - min_;
    double low, high;
    if (d < 1e-6) {
      low = high = 0.0;
    } else {
      low = target * d + min_;
      high = 1.0 * d + min_;
      if (low > high) std::swap(low, high);
    }
    const auto at = c_.table.worst_in(low, high);
    if (!at) return std::nullopt;
    return c_.table.package[*at];
  }

 private:
  double normalised(std::uint64_t offer) const {
    const double d = max_ - norm_min_;
    if (d < 1e-5) return 1.0;
    return (u(offer) - norm_min_) * (1 / d);
  }
  double concession(double partner, std::uint32_t round) {
    double c = partner < 0 ? 0.0 : partner;
    if (round == 0) return 0.0;
    if (round >= 3) return check(c + 0.0);
    // must_concede: (u(best) - u(next) + 1e-12) / (max - min) of two successive next_worse()
    const double a = next_worse(), b = next_worse();
    const std::size_t n = c_.table.acceptable;
    const double range = n ? c_.table.utility[n - 1] - c_.table.utility[0] : 0.0;
    return check((a - b + 1e-12) / range);
  }
  static double check(double c) {
    if (!std::isfinite(c) || c < -1e-6 || c > 1.0000001) return 0.0;
    return c;
  }
  // NegMAS's PresortingInverseUtilityFunction.next_worse(), as utilities.
  double next_worse() {
    const std::size_t n = c_.table.acceptable;
    if (n == 0) return c_.table.reservation;
    if (cursor_ < 0) {
      cursor_ = static_cast<std::int64_t>(n) - 1;
      return c_.table.utility[n - 1];
    }
    if (cursor_ > 0) return c_.table.utility[static_cast<std::size_t>(--cursor_)];
    return c_.table.reservation;
  }
  double max_ = 0, min_ = 0, norm_min_ = 0;
  std::int64_t cursor_ = -1;
  std::optional<std::uint64_t> partner_offer_;
};

// truce's seeded random agent: offers an acceptable package drawn uniformly, accepts an offer
// worth at least a level drawn uniformly between its worst acceptable and best utility.
class RandomAgent : public Agent {
 public:
  using Agent::Agent;
  bool accept(std::uint64_t offer, double, std::uint32_t) override {
    if (!within(offer) || !c_.table.acceptable) return false;
    const double lo = c_.table.utility[0], hi = c_.table.utility[c_.table.acceptable - 1];
    const double level = lo + (hi - lo) * draw();
    return u(offer) >= std::max(level, c_.table.reservation);
  }
  std::optional<std::uint64_t> propose(double, std::uint32_t) override {
    if (!c_.table.acceptable) return std::nullopt;
    const auto k = std::min(c_.table.acceptable - 1,
                            static_cast<std::size_t>(draw() * static_cast<double>(c_.table.acceptable)));
    return c_.table.package[k];
  }

 private:
  double draw() { return uniform(c_.seed, c_.run, static_cast<std::uint32_t>(c_.party), n_++); }
  std::uint32_t n_ = 0;
};

std::unique_ptr<Agent> make_agent(const AgentSpec& spec, const Context& c) {
  switch (spec.strategy) {
    case Strategy::time_based: return std::make_unique<TimeBased>(c, spec.exponent, spec.tolerance, 0);
    case Strategy::staller: return std::make_unique<TimeBased>(c, spec.exponent, spec.tolerance, spec.stall_rounds);
    case Strategy::tit_for_tat: return std::make_unique<TitForTat>(c);
    case Strategy::micro: return std::make_unique<Micro>(c);
    case Strategy::tough: return std::make_unique<Tough>(c);
    case Strategy::random: return std::make_unique<RandomAgent>(c);
  }
  throw std::invalid_argument("unknown strategy");
}

}  // namespace

AgentSpec parse_agent(const std::string& text) {
  AgentSpec a;
  a.name = text;
  const auto colon = text.find(':');
  const std::string head = text.substr(0, colon);
  const std::string arg = colon == std::string::npos ? "" : text.substr(colon + 1);
  auto number = [&](double lo, double hi) {
    std::size_t used = 0;
    double v = 0;
    try {
      v = std::stod(arg, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (arg.empty() || used != arg.size() || !std::isfinite(v) || v < lo || v > hi)
      throw std::invalid_argument(fmt::format("agent '{}': expected a number from {} to {} after '{}:', found '{}'", text,
                                              lo, hi, head, arg));
    return v;
  };
  auto no_argument = [&] {
    if (colon != std::string::npos)
      throw std::invalid_argument(fmt::format("agent '{}': '{}' takes no parameter", text, head));
  };
  if (head == "boulware") no_argument(), a.exponent = 4.0;
  else if (head == "linear") no_argument(), a.exponent = 1.0;
  else if (head == "conceder") no_argument(), a.exponent = 0.25;
  else if (head == "aspiration") no_argument(), a.exponent = 4.0, a.tolerance = 1e-3;
  else if (head == "exponent") a.exponent = number(1e-6, 1e6);
  else if (head == "tft") no_argument(), a.strategy = Strategy::tit_for_tat;
  else if (head == "micro") no_argument(), a.strategy = Strategy::micro;
  else if (head == "tough") no_argument(), a.strategy = Strategy::tough;
  else if (head == "random") no_argument(), a.strategy = Strategy::random;
  else if (head == "staller") {
    const double round = number(0, 1e9);
    if (round != std::floor(round))
      throw std::invalid_argument(fmt::format("agent '{}': expected a whole round after 'staller:', found '{}'", text, arg));
    a.strategy = Strategy::staller;
    a.stall_rounds = static_cast<std::uint32_t>(round);
  }
  else
    throw std::invalid_argument(fmt::format("agent '{}': expected one of boulware, linear, conceder, aspiration, "
                                            "exponent:E, tft, micro, tough, random, staller:ROUND",
                                            text));
  return a;
}

std::vector<std::string> agent_names() {
  return {"boulware", "linear", "conceder", "aspiration", "exponent:E", "tft", "micro", "tough", "random", "staller:ROUND"};
}

SaoRun run_sao(const NegotiationDomain& domain, const std::vector<const SortedOutcomes*>& tables,
               const std::vector<AgentSpec>& agents, const SaoSettings& settings) {
  const std::size_t n = domain.parties();
  if (tables.size() != n || agents.size() != n)
    throw std::invalid_argument(fmt::format("expected {} agents and tables (one per party), found {} and {}", n,
                                            agents.size(), tables.size()));
  if (settings.steps == 0) throw std::invalid_argument("a negotiation needs at least one round");
  std::vector<std::unique_ptr<Agent>> party;
  for (std::size_t i = 0; i < n; ++i)
    party.push_back(make_agent(agents[i], Context{domain, *tables[i], i, settings.seed, settings.run}));
  SaoRun out;
  std::optional<std::uint64_t> current;
  std::size_t proposer = 0, acceptances = 0;
  auto finish = [&](SaoRun& r) {
    for (const auto& a : party) r.micro_random_choices += a->random_choices();
  };
  for (std::uint32_t round = 0; round < settings.steps; ++round) {
    const double t = static_cast<double>(round + 1) / static_cast<double>(settings.steps + 1);
    for (std::size_t i = 0; i < n; ++i) {
      if (current) {
        if (i == proposer) acceptances = 0;  // its own offer came back unaccepted by all
        else if (party[i]->accept(*current, t, round)) {
          if (++acceptances == n) {
            out.ending = Ending::agreement;
            out.agreement = *current;
            out.round = round;
            out.accepted_offer_by = static_cast<std::uint32_t>(proposer);
            finish(out);
            return out;
          }
          continue;
        }
      }
      const auto offer = party[i]->propose(t, round);
      if (!offer) {
        out.ending = Ending::broken;
        out.round = round;
        out.why = fmt::format("party {} had no acceptable package to offer", i);
        finish(out);
        return out;
      }
      ++out.offers;
      if (settings.trace) out.trace.push_back({round, static_cast<std::uint32_t>(i), *offer});
      current = offer;
      proposer = i;
      acceptances = 1;  // offering is accepting
      for (std::size_t k = 0; k < n; ++k)
        if (k != i) party[k]->partner_proposed(*offer);
    }
  }
  out.ending = Ending::deadline;
  out.round = settings.steps - 1;
  out.why = fmt::format("no agreement within the deadline of {} rounds", settings.steps);
  finish(out);
  return out;
}

}  // namespace truce::negotiate
