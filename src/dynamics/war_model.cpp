#include "truce/dynamics/war_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "truce/dynamics/continuation_value.hpp"
#include "truce/dynamics/random_stream.hpp"

namespace truce::dynamics {

namespace {

constexpr std::size_t max_pressure_levers = 6;  // 2^6 red-line configurations, each precomputed

// Draw indices: 12 per belligerent, 3 for the territory, 3 per lever (effect, probability,
// the Bernoulli draw of whether it is used). Fixed quantities keep their index, so making one
// number uncertain does not change the draws of the others.
constexpr std::uint32_t draws_per_side = side_fields.size();
static_assert(draws_per_side == 12, "a side's draw indices are part of every stored simulation");
constexpr std::uint32_t territory_draw = 2 * draws_per_side;
constexpr std::uint32_t first_lever_draw = territory_draw + territory_fields.size();
static_assert(first_lever_draw == 27, "the levers' draw indices are part of every stored simulation");
// Numbers added later draw from a fixed offset past any lever's index (levers use 3 each), so
// adding them changed no earlier draw: each side's later fields, then the ceasefire's
// breakdown probability; then, per month, whether a ceasefire in force breaks down.
constexpr std::uint32_t later_draw = 1u << 20;
constexpr std::uint32_t ceasefire_breakdown_draw = later_draw + 2 * later_side_fields.size();
constexpr std::uint32_t breakdown_month_draw = later_draw + 64;
// Sides drawn again (recruitment_covers_losses): attempt a >= 1 uses indices from
// redraw_first + (a - 1) x redraw_stride.
constexpr std::uint32_t redraw_first = 1u << 24, redraw_stride = 64, max_redraws = 1000;
static_assert(2 * draws_per_side <= redraw_stride, "a redraw's indices must not overlap the next one's");

double draw(const RunStream& stream, std::uint32_t index, const Quantity& q, double lo, double hi) {
  if (q.is_fixed()) return std::clamp(q.a, lo, hi);
  const auto [u1, u2] = stream.uniforms(index);
  return std::clamp(sample(q, u1, u2), lo, hi);  // normal and lognormal tails are clamped to the range
}

double central_value(const Quantity& q, double lo, double hi) { return std::clamp(mean_of(q), lo, hi); }

// A belligerent's numbers for one run: get(k, quantity, min, max) gives field k's value. The
// fields are expanded at compile time, so each accessor is a direct call the compiler inlines
// (sampling runs once per simulated war).
template <class Get, std::size_t... K>
SideParameters side_parameters(const Belligerent& b, Get&& get, std::index_sequence<K...>) {
  SideParameters s;
  ((s.*side_fields[K].value =
        get(std::uint32_t{K}, quantity_of(side_fields[K], b), side_fields[K].min, side_fields[K].max)),
   ...);
  return s;
}

template <class Get>
SideParameters side_parameters(const Belligerent& b, Get&& get) {
  return side_parameters(b, std::forward<Get>(get), std::make_index_sequence<side_fields.size()>{});
}

}  // namespace

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::ceasefire: return "ceasefire";
    case Outcome::no_deal: return "no_deal";
    case Outcome::collapse: return "collapse";
    case Outcome::victory: return "victory";
  }
  return "no_deal";
}

namespace {
const Dynamics& dynamics_of(const Scenario& scenario) {
  if (!scenario.dynamics) throw std::invalid_argument("expected a scenario with a dynamics section");
  return *scenario.dynamics;
}
}  // namespace

