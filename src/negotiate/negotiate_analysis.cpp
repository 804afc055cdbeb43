#include "truce/negotiate/negotiate_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <stdexcept>

#include "truce/core/parallel.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/dynamics/war_model.hpp"
#include "truce/levers/policies.hpp"
#include "truce/format/text_table.hpp"
#include "truce/negotiate/tournament.hpp"
#include "truce/space/agreement_space.hpp"

namespace truce::negotiate {

using nlohmann::json;

const OptionTable<NegotiateOptions>& negotiate_option_table() {
  using O = NegotiateOptions;
  static const OptionTable<O> table = option_table<O>(
      "negotiate",
      {
          choice_option("protocol", &O::protocol, {{Protocol::sao, "sao"}, {Protocol::single_text, "single-text"}},
                        "stacked alternating offers (an offer stands when every other party accepts it) or a "
                        "mediator's single text"),
          text_list_option("agents", &O::agents,
                           "one agent per party in party order, or one for all: boulware, linear, conceder, "
                           "aspiration, exponent:E, tft, micro, tough, random, staller:ROUND (default boulware)"),
          whole_number_option("steps", &O::steps, 1, 1000000, "the deadline in rounds (each party acts once a round)"),
          choice_option("semantics", &O::semantics, {{Semantics::truce, "truce"}, {Semantics::negmas, "negmas"}},
                        "ties among equal utilities: in package order (truce) or as NegMAS's numpy sort leaves them"),
          number_by_key_option("reservation", &O::reservation, std::nullopt, std::nullopt, "ACTOR=UTILITY",
                               "a party's utility of no deal, overriding the scenario's"),
          number_by_key_option("discount", &O::discount, 1e-9, 1.0, "ACTOR=FACTOR",
                               "a party's discount factor d: an outcome at relative time t is worth u x d^t to it "
                               "(GENIUS's discounting; the agents decide on undiscounted utilities)"),
          text_list_option("relax", &O::relaxed_red_lines, "a red line to drop, as ACTOR.ISSUE"),
          whole_number_option("seed", &O::seed, 0, std::nullopt, "seed of the random agents and MiCRO's repeats"),
          boolean_option("trace", &O::trace, "keep every offer (round, proposer, package, utilities)"),
          not_written(whole_number_option("threads", &O::threads, 0, 1024,
                                          "threads sorting the parties' packages (0: every core); the result does not "
                                          "depend on it")),
          text_option("mediator", &O::mediator,
                      "single text: the mediator, an actor of the scenario that is no party (its own utility enters "
                      "the criterion); empty: a neutral mediator"),
          text_option("variant", &O::variant, "a variant of the scenario's negotiation section to run"),
          choice_option("outside_options", &O::outside_options,
                        {{OutsideOptions::scenario, "scenario"}, {OutsideOptions::war, "war"}},
                        "reservation values from the scenario's stances, or each veto actor's value of fighting on in "
                        "the war model (its dynamics section)"),
          text_option("policy", &O::policy,
                      "a policy of the scenario whose numbers the war model uses (with outside_options war)"),
          whole_number_option("war_month", &O::war_month, 0, 600,
                              "with outside_options war: the month of the war at which the parties negotiate"),
          whole_number_option("war_runs", &O::war_runs, 1, 1000000,
                              "with outside_options war: runs of the war model averaged for the reservation values"),
      },
      [](const O& o, const std::string& table, const std::string& path) {
        for (const auto& a : o.agents) try {
            parse_agent(a);
          } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(option_path(table, path.empty() ? "agents" : path + ".agents") + ": " + e.what());
          }
      });
  return table;
}

json complete_negotiate_options(const json& options) {
  return negotiate_option_table().write(negotiate_option_table().parse(options));
}

namespace {

// The space with only the given actors (the negotiating parties), their red lines remapped.
space::PackageSpace restricted(const space::PackageSpace& s, const std::vector<std::size_t>& keep) {
  space::PackageSpace out;
  out.issues = s.issues;
  out.notes = s.notes;
  const std::size_t k = s.actors.size(), m = keep.size();
  for (const auto a : keep) out.actors.push_back(s.actors[a]);
  for (std::size_t j = 0; j < s.issues.size(); ++j) {
    std::vector<double> c(s.issues[j].values.size() * m);
    for (std::size_t v = 0; v < s.issues[j].values.size(); ++v)
      for (std::size_t i = 0; i < m; ++i) c[v * m + i] = s.contribution[j][v * k + keep[i]];
    out.contribution.push_back(std::move(c));
  }
  for (const auto& line : s.red_lines) {
    const auto at = std::find(keep.begin(), keep.end(), line.actor);
    if (at == keep.end()) continue;
    space::RedLine r = line;
    r.actor = static_cast<std::size_t>(at - keep.begin());
    out.red_lines.push_back(std::move(r));
  }
  return out;
}

double distance(const std::vector<double>& a, const double* b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(s);
}

std::string ending_name(Ending e) {
  switch (e) {
    case Ending::agreement: return "agreement";
    case Ending::deadline: return "deadline";
    case Ending::broken: return "broken";
  }
  return "";
}

}  // namespace

