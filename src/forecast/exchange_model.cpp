// Stokman's exchange model (Stokman & Van Oosten 1994; Dijkstra, Van Assen & Stokman 2008),
// Equal Gain variant. "rule N" below is the numbered rule of
// ../shared/data/decide_exchange/SOURCE.md (the Decide implementation as it runs); where the
// default `model` semantics differ from it the comment says so (docs/forecast.md, "Exchange
// model"). The engine is written once over its number type: doubles for the model, Python's
// 28-digit decimals (decimal28.hpp) for `decide`, whose exact ties depend on the last digit.
#include "truce/forecast/exchange_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "decimal28.hpp"
#include "truce/core/source_scale.hpp"

namespace truce {

std::string to_string(ExchangeSemantics s) { return s == ExchangeSemantics::decide ? "decide" : "model"; }

const OptionTable<ExchangeOptions>& exchange_option_table() {
  using O = ExchangeOptions;
  static const OptionTable<O> table = option_table<O>(
      "exchange",
      {
          whole_number_option("rounds", &O::rounds, 0, 100000, "rounds (as Decide; no convergence test)"),
          choice_option("semantics", &O::semantics,
                        {{ExchangeSemantics::model, "model"}, {ExchangeSemantics::decide, "decide"}},
                        "model (the papers' rules) or decide (the Decide implementation's, quirks included)"),
          choice_option("gain", &O::gain, {{ExchangeGain::equal, "equal"}}, "the gain rule: equal gains (the only one)"),
          number_option("fixed_weight", &O::fixed_weight, 0.0, 1.0,
                        "F of the position update x' = x + (F + S(1 - salience))(y - x)"),
          number_option("salience_weight", &O::salience_weight, 0.0, 1.0, "S of the position update"),
      },
      // The update moves a position at most all the way to the voting position.
      [](const O& o, const std::string& name, const std::string& path) {
        if (o.fixed_weight + o.salience_weight > 1)
          throw std::invalid_argument(fmt::format("{}: expected fixed_weight + salience_weight <= 1, found {} + {}",
                                                  option_path(name, path), o.fixed_weight, o.salience_weight));
      });
  return table;
}

std::vector<std::pair<std::string, std::string>> ExchangeOptions::describe() const {
  return {{"rounds", fmt::format("{}", rounds)},
          {"semantics", to_string(semantics)},
          {"gain", "equal"},
          {"fixed_weight", fmt::format("{}", fixed_weight)},
          {"salience_weight", fmt::format("{}", salience_weight)}};
}

namespace {

using detail::Decimal28;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Number-type helpers: the same code reads as doubles or as Python decimals.
double to_double(double v) { return v; }
double to_double(const Decimal28& v) { return v.to_double(); }
using std::abs;

// Gains that are equal count as ties broken by list order (rule 6). Decide's decimals make
// gains of mirror-image exchanges exactly equal; doubles differ in the last bits, so there
// gains within a relative 1e-12 are ties.
bool same_gain(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b)); }
bool same_gain(const Decimal28& a, const Decimal28& b) { return a == b; }

// The decide semantics run in decimals, the model in doubles: what only one of them needs
// is an empty member in the other (no memory, nothing to construct or copy).
template <typename N>
constexpr bool is_decide = std::is_same_v<N, Decimal28>;
struct Nothing {};
template <typename N, typename T>
using DecideOnly = std::conditional_t<is_decide<N>, T, Nothing>;
template <typename N, typename T>
using ModelOnly = std::conditional_t<is_decide<N>, Nothing, T>;

template <typename N>
struct Side {
  std::uint32_t actor = 0, supply = 0, demand = 0;
  bool cut = false;  // the outcome check cut its move
  N sup_pos = 0;  // current position on the supply issue (rule 7a updates it)
  N dem_pos = 0;  // own position on the demand issue: the partner's target
  N start = 0;    // round-start position on the supply issue
  N s_sup = 0, s_dem = 0, c_sup = 0;
  N cs = 0;          // c_sup s_sup, as reverse_move forms it
  N equal_gain = 0;  // (s_sup + partner's s_dem) / (s_dem + partner's s_sup): by_exchange_ratio's factor
  N move = 0, y = 0, shift = 0;
  [[no_unique_address]] DecideOnly<N, std::vector<N>> moves;  // rule 5: Decide's per-candidate move history
};

template <typename N>
struct Update {
  std::uint32_t issue, actor;
  N position;
};

template <typename N>
struct Candidate {
  Side<N> side[2];  // [0] = i (supplies q, demands p), [1] = j (supplies p, demands q)
  std::uint32_t p = 0, q = 0;
  bool outer = false;
  N gain = 0;
  bool valid = false;
  [[no_unique_address]] DecideOnly<N, std::vector<Update<N>>> updates;  // rule 7b
  // Gains at the steps they were set (the first, gain0, at step 0): rule 6's stable sort
  // orders equal gains by the order the previous sort left, i.e. lexicographically by earlier
  // gains, then by creation.
  // The later ones are kept in the round's list of changes (Change), newest first by `prev`.
  N gain0 = 0;
  std::int32_t last_change = -1;
  std::uint32_t created = 0;
  // Model semantics: the voting positions and the gain before the outcome check (its
  // window is kept from them; a gain the check changed marks it as cut).
  struct Precut {
    N i_y = 0, j_y = 0, gain = 0;
  };
  [[no_unique_address]] ModelOnly<N, Precut> precut;
};

// The model's numbers in type N. For decide, Decide's own: text values read exactly and
// issue scales mapped with decimal division (rule 1); the weights are binary floats.
template <typename N>
struct Numbers {
  std::vector<N> x, s, c;
  N fixed_weight, salience_weight, min_move, min_gain;
};

// `a and b`, `a or b` with both evaluated: no branch, for conditions whose outcome a branch
// predictor cannot learn (the model's doubles; nothing to evaluate has side effects).
constexpr bool both(bool a, bool b) { return static_cast<unsigned>(a) & static_cast<unsigned>(b); }
constexpr bool either(bool a, bool b) { return static_cast<unsigned>(a) | static_cast<unsigned>(b); }

// check_nbs' test with the partner's position x given as x D: not strictly between the
// outcomes sum0 / D and sum1 / D.
template <typename N>
bool clear_of_partner_xd(const N& xd, const N& sum0, const N& sum1) {
  // (a >= 0 and b >= 0) or (a <= 0 and b <= 0), i.e. not of strictly opposite signs; without
  // branches, as most candidates pass.
  const N a = xd - sum0, b = xd - sum1;
  if constexpr (is_decide<N>) return !((a > N(0) && b < N(0)) || (a < N(0) && b > N(0)));
  else return !either(both(a > 0, b < 0), both(a < 0, b > 0));
}