WarModel::WarModel(const Scenario& scenario) : scenario_(scenario), d_(dynamics_of(scenario)) {
  if (d_.belligerents.size() != 2) throw std::invalid_argument("expected exactly two belligerents");
  package_space_ = space::package_space_of(scenario);
  front_scale_ = {d_.territory.control_max, d_.territory.front_max};
  for (const auto& v : package_space_.issues[d_.territory.issue].values) territory_values_.push_back(v.position.value());
  for (std::size_t a = 0; a < scenario.actors.size(); ++a)
    if (scenario.actors[a].veto) bargainers_.push_back(a);
  for (int s = 0; s < 2; ++s) {
    const auto it = std::find(bargainers_.begin(), bargainers_.end(), d_.belligerents[s].actor);
    if (it == bargainers_.end()) throw std::invalid_argument("expected every belligerent to have a veto");
    bargainer_of_side_[s] = static_cast<int>(it - bargainers_.begin());
  }
  for (auto a : bargainers_) constraint_names_.push_back(scenario.actors[a].id + ".reservation");

  // Levers, flattened; pressure levers get a bit of the red-line configuration.
  int bits = 0;
  for (const auto& party : d_.third_parties)
    for (const auto& l : party.levers) {
      LeverRef ref{&l, -1, -1};
      if (l.kind == LeverKind::red_line_pressure) ref.pressure_bit = bits++;
      for (int s = 0; s < 2; ++s)
        if (d_.belligerents[s].actor == l.target) ref.target_side = s;
      levers_.push_back(ref);
    }
  if (static_cast<std::size_t>(bits) > max_pressure_levers)
    throw std::invalid_argument(fmt::format("expected at most {} red_line_pressure levers, found {}", max_pressure_levers, bits));

  // Red-line configurations: the veto actors' red lines, with each used pressure lever's red
  // line in place of its target's, and territory red lines that follow the front moved to it.
  // Constraint ids name (actor, issue) pairs: every pair any configuration can have.
  base_red_lines_ = veto_red_lines(package_space_);
  for (const auto& r : base_red_lines_) constraint_of_.emplace(std::pair{r.actor, r.issue}, 0);
  for (const auto& ref : levers_)
    if (ref.pressure_bit >= 0 && scenario.actors[ref.lever->target].veto)
      constraint_of_.emplace(std::pair{ref.lever->target, ref.lever->issue}, 0);
  for (const auto& b : d_.belligerents)
    if (b.red_line_follows_front) {
      constraint_of_.emplace(std::pair{b.actor, d_.territory.issue}, 0);
      front_steps_ = 2 * (territory_values_.size() + 1);
    }
  for (auto& [key, id] : constraint_of_) {
    id = constraint_names_.size();
    constraint_names_.push_back(scenario.actors[key.first].id + "." + scenario.issues[key.second].id);
  }
  const std::size_t configurations = (std::size_t{1} << bits) * front_steps_;
  spaces_.resize(configurations);
  built_ = std::make_unique<std::once_flag[]>(configurations);

  // The packages a winner imposes: per issue the value it likes best.
  const space::AdditiveUtility& utility = package_space_.utility;
  const std::size_t actors = scenario.actors.size();
  for (std::size_t w = 0; w < 2; ++w) {
    const std::size_t winner = d_.belligerents[w].actor;
    std::vector<double> raw(actors, 0.0);
    for (std::size_t j = 0; j < package_space_.issues.size(); ++j) {
      std::size_t best = 0;
      for (std::size_t v = 1; v < package_space_.issues[j].values.size(); ++v)
        if (utility.weight[j][v * actors + winner] > utility.weight[j][best * actors + winner]) best = v;
      for (std::size_t a = 0; a < actors; ++a) raw[a] += utility.weight[j][best * actors + a];
    }
    for (std::size_t a = 0; a < actors; ++a) imposed_[w].push_back(utility.normalise(a, raw[a]));
  }

  // The war's status quo off the territory issue, and each actor's stake in the territory.
  const std::size_t terr = d_.territory.issue;
  status_quo_raw_.assign(scenario.actors.size(), 0.0);
  territory_salience_.assign(scenario.actors.size(), 0.0);
  territory_position_.assign(scenario.actors.size(), 0.0);
  for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
    for (const auto& sq : d_.status_quo)
      status_quo_raw_[a] += scenario.issues[sq.issue].kind == IssueKind::scale
                                ? space::raw_scale_utility(scenario, a, sq.issue, sq.position)
                                : space::raw_option_utility(scenario, a, sq.issue, sq.option);
    if (const Stance* s = find_stance(scenario, a, terr)) {
      territory_salience_[a] = s->salience;
      territory_position_[a] = s->position;
    }
  }
}