space::PackageSpace veto_parties_space(const space::PackageSpace& full) {
  // The parties: every actor whose consent a deal needs (all of a GENIUS domain's profiles).
  std::vector<std::size_t> keep;
  for (std::size_t a = 0; a < full.actors.size(); ++a)
    if (full.actors[a].veto) keep.push_back(a);
  if (keep.size() < 2)
    throw std::invalid_argument(fmt::format("a negotiation needs at least two parties with a veto, found {}", keep.size()));
  return restricted(full, keep);
}

NegotiateResult negotiate(const space::PackageSpace& given, const NegotiateOptions& o) {
  // Relaxed red lines go before anything else, named as `truce space --relax` names them.
  space::PackageSpace full = given;
  if (!o.relaxed_red_lines.empty()) {
    std::vector<space::RedLine> kept;
    std::vector<bool> used(o.relaxed_red_lines.size(), false);
    for (std::size_t i = 0; i < given.red_lines.size(); ++i) {
      const auto at = std::find(o.relaxed_red_lines.begin(), o.relaxed_red_lines.end(), given.red_line_id(i));
      if (at == o.relaxed_red_lines.end()) kept.push_back(given.red_lines[i]);
      else used[static_cast<std::size_t>(at - o.relaxed_red_lines.begin())] = true;
    }
    for (std::size_t k = 0; k < used.size(); ++k)
      if (!used[k]) {
        std::string ids;
        for (std::size_t i = 0; i < given.red_lines.size(); ++i) ids += (ids.empty() ? "" : ", ") + given.red_line_id(i);
        throw std::invalid_argument(fmt::format("negotiate option 'relax': no red line '{}'; the red lines are: {}",
                                                o.relaxed_red_lines[k], ids.empty() ? "none" : ids));
      }
    full.red_lines = std::move(kept);
  }
  // The actor an option names by id, which must be a party (a veto actor).
  auto party_named = [&](const char* option, const std::string& id) {
    const auto at = std::find_if(full.actors.begin(), full.actors.end(), [&](const auto& a) { return a.id == id; });
    if (at == full.actors.end() || !at->veto)
      throw std::invalid_argument(fmt::format("negotiate option '{}': no party '{}' (a veto actor)", option, id));
    return at;
  };
  for (const auto& [party, value] : o.reservation) party_named("reservation", party)->reservation = value;
  for (const auto& entry : o.discount) party_named("discount", entry.first);
  space::PackageSpace s = veto_parties_space(full);
  const std::size_t vetoes = s.actors.size();
  const std::size_t n = s.actors.size();
  // An interested mediator: an actor that is no party, scored as the last "party" of its own domain.
  std::optional<std::size_t> mediator;
  if (!o.mediator.empty()) {
    if (o.protocol != Protocol::single_text)
      throw std::invalid_argument("negotiate option 'mediator': a mediator puts forward a single text (protocol single-text)");
    std::string ids;
    for (std::size_t a = 0; a < full.actors.size(); ++a) {
      if (full.actors[a].id == o.mediator) mediator = a;
      if (!full.actors[a].veto) ids += (ids.empty() ? "" : ", ") + full.actors[a].id;
    }
    if (!mediator)
      throw std::invalid_argument(fmt::format("negotiate option 'mediator': no actor '{}'; the actors without a veto "
                                              "are: {}",
                                              o.mediator, ids.empty() ? "none" : ids));
    if (full.actors[*mediator].veto)
      throw std::invalid_argument(fmt::format("negotiate option 'mediator': '{}' is a party (a veto actor); a mediator "
                                              "is an actor without a veto (the actors without one: {})",
                                              o.mediator, ids.empty() ? "none" : ids));
  }
  std::vector<std::string> names = o.agents.empty() ? std::vector<std::string>{"boulware"} : o.agents;
  if (names.size() == 1) names.assign(n, names[0]);
  if (names.size() != n) {
    std::string ids;
    for (const auto& a : s.actors) ids += (ids.empty() ? "" : ", ") + a.id;
    throw std::invalid_argument(fmt::format("negotiate option 'agents': expected one agent for all or {} (one per party: "
                                            "{}), found {}",
                                            n, ids, names.size()));
  }
  std::vector<AgentSpec> agents;
  for (const auto& name : names) agents.push_back(parse_agent(name));

  const double packages = s.approximate_size();
  check_memory_need(fmt::format("sorting {:.3g} packages for {} parties", packages, n), packages * 12.0 * (n + 1),
                    "fewer issues or values per issue");
  // Measured: about 0.1 us per package and party to score and sort, and the space analysis's walk.
  check_work_budget(fmt::format("sorting {:.3g} packages for {} parties", packages, n), packages * n * 2e-7,
                    "fewer issues or values per issue");

  NegotiationDomain domain(s);
  const bool mediated = o.protocol == Protocol::single_text;
  const TieOrder ties = o.semantics == Semantics::negmas ? TieOrder::numpy : TieOrder::enumeration;
  std::vector<SortedOutcomes> tables(n);
  std::vector<std::exception_ptr> errors(n);
  // The single text needs no sorted tables.
  const unsigned threads = mediated ? 0u : std::min<unsigned>(resolve_thread_count(o.threads), static_cast<unsigned>(n));
  if (threads > 0) run_shares(threads, [&](unsigned share) {
    for (std::size_t p = share; p < n; p += threads) try {
        tables[p] = sort_outcomes(domain, p, ties);
      } catch (...) {
        errors[p] = std::current_exception();
      }
  });
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  std::vector<const SortedOutcomes*> table_of;
  for (const auto& t : tables) table_of.push_back(&t);

  SaoSettings settings;
  settings.steps = o.steps;
  settings.seed = o.seed;
  settings.trace = o.trace;
  std::optional<NegotiationDomain> mediated_domain;
  if (mediator) {
    std::vector<std::size_t> keep;
    for (std::size_t a = 0; a < full.actors.size(); ++a)
      if (full.actors[a].veto) keep.push_back(a);
    keep.push_back(*mediator);
    mediated_domain.emplace(restricted(full, keep));
  }
  const SaoRun run = !mediated  ? run_sao(domain, table_of, agents, settings)
                     : mediator ? run_single_text(*mediated_domain, o.steps, o.trace, true)
                                : run_single_text(domain, o.steps, o.trace);

  NegotiateResult r;
  r.protocol = mediated ? "single-text" : "sao";
  r.semantics = o.semantics == Semantics::negmas ? "negmas" : "truce";
  r.steps = o.steps;
  r.packages = domain.size();
  for (const auto& issue : s.issues) {
    r.issues.push_back(issue.id);
    std::vector<std::string> values;
    for (const auto& v : issue.values) values.push_back(v.id);
    r.values.push_back(std::move(values));
  }
  r.ending = ending_name(run.ending);
  r.agreement = run.ending == Ending::agreement;
  r.why = run.why;
  r.round = run.round;
  r.offers = run.offers;
  r.micro_random_choices = run.micro_random_choices;
  std::vector<double> outcome(n);
  for (std::size_t p = 0; p < n; ++p) {
    NegotiationParty party;
    party.id = s.actors[p].id;
    party.name = s.actors[p].name;
    party.agent = mediated ? "" : names[p];
    party.reservation = domain.reservation(p);
    party.reservation_from = o.reservation.count(party.id) ? ReservationFrom::option : ReservationFrom::scenario;
    party.reservation_source = party.reservation_from == ReservationFrom::option ? "option" : "scenario";
    party.best_utility = mediated ? domain.utility(p, domain.best_package(p)) : tables[p].best_utility;
    party.utility = r.agreement ? domain.utility(p, run.agreement) : party.reservation;
    outcome[p] = party.utility;
    r.parties.push_back(std::move(party));
  }
  if (mediator) {
    const NegotiationDomain& md = *mediated_domain;
    NegotiationParty m;
    m.id = full.actors[*mediator].id;
    m.name = full.actors[*mediator].name;
    m.agent = "mediator";
    m.reservation = std::max(md.reservation(n), md.utility(n, md.worst_package(n)));
    m.reservation_from = ReservationFrom::disagreement;
    m.reservation_source = "its worst package or reservation value, the higher";
    m.best_utility = md.utility(n, md.best_package(n));
    m.utility = r.agreement ? md.utility(n, run.agreement) : m.reservation;
    r.mediator = std::move(m);
  }
  if (r.agreement) {
    r.package = run.agreement;
    r.terms = r.terms_of(run.agreement);
    r.accepted_offer_by = run.accepted_offer_by;
    r.relative_time = static_cast<double>(run.round + 1) / static_cast<double>(o.steps + 1);
  }
  // GENIUS's discounting of the outcome: at the agreement's relative time, or at the deadline
  // (t = 1) or the round a party broke off without one.
  const double t = r.agreement || run.ending != Ending::deadline
                       ? static_cast<double>(run.round + 1) / static_cast<double>(o.steps + 1)
                       : 1.0;
  r.outcome_time = t;
  for (auto& party : r.parties) {
    const auto d = o.discount.find(party.id);
    party.discount = d == o.discount.end() ? 1.0 : d->second;
    party.discounted_utility = party.discount == 1.0 ? party.utility : party.utility * std::pow(party.discount, t);
  }
  for (const auto& offer : run.trace) {
    TraceOffer t{offer.round, static_cast<std::size_t>(offer.proposer), offer.package, {}};
    for (std::size_t p = 0; p < n; ++p) t.utility.push_back(domain.utility(p, offer.package));
    r.trace.push_back(std::move(t));
  }

  // The frontier and the Nash point of the packages every party may accept (space analysis).
  space::SpaceOptions so;
  so.non_veto_red_lines = true;
  so.max_blocking_set = 0;
  so.threads = resolve_thread_count(o.threads);
  const space::SpaceResult sr = space::analyse_space(s, so);
  if (!r.agreement && sr.zopa == 0) {
    r.why += "; no package is within every party's red lines and worth its reservation value to each (the ZOPA is "
             "empty: truce space names what blocks it)";
    // What would have to change: per party, the most it gets from a package within its own red
    // lines that every other party accepts; a reservation value above it blocks on its own.
    std::vector<double> most(n, -std::numeric_limits<double>::infinity());
    for (std::uint64_t package = 0; package < domain.size(); ++package) {
      std::size_t refusing = 0, refuser = 0;
      for (std::size_t p = 0; p < n && refusing < 2; ++p)
        if (!domain.acceptable(p, package)) ++refusing, refuser = p;
      if (refusing == 0) continue;  // (none: the ZOPA is empty)
      if (refusing == 1 && domain.within_red_lines(refuser, package))
        most[refuser] = std::max(most[refuser], domain.utility(refuser, package));
    }
    for (std::size_t p = 0; p < n; ++p)
      if (std::isfinite(most[p])) r.parties[p].best_the_others_accept = most[p];
  }
  if (!sr.frontier.empty()) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& f : sr.frontier) {
      best = std::min(best, distance(outcome, f.utility.data()));
      r.frontier.push_back(f.utility);
    }
    r.pareto_distance = best;
    r.on_pareto_frontier = r.agreement && best == 0.0;
  }
  if (sr.nash) {
    r.nash_utility = sr.nash->point.utility;
    r.nash_distance = distance(outcome, sr.nash->point.utility.data());
  }
  if (!o.relaxed_red_lines.empty()) {
    std::string ids;
    for (const auto& id : o.relaxed_red_lines) ids += (ids.empty() ? "" : ", ") + id;
    r.notes.push_back("red lines relaxed: " + ids);
    r.relaxed_red_lines = o.relaxed_red_lines;
  }
  if (mediated && !mediator)
    r.notes.push_back("single text: a neutral mediator moves its text to the neighbouring package (one issue changed) "
                      "every party accepts with the highest Nash product, until none is better; agents play no part");
  if (mediator)
    r.notes.push_back(fmt::format(
        "single text: {} mediates with its own interest, starting from its best package; it moves the text to the "
        "neighbouring package (one issue changed) that the most parties accept, then with the highest Nash product of "
        "the parties' gains and its own, never crossing its red lines; agents play no part",
        full.actors[*mediator].id));
  if (o.semantics == Semantics::truce && !mediated)
    r.notes.push_back("ties among packages of equal utility are broken by package number (--semantics negmas: as "
                      "NegMAS's numpy sort leaves them)");
  if (!mediated &&
      std::any_of(agents.begin(), agents.end(), [](const AgentSpec& a) { return a.strategy == Strategy::staller; }))
    r.notes.push_back("a staller offers its best package and accepts nothing before its round, then plays Boulware");
  if (vetoes < full.actors.size())
    r.notes.push_back(fmt::format("{} actor{} without a veto take{} no part: a deal needs only the veto actors' consent",
                                  full.actors.size() - vetoes, full.actors.size() - vetoes == 1 ? "" : "s",
                                  full.actors.size() - vetoes == 1 ? "s" : ""));
  return r;
}