// One round: round-start positions and outcome denominators (rule 2), the in-round
// positions (model semantics) and the direction each actor-issue has moved this round.
template <typename N>
class Round {
 public:
  Round(const ExchangeInput& in, const Numbers<N>& num, const std::vector<N>& x0)
      : in_(in), num_(num), x0_(x0), cur_(x0), dir_(x0.size(), 0), denom_(in.issues, N(0)) {
    // rule 2: D_d = sum c s, once per round
    for (std::size_t k = 0; k < in.issues; ++k)
      for (std::size_t a = 0; a < in.actors; ++a)
        if (in.takes_part[in.at(a, k)]) denom_[k] = denom_[k] + num.s[in.at(a, k)] * num.c[in.at(a, k)];
    sum_.assign(in.issues, N(0));
    for (std::size_t k = 0; k < in.issues; ++k)
      for (std::size_t a = 0; a < in.actors; ++a)
        if (in.takes_part[in.at(a, k)]) sum_[k] = sum_[k] + x0[in.at(a, k)] * num.s[in.at(a, k)] * num.c[in.at(a, k)];
  }

  // rule 5 (Decide's by_absolute_move): the outcome shift on S's supply issue when S moves
  // all the way to its partner's position.
  N by_absolute_move(const Side<N>& s, const Side<N>& partner) const {
    return abs(partner.dem_pos - s.sup_pos) * s.s_sup * s.c_sup / denom_[s.supply];
  }
  // rule 5, equal gain (by_exchange_ratio): the partner's outcome shift so both gain the
  // same, delta_other = ((s_own,sup + s_partner,dem) / (s_own,dem + s_partner,sup)) delta_own.
  static N by_exchange_ratio(const Side<N>& s, const Side<N>&, const N& ratio) { return s.equal_gain * ratio; }
  // rule 5 (reverse_move): the move of S that shifts the outcome by `ratio`.
  N reverse_move(const Side<N>& s, const N& ratio) const { return (ratio * denom_[s.supply]) / s.cs; }
  // rule 5 (expected_utility): |delta_sup s_sup - delta_dem s_dem|, the actor's utility gain.
  static N expected_utility(const Side<N>& s, const N& ratio_supply, const N& ratio_demand) {
    return abs(ratio_supply * s.s_sup - ratio_demand * s.s_dem);
  }

  // The outcome on S's supply issue with S at `position` and the others where this exchange
  // believes they are: Decide's per-exchange `updates` over the round-start positions
  // (rule 5, check_nbs), or, in the model, everyone's current in-round position.
  N adjusted_outcome(const Candidate<N>& c, const Side<N>& s, const N& position) const {
    return numerator(c, s, position, true) / denom_[s.supply];
  }
  // rule 5: the move from `from` that puts the outcome on `target` (adjusted_nbs_by_position,
  // which counts S itself at `from`).
  N move_to_outcome(const Candidate<N>& c, const Side<N>& s, const N& from, const N& target) const {
    return (target * denom_[s.supply] - numerator(c, s, from, false)) / (s.s_sup * s.c_sup);
  }

  // rule 5: is_move_valid.
  bool move_valid(const Side<N>& s, const N& move) const {
    if constexpr (decide_) {
      if (abs(move) > N(100) || abs(move) <= num_.min_move) return false;
    } else {
      if (either(abs(move) > 100, abs(move) <= num_.min_move)) return false;
    }
    const N to = s.sup_pos + move;
    if (to < N(0) || to > N(100)) {
      // doubles: x + (t - x) can miss t by an ulp where Decide's decimals land on it
      if (decide_ || to_double(to) < -1e-9 || to_double(to) > 100 + 1e-9) return false;
    }
    if constexpr (!decide_) {
      // Model: an actor does not reverse its direction on an issue within a round.
      const int d = dir_[in_.at(s.actor, s.supply)];
      return either(d == 0, (d > 0) == (move > 0));
    } else {
    // Decide: every entry of this exchange-actor's move history has the same strict sign,
    // and their sum is at most 100.
    N sum = 0;
    bool all_negative = true, all_positive = true;
    for (const N& m : s.moves) {
      sum = sum + m;
      all_negative = all_negative && m < N(0);
      all_positive = all_positive && m > N(0);
    }
    if (sum > N(100)) return false;
    return all_negative || all_positive;
    }
  }

  // rule 5: EqualGainExchange.calculate.
  void calculate(Candidate<N>& c) const {
    Side<N>& i = c.side[0];
    Side<N>& j = c.side[1];
    i.cut = j.cut = false;
    // j moves all the way to i on p; i concedes the equal-gain shift on q ...
    N dp = by_absolute_move(j, i);
    N dq = by_exchange_ratio(j, i, dp);
    i.move = reverse_move(i, dq);
    j.move = abs(i.dem_pos - j.sup_pos);
    bool j_to_target = true, i_to_target = false;
    if (abs(i.move) > abs(j.dem_pos - i.sup_pos)) {
      // ... unless i would pass j on q: then i moves all the way to j and j concedes less.
      dq = by_absolute_move(i, j);
      dp = by_exchange_ratio(i, j, dq);
      i.move = abs(j.dem_pos - i.sup_pos);
      j.move = reverse_move(j, dp);
      j_to_target = false, i_to_target = true;
    }
    if constexpr (decide_) {
      if (i.sup_pos > j.dem_pos) i.move = i.move * N(-1);
      if (j.sup_pos > i.dem_pos) j.move = j.move * N(-1);
      i.moves.push_back(i.move), j.moves.push_back(j.move);
    } else {
      // (x * -1 is -x, bit for bit; selected without a branch)
      i.move = i.sup_pos > j.dem_pos ? -i.move : i.move;
      j.move = j.sup_pos > i.dem_pos ? -j.move : j.move;
    }
    i.y = i.sup_pos + i.move;
    j.y = j.sup_pos + j.move;
    if constexpr (std::is_same_v<N, double>) {
      // Decide's decimals land exactly on the target; doubles might miss by an ulp.
      if (i_to_target) i.y = j.dem_pos;
      if (j_to_target) j.y = i.dem_pos;
    }
    i.shift = dq;
    j.shift = dp;
    c.gain = expected_utility(i, dq, dp);
    if constexpr (decide_) {
      c.valid = move_valid(i, i.move) && move_valid(j, j.move);
      if (c.gain < num_.min_gain) c.valid = false;
    } else {
      c.valid = both(both(move_valid(i, i.move), move_valid(j, j.move)), !(c.gain < num_.min_gain));
      c.precut = {i.y, j.y, c.gain};
    }
    if (!c.valid) return;
    if constexpr (!decide_) {
      // Most candidates pass both outcome checks: test both first, as check_outcome does,
      // and run the checks in their order only if one of them would cut.
      if (both(clear_of_outcome(c, 0), clear_of_outcome(c, 1))) return;
    }
    check_outcome(c, 0);
    check_outcome(c, 1);
    if (i.cut || j.cut) c.valid = move_valid(i, i.move) && move_valid(j, j.move);  // else unchanged
  }

