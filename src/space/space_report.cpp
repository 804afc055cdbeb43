#include "truce/space/space_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "truce/format/text_table.hpp"
#include "truce/space/pareto.hpp"

namespace truce::space {

using nlohmann::json;

const OptionTable<SpaceOptions>& space_option_table() {
  using O = SpaceOptions;
  static const OptionTable<O> table = option_table<O>("space", {
        number_by_key_option("reservation", &O::reservation, std::nullopt, std::nullopt, "ACTOR=UTILITY",
                             "an actor's utility of no deal, overriding the scenario's"),
        text_list_option("relax", &O::relaxed_red_lines, "a red line to drop, as ACTOR.ISSUE"),
        boolean_option("non_veto_red_lines", &O::non_veto_red_lines, "count the red lines of actors without a veto too"),
        with_flag(boolean_option("capability_weighted_nash", &O::capability_weighted_nash,
                                 "weight the Nash product by capability"),
                  "weighted-nash"),
        choice_option("kalai", &O::kalai, {{KalaiGains::normalised, "normalised"}, {KalaiGains::raw, "raw"}},
                      "Kalai-Smorodinsky gains normalised to each actor's range, or raw (NegMAS)"),
        number_option("grid", &O::grid, 0.0, 1.0, "compare utilities on this grid (e.g. 1e-9); 0 compares exactly"),
        // Results do not depend on it, so a stored run does not keep it (runs stored before 0.2 did).
        not_written(whole_number_option("threads", &O::threads, 1, 1024, "threads (results do not depend on it)")),
        whole_number_option("max_blocking_set", &O::max_blocking_set, 0, 8,
                            "the largest set of red lines and reservation values searched for what blocks a deal"),
  });
  return table;
}

json complete_space_options(const json& options) { return space_option_table().write(space_option_table().parse(options)); }

SpaceOptions space_options_from_json(const json& options) { return space_option_table().parse(options); }

namespace {

json package_json(const PackageSpace& space, const PackagePoint& p) {
  json values = json::object(), utility = json::object();
  const auto v = space.values_of(p.package);
  for (std::size_t j = 0; j < space.issues.size(); ++j) values[space.issues[j].id] = space.issues[j].values[v[j]].id;
  for (std::size_t a = 0; a < space.actors.size(); ++a) utility[space.actors[a].id] = p.utility[a];
  return json{{"package", p.package},
              {"values", values},
              {"utility", utility},
              {"packages_with_these_utilities", p.packages},
              {"in_zopa", p.in_zopa}};
}

json solution_json(const PackageSpace& space, const std::optional<SolutionPoint>& s) {
  if (!s) return nullptr;
  json j = package_json(space, s->point);
  j["value"] = s->value;
  j["ties"] = s->ties;
  return j;
}

std::string package_text(const PackageSpace& space, std::uint64_t package) {
  const auto v = space.values_of(package);
  std::string s;
  for (std::size_t j = 0; j < space.issues.size(); ++j)
    s += (j ? ", " : "") + space.issues[j].id + "=" + space.issues[j].values[v[j]].id;
  return s;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (const char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

Headline space_headline(const PackageSpace& space, const SpaceResult& r) {
  const auto count = [](std::size_t n) { return static_cast<double>(n); };
  Headline h{{"deal_exists", "A deal every veto actor prefers to no deal exists", r.zopa > 0, ""},
             {"zopa_size", "Zone of agreement", static_cast<double>(r.zopa), "packages"},
             {"packages", "Packages in the space", static_cast<double>(r.packages), "packages"},
             {"frontier_size", "Pareto frontier", count(r.frontier.size()), "points"},
             {"blocking_sets", "Smallest sets of constraints whose removal opens a deal", count(r.blocking.size()), "sets"}};
  // The Nash package names its terms: what `runs diff` shows moving when the terms change.
  if (r.nash) h.push_back({"nash_package", "Nash bargaining package", package_text(space, r.nash->point.package), ""});
  return h;
}

json space_result_json(const PackageSpace& space, const SpaceResult& r) {
  json actors = json::array();
  for (std::size_t a = 0; a < space.actors.size(); ++a)
    actors.push_back({{"id", space.actors[a].id},
                      {"veto", space.actors[a].veto},
                      {"capability", space.actors[a].capability},
                      {"reservation", r.reservation[a]},
                      {"disagreement", r.disagreement[a]},
                      {"min_utility", r.min_utility[a]},
                      {"max_utility", r.max_utility[a]}});
  json frontier = json::array();
  for (const auto& p : r.frontier) frontier.push_back(package_json(space, p));
  json blocking = json::array();
  for (const auto& b : r.blocking) {
    json j = package_json(space, b.opens);
    blocking.push_back({{"remove", b.ids}, {"opens", j}, {"nash_product", b.nash_product}});
  }
  json bargainers = json::array();
  for (const auto a : r.bargainers) bargainers.push_back(space.actors[a].id);
  return json{{"analysis", "space"},
              {"headline", headline_to_json(space_headline(space, r))},
              {"packages", r.packages},
              {"passing_red_lines", r.passing_red_lines},
              {"zopa", r.zopa},
              {"zopa_empty", r.zopa == 0},
              {"actors", actors},
              {"bargainers", bargainers},
              {"counted_red_lines", r.counted_red_lines},
              {"frontier_size", r.frontier.size()},
              {"frontier", frontier},
              {"nash", solution_json(space, r.nash)},
              {"kalai_smorodinsky", solution_json(space, r.kalai)},
              {"max_welfare", solution_json(space, r.welfare)},
              {"blocking_searched", r.blocking_searched},
              {"blocking_sets", blocking},
              {"notes", r.notes}};
}

std::string space_result_text(const PackageSpace& space, const SpaceResult& r, std::size_t max_rows) {
  std::string out;
  out += fmt::format("Packages: {} ({} issues, {} actors); {} cross no counted red line; ZOPA: {} package{}\n",
                     r.packages, space.issues.size(), space.actors.size(), r.passing_red_lines, r.zopa,
                     r.zopa == 1 ? "" : "s");
  TextTable actors{{"actor", "veto", "reservation", "min", "max"},
                   {Align::left, Align::left, Align::right, Align::right, Align::right},
                   {}};
  for (std::size_t a = 0; a < space.actors.size(); ++a)
    actors.rows.push_back({space.actors[a].id, space.actors[a].veto ? "yes" : "no", fixed(r.reservation[a], 4),
                           fixed(r.min_utility[a], 4), fixed(r.max_utility[a], 4)});
  out += "\n" + actors.render();
  auto header = [&](std::string first) {
    TextTable t;
    t.header.push_back(std::move(first));
    t.align.push_back(Align::left);
    for (const auto& a : space.actors) {
      t.header.push_back(a.id);
      t.align.push_back(Align::right);
    }
    t.header.push_back("package");
    t.align.push_back(Align::left);
    return t;
  };
  TextTable points = header("point");
  auto add = [&](TextTable& t, const std::string& name, const PackagePoint& p) {
    std::vector<std::string> row{name};
    for (const double u : p.utility) row.push_back(fixed(u, 4));
    row.push_back(package_text(space, p.package));
    t.rows.push_back(std::move(row));
  };
  if (r.nash) add(points, "Nash", r.nash->point);
  if (r.kalai) add(points, "Kalai-Smorodinsky", r.kalai->point);
  if (r.welfare) add(points, "max welfare", r.welfare->point);
  if (!points.rows.empty()) out += "\n" + points.render();
  else out += "\nNo package crosses no counted red line and meets every veto actor's reservation value.\n";
  std::uint64_t on_frontier = 0;
  for (const auto& p : r.frontier) on_frontier += p.packages;
  out += fmt::format(
      "\nPareto frontier: {} point{} ({} package{}; equal utilities for everyone make one point), among the packages\n"
      "crossing no counted red line and at or above every veto actor's reservation value\n",
      r.frontier.size(), r.frontier.size() == 1 ? "" : "s", on_frontier, on_frontier == 1 ? "" : "s");
  TextTable frontier = header("#");
  for (std::size_t i = 0; i < r.frontier.size() && i < max_rows; ++i)
    add(frontier, std::to_string(i + 1) + (r.frontier[i].in_zopa ? "" : " (not in ZOPA)"), r.frontier[i]);
  if (!frontier.rows.empty()) out += frontier.render();
  if (r.frontier.size() > max_rows)
    out += fmt::format("... {} more (--format json or --frontier-csv for all)\n", r.frontier.size() - max_rows);
  if (r.zopa == 0 && r.blocking_searched) {
    if (r.blocking.empty())
      out += "\nThe ZOPA is empty, and removing up to 3 red lines / reservation values does not open it.\n";
    else {
      out += "\nThe ZOPA is empty. Smallest sets whose removal would open it:\n";
      TextTable b = header("remove");
      for (const auto& s : r.blocking) {
        std::string ids;
        for (const auto& id : s.ids) ids += (ids.empty() ? "" : " + ") + id;
        add(b, ids, s.opens);
      }
      out += b.render();
    }
  }
  if (!r.counted_red_lines.empty()) {
    out += "\nRed lines counted:";
    for (const auto& id : r.counted_red_lines) out += " " + id;
    out += "\n";
  }
  for (const auto& n : r.notes) out += "Note: " + n + "\n";
  return out;
}

std::string frontier_csv(const PackageSpace& space, const SpaceResult& r) {
  std::string out = "package,in_zopa";
  for (const auto& a : space.actors) out += "," + csv_field("u_" + a.id);
  for (const auto& i : space.issues) out += "," + csv_field(i.id);
  out += "\n";
  for (const auto& p : r.frontier) {
    out += std::to_string(p.package) + (p.in_zopa ? ",yes" : ",no");
    for (const double u : p.utility) out += fmt::format(",{:.17g}", u);
    const auto v = space.values_of(p.package);
    for (std::size_t j = 0; j < space.issues.size(); ++j) out += "," + csv_field(space.issues[j].values[v[j]].id);
    out += "\n";
  }
  return out;
}

json complete_space_analysis_options(const Scenario&, const json& options) { return complete_space_options(options); }

std::vector<std::pair<std::string, std::string>> SpaceAnalysisResult::terms(std::uint64_t package) const {
  std::vector<std::pair<std::string, std::string>> out;
  const auto v = space.values_of(package);
  for (std::size_t j = 0; j < space.issues.size(); ++j) out.emplace_back(space.issues[j].id, space.issues[j].values[v[j]].id);
  return out;
}

SpaceAnalysisResult space_analysis(const Scenario& scenario, const json& options) {
  return space_analysis(scenario, space_options_from_json(options));
}

SpaceAnalysisResult space_analysis(const Scenario& scenario, const SpaceOptions& o) {
  SpaceAnalysisResult r;
  r.space = package_space_of(scenario);
  r.result = analyse_space(r.space, o);
  for (std::size_t a = 0; a < r.space.actors.size(); ++a)
    r.reservation_set.push_back(o.reservation.count(r.space.actors[a].id) > 0);
  if (r.result.bargainers.size() >= 2) {
    // Every frontier point no other beats for the two (points with equal utilities all stay,
    // so pareto_frontier, which keeps one per distinct point, is not the test here).
    const std::size_t x = r.result.bargainers[0], y = r.result.bargainers[1];
    std::vector<std::array<double, 2>> two;
    for (const auto& point : r.result.frontier) two.push_back({point.utility[x], point.utility[y]});
    for (std::size_t i = 0; i < two.size(); ++i)
      if (std::none_of(two.begin(), two.end(), [&](const auto& other) { return dominates(other.data(), two[i].data(), 2); }))
        r.two_bargainer_frontier.push_back(i);
  }
  return r;
}

json to_json(const SpaceAnalysisResult& r) { return space_result_json(r.space, r.result); }

json run_space_analysis(const Scenario& scenario, const json& options) { return to_json(space_analysis(scenario, options)); }

}  // namespace truce::space