std::vector<std::pair<std::string, std::string>> NegotiateResult::terms_of(std::uint64_t p) const {
  std::vector<std::pair<std::string, std::string>> out(issues.size());
  for (std::size_t j = issues.size(); j-- > 0;) {
    const auto v = p % values[j].size();
    p /= values[j].size();
    out[j] = {issues[j], values[j][v]};
  }
  return out;
}

namespace {

// A negotiation set-up of the scenario as options: only what it sets. Agents by actor become
// the option's list in party order (the veto actors), Boulware for a party it leaves out.
void settings_into(const Scenario& scenario, const NegotiationSettings& set, std::map<std::string, std::string>& agents,
                   json& out) {
  if (set.protocol) out["protocol"] = *set.protocol;
  if (set.deadline) out["steps"] = *set.deadline;
  if (set.mediator) out["mediator"] = *set.mediator;
  for (const auto& [actor, agent] : set.agents) {
    const auto a = find_actor(scenario, actor);
    if (!a || !scenario.actors[*a].veto)
      throw std::invalid_argument(fmt::format("the negotiation section gives an agent to '{}', which is no party (a "
                                              "veto actor)",
                                              actor));
    agents[actor] = agent;
  }
  for (const auto& [actor, value] : set.reservation) out["reservation"][actor] = value;
  for (const auto& [actor, value] : set.discount) out["discount"][actor] = value;
  if (set.relax) out["relax"] = *set.relax;
  if (set.outside_options) out["outside_options"] = *set.outside_options;
  if (set.policy) out["policy"] = *set.policy;
  if (set.war_month) out["war_month"] = *set.war_month;
}

}  // namespace