  // Model semantics: others moved on one of c's issues, c's actors did not; only the outcome
  // check can change. Everything before it comes out as it did (the same positions, and the
  // direction of c's actors on c's supply issues is as it was: had it changed, c would have
  // been recomputed), so computing c again is checking it again. (Rare: a few thousand
  // candidates in a run of 1,338 exchanges; keeping the moves before the check for them
  // cost more, in memory, than it saved.)
  void recheck_outcome(Candidate<N>& c) const { calculate(c); }

  // Model semantics: check_outcome's test, whether it leaves c as it is.
  bool clear_of_outcome(const Candidate<N>& c, int who) const {
    const Side<N>& a = c.side[who];
    const Side<N>& b = c.side[1 - who];
    const std::size_t n = in_.at(a.actor, a.supply);
    const N sum = sum_[a.supply], cur = cur_[n], s = num_.s[n], cap = num_.c[n];
    return clear_of_partner(b.dem_pos, a.supply, sum + (a.sup_pos - cur) * s * cap, sum + (a.y - cur) * s * cap);
  }

  // rule 5 (check_nbs): if the supplier's move would carry the outcome on its supply issue
  // past the partner's position, cut it so the outcome lands on the partner, and rescale the
  // partner's move to keep the gains equal.
  void check_outcome(Candidate<N>& c, int who) const {
    Side<N>& a = c.side[who];
    Side<N>& b = c.side[1 - who];
    const N& x = b.dem_pos;
    if constexpr (decide_) {
      const N nbs0 = adjusted_outcome(c, a, a.sup_pos);
      const N nbs1 = adjusted_outcome(c, a, a.y);
      if ((x - nbs0 >= N(0) && x - nbs1 >= N(0)) || (x - nbs0 <= N(0) && x - nbs1 <= N(0))) return;
    } else {
      // numerator(c, a, a.sup_pos) and numerator(c, a, a.y), their common terms read once
      const std::size_t n = in_.at(a.actor, a.supply);
      const N sum = sum_[a.supply], cur = cur_[n], s = num_.s[n], cap = num_.c[n];
      if (clear_of_partner(x, a.supply, sum + (a.sup_pos - cur) * s * cap, sum + (a.y - cur) * s * cap)) return;
    }
    const N delta = abs(move_to_outcome(c, a, a.sup_pos, x));
    const N da = (delta * a.s_sup * a.c_sup) / denom_[a.supply];
    const N db = by_exchange_ratio(a, b, da);
    b.move = abs(reverse_move(b, db));
    a.move = delta;
    if (b.sup_pos > a.dem_pos) b.move = b.move * N(-1);
    if (a.sup_pos > b.dem_pos) a.move = a.move * N(-1);
    if constexpr (decide_) b.moves.back() = b.move, a.moves.back() = a.move;
    b.y = b.sup_pos + b.move;
    a.y = a.sup_pos + a.move;
    a.shift = da;
    b.shift = db;
    a.cut = true;
    c.gain = abs(expected_utility(b, db, da));
    c.valid = move_valid(b, b.move) && move_valid(a, a.move);
  }

  // Decide semantics, after exchange e is realised: if candidate c depends on it, recompute
  // it (rule 7). Returns whether c was recomputed. (The model's rule 7: `reverses`, then
  // `recompute`, which the run calls for every candidate one of whose actor-issues e moved.)
  bool recalculate(Candidate<N>& c, const Candidate<N>& e) const {
    static_assert(decide_);
    return recalculate_decide(c, e);
  }

  // Model semantics: a realised exchange's voting positions hold for the rest of the round.
  void apply(const Candidate<N>& e) {
    for (const Side<N>& s : e.side) {
      const std::size_t n = in_.at(s.actor, s.supply);
      sum_[s.supply] = sum_[s.supply] + (s.y - cur_[n]) * num_.s[n] * num_.c[n];
      cur_[in_.at(s.actor, s.supply)] = s.y;
      dir_[in_.at(s.actor, s.supply)] = s.move > N(0) ? 1 : -1;
    }
  }

  const N& position(std::uint32_t actor, std::uint32_t issue) const { return x0_[in_.at(actor, issue)]; }

  // Model semantics, for the outcome check without the candidate: the current sum c s x on
  // an issue and its denominator; S's move in the same terms as `numerator`.
  const N& outcome_sum(std::uint32_t issue) const { return sum_[issue]; }
  // The model's form of check_nbs' test, without division: the partner at x is not strictly
  // between the outcomes sum0 / D and sum1 / D (D > 0).
  bool clear_of_partner(const N& x, std::uint32_t issue, const N& sum0, const N& sum1) const {
    return clear_of_partner_xd(x * denom_[issue], sum0, sum1);
  }
  const N& denominator(std::uint32_t issue) const { return denom_[issue]; }
  N weighted_move(const Side<N>& s, const N& to) const {
    const std::size_t n = in_.at(s.actor, s.supply);
    return (to - cur_[n]) * num_.s[n] * num_.c[n];
  }

 private:
  N numerator(const Candidate<N>& c, const Side<N>& s, const N& self_position, bool self_last) const {
    if constexpr (!decide_) {
      // The model: everyone at their current position, S at self_position (kept as a sum).
      const std::size_t n = in_.at(s.actor, s.supply);
      return sum_[s.supply] + (self_position - cur_[n]) * num_.s[n] * num_.c[n];
    } else {
    N sum = 0;
    for (std::size_t a = 0; a < in_.actors; ++a) {
      const std::size_t idx = in_.at(a, s.supply);
      if (!in_.takes_part[idx]) continue;
      N x = decide_ ? x0_[idx] : cur_[idx];
      if (!decide_) {
        if (a == s.actor) x = self_position;
      } else if (self_last) {
        // adjusted_nbs: the updates, then S at its position
        for (const auto& u : c.updates)
          if (u.issue == s.supply && u.actor == a) x = u.position;
        if (a == s.actor) x = self_position;
      } else {
        // adjusted_nbs_by_position: S first, then the updates (which may overwrite it)
        if (a == s.actor) x = self_position;
        for (const auto& u : c.updates)
          if (u.issue == s.supply && u.actor == a) x = u.position;
      }
      sum = sum + x * num_.s[idx] * num_.c[idx];
    }
    return sum;
    }
  }

  static void pop_moves(Candidate<N>& c) {
    c.side[0].moves.pop_back();
    c.side[1].moves.pop_back();
  }