namespace {
// Whether a run's sides fit what the evidence says of their manpower at month 0 (each side's
// recruitment against its losses, Lanchester: the other's lethality x multiplier x forces;
// levers not counted).
bool fits_manpower(const Dynamics& d, const RunParameters& p) {
  for (std::size_t s = 0; s < 2; ++s) {
    const auto& says = d.belligerents[s].recruitment_covers_losses;
    if (!says) continue;
    const SideParameters& o = p.side[1 - s];
    const double losses = o.lethality * o.equipment * o.external_aid * o.forces;
    if ((p.side[s].recruitment >= losses) != *says) return false;
  }
  return true;
}
}  // namespace

RunParameters WarModel::sample(std::uint64_t seed, std::uint64_t run) const {
  const RunStream stream(seed, run);
  RunParameters p;
  // A draw of both sides that contradicts the evidence on manpower is drawn again, from draw
  // indices of its own per attempt (attempt 0: the usual ones), so the run stays a pure
  // function of (seed, run).
  for (std::uint32_t attempt = 0;; ++attempt) {
    const std::uint32_t base = attempt == 0 ? 0 : redraw_first + (attempt - 1) * redraw_stride;
    for (std::uint32_t s = 0; s < 2; ++s)
      p.side[s] = side_parameters(d_.belligerents[s], [&](std::uint32_t k, const Quantity& q, double lo, double hi) {
        return draw(stream, base + s * draws_per_side + k, q, lo, hi);
      });
    if (fits_manpower(d_, p)) break;
    if (attempt + 1 == max_redraws)
      throw std::invalid_argument(fmt::format(
          "the belligerents' numbers fit what recruitment_covers_losses says in none of {} draws of run {}: check "
          "forces, recruitment and lethality",
          max_redraws, run));
  }
  for (std::uint32_t s = 0; s < 2; ++s)
    for (std::uint32_t k = 0; k < later_side_fields.size(); ++k) {
      const SideField& f = later_side_fields[k];
      p.side[s].*f.value = draw(stream, later_draw + s * later_side_fields.size() + k,
                                quantity_of(f, d_.belligerents[s]), f.min, f.max);
    }
  for (std::uint32_t k = 0; k < territory_fields.size(); ++k) {
    const TerritoryField& f = territory_fields[k];
    p.*f.value = draw(stream, territory_draw + k, d_.territory.*f.in, f.min, f.max);
  }
  if (d_.ceasefire_breakdown)
    p.ceasefire_breakdown = draw(stream, ceasefire_breakdown_draw, d_.ceasefire_breakdown->probability, 0.0, 1.0);
  p.seed = seed;
  p.run = run;
  for (std::uint32_t i = 0; i < levers_.size(); ++i) {
    const Lever& l = *levers_[i].lever;
    const LeverEffect e = lever_effect(l.kind);
    LeverDraw ld;
    ld.effect = draw(stream, first_lever_draw + 3 * i, l.effect, e.min, e.max);
    const double probability = draw(stream, first_lever_draw + 3 * i + 1, l.probability, 0.0, 1.0);
    if (probability >= 1.0) ld.used = true;
    else if (probability <= 0.0) ld.used = false;
    else ld.used = stream.uniforms(first_lever_draw + 3 * i + 2).first < probability;
    p.levers.push_back(ld);
  }
  return p;
}

RunParameters WarModel::central() const {
  RunParameters p;
  for (std::size_t s = 0; s < 2; ++s)
    p.side[s] = side_parameters(d_.belligerents[s], [](std::uint32_t, const Quantity& q, double lo, double hi) {
      return central_value(q, lo, hi);
    });
  for (std::size_t s = 0; s < 2; ++s)
    for (const SideField& f : later_side_fields)
      p.side[s].*f.value = central_value(quantity_of(f, d_.belligerents[s]), f.min, f.max);
  for (const TerritoryField& f : territory_fields) p.*f.value = central_value(d_.territory.*f.in, f.min, f.max);
  if (d_.ceasefire_breakdown) p.ceasefire_breakdown = central_value(d_.ceasefire_breakdown->probability, 0.0, 1.0);
  for (const auto& ref : levers_) {
    const LeverEffect e = lever_effect(ref.lever->kind);
    p.levers.push_back({true, central_value(ref.lever->effect, e.min, e.max)});
  }
  return p;
}