json complete_negotiate_analysis_options(const Scenario& scenario, const json& options) {
  // The scenario's negotiation section, then the variant named, then the options given.
  json merged = json::object();
  const std::string variant = options.is_object() && options.contains("variant") && options["variant"].is_string()
                                  ? options["variant"].get<std::string>()
                                  : std::string();
  if (!variant.empty() && !scenario.negotiation)
    throw std::invalid_argument(fmt::format("negotiate option 'variant': the scenario has no negotiation section, so "
                                            "no variant '{}'",
                                            variant));
  if (scenario.negotiation) {
    std::map<std::string, std::string> agents;
    settings_into(scenario, scenario.negotiation->defaults, agents, merged);
    if (!variant.empty()) {
      const NegotiationVariant* found = nullptr;
      std::string ids;
      for (const auto& v : scenario.negotiation->variants) {
        if (v.id == variant) found = &v;
        ids += (ids.empty() ? "" : ", ") + v.id;
      }
      if (!found)
        throw std::invalid_argument(fmt::format("negotiate option 'variant': no variant '{}'; the scenario's are: {}",
                                                variant, ids.empty() ? "none" : ids));
      settings_into(scenario, found->set, agents, merged);
    }
    if (!agents.empty()) {
      json list = json::array();
      for (const auto& a : scenario.actors)
        if (a.veto) list.push_back(agents.count(a.id) ? agents[a.id] : std::string("boulware"));
      merged["agents"] = list;
    }
  }
  if (options.is_object())
    for (const auto& [key, value] : options.items()) merged[key] = value;
  else if (!options.is_null())
    merged = options;  // the option table says what is wrong with it
  return complete_negotiate_options(merged);
}