  // rule 7b (update_updates): the first time y; later the min or max against the round start.
  static void set_update(Candidate<N>& c, std::uint32_t issue, const Side<N>& executed) {
    for (auto& u : c.updates)
      if (u.issue == issue && u.actor == executed.actor) {
        if (executed.start <= u.position) u.position = u.position < executed.y ? u.position : executed.y;
        else u.position = u.position > executed.y ? u.position : executed.y;
        return;
      }
    c.updates.push_back({issue, executed.actor, executed.y});
  }

  bool recalculate_decide(Candidate<N>& c, const Candidate<N>& e) const {
    const Side<N>& ei = e.side[0];
    const Side<N>& ej = e.side[1];
    // rule 7a (invalidate_exchange_by_supply): a side supplying what an executed actor
    // supplied now starts from that actor's voting position.
    bool re = false;
    for (Side<N>& s : c.side)
      for (const Side<N>* x : {&ei, &ej})
        if (s.actor == x->actor && s.supply == x->supply) {
          s.sup_pos = x->y;
          s.moves.push_back(x->moves.back());
          re = true;
          break;
        }
    if (re) pop_moves(c);  // the executed move leaves the list again, and so does the partner's last
    // rule 7b: the executed j (resp. i) has the same actor and demand issue as one of c's.
    auto same_demand = [&](const Side<N>& x) {
      return (x.actor == c.side[0].actor && x.demand == c.side[0].demand) ||
             (x.actor == c.side[1].actor && x.demand == c.side[1].demand);
    };
    if (same_demand(ej)) {
      set_update(c, ej.demand, ei);
      if (!re) pop_moves(c), re = true;
    }
    if (same_demand(ei)) {
      set_update(c, ei.demand, ej);
      if (!re) pop_moves(c), re = true;
    }
    if (re) calculate(c);
    return re;
  }

 public:
  // Model semantics, for a candidate one of whose actor-issues an exchange moved (rule 7; the
  // run passes only candidates in which one of e's actors takes part with the issue it moved on).
  // A side that would now move against the direction its actor has already moved on that
  // issue this round makes the exchange invalid whatever the numbers (calculate gives each
  // move a magnitude >= 0 and the sign of partner's target - own position; move_valid
  // refuses a zero move and a reversal): it is dropped without computing them. Nothing else
  // of a dropped candidate is read again. (From the current positions, without branches.)
  // sup[w], dem[w]: the input indices of side w's actor on its supply and demand issues.
  bool reverses(const std::uint32_t (&sup)[2], const std::uint32_t (&dem)[2]) const {
    bool out = false;
    for (int w = 0; w < 2; ++w) {
      const std::size_t n = sup[w];
      const int d = dir_[n];
      const bool down = cur_[n] > cur_[dem[1 - w]];  // (its partner's position on its supply issue)
      out = either(out, either(both(d > 0, down), both(d < 0, !down)));
    }
    return out;
  }
  // The others: computed again from the current positions.
  void recompute(Candidate<N>& c) const {
    for (Side<N>& s : c.side) {
      s.sup_pos = cur_[in_.at(s.actor, s.supply)];
      s.dem_pos = cur_[in_.at(s.actor, s.demand)];
    }
    calculate(c);
  }

 private:
  const ExchangeInput& in_;
  const Numbers<N>& num_;
  static constexpr bool decide_ = is_decide<N>;
  std::vector<N> x0_;
  std::vector<N> cur_;
  std::vector<int> dir_;
  std::vector<N> denom_;
  std::vector<N> sum_;  // model: sum c s x over the current positions, per issue
};

// rule 6: does a come before b in Decide's list? Equal current gains: the stable sort keeps
// the order of the previous sort, so compare the gains step by step backwards, then creation.
template <typename N>
struct Change {
  std::size_t step;
  N gain;
  std::int32_t prev;  // the candidate's previous change, -1 for its first gain (step 0)
};

template <typename N>
bool precedes(const Candidate<N>& a, const Candidate<N>& b, const std::vector<Change<N>>& changes) {
  if (!same_gain(a.gain, b.gain)) return a.gain > b.gain;
  // Walk both histories back: (step, gain) of change ia, -1 being (0, gain0).
  std::int32_t ia = a.last_change, ib = b.last_change;
  auto step_of = [&](std::int32_t k) { return k < 0 ? std::size_t{0} : changes[static_cast<std::size_t>(k)].step; };
  while (true) {
    const std::size_t ta = step_of(ia), tb = step_of(ib);
    const std::size_t t = std::max(ta, tb);
    if (t == 0) return a.created < b.created;
    if (ta == t) ia = changes[static_cast<std::size_t>(ia)].prev;
    if (tb == t) ib = changes[static_cast<std::size_t>(ib)].prev;
    const N& ga = ia < 0 ? a.gain0 : changes[static_cast<std::size_t>(ia)].gain;
    const N& gb = ib < 0 ? b.gain0 : changes[static_cast<std::size_t>(ib)].gain;
    if (!same_gain(ga, gb)) return ga > gb;
  }
}

template <typename N>
Side<N> make_side(const ExchangeInput& in, const Numbers<N>& num, const Round<N>& r, std::uint32_t actor,
                  std::uint32_t supply, std::uint32_t demand) {
  Side<N> s;
  s.actor = actor, s.supply = supply, s.demand = demand;
  s.sup_pos = s.start = r.position(actor, supply);
  s.dem_pos = r.position(actor, demand);
  s.s_sup = num.s[in.at(actor, supply)];
  s.s_dem = num.s[in.at(actor, demand)];
  s.c_sup = num.c[in.at(actor, supply)];
  return s;
}

template <typename N>
ExchangeSide to_public(const Side<N>& s) {
  ExchangeSide out;
  out.actor = s.actor, out.supply_issue = s.supply, out.demand_issue = s.demand;
  out.round_start = to_double(s.start), out.before = to_double(s.sup_pos), out.move = to_double(s.move);
  out.y = to_double(s.y), out.shift = to_double(s.shift);
  out.cut_at_partner = s.cut;
  return out;
}