WarModel::Levers WarModel::levers_in_force(const RunParameters& p, int month) const {
  Levers lv;
  for (std::size_t i = 0; i < levers_.size(); ++i) {
    const LeverRef& ref = levers_[i];
    if (!p.levers[i].used || month < ref.lever->from_month) continue;
    const double e = p.levers[i].effect;
    switch (ref.lever->kind) {
      case LeverKind::aid: lv.aid[ref.target_side] += e; break;
      case LeverKind::sanctions: lv.sanctions[ref.target_side] += e; break;
      case LeverKind::guarantee: lv.guarantee_keep[ref.target_side] *= 1.0 - e; break;
      case LeverKind::red_line_pressure: lv.pressure_mask |= 1u << ref.pressure_bit; break;
    }
  }
  return lv;
}

std::size_t WarModel::configuration(std::uint32_t pressure_mask, double front) const {
  // A deal at the line cedes at most what holding ground gives (control_max): a front beyond
  // it does not make recognition a value "behind the front".
  front = std::min(front, front_scale_.control_max);
  // 2 x (values at or behind the front) + (1 when one of them is exactly at the front).
  std::size_t at_or_behind = 0, at = 0;
  if (front_steps_ > 1)
    for (double x : territory_values_) {
      at_or_behind += x <= front + 1e-9 ? 1 : 0;
      at += std::abs(x - front) <= 1e-9 ? 1 : 0;
    }
  return pressure_mask * front_steps_ + 2 * at_or_behind + (at > 0 ? 1 : 0);
}

std::vector<space::RedLine> WarModel::red_lines_of(std::size_t configuration) const {
  const std::uint32_t mask = static_cast<std::uint32_t>(configuration / front_steps_);
  const std::size_t at_or_behind = (configuration % front_steps_) / 2;
  const std::size_t behind = at_or_behind - (configuration % 2);  // strictly behind the front
  std::vector<space::RedLine> lines = base_red_lines_;
  const auto line_of = [&](std::size_t actor, std::size_t issue) -> space::RedLine& {
    auto it = std::find_if(lines.begin(), lines.end(), [&](const auto& r) { return r.actor == actor && r.issue == issue; });
    if (it != lines.end()) return *it;
    lines.push_back({actor, issue, std::vector<std::uint8_t>(package_space_.issues[issue].values.size(), 0)});
    return lines.back();
  };
  for (const auto& ref : levers_) {
    if (ref.pressure_bit < 0 || !(mask & (1u << ref.pressure_bit))) continue;
    const Lever& l = *ref.lever;
    if (!scenario_.actors[l.target].veto) continue;  // only veto actors' red lines count
    line_of(l.target, l.issue).forbidden = space::forbidden_values(package_space_.issues[l.issue], l.range, l.acceptable_options);
  }
  // A bound the front has passed moves to the front: the values at or behind the front (the
  // first ones, ascending) are allowed to the defender; the values strictly behind it are
  // forbidden to the advancer.
  for (std::size_t s = 0; s < 2 && front_steps_ > 1; ++s) {
    const Belligerent& b = d_.belligerents[s];
    if (!b.red_line_follows_front) continue;
    space::RedLine& r = line_of(b.actor, d_.territory.issue);
    const auto& xs = territory_values_;
    const std::size_t adv = d_.territory.advancing;
    for (std::size_t v = 0; v < xs.size(); ++v) {
      if (s != adv && v < at_or_behind) r.forbidden[v] = 0;
      if (s == adv && v < behind) r.forbidden[v] = 1;
    }
  }
  lines.erase(std::remove_if(lines.begin(), lines.end(),
                             [](const space::RedLine& r) {
                               return std::none_of(r.forbidden.begin(), r.forbidden.end(), [](auto f) { return f != 0; });
                             }),
              lines.end());
  std::sort(lines.begin(), lines.end(),
            [](const auto& x, const auto& y) { return std::pair{x.actor, x.issue} < std::pair{y.actor, y.issue}; });
  return lines;
}