std::vector<double> war_outside_options(const Scenario& scenario, std::uint32_t month, std::uint32_t runs,
                                        std::uint64_t seed, std::uint32_t* fighting) {
  if (!scenario.dynamics)
    throw std::invalid_argument("negotiate option 'outside_options' war: the scenario has no dynamics section (the war "
                                "model)");
  const dynamics::WarModel model(scenario);
  const std::size_t k = model.bargainers().size();
  std::vector<double> sum(k, 0.0);
  std::uint32_t counted = 0;
  std::vector<dynamics::MonthTrace> trace;
  // In run order, one thread: the sum's bits do not depend on anything but (seed, runs).
  for (std::uint32_t run = 0; run < runs; ++run) {
    trace.clear();
    model.run(model.sample(seed, run), static_cast<int>(month), nullptr, &trace);
    // A run counts when month `month` is a month of fighting with a deal check (no ceasefire
    // holding, no side collapsed or victorious before it).
    if (trace.size() <= month || trace[month].month != static_cast<int>(month) || trace[month].ceasefire ||
        trace[month].broke_down || trace[month].acceptance.size() != k)
      continue;
    ++counted;
    for (std::size_t b = 0; b < k; ++b) sum[b] += trace[month].acceptance[b];
  }
  if (fighting) *fighting = counted;
  if (counted == 0)
    throw std::invalid_argument(fmt::format("negotiate option 'war_month': no run of the war model is still fighting "
                                            "at month {}",
                                            month));
  for (auto& x : sum) x /= counted;
  return sum;
}