// rule 3: every a-d and b-c pair of actors on every issue pair, in Decide's order.
template <typename N>
void candidates(const ExchangeInput& in, const Numbers<N>& num, const Round<N>& round, const std::vector<N>& outcome,
                std::vector<Candidate<N>>& out) {
  out.clear();  // (its memory is kept from round to round)
  std::vector<std::uint32_t> group[4];
  std::vector<N> ratio(in.actors);  // s_p / s_q per actor, for rule 4
  for (std::uint32_t p = 0; p < in.issues; ++p)
    for (std::uint32_t q = p + 1; q < in.issues; ++q) {
      for (auto& g : group) g.clear();
      for (std::uint32_t a = 0; a < in.actors; ++a) {
        if (!in.takes_part[in.at(a, p)] || !in.takes_part[in.at(a, q)]) continue;
        // An actor without power or salience on one of the issues cannot shift it (Decide
        // would divide by zero): it makes no exchange on this pair, so it is left out of the
        // groups (the other pairs keep their order).
        bool inert = false;
        for (std::uint32_t k : {p, q}) inert = inert || !(num.c[in.at(a, k)] * num.s[in.at(a, k)] > N(0));
        if (inert) continue;
        ratio[a] = num.s[in.at(a, p)] / num.s[in.at(a, q)];  // (s_q > 0 here; once per actor, not per pair)
        const bool left_p = round.position(a, p) <= outcome[p];
        const bool left_q = round.position(a, q) <= outcome[q];
        group[(left_p ? 1 : 0) + (left_q ? 2 : 0)].push_back(a);
      }
      for (int pair = 0; pair < 2; ++pair) {
        const auto& first = group[pair == 0 ? 0 : 1];
        const auto& second = group[pair == 0 ? 3 : 2];
        for (std::uint32_t a : first)
          for (std::uint32_t b : second) {
            // rule 4: i is the actor with the higher (or equal) salience ratio s_p / s_q; it
            // supplies q.
            const bool swap = ratio[a] < ratio[b];
            const std::uint32_t i = swap ? b : a, j = swap ? a : b;
            Candidate<N>& c = out.emplace_back();
            c.p = p, c.q = q, c.outer = pair == 0;
            c.side[0] = make_side(in, num, round, i, q, p);
            c.side[1] = make_side(in, num, round, j, p, q);
            // Fixed for the round (saliences do not change): computed once, as Decide would.
            for (int w = 0; w < 2; ++w) {
              Side<N>& x = c.side[w];
              const Side<N>& y = c.side[1 - w];
              x.cs = x.c_sup * x.s_sup;
              x.equal_gain = (x.s_sup + y.s_dem) / (x.s_dem + y.s_sup);
            }
            c.created = static_cast<std::uint32_t>(out.size() - 1);
            round.calculate(c);  // rule 5, while it is in cache
          }
      }
    }
}

template <typename N>
std::vector<N> outcomes(const ExchangeInput& in, const Numbers<N>& num, const std::vector<N>& x) {
  std::vector<N> out(in.issues, N(0));
  for (std::size_t k = 0; k < in.issues; ++k) {
    N sum = 0, den = 0;
    for (std::size_t a = 0; a < in.actors; ++a) {
      const std::size_t n = in.at(a, k);
      if (!in.takes_part[n]) continue;
      den = den + num.s[n] * num.c[n];
    }
    for (std::size_t a = 0; a < in.actors; ++a) {
      const std::size_t n = in.at(a, k);
      if (in.takes_part[n]) sum = sum + x[n] * num.s[n] * num.c[n];
    }
    out[k] = den == N(0) ? N(0) : sum / den;  // rule 2: 0 if the denominator is 0
  }
  return out;
}

template <typename N>
std::vector<double> doubles(const ExchangeInput& in, const std::vector<N>& x) {
  std::vector<double> out(x.size());
  for (std::size_t n = 0; n < x.size(); ++n) out[n] = n < in.takes_part.size() && !in.takes_part[n] ? nan : to_double(x[n]);
  return out;
}

template <typename N>
std::vector<double> issue_doubles(const std::vector<N>& x) {
  std::vector<double> out;
  for (const N& v : x) out.push_back(to_double(v));
  return out;
}

// Decide reads numbers from text as decimals: the shortest text of each double is that text.
Decimal28 decimal_of(double v) { return Decimal28::from_text(fmt::format("{}", v)); }

Numbers<double> numbers_of(const ExchangeInput& in, const ExchangeOptions& o, double) {
  return {in.position, in.salience, in.power, o.fixed_weight, o.salience_weight, 1e-10, 1e-10};
}

Numbers<Decimal28> numbers_of(const ExchangeInput& in, const ExchangeOptions& o, const Decimal28&) {
  Numbers<Decimal28> n;
  for (std::size_t a = 0; a < in.actors; ++a)
    for (std::size_t k = 0; k < in.issues; ++k) {
      const std::size_t m = in.at(a, k);
      n.s.push_back(decimal_of(in.salience[m]));
      n.c.push_back(decimal_of(in.power[m]));
      const bool scaled = k < in.scale_lower.size() && (in.scale_lower[k] != 0 || in.scale_upper[k] != 100);
      if (!scaled) {
        n.x.push_back(decimal_of(in.position[m]));
        continue;
      }
      // rule 1: (x - lower) * (100 / (upper - lower)) in decimals, from the file's x.
      const double lo = in.scale_lower[k], hi = in.scale_upper[k];
      const double raw = lo + in.position[m] * (hi - lo) / 100;
      const Decimal28 lower = decimal_of(lo), upper = decimal_of(hi);
      const Decimal28 step = Decimal28(100) / (upper - lower);
      n.x.push_back((Decimal28::from_text(fmt::format("{:.12g}", raw)) - lower) * step);
    }
  // The weights and thresholds are binary floats in Decide (Decimal(0.4), 1e-10).
  n.fixed_weight = Decimal28::from_double(o.fixed_weight);
  n.salience_weight = Decimal28::from_double(o.salience_weight);
  n.min_move = n.min_gain = Decimal28::from_double(1e-10);
  return n;
}

