// The space of agreements: the Pareto frontier of the packages seen by two actors, with
// the Nash and Kalai-Smorodinsky points and each actor's reservation value; whether a
// zone of possible agreement (ZOPA) exists among the parties with a veto.

#include <fmt/format.h>

#include <cmath>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

constexpr std::size_t max_packages_drawn = 4000;
constexpr double chart_width = 460;

// A utility per actor: an object keyed by actor id, or an array in actor order.
std::optional<double> utility_of(const Scenario& scenario, const nlohmann::json& utilities, std::size_t actor) {
  if (utilities.is_array()) {
    if (actor < utilities.size() && utilities[actor].is_number()) return utilities[actor].get<double>();
    return std::nullopt;
  }
  return number_at(utilities, scenario.actors[actor].id);
}

const nlohmann::json& utilities_of(const nlohmann::json& package) {
  static const nlohmann::json none;
  if (const auto* u = first_key(package, {"utilities", "utility"})) return *u;
  return none;
}

const nlohmann::json& terms_of(const nlohmann::json& package) {
  static const nlohmann::json none;
  if (const auto* t = first_key(package, {"values", "terms"}); t && t->is_object()) return *t;
  return none;
}

// HTML (as escape_html and describe_terms write it) back to plain text, for tooltips: the
// chart library escapes tooltip text itself.
std::string plain_text(const std::string& html) {
  std::string out;
  bool tag = false;
  for (char c : html) {
    if (c == '<') tag = true;
    else if (c == '>') tag = false;
    else if (!tag) out += c;
  }
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t p = 0; (p = out.find(from, p)) != std::string::npos; p += to.size()) out.replace(p, from.size(), to);
  };
  replace_all("&lt;", "<");
  replace_all("&gt;", ">");
  replace_all("&quot;", "\"");
  replace_all("&#39;", "'");
  replace_all("&amp;", "&");
  return out;
}

std::string plain_terms(const Scenario& scenario, const nlohmann::json& terms) {
  return plain_text(describe_terms(scenario, terms));
}

// The two actors whose utilities span the chart: the first two with a veto (the parties
// whose consent any deal needs), else the first two actors.
std::pair<std::size_t, std::size_t> chart_actors(const Scenario& scenario, const nlohmann::json& result) {
  std::vector<std::size_t> bargainers;
  if (const auto* b = first_key(result, {"bargainers"}); b && b->is_array())
    for (const auto& id : *b)
      if (id.is_string())
        if (const auto a = find_actor(scenario, id.get<std::string>())) bargainers.push_back(*a);
  if (bargainers.size() >= 2) return {bargainers[0], bargainers[1]};
  std::vector<std::size_t> veto;
  for (std::size_t a = 0; a < scenario.actors.size(); ++a)
    if (scenario.actors[a].veto) veto.push_back(a);
  if (veto.size() >= 2) return {veto[0], veto[1]};
  if (veto.size() == 1) return {veto[0], veto[0] == 0 ? 1 : 0};
  return {0, 1};
}

struct SolutionPoint {
  const char* key;
  const char* name;
  const char* shape;
  const char* label;  // on the chart, short
};
constexpr SolutionPoint solution_points[] = {
    {"nash", "Nash point", "diamond", "Nash"},
    {"kalai_smorodinsky", "Kalai\u2013Smorodinsky point", "square", "Kalai\u2013Smorodinsky"},
    {"max_welfare", "Max-welfare point", "triangle-up", "Max welfare"},
};

std::string veto_names(const Scenario& scenario) {
  const auto labels = actor_labels(scenario);
  std::string names;
  std::size_t n = 0, total = 0;
  for (const auto& a : scenario.actors) total += a.veto;
  for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
    if (!scenario.actors[a].veto) continue;
    ++n;
    names += (n == 1 ? "" : (n == total ? " and " : ", ")) + escape_html(labels[a]);
  }
  return names.empty() ? std::string("every actor") : names;
}