NegotiateResult negotiate_analysis(const Scenario& given, const json& options) {
  NegotiateOptions o = negotiate_option_table().parse(complete_negotiate_analysis_options(given, options));
  if (!o.policy.empty() && o.outside_options != OutsideOptions::war)
    throw std::invalid_argument(fmt::format("negotiate option 'policy': a policy changes the war model's numbers, so it "
                                            "acts on a negotiation only through the parties' outside options "
                                            "(outside_options war); '{}' would change nothing",
                                            o.policy));
  const Scenario scenario = o.policy.empty() ? given : levers::with_policy(given, o.policy);
  std::vector<std::string> from_war;
  std::uint32_t fighting = 0;
  if (o.outside_options == OutsideOptions::war) {
    const auto acceptance = war_outside_options(scenario, o.war_month, o.war_runs, o.seed, &fighting);
    std::size_t b = 0;
    for (const auto& a : scenario.actors) {
      if (!a.veto) continue;
      if (!o.reservation.count(a.id)) {  // an explicit reservation value wins
        o.reservation[a.id] = acceptance[b];
        from_war.push_back(a.id);
      }
      ++b;
    }
  }
  NegotiateResult r = negotiate(space::package_space_of(scenario), o);
  r.variant = o.variant;
  if (!from_war.empty()) {
    const std::string source =
        fmt::format("war model{}: the lowest package utility it accepts at month {} (its value of fighting on, with "
                    "the breakdown risk), mean of the {} of {} runs still fighting then (an estimate)",
                    o.policy.empty() ? "" : " under policy " + o.policy, o.war_month, fighting, o.war_runs);
    for (auto& p : r.parties)
      if (std::find(from_war.begin(), from_war.end(), p.id) != from_war.end()) {
        p.reservation_from = ReservationFrom::war_model;
        p.reservation_source = source;
      }
    r.notes.push_back("reservation values from the " + source +
                      "; the red lines are the scenario's as coded (the war model also moves them with the front "
                      "line and the pressure levers)");
  }
  return r;
}

std::vector<std::string> negotiation_problems(const Scenario& scenario) {
  std::vector<std::string> out;
  if (!scenario.negotiation) return out;
  const auto parties = static_cast<std::size_t>(
      std::count_if(scenario.actors.begin(), scenario.actors.end(), [](const Actor& a) { return a.veto; }));
  std::vector<std::string> setups{""};
  for (const auto& v : scenario.negotiation->variants) setups.push_back(v.id);
  for (const auto& id : setups) {
    const std::string where = id.empty() ? "negotiation" : "negotiation variant '" + id + "'";
    try {
      const NegotiateOptions o = negotiate_option_table().parse(
          complete_negotiate_analysis_options(scenario, id.empty() ? json::object() : json{{"variant", id}}));
      if (!o.mediator.empty()) {
        const auto m = find_actor(scenario, o.mediator);
        if (m && scenario.actors[*m].veto) out.push_back(fmt::format("{}: the mediator '{}' is a party (a veto actor)", where, o.mediator));
        if (o.protocol != Protocol::single_text)
          out.push_back(fmt::format("{}: a mediator goes with the single text (protocol single-text)", where));
      }
      if (!o.policy.empty() && o.outside_options != OutsideOptions::war)
        out.push_back(fmt::format("{}: policy '{}' acts only through the war model's outside options (outside_options: "
                                  "war)",
                                  where, o.policy));
      if (o.outside_options == OutsideOptions::war && !scenario.dynamics)
        out.push_back(fmt::format("{}: outside_options war needs a dynamics section", where));
      if (parties < 2) out.push_back(fmt::format("{}: a negotiation needs at least two veto actors, found {}", where, parties));
    } catch (const std::invalid_argument& e) {
      out.push_back(fmt::format("{}: {}", where, e.what()));
    }
  }
  return out;
}

std::vector<NamedNegotiation> scenario_negotiations(const Scenario& scenario, unsigned threads) {
  std::vector<NamedNegotiation> out;
  if (!scenario.negotiation) return out;
  for (const auto& v : scenario.negotiation->variants) {
    NamedNegotiation n{v.id, v.name, v.description, {}};
    n.result = negotiate_analysis(scenario, json{{"variant", v.id}, {"trace", true}, {"threads", threads}});
    out.push_back(std::move(n));
  }
  return out;
}

json run_negotiate_analysis(const Scenario& scenario, const json& options) {
  return to_json(negotiate_analysis(scenario, options));
}