// rule 6's list: the candidates' gains as doubles (-inf once realised or invalid), for the
// highest gain and the ids of all gains from a floor up. Blocks of 64 gains with their
// maximum, and groups of 64 blocks with theirs: setting a gain is a few operations without
// branches (a maximum that rises is raised at once; one that may have fallen, because the
// gain that was it fell, is marked stale and recomputed when the highest gain is next
// asked for), as most of the ~30 gains a realised exchange changes fall and are not the
// maximum of their block.
class BestGains {
 public:
  static constexpr double none = -std::numeric_limits<double>::infinity();
  void reset(std::size_t n) {
    blocks_ = (n + 63) / 64;
    groups_ = (blocks_ + 63) / 64;
    key_.assign(blocks_ * 64, none);
    block_max_.assign(groups_ * 64, none);
    group_max_.assign(groups_, none);
    block_stale_.assign(groups_ * 64, 0);
    group_stale_.assign(groups_, 1);
    std::fill(block_stale_.begin(), block_stale_.begin() + static_cast<std::ptrdiff_t>(blocks_), 1);
  }
  // Before the first `top`: the gain of `id` (no maximum kept up to date; all are stale).
  void init(std::uint32_t id, double k) { key_[id] = k; }
  void set(std::uint32_t id, double k) {
    const double old = key_[id];
    key_[id] = k;
    const std::size_t b = id / 64, g = b / 64;
    const double mb = block_max_[b], mg = group_max_[g];
    block_max_[b] = k > mb ? k : mb;
    group_max_[g] = k > mg ? k : mg;
    block_stale_[b] |= static_cast<unsigned char>((old == mb) & (k < mb));
    group_stale_[g] |= static_cast<unsigned char>((old == mg) & (k < mg));
  }
  // The highest gain (none when all are gone); every maximum is exact afterwards.
  double top() {
    double t = none;
    for (std::size_t g = 0; g < groups_; ++g) {
      if (group_stale_[g]) {
        double mg = none;
        for (std::size_t b = g * 64, end = std::min(g * 64 + 64, blocks_); b < end; ++b) {
          if (block_stale_[b]) {
            const double* k = key_.data() + b * 64;
            double m[4] = {none, none, none, none};
            for (std::size_t n = 0; n < 64; n += 4)
              for (std::size_t u = 0; u < 4; ++u) m[u] = k[n + u] > m[u] ? k[n + u] : m[u];
            block_max_[b] = std::max(std::max(m[0], m[1]), std::max(m[2], m[3]));
            block_stale_[b] = 0;
          }
          mg = block_max_[b] > mg ? block_max_[b] : mg;
        }
        group_max_[g] = mg;
        group_stale_[g] = 0;
      }
      t = group_max_[g] > t ? group_max_[g] : t;
    }
    return t;
  }
  // The ids whose gain is >= floor, in increasing order (after `top`).
  void at_least(double floor, std::vector<std::uint32_t>& out) const {
    out.clear();
    for (std::size_t g = 0; g < groups_; ++g) {
      if (group_max_[g] < floor) continue;
      for (std::size_t b = g * 64, end = std::min(g * 64 + 64, blocks_); b < end; ++b) {
        if (block_max_[b] < floor) continue;
        for (std::size_t n = b * 64; n < b * 64 + 64; ++n)
          if (key_[n] >= floor) out.push_back(static_cast<std::uint32_t>(n));
      }
    }
  }

 private:
  std::size_t blocks_ = 0, groups_ = 0;
  std::vector<double> key_, block_max_, group_max_;
  std::vector<unsigned char> block_stale_, group_stale_;
};

