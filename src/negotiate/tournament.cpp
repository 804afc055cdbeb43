#include "truce/negotiate/tournament.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <type_traits>
#include <memory>
#include <stdexcept>

#include "truce/core/distributed.hpp"
#include "truce/core/parallel.hpp"
#include "truce/core/progress.hpp"
#include "truce/core/work_budget.hpp"
#include "truce/format/text_table.hpp"
#include "truce/space/agreement_space.hpp"

namespace truce::negotiate {

using nlohmann::json;

std::vector<std::string> default_tournament_agents() {
  return {"boulware", "linear", "conceder", "aspiration", "tft", "micro", "tough", "random"};
}

const OptionTable<TournamentOptions>& tournament_option_table() {
  using O = TournamentOptions;
  static const OptionTable<O> table = option_table<O>(
      "tournament",
      {
          text_list_option("agents", &O::agents,
                           "the agents (default boulware, linear, conceder, aspiration, tft, micro, tough, random)"),
          whole_number_option("steps", &O::steps, 1, 1000000, "the deadline in rounds"),
          whole_number_option("repetitions", &O::repetitions, 1, 100000, "negotiations per ordered pair and domain"),
          choice_option("semantics", &O::semantics, {{Semantics::truce, "truce"}, {Semantics::negmas, "negmas"}},
                        "ties among equal utilities: in package order (truce) or as NegMAS's numpy sort leaves them"),
          whole_number_option("seed", &O::seed, 0, std::nullopt, "seed of the random agents and MiCRO's repeats"),
          boolean_option("runs", &O::runs, "keep every negotiation in the result (JSON)"),
          not_written(whole_number_option("threads", &O::threads, 0, 1024,
                                          "threads (0: every core); the result does not depend on it")),
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

namespace {

struct PreparedDomain {
  std::unique_ptr<NegotiationDomain> domain;
  std::vector<SortedOutcomes> tables;         // one per party
  std::vector<std::vector<double>> frontier;  // utility points
  std::vector<double> nash;
  std::uint64_t tuples = 0;  // agents^parties: the ordered tuples of agents, one per seat
  std::uint64_t first_run = 0;  // runs of the domains before it
};

double distance(const double* a, const double* b, std::size_t n) {
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(s);
}

}  // namespace

TournamentResult run_tournament(const std::vector<TournamentDomain>& domains, const TournamentOptions& o) {
  if (domains.empty()) throw std::invalid_argument("a tournament needs at least one domain");
  const std::vector<std::string> names = o.agents.empty() ? default_tournament_agents() : o.agents;
  std::vector<AgentSpec> agents;
  for (const auto& n : names) agents.push_back(parse_agent(n));
  if (agents.size() > 65535) throw std::invalid_argument("a tournament takes at most 65,535 agents");
  const TieOrder ties = o.semantics == Semantics::negmas ? TieOrder::numpy : TieOrder::enumeration;
  const unsigned threads = resolve_thread_count(o.threads);

  // Every ordered tuple of agents (one per party, self-play included) on every domain.
  std::vector<PreparedDomain> prepared(domains.size());
  double packages_by_party = 0, offers = 0;
  std::uint64_t total = 0;
  for (std::size_t d = 0; d < domains.size(); ++d) {
    const std::size_t k = domains[d].space.actors.size();
    if (k < 2 || k > max_tournament_parties)
      throw std::invalid_argument(fmt::format("tournament domain '{}': expected 2 to {} parties, found {}", domains[d].name,
                                              max_tournament_parties, k));
    double tuples = 1;
    for (std::size_t i = 0; i < k; ++i) tuples *= static_cast<double>(agents.size());
    if (tuples * o.repetitions > 1e12)
      throw std::invalid_argument(fmt::format("tournament domain '{}': {} agents for {} parties make {:.3g} negotiations",
                                              domains[d].name, agents.size(), k, tuples * o.repetitions));
    prepared[d].tuples = static_cast<std::uint64_t>(tuples);
    prepared[d].first_run = total;
    total += prepared[d].tuples * o.repetitions;
    packages_by_party += domains[d].space.approximate_size() * static_cast<double>(k);
    offers += tuples * o.repetitions * static_cast<double>(k) * o.steps;
  }
  // Measured (bench/negotiate_bench.cpp): ~0.1 us per package and profile to sort, ~0.1 us per offer.
  check_work_budget(fmt::format("a tournament of {} negotiations of up to {} rounds", total, o.steps),
                    packages_by_party * 2e-7 + offers * 1e-7, "fewer agents, repetitions, rounds or domains");
  check_memory_need(fmt::format("sorting {:.3g} packages of the parties", packages_by_party),
                    packages_by_party * 12.0 * 1.5, "fewer or smaller domains");

  // The one-off work per domain: every party's sorted table, the frontier and the Nash point.
  for (std::size_t d = 0; d < domains.size(); ++d) {
    auto& p = prepared[d];
    const std::size_t k = domains[d].space.actors.size();
    p.domain = std::make_unique<NegotiationDomain>(domains[d].space);
    p.tables.resize(k);
    std::vector<std::exception_ptr> error(k);
    const unsigned sorting = std::min<unsigned>(threads, static_cast<unsigned>(k));
    run_shares(sorting, [&](unsigned share) {
      for (std::size_t party = share; party < k; party += sorting) try {
          p.tables[party] = sort_outcomes(*p.domain, party, ties);
        } catch (...) {
          error[party] = std::current_exception();
        }
    });
    for (const auto& e : error)
      if (e) std::rethrow_exception(e);
    space::SpaceOptions so;
    so.non_veto_red_lines = true;
    so.max_blocking_set = 0;
    so.threads = threads;
    space::PackageSpace s = domains[d].space;
    for (auto& a : s.actors) a.veto = true;
    const auto sr = space::analyse_space(s, so);
    for (const auto& f : sr.frontier) p.frontier.push_back(f.utility);
    if (sr.nash) p.nash = sr.nash->point.utility;
  }

  // Each process negotiates its contiguous share of the runs (truce/core/distributed.hpp) on its
  // threads; every process gets every run, in run order. A run depends only on its index.
  static_assert(std::is_trivially_copyable_v<TournamentRun>, "runs cross processes as their bytes");
  const std::vector<TournamentRun> runs = gather_process_shares<TournamentRun>(total, [&](IndexRange range) {
    std::vector<TournamentRun> share_runs(range.size());
    ProgressTask progress("negotiations", range.size());
    std::vector<std::exception_ptr> errors(threads);
    run_shares(threads, [&](unsigned share) {
      std::uint64_t done = 0;
      std::vector<AgentSpec> seated;
      std::vector<const SortedOutcomes*> tables;
      try {
        for (std::uint64_t i = range.begin + share; i < range.end; i += threads) {
          // Run i: its domain, then the tuple (the first party's agent varies slowest), then the repetition.
          std::size_t d = 0;
          while (d + 1 < prepared.size() && prepared[d + 1].first_run <= i) ++d;
          const auto& p = prepared[d];
          const std::size_t k = p.tables.size();
          const std::uint64_t within = i - p.first_run;
          std::uint64_t tuple = within / o.repetitions;
          TournamentRun t;
          t.domain = d;
          t.parties = static_cast<std::uint32_t>(k);
          t.repetition = static_cast<std::uint32_t>(within % o.repetitions);
          for (std::size_t seat = k; seat-- > 0;) {
            t.agent[seat] = static_cast<std::uint16_t>(tuple % agents.size());
            tuple /= agents.size();
          }
          seated.clear();
          tables.clear();
          for (std::size_t seat = 0; seat < k; ++seat) {
            seated.push_back(agents[t.agent[seat]]);
            tables.push_back(&p.tables[seat]);
          }
          SaoSettings settings;
          settings.steps = o.steps;
          settings.seed = o.seed;
          settings.run = i;
          const SaoRun r = run_sao(*p.domain, tables, seated, settings);
          t.agreement = r.ending == Ending::agreement;
          t.round = r.round;
          t.offers = r.offers;
          for (std::size_t seat = 0; seat < k; ++seat)
            t.utility[seat] = t.agreement ? p.domain->utility(seat, r.agreement) : p.domain->reservation(seat);
          t.pareto_distance = std::numeric_limits<double>::quiet_NaN();
          for (const auto& f : p.frontier) {
            const double x = distance(t.utility.data(), f.data(), k);
            if (!(x >= t.pareto_distance)) t.pareto_distance = x;
          }
          t.nash_distance = p.nash.empty() ? std::numeric_limits<double>::quiet_NaN()
                                           : distance(t.utility.data(), p.nash.data(), k);
          share_runs[i - range.begin] = t;
          if (++done == 256) progress.add(done), done = 0;
        }
        progress.add(done);
      } catch (...) {
        errors[share] = std::current_exception();
      }
    });
    for (const auto& e : errors)
      if (e) std::rethrow_exception(e);
    return share_runs;
  });

  TournamentResult out;
  for (const auto& d : domains) out.domains.push_back(d.name);
  out.agents = names;
  out.steps = o.steps;
  out.repetitions = o.repetitions;
  out.semantics = o.semantics == Semantics::negmas ? "negmas" : "truce";
  out.negotiations = total;
  // Sums in run order, so the figures are the same bits for any thread count.
  struct Sum {
    double utility = 0, share = 0, rounds = 0, welfare = 0, pareto = 0, nash = 0;
    std::uint64_t n = 0, agreements = 0, pareto_n = 0, nash_n = 0;
  };
  std::vector<Sum> sums(agents.size());
  for (const auto& r : runs) {
    const auto& p = prepared[r.domain];
    double welfare = 0;
    for (std::size_t seat = 0; seat < r.parties; ++seat) welfare += r.utility[seat];
    for (std::size_t seat = 0; seat < r.parties; ++seat) {
      Sum& s = sums[r.agent[seat]];
      const double u = r.utility[seat];
      const double reservation = p.domain->reservation(seat);
      const double best = p.tables[seat].best_utility;
      s.n += 1;
      s.utility += u;
      s.share += best > reservation ? (u - reservation) / (best - reservation) : 0.0;
      s.welfare += welfare;
      if (r.agreement) s.agreements += 1, s.rounds += r.round;
      if (!std::isnan(r.pareto_distance)) s.pareto += r.pareto_distance, s.pareto_n += 1;
      if (!std::isnan(r.nash_distance)) s.nash += r.nash_distance, s.nash_n += 1;
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t a = 0; a < agents.size(); ++a) {
    const Sum& s = sums[a];
    AgentScore sc;
    sc.agent = names[a];
    sc.negotiations = s.n;
    sc.agreements = s.agreements;
    const double n = static_cast<double>(s.n);
    sc.mean_utility = s.utility / n;
    sc.mean_share = s.share / n;
    sc.agreement_rate = static_cast<double>(s.agreements) / n;
    sc.mean_rounds = s.agreements ? s.rounds / static_cast<double>(s.agreements) : nan;
    sc.mean_welfare = s.welfare / n;
    sc.mean_pareto_distance = s.pareto_n ? s.pareto / static_cast<double>(s.pareto_n) : nan;
    sc.mean_nash_distance = s.nash_n ? s.nash / static_cast<double>(s.nash_n) : nan;
    out.scores.push_back(sc);
  }
  if (o.runs) out.runs = std::move(runs);
  out.notes.push_back("utilities are each domain's own units (mean_share is comparable across domains); an agent "
                      "counts once for every seat it takes (self-play counts for each side); welfare is the sum of every "
                      "party's utility");
  return out;
}

namespace {

json number(double x) { return std::isnan(x) ? json(nullptr) : json(x); }

}  // namespace

json to_json(const TournamentResult& r) {
  json scores = json::array();
  for (const auto& s : r.scores)
    scores.push_back({{"agent", s.agent},
                      {"negotiations", s.negotiations},
                      {"agreements", s.agreements},
                      {"agreement_rate", s.agreement_rate},
                      {"mean_utility", s.mean_utility},
                      {"mean_share", s.mean_share},
                      {"mean_rounds", number(s.mean_rounds)},
                      {"mean_welfare", s.mean_welfare},
                      {"mean_pareto_distance", number(s.mean_pareto_distance)},
                      {"mean_nash_distance", number(s.mean_nash_distance)}});
  json runs = json::array();
  for (const auto& t : r.runs) {
    json seats = json::array(), utilities = json::array();
    for (std::size_t seat = 0; seat < t.parties; ++seat) {
      seats.push_back(r.agents[t.agent[seat]]);
      utilities.push_back(t.utility[seat]);
    }
    json run = {{"domain", r.domains[t.domain]},
                {"agents", seats},
                {"repetition", t.repetition},
                {"agreement", t.agreement},
                {"round", t.round},
                {"offers", t.offers},
                {"utilities", utilities},
                {"pareto_distance", number(t.pareto_distance)},
                {"nash_distance", number(t.nash_distance)}};
    // Two parties: also by name, as the first tournaments wrote them.
    if (t.parties == 2) {
      run["first"] = seats[0];
      run["second"] = seats[1];
      run["u_first"] = t.utility[0];
      run["u_second"] = t.utility[1];
    }
    runs.push_back(std::move(run));
  }
  return json{{"analysis", "tournament"}, {"domains", r.domains},         {"agents", r.agents},
              {"steps", r.steps},         {"repetitions", r.repetitions}, {"semantics", r.semantics},
              {"negotiations", r.negotiations}, {"scores", scores},       {"runs", runs},
              {"notes", r.notes}};
}

std::string tournament_result_text(const TournamentResult& r) {
  std::string out = fmt::format("Tournament: every ordered tuple of {} agents (one per party) x {} domain{} x {} "
                                "repetition{}, {} rounds: {} negotiations\n",
                                r.agents.size(), r.domains.size(), r.domains.size() == 1 ? "" : "s", r.repetitions,
                                r.repetitions == 1 ? "" : "s", r.steps, r.negotiations);
  TextTable t{{"agent", "agreements", "mean utility", "mean share", "mean rounds", "mean welfare", "Pareto dist",
               "Nash dist"},
              {Align::left, Align::right, Align::right, Align::right, Align::right, Align::right, Align::right,
               Align::right},
              {}};
  for (const auto& s : r.scores)
    t.rows.push_back({s.agent, fmt::format("{:.1f}%", 100 * s.agreement_rate), fixed(s.mean_utility, 4),
                      fixed(s.mean_share, 4), fixed(s.mean_rounds, 1), fixed(s.mean_welfare, 4),
                      fixed(s.mean_pareto_distance, 4), fixed(s.mean_nash_distance, 4)});
  out += t.render();
  for (const auto& n : r.notes) out += "Note: " + n + "\n";
  return out;
}

std::string tournament_result_csv(const TournamentResult& r) {
  std::string out =
      "agent,negotiations,agreements,agreement_rate,mean_utility,mean_share,mean_rounds,mean_welfare,"
      "mean_pareto_distance,mean_nash_distance\n";
  auto num = [](double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); };
  for (const auto& s : r.scores)
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_field(s.agent), s.negotiations, s.agreements,
                       num(s.agreement_rate), num(s.mean_utility), num(s.mean_share), num(s.mean_rounds),
                       num(s.mean_welfare), num(s.mean_pareto_distance), num(s.mean_nash_distance));
  return out;
}

}  // namespace truce::negotiate