namespace {

std::string proposer_id(const NegotiateResult& r, std::size_t i) {
  return i < r.parties.size() ? r.parties[i].id : r.mediator ? r.mediator->id : std::string("mediator");
}

std::string terms_text(const std::vector<std::pair<std::string, std::string>>& terms) {
  std::string s;
  for (const auto& [issue, value] : terms) s += (s.empty() ? "" : ", ") + issue + "=" + value;
  return s;
}

json optional_number(const std::optional<double>& x) { return x ? json(*x) : json(nullptr); }

}  // namespace

Headline negotiate_headline(const NegotiateResult& r) {
  Headline h{{"agreement", "Agreement reached", r.agreement, ""},
             {"round", "Round of the agreement (0-based)",
              r.agreement ? static_cast<double>(r.round) : std::numeric_limits<double>::quiet_NaN(), "rounds"},
             {"offers", "Offers made", static_cast<double>(r.offers), "offers"}};
  for (const auto& p : r.parties) h.push_back({"utility_" + p.id, "Utility of " + p.id, p.utility, ""});
  h.push_back({"nash_distance", "Distance to the Nash point",
               r.nash_distance ? *r.nash_distance : std::numeric_limits<double>::quiet_NaN(), ""});
  if (r.agreement) h.push_back({"agreement_package", "Agreement", terms_text(r.terms), ""});
  return h;
}

json to_json(const NegotiateResult& r) {
  auto party_json = [](const NegotiationParty& p) {
    return json{{"id", p.id},
                {"name", p.name},
                {"agent", p.agent},
                {"reservation", p.reservation},
                {"reservation_source", p.reservation_source},
                {"best_utility", p.best_utility},
                {"utility", p.utility},
                {"discount", p.discount},
                {"best_the_others_accept", p.best_the_others_accept ? json(*p.best_the_others_accept) : json(nullptr)},
                {"discounted_utility", p.discounted_utility}};
  };
  json parties = json::array();
  for (const auto& p : r.parties) parties.push_back(party_json(p));
  json terms = json::object();
  for (const auto& [issue, value] : r.terms) terms[issue] = value;
  json nash = nullptr;
  if (!r.nash_utility.empty()) {
    nash = json::object();
    for (std::size_t p = 0; p < r.parties.size(); ++p) nash[r.parties[p].id] = r.nash_utility[p];
  }
  json trace = json::array();
  for (const auto& t : r.trace) {
    json u = json::object();
    for (std::size_t p = 0; p < r.parties.size(); ++p) u[r.parties[p].id] = t.utility[p];
    trace.push_back({{"round", t.round}, {"proposer", proposer_id(r, t.proposer)}, {"package", t.package}, {"utility", u}});
  }
  return json{{"analysis", "negotiate"},
              {"headline", headline_to_json(negotiate_headline(r))},
              {"protocol", r.protocol},
              {"semantics", r.semantics},
              {"steps", r.steps},
              {"packages", r.packages},
              {"variant", r.variant.empty() ? json(nullptr) : json(r.variant)},
              {"parties", parties},
              {"mediator", r.mediator ? party_json(*r.mediator) : json(nullptr)},
              {"agreement", r.agreement},
              {"ending", r.ending},
              {"why", r.why},
              {"package", r.agreement ? json(r.package) : json(nullptr)},
              {"terms", r.agreement ? terms : json(nullptr)},
              {"round", r.round},
              {"offers", r.offers},
              {"accepted_offer_by", r.accepted_offer_by ? json(proposer_id(r, *r.accepted_offer_by)) : json(nullptr)},
              {"relative_time", r.agreement ? json(r.relative_time) : json(nullptr)},
              {"outcome_time", r.outcome_time},
              {"micro_random_choices", r.micro_random_choices},
              {"pareto_distance", optional_number(r.pareto_distance)},
              {"on_pareto_frontier", r.on_pareto_frontier},
              {"nash_distance", optional_number(r.nash_distance)},
              {"nash_utility", nash},
              {"trace", trace},
              {"notes", r.notes}};
}