template <typename N>
ExchangeRun run(const ExchangeInput& in, const ExchangeOptions& opt) {
  const bool decide = opt.semantics == ExchangeSemantics::decide;
  const Numbers<N> num = numbers_of(in, opt, N(0));
  ExchangeRun result;
  std::vector<N> x = num.x;
  // Candidates by (actor, issue) they involve, so a realised exchange visits only those.
  std::vector<std::vector<std::uint32_t>> by_actor_issue(in.actors * in.issues);
  // Model semantics: per issue, the candidates with a side supplying it, each with the range
  // of outcome sums in which its outcome check may differ from what it was (see `window`);
  // flat arrays, so the scan after an exchange is a pass over a few kilobytes.
  struct IssueList {
    std::vector<double> lo, hi;
    std::vector<std::uint32_t> id;  // candidate id << 1 | its side that supplies this issue
    std::size_t gone = 0;  // entries of candidates no longer alive (dropped by the next compaction)
    void clear() { lo.clear(), hi.clear(), id.clear(), gone = 0; }
  };
  std::vector<IssueList> by_issue(in.issues);
  std::vector<std::uint32_t> hits;
  std::vector<Change<N>> changes;
  // What the scans over an issue's candidates read, kept apart from the (large) candidates
  // so it stays in cache: live; the step it was last recomputed; whether the outcome check
  // has cut its gain; its issue q; and (model) per side the partner's position times D and
  // the uncut move's weighted shift, so an outcome that moved can be checked without it.
  struct Hot {
    double xd[2] = {0, 0}, shift[2] = {0, 0};
    std::size_t recalculated = 0;
    std::uint32_t q = 0;
    char cut = 0;
  };
  // Model semantics: per candidate, what the walk after an exchange reads before it touches
  // the (large) candidate: its issues and its sides' input indices. A candidate the reversal
  // test drops is not read at all.
  struct Index {
    std::uint32_t sup[2], dem[2];
    std::uint32_t p, q;
  };
  // The round's working memory, kept from round to round.
  std::vector<Candidate<N>> cands;
  std::vector<Hot> hot;
  std::vector<Index> index;
  // Whether each candidate is still in the list (valid, not realised): one byte each, apart,
  // as every walk over a list of candidates reads it first.
  std::vector<unsigned char> alive;
  BestGains gains;
  std::vector<std::uint32_t> seen;
  std::vector<std::array<std::uint32_t, 2>> slot;  // per side: its place in by_issue
  for (int r = 0; r < opt.rounds; ++r) {
    ExchangeRound rec;
    rec.start = doubles(in, x);
    const std::vector<N> outcome = outcomes(in, num, x);  // rule 2
    rec.outcome_start = issue_doubles(outcome);
    Round<N> round(in, num, x);
    candidates(in, num, round, outcome, cands);  // rule 3
    rec.candidates = cands.size();
    for (auto& l : by_actor_issue) l.clear();  // (keeping their memory from round to round)
    for (auto& l : by_issue) l.clear();
    slot.resize(cands.size());
    // The list of rule 6 as the candidates' gains (BestGains).
    constexpr double none = BestGains::none;
    gains.reset(cands.size());
    hot.assign(cands.size(), Hot{});
    index.resize(cands.size());
    alive.assign(cands.size(), 0);
    // The window of side w: the outcome sums S for which the exact test (the partner's x D
    // strictly between S and S + shift, as rounded) can fail: [min, max] of xd and xd - shift,
    // widened by far more than the rounding of xd - shift (S + shift rounds monotonically, so
    // no S outside [xd - shift, xd] can pass it). Every sum when the check has cut the
    // candidate (it is always checked again). A gone candidate's windows are left as they
    // were (a scan that hits one reads that it is gone; compaction drops it).
    auto window = [&](std::uint32_t id) {
      if constexpr (std::is_same_v<N, double>) {
        const Hot& h = hot[id];
        for (int w = 0; w < 2; ++w) {
          IssueList& l = by_issue[cands[id].side[w].supply];
          const std::uint32_t n = slot[id][w];
          constexpr double inf = std::numeric_limits<double>::infinity();
          if (h.cut) {
            l.lo[n] = -inf, l.hi[n] = inf;
          } else {
            const double other = h.xd[w] - h.shift[w];
            const double margin = 1e-12 * (std::abs(h.xd[w]) + std::abs(h.shift[w])) + 1e-300;
            l.lo[n] = std::min(h.xd[w], other) - margin;
            l.hi[n] = std::max(h.xd[w], other) + margin;
          }
        }
      }
    };
    auto remember_uncut = [&](std::uint32_t id) {
      if constexpr (std::is_same_v<N, double>) {
        const Candidate<N>& c = cands[id];
        for (int w = 0; w < 2; ++w) {
          hot[id].xd[w] = c.side[1 - w].dem_pos * round.denominator(c.side[w].supply);
          hot[id].shift[w] = round.weighted_move(c.side[w], w == 0 ? c.precut.i_y : c.precut.j_y);
        }
      }
    };
    for (std::uint32_t id = 0; id < cands.size(); ++id) {
      Candidate<N>& c = cands[id];  // (computed as it was made)
      c.gain0 = c.gain;
      if (!c.valid) {
        // rule 6: an invalid exchange is discarded when popped, never revived
        continue;
      }
      ++rec.valid;
      alive[id] = 1;
      if constexpr (!is_decide<N>) hot[id].cut = c.gain != c.precut.gain;
      if (!decide)
        for (int w = 0; w < 2; ++w) {
          IssueList& l = by_issue[c.side[w].supply];
          slot[id][w] = static_cast<std::uint32_t>(l.id.size());
          l.id.push_back(id << 1 | static_cast<std::uint32_t>(w)), l.lo.push_back(0), l.hi.push_back(0);
        }
      remember_uncut(id);
      window(id);
      gains.init(id, to_double(c.gain));
      hot[id].q = c.q;
      for (int w = 0; w < 2; ++w) {
        index[id].sup[w] = static_cast<std::uint32_t>(in.at(c.side[w].actor, c.side[w].supply));
        index[id].dem[w] = static_cast<std::uint32_t>(in.at(c.side[w].actor, c.side[w].demand));
      }
      index[id].p = c.p, index[id].q = c.q;
      for (const Side<N>& s : c.side) {
        by_actor_issue[in.at(s.actor, s.supply)].push_back(id);
        by_actor_issue[in.at(s.actor, s.demand)].push_back(id);
      }
    }
    std::vector<std::size_t> realised;
    std::vector<std::uint32_t> touched, level;
    changes.clear();
    seen.assign(cands.size(), 0);
    // (each candidate at most once a step, and a spare slot)
    touched.assign(cands.size() + 1, 0);
    hits.assign(cands.size() + 1, 0);  // (an issue's list holds each candidate at most once)
    // A candidate whose gain was recomputed at this step: its history, its key, or its end.
    // (Once it is invalid nothing of it is read again, its history included: it is only
    // taken out.)
    auto changed = [&](std::uint32_t id, const N& before, std::size_t step) {
      Candidate<N>& c = cands[id];
      if (!c.valid) {
        alive[id] = 0;
        if (!decide) ++by_issue[c.p].gone, ++by_issue[c.q].gone;
        gains.set(id, none);
        return;  // (its windows stay: a scan that hits it reads that it is gone)
      }
      if (c.gain != before) {
        changes.push_back({step, c.gain, c.last_change});
        c.last_change = static_cast<std::int32_t>(changes.size() - 1);
      }
      if (c.gain != before) gains.set(id, to_double(c.gain));
      if constexpr (!is_decide<N>) hot[id].cut = c.gain != c.precut.gain;
      window(id);
    };
    for (std::size_t step = 1;; ++step) {
      // rule 6: the highest gain; ties (equal gains: exact for decimals, 1e-12 relative for
      // doubles) in list order (precedes).
      const double top = gains.top();
      if (top == none) break;
      const double floor = top - 1e-12 * std::abs(top);
      gains.at_least(floor, level);  // (in id order)
      std::uint32_t best = level.front();
      for (std::uint32_t id : level)
        if (precedes(cands[id], cands[best], changes)) best = id;
      Candidate<N>& e = cands[best];
      alive[best] = 0;
      if (!decide) ++by_issue[e.p].gone, ++by_issue[e.q].gone;
      gains.set(best, none);
      realised.push_back(best);
      RealisedExchange out;
      out.round = r, out.p = e.p, out.q = e.q, out.outer_groups = e.outer, out.gain = to_double(e.gain);
      out.i = to_public(e.side[0]);
      out.j = to_public(e.side[1]);
      result.exchanges.push_back(out);
      round.apply(e);
      // rule 7: recompute what depends on it; drop what became invalid. (Decide matches actor
      // and supply or demand issue on both of e's issues; in the model only the two
      // actor-issues that moved matter.)
      std::size_t n_touched = 0;
      const auto stamp = static_cast<std::uint32_t>(step);
      for (const Side<N>& s : e.side)
        for (std::uint32_t k : {e.p, e.q})
          if (decide || k == s.supply)
          {
            // (dropping the gone from the list on the way: they never come back; without
            // branches, as whether a candidate is alive or seen is not predictable)
            auto& list = by_actor_issue[in.at(s.actor, k)];
            std::size_t write = 0;
            for (std::uint32_t id : list) {
              const unsigned live = alive[id];
              list[write] = id;
              write += live;
              const unsigned fresh = live & static_cast<unsigned>(seen[id] != stamp);
              seen[id] = stamp;
              touched[n_touched] = id;
              n_touched += fresh;
            }
            list.resize(write);
          }
      if constexpr (is_decide<N>) {
        for (std::size_t t = 0; t < n_touched; ++t) {
          const std::uint32_t id = touched[t];
          Candidate<N>& c = cands[id];
          const N before = c.gain;
          if (!round.recalculate(c, e)) continue;
          hot[id].recalculated = step;
          changed(id, before, step);
        }
      } else {
        for (std::size_t t = 0; t < n_touched; ++t) {
          const std::uint32_t id = touched[t];
          const Index& x = index[id];
          if (round.reverses(x.sup, x.dem)) {
            // (invalid; taken out as `changed` would, without reading the candidate, whose
            // `valid` is not read again)
            alive[id] = 0;
            ++by_issue[x.p].gone, ++by_issue[x.q].gone;
            gains.set(id, none);
            continue;
          }
          Candidate<N>& c = cands[id];
          const N before = c.gain;
          round.recompute(c);
          hot[id].recalculated = step;
          if (c.valid) remember_uncut(id);
          changed(id, before, step);  // (and its window, from what remember_uncut kept)
        }
      }
      // The model (doubles): the outcome moved on e's issues; a candidate there whose check cut
      // it, or would cut it now, is checked again.
      if constexpr (std::is_same_v<N, double>) {
      if (decide) continue;
      for (std::uint32_t k : {e.p, e.q}) {
        IssueList& list = by_issue[k];
        if (2 * list.gone > list.id.size()) {
          // Mostly gone: keep the alive ones (in order; the order of the scan changes nothing).
          // Without branches: every entry is written, the write position advances past the
          // alive ones only (a gone candidate's slot is not read again).
          std::size_t write = 0;
          for (std::size_t n = 0; n < list.id.size(); ++n) {
            const std::uint32_t ref = list.id[n];
            list.id[write] = ref, list.lo[write] = list.lo[n], list.hi[write] = list.hi[n];
            slot[ref >> 1][ref & 1] = static_cast<std::uint32_t>(write);
            write += alive[ref >> 1];
          }
          list.id.resize(write), list.lo.resize(write), list.hi.resize(write);
          list.gone = 0;
        }
        const double sum = round.outcome_sum(k);
        // The candidates whose window holds the new sum: few, so eight windows at a time are
        // tested together (vector compares) and only a block with a hit is looked into.
        std::size_t found = 0;
        const std::size_t size = list.id.size();
        const double* lo = list.lo.data();
        const double* hi = list.hi.data();
        std::size_t n = 0;
        for (; n + 8 <= size; n += 8) {
          unsigned any = 0;
          for (std::size_t t = 0; t < 8; ++t)
            any |= static_cast<unsigned>(lo[n + t] <= sum) & static_cast<unsigned>(sum <= hi[n + t]);
          if (!any) continue;
          for (std::size_t t = n; t < n + 8; ++t) {
            hits[found] = list.id[t];
            found += both(lo[t] <= sum, sum <= hi[t]);
          }
        }
        for (; n < size; ++n) {
          hits[found] = list.id[n];
          found += both(lo[n] <= sum, sum <= hi[n]);
        }
        for (std::size_t n = 0; n < found; ++n) {
          const std::uint32_t id = hits[n] >> 1;
          const unsigned w = hits[n] & 1;  // side 0 supplies q
          const Hot& h = hot[id];
          if (!alive[id] || h.recalculated == step) continue;
          // (check_outcome's test on the new outcome, the same sums)
          if (!h.cut && clear_of_partner_xd(h.xd[w], sum + 0.0, sum + h.shift[w])) continue;
          const N before = cands[id].gain;
          round.recheck_outcome(cands[id]);
          changed(id, before, step);
        }
      }
      }
    }
    rec.realised = realised.size();
    // rule 8: voting positions, the outcome on them, then the new start positions.
    std::vector<N> voting = x;
    for (std::size_t id : realised)
      for (const Side<N>& s : cands[id].side) voting[in.at(s.actor, s.supply)] = s.y;
    rec.voting = doubles(in, voting);
    rec.outcome_end = issue_doubles(outcomes(in, num, voting));
    std::vector<N> next = voting;
    for (std::size_t id : realised)
      for (const Side<N>& s : cands[id].side) {
        // calculations.new_start_position, in its order of operations:
        // x' = (1 - s) w_s y + w_f y + (1 - (1 - s) w_s - w_f) x
        const N one = 1;
        next[in.at(s.actor, s.supply)] = (one - s.s_sup) * num.salience_weight * s.y + num.fixed_weight * s.y +
                                         (one - (one - s.s_sup) * num.salience_weight - num.fixed_weight) * s.start;
      }
    x = next;
    const bool nothing = realised.empty();
    result.rounds.push_back(std::move(rec));
    if (nothing) {
      // Nothing moved: every later round would be this one again.
      result.stopped_early = r + 1 < opt.rounds;
      break;
    }
  }
  result.final_positions = doubles(in, x);
  result.outcome = result.rounds.empty() ? issue_doubles(outcomes(in, num, x)) : result.rounds.back().outcome_end;
  return result;
}