const DealSpace& WarModel::space(std::size_t configuration) const {
  std::call_once(built_[configuration], [&] {
    const std::vector<space::RedLine> lines = red_lines_of(configuration);
    std::vector<std::size_t> ids;
    for (const auto& r : lines) ids.push_back(constraint_of_.at({r.actor, r.issue}));
    spaces_[configuration] = std::make_unique<DealSpace>(package_space_, bargainers_, lines, std::move(ids));
  });
  return *spaces_[configuration];
}

double WarModel::war_status_quo_utility(std::size_t actor, double front) const {
  const double terr = territory_salience_[actor] * front_utility(front, territory_position_[actor], front_scale_);
  return package_space_.utility.normalise(actor, status_quo_raw_[actor] + terr);
}

double WarModel::package_utility(std::size_t actor, std::uint64_t package) const {
  const auto values = package_space_.values_of(package);
  const auto& utility = package_space_.utility;
  const std::size_t actors = package_space_.actors.size();
  double s = 0;
  for (std::size_t j = 0; j < values.size(); ++j) s += utility.weight[j][values[j] * actors + actor];
  return utility.normalise(actor, s);
}

bool WarModel::within_red_lines(std::size_t actor, std::uint64_t package, const RunParameters& p) const {
  const auto values = package_space_.values_of(package);
  for (const auto& r : red_lines_of(configuration(levers_in_force(p, 0).pressure_mask, p.start)))
    if (r.actor == actor && r.forbidden[values[r.issue]]) return false;
  return true;
}

namespace {
// Effective-strength multiplier of a side.
double multiplier(const SideParameters& s, double aid) { return s.equipment * s.external_aid * std::max(0.01, 1.0 + aid); }
}  // namespace