std::string negotiate_result_text(const NegotiateResult& r) {
  std::string out = fmt::format("Negotiation{}: {} protocol, deadline {} rounds, {} parties, {} packages\n",
                                r.variant.empty() ? "" : " '" + r.variant + "'",
                                r.protocol == "sao" ? "stacked alternating offers" : "mediator's single text", r.steps,
                                r.parties.size(), r.packages);
  TextTable parties{{"party", "agent", "reservation", "best", "utility"},
                    {Align::left, Align::left, Align::right, Align::right, Align::right},
                    {}};
  for (const auto& p : r.parties)
    parties.rows.push_back({p.id, p.agent, fixed(p.reservation, 4), fixed(p.best_utility, 4), fixed(p.utility, 4)});
  if (r.mediator)
    parties.rows.push_back({r.mediator->id, "mediator", fixed(r.mediator->reservation, 4),
                            fixed(r.mediator->best_utility, 4), fixed(r.mediator->utility, 4)});
  out += parties.render();
  for (const auto& p : r.parties)
    if (p.discount != 1.0)
      out += fmt::format("Discounted utility of {}: {} (discount factor {} at relative time {:.4f}; the agents decide on "
                         "undiscounted utilities)\n",
                         p.id, fixed(p.discounted_utility, 4), p.discount, r.outcome_time);
  for (const auto& p : r.parties)
    if (p.reservation_from == ReservationFrom::war_model)
      out += fmt::format("Reservation value of {}: {}\n", p.id, p.reservation_source);
  if (r.agreement)
    out += fmt::format("\nAgreement in round {} (0-based; relative time {:.4f}) after {} offers, offered by {}:\n  {}\n",
                       r.round, r.relative_time, r.offers, proposer_id(r, *r.accepted_offer_by), terms_text(r.terms));
  else
    out += fmt::format("\nNo agreement after {} offers: {}\n", r.offers, r.why);
  for (const auto& p : r.parties)
    if (!r.agreement && p.best_the_others_accept && *p.best_the_others_accept < p.reservation)
      out += fmt::format("What blocks it: {}'s reservation value {} is above the most a package the other parties "
                         "accept gives it, {}\n",
                         p.id, fixed(p.reservation, 4), fixed(*p.best_the_others_accept, 4));
  if (r.pareto_distance)
    out += fmt::format("Distance to the Pareto frontier: {}{}\n", fixed(*r.pareto_distance, 4),
                       r.on_pareto_frontier ? " (on it)" : "");
  if (r.nash_distance) {
    std::string point;
    for (std::size_t p = 0; p < r.parties.size(); ++p) point += (p ? ", " : "") + fixed(r.nash_utility[p], 4);
    out += fmt::format("Distance to the Nash point ({}): {}\n", point, fixed(*r.nash_distance, 4));
  }
  if (!r.trace.empty()) {
    std::vector<std::string> header{"round", "proposer"};
    for (const auto& p : r.parties) header.push_back("u_" + p.id);
    header.push_back("package");
    TextTable t{header, {Align::right, Align::left}, {}};
    for (std::size_t i = 0; i < r.parties.size(); ++i) t.align.push_back(Align::right);
    for (const auto& o : r.trace) {
      std::vector<std::string> row{std::to_string(o.round), proposer_id(r, o.proposer)};
      for (const double u : o.utility) row.push_back(fixed(u, 4));
      row.push_back(terms_text(r.terms_of(o.package)));
      t.rows.push_back(std::move(row));
    }
    out += "\nOffers:\n" + t.render();
  }
  for (const auto& n : r.notes) out += "Note: " + n + "\n";
  return out;
}

std::string negotiate_result_csv(const NegotiateResult& r) {
  std::string out;
  if (!r.trace.empty()) {
    out += "offer,round,proposer";
    for (const auto& p : r.parties) out += ",u_" + csv_field(p.id);
    for (const auto& i : r.issues) out += "," + csv_field(i);
    out += "\n";
    for (std::size_t k = 0; k < r.trace.size(); ++k) {
      const auto& o = r.trace[k];
      out += fmt::format("{},{},{}", k, o.round, csv_field(proposer_id(r, o.proposer)));
      for (const double u : o.utility) out += fmt::format(",{}", u);
      for (const auto& [issue, value] : r.terms_of(o.package)) out += "," + csv_field(value);
      out += "\n";
    }
    return out;
  }
  out += "agreement,ending,round,offers,accepted_offer_by";
  for (const auto& p : r.parties) out += ",u_" + csv_field(p.id);
  out += ",pareto_distance,nash_distance";
  for (const auto& i : r.issues) out += "," + csv_field(i);
  out += "\n";
  out += fmt::format("{},{},{},{},{}", r.agreement ? "yes" : "no", r.ending, r.round, r.offers,
                     r.accepted_offer_by ? csv_field(proposer_id(r, *r.accepted_offer_by)) : "");
  for (const auto& p : r.parties) out += fmt::format(",{}", p.utility);
  out += "," + (r.pareto_distance ? fmt::format("{}", *r.pareto_distance) : std::string());
  out += "," + (r.nash_distance ? fmt::format("{}", *r.nash_distance) : std::string());
  for (const auto& [issue, value] : r.terms) out += "," + csv_field(value);
  if (!r.agreement)
    for (std::size_t j = 0; j < r.issues.size(); ++j) out += ",";
  out += "\n";
  return out;
}

}  // namespace truce::negotiate