void check_input(const ExchangeInput& in, const ExchangeOptions& o) {
  const std::size_t n = in.actors * in.issues;
  if (in.takes_part.size() != n || in.position.size() != n || in.salience.size() != n || in.power.size() != n)
    throw std::invalid_argument("exchange model: input tables do not match actors x issues");
  if (o.rounds < 0 || o.rounds > 100000)
    throw std::invalid_argument(fmt::format("exchange option 'rounds': expected 0..100000, found {}", o.rounds));
  if (!(o.fixed_weight >= 0 && o.salience_weight >= 0 && o.fixed_weight + o.salience_weight <= 1))
    throw std::invalid_argument(
        fmt::format("exchange options 'fixed_weight' and 'salience_weight': expected both >= 0 with a sum <= 1, found "
                    "{} and {}",
                    o.fixed_weight, o.salience_weight));
  for (std::size_t m = 0; m < n; ++m)
    if (in.takes_part[m] && !(std::isfinite(in.position[m]) && std::isfinite(in.salience[m]) &&
                              std::isfinite(in.power[m]) && in.salience[m] >= 0 && in.power[m] >= 0))
      throw std::invalid_argument("exchange model: positions, saliences and powers must be finite, the latter >= 0");
}

}  // namespace

std::vector<double> expected_outcomes(const ExchangeInput& in, const std::vector<double>& positions) {
  Numbers<double> num{positions, in.salience, in.power, 0, 0, 0, 0};
  return outcomes(in, num, positions);
}

ExchangeRun run_exchange_model(const ExchangeInput& input, const ExchangeOptions& options) {
  check_input(input, options);
  if (options.semantics == ExchangeSemantics::decide) return run<Decimal28>(input, options);
  return run<double>(input, options);
}

ExchangeInput exchange_input(const Scenario& scenario, std::vector<std::size_t>* issue_index) {
  std::vector<std::size_t> index;
  for (std::size_t k = 0; k < scenario.issues.size(); ++k)
    if (scenario.issues[k].kind == IssueKind::scale) index.push_back(k);
  ExchangeInput in;
  in.actors = scenario.actors.size();
  in.issues = index.size();
  const std::size_t n = in.actors * in.issues;
  in.takes_part.assign(n, 0);
  in.position.assign(n, 0.0);
  in.salience.assign(n, 0.0);
  in.power.assign(n, 0.0);
  for (std::size_t a = 0; a < in.actors; ++a)
    for (std::size_t k = 0; k < in.issues; ++k) {
      const Stance* s = find_stance(scenario, a, index[k]);
      if (!s) continue;
      const std::size_t m = in.at(a, k);
      in.takes_part[m] = 1;
      in.position[m] = s->position;
      in.salience[m] = s->salience;
      in.power[m] = s->capability.value_or(scenario.actors[a].capability);
    }
  for (std::size_t k = 0; k < in.issues; ++k) {
    const auto scale = source_scale(scenario, index[k]);
    in.scale_lower.push_back(scale ? scale->first : 0.0);
    in.scale_upper.push_back(scale ? scale->second : 100.0);
  }
  if (issue_index) *issue_index = index;
  return in;
}

}  // namespace truce