std::string blocking_text(const Scenario& scenario, const nlohmann::json& item) {
  if (item.is_string()) {
    // "ACTOR.ISSUE" (its red line on the issue) or "ACTOR.reservation" (its reservation value).
    const auto text = item.get<std::string>();
    const auto dot = text.find('.');
    if (dot != std::string::npos) {
      const auto actor = find_actor(scenario, text.substr(0, dot));
      const auto rest = text.substr(dot + 1);
      if (actor) {
        const auto name = actor_labels(scenario)[*actor];
        if (rest == "reservation") return escape_html(possessive(name) + " reservation value");
        if (const auto issue = find_issue(scenario, rest))
          return escape_html(possessive(name) + " red line on " + scenario.issues[*issue].name);
      }
    }
    return escape_html(text);
  }
  if (!item.is_object()) return escape_html(item.dump());
  if (const auto* d = first_key(item, {"description", "text"}); d && d->is_string()) return escape_html(d->get<std::string>());
  std::string actor, issue, what;
  if (const auto* a = first_key(item, {"actor"}); a && a->is_string()) {
    actor = a->get<std::string>();
    if (const auto idx = find_actor(scenario, actor)) actor = actor_labels(scenario)[*idx];
  }
  if (const auto* i = first_key(item, {"issue"}); i && i->is_string()) {
    issue = i->get<std::string>();
    if (const auto idx = find_issue(scenario, issue)) issue = scenario.issues[*idx].name;
  }
  if (const auto* w = first_key(item, {"kind", "what", "constraint"}); w && w->is_string()) what = w->get<std::string>();
  for (auto& c : what)
    if (c == '_') c = ' ';
  if (what.empty()) what = issue.empty() ? "reservation value" : "red line";
  std::string out = actor.empty() ? what : possessive(actor) + " " + what;
  if (!issue.empty()) out += " on " + issue;
  return escape_html(out);
}

}  // namespace