void WarModel::evaluate(const RunParameters& p, const Levers& lv, const std::array<double, 2>& forces, double front,
                        MonthTrace& m, const std::array<double, 2>& risk_floor) const {
  const std::size_t adv = d_.territory.advancing;
  std::array<double, 2> mult{multiplier(p.side[0], lv.aid[0]), multiplier(p.side[1], lv.aid[1])};
  const double e_adv = forces[adv] * mult[adv], e_other = forces[1 - adv] * mult[1 - adv];
  m.front = front;
  m.trend = p.rate * std::log(e_adv / (p.stalemate_ratio * e_other));
  m.acceptance.assign(bargainers_.size(), 0.0);
  for (std::size_t b = 0; b < bargainers_.size(); ++b) m.acceptance[b] = war_status_quo_utility(bargainers_[b], front);
  // Months until each side reaches its breaking point at this month's rates of loss and
  // recruitment (infinite when it has none or is not shrinking).
  std::array<double, 2> loss_rate{}, months_to_break{};
  for (std::size_t s = 0; s < 2; ++s) {
    const std::size_t o = 1 - s;
    loss_rate[s] = p.side[o].lethality * mult[o] * forces[o];  // Lanchester: dF_s/dt = -coef_o F_o
    const double net = p.side[s].recruitment - loss_rate[s];
    const double room = forces[s] - p.side[s].breaking_point * p.side[s].forces;
    months_to_break[s] = p.side[s].breaking_point > 0 && net < 0 ? std::max(0.0, std::ceil(room / -net - 1e-12))
                                                                  : std::numeric_limits<double>::infinity();
  }
  for (std::size_t s = 0; s < 2; ++s) {
    const SideParameters& me = p.side[s];
    m.cost[s] = me.casualty_cost * loss_rate[s] / 1000.0 + me.economy_cost + me.sanctions_cost + lv.sanctions[s];
    const std::size_t a = d_.belligerents[s].actor;
    const double believed = m.trend * me.trend_belief + (s == adv ? me.optimism : -me.optimism);
    // The war's status quo along the believed front from `start`, discounted (the stream).
    const auto stream = [&](double start) {
      return package_space_.utility.normalise(
          a, status_quo_raw_[a] + territory_salience_[a] * discounted_front_utility(start, believed, territory_position_[a],
                                                                                    me.discount, front_scale_));
    };
    m.reservation[s] = stream(front) - m.cost[s];
    // The war's end as this side foresees it: the first of the believed front reaching an end
    // of its scale (when the winner imposes its terms) and either side reaching its breaking
    // point. From that month K the winner's terms replace the war's status quo: the stream
    // above counted delta^K of the status quo there.
    double k = std::numeric_limits<double>::infinity();
    int winner = -1;
    if (d_.territory.winner_imposes_terms && believed != 0) {
      const double end = believed > 0 ? front_scale_.front_max : scale_min;
      k = std::max(0.0, std::ceil((end - front) / believed - 1e-12));
      winner = believed > 0 ? static_cast<int>(adv) : static_cast<int>(1 - adv);
    }
    for (std::size_t q = 0; q < 2; ++q)
      if (months_to_break[q] < k) k = months_to_break[q], winner = static_cast<int>(1 - q);
    if (winner >= 0 && me.discount > 0) {
      // The stream from K on is the same stream started at the front then (at an end of the
      // scale it stays there, so it is that end's status quo).
      const double at = std::clamp(front + believed * k, scale_min, front_scale_.front_max);
      m.reservation[s] += std::pow(me.discount, k) * (imposed_[static_cast<std::size_t>(winner)][a] - stream(at));
    }
    const double breakdown = std::max(me.breakdown_risk, risk_floor[s]) * lv.guarantee_keep[s];
    m.acceptance[bargainer_of_side_[s]] = m.reservation[s] / (1.0 - breakdown);
  }
  m.deal = space(configuration(lv.pressure_mask, front)).nash(m.acceptance.data());
}

MonthTrace WarModel::month_zero(const RunParameters& p) const {
  MonthTrace m;
  m.forces = {p.side[0].forces, p.side[1].forces};
  evaluate(p, levers_in_force(p, 0), m.forces, std::clamp(p.start, scale_min, front_scale_.front_max), m);
  return m;
}

double monthly_hazard(double probability, int months) {
  if (probability <= 0) return 0.0;
  if (probability >= 1) return 1.0;
  return 1.0 - std::pow(1.0 - probability, 1.0 / months);
}

RunResult WarModel::run(const RunParameters& p, int months, std::vector<std::uint64_t>* blocked,
                        std::vector<MonthTrace>* trace, std::vector<std::uint64_t>* holding) const {
  RunResult result;
  std::array<double, 2> forces{p.side[0].forces, p.side[1].forces};
  std::array<double, 2> losses{0, 0};
  double front = std::clamp(p.start, scale_min, front_scale_.front_max);
  LanchesterStep step;
  bool have_step = false;
  std::vector<std::uint64_t> month_blockers;
  const RunStream stream(p.seed, p.run);
  const int breakdown_months = d_.ceasefire_breakdown ? d_.ceasefire_breakdown->within_months : 1;
  bool in_ceasefire = false;
  std::array<double, 2> risk_floor{0, 0};  // what a broken ceasefire taught each side
  for (int month = 0;; ++month) {
    const Levers lv = levers_in_force(p, month);
    MonthTrace m;
    m.month = month;
    m.forces = forces;
    m.losses = losses;
    if (in_ceasefire) {
      // Guarantees in force remove their share of the breakdown risk, for either side.
      const double risk = p.ceasefire_breakdown * lv.guarantee_keep[0] * lv.guarantee_keep[1];
      const double hazard = monthly_hazard(risk, breakdown_months);
      if (hazard > 0 && stream.uniforms(breakdown_month_draw + static_cast<std::uint32_t>(month)).first < hazard) {
        // It broke down: both sides now price a deal with at least this risk, and the
        // fighting resumes this month (a new ceasefire needs a deal check after a month of war).
        in_ceasefire = false;
        ++result.lapses;
        risk_floor = {std::max(risk_floor[0], risk), std::max(risk_floor[1], risk)};
        m.broke_down = true;
      } else {
        m.ceasefire = true;
        m.front = front;
        if (holding) ++(*holding)[static_cast<std::size_t>(month)];
        if (trace) trace->push_back(std::move(m));
        if (month == months) break;
        continue;
      }
    }
    evaluate(p, lv, forces, front, m, risk_floor);
    if (m.deal && !m.broke_down) {
      in_ceasefire = true;
      result.month = month;
      if (result.first_ceasefire < 0) {
        result.first_ceasefire = month;
        result.first_ceasefire_front = front;
        result.package = m.deal->package;
      }
      if (holding) ++(*holding)[static_cast<std::size_t>(month)];
      if (trace) trace->push_back(std::move(m));
      if (p.ceasefire_breakdown <= 0) {  // it holds for good: the rest of the run is known
        if (holding)
          for (int k = month + 1; k <= months; ++k) ++(*holding)[static_cast<std::size_t>(k)];
        result.outcome = Outcome::ceasefire;
        result.final_front = front;
        return result;
      }
      if (month == months) break;
      continue;
    }
    if (!m.broke_down) {
      ++result.months_without_deal;
      if (trace || blocked) {
        month_blockers.assign(constraint_names_.size(), 0);
        space(configuration(lv.pressure_mask, front)).blockers(m.acceptance.data(), month_blockers);
        for (std::size_t c = 0; c < month_blockers.size(); ++c)
          if (month_blockers[c]) {
            m.blockers.push_back(c);
            if (blocked) ++(*blocked)[c];
          }
      }
    }
    m.deal.reset();
    const double trend = m.trend;
    if (trace) trace->push_back(std::move(m));
    if (month == months) break;

    // One month of fighting.
    const double a = p.side[0].lethality * multiplier(p.side[0], lv.aid[0]);
    const double b = p.side[1].lethality * multiplier(p.side[1], lv.aid[1]);
    if (!have_step || a != step.a || b != step.b) step = lanchester_step(a, b), have_step = true;
    const Forces next = advance(step, {forces[0], forces[1]}, p.side[0].recruitment, p.side[1].recruitment);
    losses = {forces[0] + p.side[0].recruitment - next.a, forces[1] + p.side[1].recruitment - next.b};
    front = std::clamp(front + trend, scale_min, front_scale_.front_max);
    // The war ends, the same way whatever the switches: a side at or below its breaking point
    // (0 when it has none) has collapsed; a front at an end of its scale is a victory.
    const std::array<double, 2> after{next.a, next.b};
    std::array<double, 2> below{};  // how far below its breaking point, relative to last month's forces
    for (std::size_t s = 0; s < 2; ++s)
      below[s] = (after[s] - p.side[s].breaking_point * p.side[s].forces) / forces[s];
    if (below[0] <= 0 || below[1] <= 0) {
      result.outcome = Outcome::collapse;
      result.month = month + 1;
      result.collapsed = below[0] <= below[1] ? 0 : 1;
      result.winner = 1 - result.collapsed;
      result.final_front = front;
      return result;
    }
    if (trend != 0 && (front >= front_scale_.front_max || front <= scale_min)) {
      result.outcome = Outcome::victory;
      result.month = month + 1;
      result.winner = front >= front_scale_.front_max ? static_cast<int>(d_.territory.advancing)
                                                      : static_cast<int>(1 - d_.territory.advancing);
      result.final_front = front;
      return result;
    }
    forces = after;
  }
  result.outcome = in_ceasefire ? Outcome::ceasefire : Outcome::no_deal;
  result.final_front = front;
  return result;
}

}  // namespace truce::dynamics