Section render_space_section(const Scenario& scenario, const AnalysisRun& run, ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "The space of agreements: Pareto frontier, Nash and Kalai\u2013Smorodinsky points";
  const nlohmann::json& r = *run.result;
  std::string& h = s.html;
  const auto labels = actor_labels(scenario);
  if (scenario.actors.size() < 2) {
    h = "<p class=\"missing\">The agreement space needs at least two actors.</p>";
    return s;
  }
  const auto [ax, ay] = chart_actors(scenario, r);
  std::size_t bargainer_count = 2;
  if (const auto* b = first_key(r, {"bargainers"}); b && b->is_array()) bargainer_count = b->size();

  // --- Deal or no deal.
  const nlohmann::json* zopa = first_key(r, {"zopa"});
  std::optional<bool> empty;
  std::optional<double> count;
  if (zopa && zopa->is_object()) {
    if (const auto* e = first_key(*zopa, {"empty"}); e && e->is_boolean()) empty = e->get<bool>();
    count = number_at(*zopa, "size");
    if (!count) count = number_at(*zopa, "packages");
    if (!empty && count) empty = *count == 0;
  } else if (zopa && zopa->is_array()) {
    count = static_cast<double>(zopa->size());
    empty = zopa->empty();
  } else if (zopa && zopa->is_number()) {  // truce space: "zopa": count, "zopa_empty": bool
    count = zopa->get<double>();
    empty = *count == 0;
  }
  if (const auto* e = first_key(r, {"zopa_empty"}); e && e->is_boolean()) empty = e->get<bool>();
  if (empty) s.deal_exists = !*empty;
  // What the answer assumes about no deal (truce space notes when reservation values default
  // to 0), so a reader can square it with the war model's reservation values.
  std::string assumption;
  if (const auto* notes = first_key(r, {"notes"}); notes && notes->is_array())
    for (const auto& n : *notes)
      if (n.is_string() && n.get<std::string>().find("reservation") != std::string::npos && assumption.empty())
        assumption = fmt::format(" Assumed: {}.", escape_html(n.get<std::string>()));
  if (empty) {
    if (!*empty) {
      s.summary.push_back(
          {SummaryTopic::deal,
           fmt::format("<b>A deal exists now.</b> {} acceptable to every party with a veto ({}) and cross{} no red line.{}",
                       count ? fmt::format("{} package{} {}", format_number(*count, 0), *count == 1 ? "" : "s",
                                           *count == 1 ? "is" : "are")
                             : std::string("Some packages are"),
                       veto_names(scenario), count && *count == 1 ? "es" : "", assumption)});
    } else {
      s.summary.push_back({SummaryTopic::deal,
                           fmt::format("<b>No deal exists now.</b> No package is acceptable to every party with a veto "
                                       "({}) without crossing a red line or falling below a reservation value.{}",
                                       veto_names(scenario), assumption)});
      const nlohmann::json* blocking = zopa && zopa->is_object() ? first_key(*zopa, {"blocking", "blockers", "why_empty"}) : nullptr;
      // truce space: blocking_sets [{remove: ["ACTOR.ISSUE" | "ACTOR.reservation"], opens: package}], smallest first.
      const nlohmann::json* sets = first_key(r, {"blocking_sets"});
      if (sets && sets->is_array() && !sets->empty() && (*sets)[0].is_object() && (*sets)[0].contains("remove")) {
        // The summary names what to relax; the section's table gives the packages it would open.
        std::string options;
        std::size_t shown = 0;
        for (const auto& set : *sets) {
          if (shown == 5) break;
          const auto& remove = set["remove"];
          if (!remove.is_array()) continue;
          std::string list;
          for (std::size_t k = 0; k < remove.size(); ++k)
            list += (k == 0 ? "" : (k + 1 == remove.size() ? " and " : ", ")) + blocking_text(scenario, remove[k]);
          options += (shown == 0 ? "" : "; or ") + list;
          ++shown;
        }
        s.summary.push_back({SummaryTopic::opens,
                             fmt::format("Relaxing {} would open a zone of possible agreement (the smallest such "
                                         "sets{}; the packages each opens are in <a href=\"#{}\">the agreement space</a>).",
                                         options, sets->size() > shown ? fmt::format(", {} of {} shown", shown, sets->size()) : "",
                                         s.id)});
      } else if (blocking && blocking->is_array() && !blocking->empty()) {
        std::string list;
        for (std::size_t k = 0; k < blocking->size(); ++k)
          list += (k == 0 ? "" : (k + 1 == blocking->size() ? " and " : ", ")) + blocking_text(scenario, (*blocking)[k]);
        s.summary.push_back({SummaryTopic::opens,
                             fmt::format("Relaxing {} (the smallest set of constraints whose removal makes the zone of "
                                         "possible agreement non-empty).",
                                         list)});
      }
    }
  }

  // --- The chart.
  nlohmann::json rows = nlohmann::json::array();
  const nlohmann::json* packages = first_key(r, {"packages"});
  std::size_t packages_total = 0, packages_drawn = 0;
  if (packages && packages->is_array()) {
    packages_total = packages->size();
    const std::size_t stride = packages_total > max_packages_drawn ? (packages_total + max_packages_drawn - 1) / max_packages_drawn : 1;
    for (std::size_t k = 0; k < packages_total; k += stride) {
      const auto& p = (*packages)[k];
      const auto x = utility_of(scenario, utilities_of(p), ax), y = utility_of(scenario, utilities_of(p), ay);
      if (!x || !y) continue;
      ++packages_drawn;
      rows.push_back({{"kind", "package"}, {"x", *x}, {"y", *y}, {"terms", plain_terms(scenario, terms_of(p))}});
    }
  }
  const nlohmann::json* frontier = first_key(r, {"pareto_frontier", "frontier", "pareto"});
  std::size_t frontier_points = 0, frontier_2d_points = 0;
  if (frontier && frontier->is_array()) {
    // The frontier may be over more actors than the two on the chart: every efficient
    // package is a dot; the line joins those no other package beats for these two actors.
    std::vector<std::pair<double, double>> xy;
    for (const auto& p : *frontier) {
      const auto x = utility_of(scenario, utilities_of(p), ax), y = utility_of(scenario, utilities_of(p), ay);
      if (!x || !y) continue;
      ++frontier_points;
      xy.emplace_back(*x, *y);
      rows.push_back({{"kind", "frontier"}, {"x", *x}, {"y", *y}, {"terms", plain_terms(scenario, terms_of(p))}});
    }
    for (std::size_t i = 0; i < xy.size(); ++i) {
      bool dominated = false;
      for (std::size_t j = 0; j < xy.size() && !dominated; ++j)
        dominated = xy[j].first >= xy[i].first && xy[j].second >= xy[i].second && xy[j] != xy[i];
      if (dominated) continue;
      ++frontier_2d_points;
      rows.push_back({{"kind", "frontier2d"}, {"x", xy[i].first}, {"y", xy[i].second}});
    }
  }
  // Solution points; points that coincide share one label.
  struct Placed {
    double x, y;
    std::string label;
  };
  std::vector<Placed> placed;
  for (const auto& sp : solution_points) {
    const auto* p = first_key(r, {sp.key});
    if (!p || !p->is_object()) continue;
    const auto x = utility_of(scenario, utilities_of(*p), ax), y = utility_of(scenario, utilities_of(*p), ay);
    if (!x || !y) continue;
    rows.push_back({{"kind", "solution"}, {"x", *x}, {"y", *y}, {"solution", sp.name}, {"shape", sp.shape},
                    {"terms", plain_terms(scenario, terms_of(*p))}});
    bool merged = false;
    for (auto& q : placed)
      if (std::hypot(q.x - *x, q.y - *y) < 0.03) {
        q.label += "\n= " + std::string(sp.label);  // one line each: coinciding points stay narrow
        merged = true;
        break;
      }
    if (!merged) placed.push_back({*x, *y, sp.label});
  }
  // Labels go toward the middle of the chart, away from the axes and their titles.
  for (const auto& q : placed)
    rows.push_back({{"kind", q.x < 0.6 ? "solution_label_right" : "solution_label_left"}, {"x", q.x}, {"y", q.y}, {"label", q.label}});

  // When no deal exists: the package each smallest blocking set would open.
  std::size_t opens_points = 0;
  std::string blocking_table;
  if (const auto* sets = first_key(r, {"blocking_sets"}); sets && sets->is_array())
    for (const auto& set : *sets) {
      if (!set.is_object() || !set.contains("remove") || !set["remove"].is_array()) continue;
      std::string relax;
      for (std::size_t k = 0; k < set["remove"].size(); ++k)
        relax += (k == 0 ? "" : (k + 1 == set["remove"].size() ? " and " : ", ")) + blocking_text(scenario, set["remove"][k]);
      const nlohmann::json* opens = first_key(set, {"opens"});
      blocking_table += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", relax,
                                    opens && opens->is_object() ? describe_terms(scenario, terms_of(*opens)) : "");
      if (!opens || !opens->is_object()) continue;
      const auto x = utility_of(scenario, utilities_of(*opens), ax), y = utility_of(scenario, utilities_of(*opens), ay);
      if (!x || !y) continue;
      ++opens_points;
      rows.push_back({{"kind", "opens"}, {"x", *x}, {"y", *y}, {"relax", plain_text(relax)},
                      {"terms", plain_terms(scenario, terms_of(*opens))}});
    }

  const nlohmann::json* reservation = first_key(r, {"reservation_values", "reservation"});
  nlohmann::json reservation_from_actors;
  if (!reservation)
    if (const auto* actors = first_key(r, {"actors"}); actors && actors->is_array()) {
      // truce space: actors [{id, reservation, ...}].
      for (const auto& a : *actors)
        if (a.is_object() && a.contains("id") && a["id"].is_string() && number_at(a, "reservation"))
          reservation_from_actors[a["id"].get<std::string>()] = a["reservation"];
      if (!reservation_from_actors.is_null()) reservation = &reservation_from_actors;
    }
  std::optional<double> rx, ry;
  if (reservation) {
    rx = utility_of(scenario, *reservation, ax);
    ry = utility_of(scenario, *reservation, ay);
  }
  if (rx) rows.push_back({{"kind", "reservation_x"}, {"x", *rx}, {"label", possessive(labels[ax]) + " reservation value"}});
  if (ry) rows.push_back({{"kind", "reservation_y"}, {"y", *ry}, {"label", possessive(labels[ay]) + " reservation value"}});

  if (packages_drawn + frontier_points + opens_points > 0) {
    auto filter = [](const char* kind) {
      return nlohmann::json::array({{{"filter", fmt::format("datum.kind === '{}'", kind)}}});
    };
    const nlohmann::json x_enc = {{"field", "x"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}, {"nice", false}}},
                                  {"title", fmt::format("utility to {} (0 = its worst package, 1 = its ideal)", labels[ax])},
                                  {"axis", {{"titleColor", actor_colour(ax)}}}};
    const nlohmann::json y_enc = {{"field", "y"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}, {"nice", false}}},
                                  {"title", fmt::format("utility to {}", labels[ay])},
                                  {"axis", {{"titleColor", actor_colour(ay)}}}};
    const nlohmann::json tooltip = nlohmann::json::array(
        {{{"field", "x"}, {"title", "Utility to " + labels[ax]}, {"format", ".3f"}},
         {{"field", "y"}, {"title", "Utility to " + labels[ay]}, {"format", ".3f"}},
         {{"field", "terms"}, {"title", "Terms"}}});
    nlohmann::json layers = nlohmann::json::array();
    if (rx && ry)
      layers.push_back({{"data", {{"values", nlohmann::json::array({{{"x", *rx}, {"y", *ry}, {"x2", 1}, {"y2", 1}}})}}},
                        {"mark", {{"type", "rect"}, {"color", "#2ca02c"}, {"opacity", 0.08}}},
                        {"encoding", {{"x", x_enc}, {"y", y_enc}, {"x2", {{"field", "x2"}}}, {"y2", {{"field", "y2"}}}}}});
    layers.push_back({{"transform", filter("package")},
                      {"mark", {{"type", "circle"}, {"size", 18}, {"color", "#9a9a9a"}, {"opacity", 0.5}}},
                      {"encoding", {{"x", x_enc}, {"y", y_enc}, {"tooltip", tooltip}}}});
    const bool frontier_line = frontier_2d_points > 1;
    if (frontier_line)
      layers.push_back({{"transform", filter("frontier2d")},
                        {"mark", {{"type", "line"}, {"color", "#333"}, {"strokeWidth", 2}, {"interpolate", "linear"}}},
                        {"encoding", {{"x", x_enc}, {"y", y_enc}, {"order", {{"field", "x"}, {"type", "quantitative"}}}}}});
    layers.push_back({{"transform", filter("frontier")},
                      {"mark", {{"type", "point"}, {"filled", true}, {"size", 40}, {"color", "#333"}, {"opacity", 1}}},
                      {"encoding", {{"x", x_enc}, {"y", y_enc}, {"tooltip", tooltip}}}});
    if (rx) {
      layers.push_back({{"transform", filter("reservation_x")},
                        {"mark", {{"type", "rule"}, {"color", actor_colour(ax)}, {"strokeDash", {6, 4}}, {"strokeWidth", 2}}},
                        {"encoding", {{"x", x_enc}, {"tooltip", {{"field", "label"}}}}}});
      // Labels outside the plot (above it, right of it), where no package or point can be.
      layers.push_back({{"transform", filter("reservation_x")},
                        // Near an end of the axis the label runs inward, clear of the axis' own labels.
                        {"mark", {{"type", "text"}, {"align", *rx < 0.25 ? "left" : (*rx > 0.75 ? "right" : "center")},
                                  {"baseline", "bottom"}, {"y", -4},
                                  {"fontSize", 11}, {"color", actor_colour(ax)}}},
                        {"encoding", {{"x", x_enc}, {"text", {{"field", "label"}}}}}});
    }
    if (ry) {
      layers.push_back({{"transform", filter("reservation_y")},
                        {"mark", {{"type", "rule"}, {"color", actor_colour(ay)}, {"strokeDash", {6, 4}}, {"strokeWidth", 2}}},
                        {"encoding", {{"y", y_enc}, {"tooltip", {{"field", "label"}}}}}});
      layers.push_back({{"transform", filter("reservation_y")},
                        {"mark", {{"type", "text"}, {"align", "left"},
                                  {"baseline", *ry < 0.1 ? "bottom" : (*ry > 0.9 ? "top" : "middle")}, {"x", chart_width + 6},
                                  {"fontSize", 11}, {"color", actor_colour(ay)}}},
                        {"encoding", {{"y", y_enc}, {"text", {{"field", "label"}}}}}});
    }
    if (opens_points)
      layers.push_back({{"transform", filter("opens")},
                        {"mark", {{"type", "point"}, {"filled", false}, {"size", 110}, {"strokeWidth", 2}, {"color", "#555"}}},
                        {"encoding", {{"x", x_enc}, {"y", y_enc},
                                      {"tooltip", nlohmann::json::array({{{"field", "relax"}, {"title", "Opens a deal if relaxed"}},
                                                                         tooltip[0], tooltip[1], tooltip[2]})}}}});
    if (!placed.empty())
    layers.push_back({{"transform", filter("solution")},
                      {"mark", {{"type", "point"}, {"filled", true}, {"size", 170}, {"color", "#000"}, {"stroke", "#fff"},
                                {"strokeWidth", 1}}},
                      {"encoding",
                       {{"x", x_enc},
                        {"y", y_enc},
                        {"shape", {{"field", "solution"}, {"type", "nominal"}, {"title", nullptr},
                                   {"scale", {{"domain", {"Nash point", "Kalai\u2013Smorodinsky point", "Max-welfare point"}},
                                              {"range", {"diamond", "square", "triangle-up"}}}},
                                   {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}}}}},
                        {"tooltip", nlohmann::json::array({{{"field", "solution"}, {"title", "Point"}},
                                                           tooltip[0], tooltip[1], tooltip[2]})}}}});
    // Each label twice: a white outline first (a halo), so it reads over the frontier line.
    for (const bool halo : {true, false})
      for (const bool right : {false, true}) {
        nlohmann::json mark = {{"type", "text"}, {"align", right ? "left" : "right"}, {"baseline", "top"},
                               {"dx", right ? 9 : -9}, {"dy", 7}, {"fontSize", 12}, {"fontWeight", "bold"},
                               {"lineBreak", "\n"}};
        if (halo) {
          mark["stroke"] = "#fff";
          mark["strokeWidth"] = 4;
          mark["strokeJoin"] = "round";
        }
        layers.push_back({{"transform", filter(right ? "solution_label_right" : "solution_label_left")},
                          {"mark", mark},
                          {"encoding", {{"x", x_enc}, {"y", y_enc}, {"text", {{"field", "label"}}}}}});
      }
    nlohmann::json spec = {{"config", chart_config()}, {"width", chart_width}, {"height", 400},
                           {"data", {{"values", rows}}}, {"layer", layers}};
    std::vector<std::string> marks = {"symbol"};
    if (frontier_line) marks.push_back("line");
    h += charts.figure(
        spec,
        fmt::format("Packages seen by {} and {}{}{}{}, and each side\u2019s reservation value (dashed). Packages in the "
                    "green area give both more than no deal. Hover for a package\u2019s terms.{}{}",
                    escape_html(labels[ax]), escape_html(labels[ay]), packages_drawn ? " (grey: every package)" : "",
                    frontier_points ? ": the Pareto-efficient packages (black dots; the line joins those neither of these "
                                      "two can improve on)"
                                    : "",
                    placed.empty() ? "" : ", the Nash, Kalai\u2013Smorodinsky and max-welfare points",
                    (bargainer_count > 2 ? fmt::format(" The bargainers are {} actors; the chart shows two of them.", bargainer_count) : "") +
                        (opens_points ? std::string(" Open circles: the package each smallest set of blocking constraints "
                                                    "would open if it were relaxed (hover for which).")
                                      : ""),
                    packages_drawn < packages_total
                        ? fmt::format(" {} of {} packages drawn (every {}th).", packages_drawn, packages_total,
                                      (packages_total + max_packages_drawn - 1) / max_packages_drawn)
                        : ""),
        marks);
  } else if (empty && *empty) {
    h += "<p>No package passes every counted red line and every veto actor\u2019s reservation value, so there is no "
         "frontier to draw.</p>\n";
  } else {
    h += "<p class=\"missing\">The result has no packages or Pareto frontier with utilities this report can read "
         "(see docs/report.md).</p>\n";
  }
  if (!blocking_table.empty())
    h += "<h3>What blocks a deal</h3>\n<table class=\"data\"><thead><tr><th>Relax</th><th>and this package becomes "
         "acceptable to every veto actor (the best by Nash product)</th></tr></thead><tbody>\n" + blocking_table +
         "</tbody></table>\n";

  // --- Table of the solution points, every actor's utility.
  std::string table;
  for (const auto& sp : solution_points) {
    const auto* p = first_key(r, {sp.key});
    if (!p || !p->is_object()) continue;
    table += fmt::format("<tr><td>{}</td><td>{}</td>", sp.name, describe_terms(scenario, terms_of(*p)));
    for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
      const auto u = utility_of(scenario, utilities_of(*p), a);
      table += fmt::format("<td class=\"num\">{}</td>", u ? format_number(*u, 3) : "");
    }
    table += "</tr>\n";
  }
  if (reservation) {
    table += "<tr><td>Reservation value (no deal)</td><td></td>";
    for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
      const auto u = utility_of(scenario, *reservation, a);
      table += fmt::format("<td class=\"num\">{}</td>", u ? format_number(*u, 3) : "");
    }
    table += "</tr>\n";
  }
  if (!table.empty()) {
    h += "<table class=\"data\"><thead><tr><th>Point</th><th>Terms</th>";
    for (std::size_t a = 0; a < scenario.actors.size(); ++a)
      h += fmt::format("<th><span class=\"swatch\" style=\"background:{}\"></span>{}</th>", actor_colour(a), escape_html(labels[a]));
    h += "</tr></thead><tbody>\n" + table + "</tbody></table>\n";
  }

  // Most likely terms: the Nash point (the bargaining solution the war model also uses).
  for (const auto& sp : solution_points) {
    const auto* p = first_key(r, {sp.key});
    if (!p || !p->is_object()) continue;
    const auto& terms = terms_of(*p);
    if (terms.is_null()) continue;
    s.summary.push_back({SummaryTopic::terms,
                         fmt::format("At the {}: {}.", sp.name, describe_terms(scenario, terms))});
    break;
  }
  return s;
}

}  // namespace truce::report
