// The space of agreements: the Pareto frontier of the packages seen by two actors, with
// the Nash and Kalai-Smorodinsky points and each actor's reservation value; whether a
// zone of possible agreement (ZOPA) exists among the parties with a veto.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sections.hpp"
#include "truce/forecast/red_line_check.hpp"
#include "truce/report/html.hpp"
#include "truce/space/utility_density.hpp"

namespace truce::report {

namespace {

constexpr double chart_width = 460;

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

std::string plain_terms(const Scenario& scenario, const space::SpaceAnalysisResult& r, std::uint64_t package) {
  return plain_text(describe_terms(scenario, r.terms(package)));
}

// A package's terms, each followed by a warning where a veto actor's red line rules it out:
// the ZOPA's points cross none, but a red line the options relaxed still binds that actor.
std::string terms_with_red_lines(const Scenario& scenario, const space::SpaceAnalysisResult& r, std::uint64_t package) {
  const auto terms = r.terms(package);
  const auto values = r.space.values_of(package);
  if (r.space.issues.size() != scenario.issues.size() || terms.size() != scenario.issues.size())
    return describe_terms(scenario, terms);  // not the scenario's own issues: no stance to check
  std::string out;
  for (std::size_t j = 0; j < terms.size(); ++j) {
    const auto& value = r.space.issues[j].values[values[j]];
    const auto crossings = value.position ? red_lines_crossed_at(scenario, j, *value.position)
                                          : red_lines_crossed_by(scenario, j, values[j]);
    std::vector<std::size_t> actors;
    for (const auto& c : crossings) actors.push_back(c.actor);
    out += (out.empty() ? "" : "; ") + describe_terms(scenario, {terms[j]}) + veto_red_line_warning(scenario, j, actors);
  }
  return out;
}

// The two actors whose utilities span the chart: the first two bargainers (the parties
// whose consent any deal needs), the only one and the first other actor, else the first two.
std::pair<std::size_t, std::size_t> chart_actors(const space::SpaceAnalysisResult& r) {
  const auto& b = r.result.bargainers;
  if (b.size() >= 2) return {b[0], b[1]};
  if (b.size() == 1) return {b[0], b[0] == 0 ? 1 : 0};
  return {0, 1};
}

struct SolutionPointStyle {
  std::optional<space::SolutionPoint> space::SpaceResult::*point;
  const char* name;
  const char* shape;
  const char* label;  // on the chart, short
};
constexpr SolutionPointStyle solution_points[] = {
    {&space::SpaceResult::nash, "Nash point", "diamond", "Nash"},
    {&space::SpaceResult::kalai, "Kalai\u2013Smorodinsky point", "square", "Kalai\u2013Smorodinsky"},
    {&space::SpaceResult::welfare, "Max-welfare point", "triangle-up", "Max welfare"},
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

std::string blocking_list(const Scenario& scenario, const std::vector<std::string>& ids) {
  std::string list;
  for (std::size_t k = 0; k < ids.size(); ++k)
    list += (k == 0 ? "" : (k + 1 == ids.size() ? " and " : ", ")) + constraint_label(scenario, ids[k]);
  return list;
}

}  // namespace

Section render_space_section(const Scenario& scenario, const AnalysisRun& run, const space::SpaceAnalysisResult& result,
                             ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "The space of agreements: Pareto frontier, Nash and Kalai\u2013Smorodinsky points";
  const space::SpaceResult& r = result.result;
  std::string& h = s.html;
  const auto labels = actor_labels(scenario);
  if (scenario.actors.size() < 2) {
    h = "<p class=\"missing\">The agreement space needs at least two actors.</p>";
    return s;
  }
  const auto [ax, ay] = chart_actors(result);
  const std::size_t bargainer_count = r.bargainers.size();
  const bool chart_is_bargainers = r.bargainers.size() >= 2;

  // --- Deal or no deal.
  const std::uint64_t count = r.zopa;
  s.deal_exists = count > 0;
  // What the answer assumes about no deal, so a reader can square it with the war model's
  // reservation values.
  const bool reservation_defaulted =
      std::find(result.reservation_set.begin(), result.reservation_set.end(), false) != result.reservation_set.end();
  const std::string assumption =
      reservation_defaulted
          ? " Assumed: " +
                escape_html("reservation values are 0 unless set: no deal is as bad as each actor's worst package") + "."
          : std::string();
  if (count > 0) {
    s.summary.push_back(
        {SummaryTopic::deal,
         fmt::format("<b>A deal exists now.</b> {} package{} {} acceptable to every party with a veto ({}) and cross{} no "
                     "red line.{}",
                     stated("space.zopa_packages", format_number(static_cast<double>(count), 0)), count == 1 ? "" : "s", count == 1 ? "is" : "are", veto_names(scenario), count == 1 ? "es" : "",
                     assumption)});
  } else {
    s.summary.push_back({SummaryTopic::deal,
                         fmt::format("<b>No deal exists now.</b> No package is acceptable to every party with a veto "
                                     "({}) without crossing a red line or falling below a reservation value.{}",
                                     veto_names(scenario), assumption)});
    // The blocking sets come smallest first; the summary names what to relax, the section's
    // table gives the packages each would open.
    if (!r.blocking.empty()) {
      std::string options;
      std::size_t shown = 0;
      for (const auto& set : r.blocking) {
        if (shown == 5) break;
        options += (shown == 0 ? "" : "; or ") + blocking_list(scenario, set.ids);
        ++shown;
      }
      s.summary.push_back({SummaryTopic::opens,
                           fmt::format("Relaxing {} would open a zone of possible agreement (the smallest such "
                                       "sets{}; the packages each opens are in <a href=\"#{}\">the agreement space</a>).",
                                       options,
                                       r.blocking.size() > shown ? fmt::format(", {} of {} shown", shown, r.blocking.size()) : "",
                                       s.id)});
    }
  }

  if (reservation_defaulted)
    s.caveats.push_back(
        "<b>No deal is assumed as bad as each side\u2019s worst package</b> (reservation values 0 where none is set): "
        "higher ones can only shrink the zone, so \u201cno deal\u201d stands.");
  if (!r.counted_red_lines.empty())
    s.caveats.push_back(fmt::format(
        "<b>Red lines are absolute</b>: a package crossing any of the {} counted red lines is out, however much "
        "else it offers; whether a deal exists rests on them above all.",
        r.counted_red_lines.size()));

  // --- The chart.
  nlohmann::json rows = nlohmann::json::array();
  // The frontier is over every actor: each efficient package is a dot; the line joins those
  // neither of the two bargainers on the chart can improve on.
  for (const auto& p : r.frontier)
    rows.push_back({{"kind", "frontier"}, {"x", p.utility[ax]}, {"y", p.utility[ay]},
                    {"terms", plain_terms(scenario, result, p.package)}});
  const std::size_t frontier_points = r.frontier.size();
  std::size_t frontier_2d_points = 0;
  if (chart_is_bargainers)
    for (const std::size_t i : result.two_bargainer_frontier) {
      ++frontier_2d_points;
      rows.push_back({{"kind", "frontier2d"}, {"x", r.frontier[i].utility[ax]}, {"y", r.frontier[i].utility[ay]}});
    }
  // Solution points; points that coincide share one label.
  struct Placed {
    double x, y;
    std::string label;
  };
  std::vector<Placed> placed;
  for (const auto& sp : solution_points) {
    const auto& p = r.*sp.point;
    if (!p) continue;
    const double x = p->point.utility[ax], y = p->point.utility[ay];
    rows.push_back({{"kind", "solution"}, {"x", x}, {"y", y}, {"solution", sp.name}, {"shape", sp.shape},
                    {"terms", plain_terms(scenario, result, p->point.package)}});
    bool merged = false;
    for (auto& q : placed)
      if (std::hypot(q.x - x, q.y - y) < 0.03) {
        q.label += "\n= " + std::string(sp.label);  // one line each: coinciding points stay narrow
        merged = true;
        break;
      }
    if (!merged) placed.push_back({x, y, sp.label});
  }
  // Labels go toward the middle of the chart, away from the axes and their titles.
  for (const auto& q : placed)
    rows.push_back({{"kind", q.x < 0.6 ? "solution_label_right" : "solution_label_left"}, {"x", q.x}, {"y", q.y}, {"label", q.label}});

  // When no deal exists: the package each smallest blocking set would open.
  std::size_t opens_points = 0;
  std::string blocking_table;
  for (const auto& set : r.blocking) {
    const std::string relax = blocking_list(scenario, set.ids);
    blocking_table += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", relax,
                                  describe_terms(scenario, result.terms(set.opens.package)));
    ++opens_points;
    rows.push_back({{"kind", "opens"}, {"x", set.opens.utility[ax]}, {"y", set.opens.utility[ay]}, {"relax", plain_text(relax)},
                    {"terms", plain_terms(scenario, result, set.opens.package)}});
  }

  const double rx = r.reservation[ax], ry = r.reservation[ay];
  rows.push_back({{"kind", "reservation_x"}, {"x", rx}, {"label", possessive(labels[ax]) + " reservation value"}});
  rows.push_back({{"kind", "reservation_y"}, {"y", ry}, {"label", possessive(labels[ay]) + " reservation value"}});

  // Every package, binned by the two actors' utilities and coloured by whose red lines it
  // crosses, so an empty zone of agreement still shows where the packages lie.
  constexpr int density_bins = 40;
  constexpr std::uint64_t density_max_packages = 20'000'000;
  nlohmann::json density = nlohmann::json::array();
  std::string density_note;
  if (result.space.approximate_size() <= static_cast<double>(density_max_packages)) {
    const auto d = space::utility_density(result.space, r.counted_red_lines, ax, ay, density_bins, density_max_packages);
    const std::string x_only = "only " + possessive(labels[ax]) + " red lines", y_only = "only " + possessive(labels[ay]) + " red lines";
    for (const auto& c : d.cells) {
      // A bin takes the colour of the most acceptable package in it; the counts say the rest.
      const std::string category = c.crossing_none ? "no counted red line"
                                   : c.crossing_x && c.crossing_y ? "either side\u2019s red lines (packages of each kind)"
                                   : c.crossing_x ? x_only
                                   : c.crossing_y ? y_only
                                                  : "both sides\u2019 red lines";
      density.push_back({{"x0", static_cast<double>(c.x) / density_bins}, {"x1", static_cast<double>(c.x + 1) / density_bins},
                         {"y0", static_cast<double>(c.y) / density_bins}, {"y1", static_cast<double>(c.y + 1) / density_bins},
                         {"packages", c.packages()}, {"none", c.crossing_none}, {"x_only", c.crossing_x},
                         {"y_only", c.crossing_y}, {"both", c.crossing_both}, {"category", category}});
    }
    density_note = fmt::format(
        " Shaded squares: all {} packages, binned by the two utilities (darker: more packages), coloured by the "
        "red lines they cross: green none, blue-grey only {}, sand only {}, lilac a square holding packages of "
        "both kinds, grey both sides\u2019 (or another actor\u2019s).",
        format_number(static_cast<double>(d.packages), 0), escape_html(possessive(labels[ax])),
        escape_html(possessive(labels[ay])));
  }
  if (frontier_points + opens_points > 0 || !density.empty()) {
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
    layers.push_back({{"data", {{"values", nlohmann::json::array({{{"x", rx}, {"y", ry}, {"x2", 1}, {"y2", 1}}})}}},
                        {"mark", {{"type", "rect"}, {"color", "#2ca02c"}, {"opacity", 0.08}}},
                        {"encoding", {{"x", x_enc}, {"y", y_enc}, {"x2", {{"field", "x2"}}}, {"y2", {{"field", "y2"}}}}}});
    // Over the tint, so a hover reaches the squares.
    if (!density.empty()) {
      const std::string x_only = "only " + possessive(labels[ax]) + " red lines", y_only = "only " + possessive(labels[ay]) + " red lines";
      layers.push_back(
          {{"data", {{"values", density}}},
           {"mark", {{"type", "rect"}}},
           {"encoding",
            {{"x", {{"field", "x0"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}, {"nice", false}}},
                    {"title", x_enc["title"]}, {"axis", x_enc["axis"]}}},
             {"x2", {{"field", "x1"}}},
             {"y", {{"field", "y0"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}, {"nice", false}}},
                    {"title", y_enc["title"]}, {"axis", y_enc["axis"]}}},
             {"y2", {{"field", "y1"}}},
             {"color", {{"field", "category"}, {"type", "nominal"}, {"title", "Packages crossing"},
                        {"scale", {{"domain", {"no counted red line", x_only, y_only,
                                               "either side\u2019s red lines (packages of each kind)", "both sides\u2019 red lines"}},
                                   {"range", {"#2ca02c", "#8fa8c8", "#d9b36c", "#b7a7c9", "#bdbdbd"}}}},
                        {"legend", {{"orient", "bottom"}, {"direction", "vertical"}, {"labelLimit", 0}}}}},
             {"opacity", {{"field", "packages"}, {"type", "quantitative"}, {"scale", {{"type", "log"}, {"range", {0.3, 1}}}},
                          {"legend", nullptr}}},
             {"tooltip", nlohmann::json::array({{{"field", "packages"}, {"title", "Packages in this square"}},
                                                {{"field", "none"}, {"title", "crossing no counted red line"}},
                                                {{"field", "x_only"}, {"title", "crossing " + x_only}},
                                                {{"field", "y_only"}, {"title", "crossing " + y_only}},
                                                {{"field", "both"}, {"title", "crossing both sides\u2019"}}})}}}});
    }
    const bool frontier_line = frontier_2d_points > 1;
    if (frontier_line)
      layers.push_back({{"transform", filter("frontier2d")},
                        {"mark", {{"type", "line"}, {"color", "#333"}, {"strokeWidth", 2}, {"interpolate", "linear"}}},
                        {"encoding", {{"x", x_enc}, {"y", y_enc}, {"order", {{"field", "x"}, {"type", "quantitative"}}}}}});
    layers.push_back({{"transform", filter("frontier")},
                      {"mark", {{"type", "point"}, {"filled", true}, {"size", 40}, {"color", "#333"}, {"opacity", 1}}},
                      {"encoding", {{"x", x_enc}, {"y", y_enc}, {"tooltip", tooltip}}}});
    {
      layers.push_back({{"transform", filter("reservation_x")},
                        {"mark", {{"type", "rule"}, {"color", actor_colour(ax)}, {"strokeDash", {6, 4}}, {"strokeWidth", 2}}},
                        {"encoding", {{"x", x_enc}, {"tooltip", {{"field", "label"}}}}}});
      // Labels outside the plot (above it, right of it), where no package or point can be.
      layers.push_back({{"transform", filter("reservation_x")},
                        // Near an end of the axis the label runs inward, clear of the axis' own labels.
                        {"mark", {{"type", "text"}, {"align", rx < 0.25 ? "left" : (rx > 0.75 ? "right" : "center")},
                                  {"baseline", "bottom"}, {"y", -4},
                                  {"fontSize", 11}, {"color", actor_colour(ax)}}},
                        {"encoding", {{"x", x_enc}, {"text", {{"field", "label"}}}}}});
    }
    {
      layers.push_back({{"transform", filter("reservation_y")},
                        {"mark", {{"type", "rule"}, {"color", actor_colour(ay)}, {"strokeDash", {6, 4}}, {"strokeWidth", 2}}},
                        {"encoding", {{"y", y_enc}, {"tooltip", {{"field", "label"}}}}}});
      layers.push_back({{"transform", filter("reservation_y")},
                        {"mark", {{"type", "text"}, {"align", "left"},
                                  {"baseline", ry < 0.1 ? "bottom" : (ry > 0.9 ? "top" : "middle")}, {"x", chart_width + 6},
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
    std::vector<std::string> marks;
    if (!density.empty()) marks.push_back("rect");
    if (frontier_points + opens_points > 0) marks.push_back("symbol");
    if (frontier_line) marks.push_back("line");
    h += charts.figure(
        spec,
        fmt::format("Packages seen by {} and {}{}{}, and each side\u2019s reservation value (dashed). Packages in the "
                    "green-tinted area give both more than no deal.{}<span class=\"screen-only\"> Hover for a "
                    "package\u2019s terms.</span>",
                    escape_html(labels[ax]), escape_html(labels[ay]),
                    frontier_points ? ": the Pareto-efficient packages (black dots; the line joins those neither of these "
                                      "two can improve on)"
                                    : "",
                    placed.empty() ? "" : ", the Nash, Kalai\u2013Smorodinsky and max-welfare points",
                    (bargainer_count > 2 ? fmt::format(" The bargainers are {} actors; the chart shows two of them.", bargainer_count) : "") +
                        (opens_points ? std::string(" Open circles: the package each smallest set of blocking constraints "
                                                    "would open if it were relaxed.")
                                      : "") + density_note),
        marks);
  } else {
    h += "<p>No package passes every counted red line and every veto actor\u2019s reservation value, so there is no "
         "frontier to draw.</p>\n";
  }
  // The details (the package each blocking set opens, every point's terms and utilities) go
  // to the appendix: the chart and a sentence carry the answer.
  if (!blocking_table.empty()) {
    std::string sets;
    for (const auto& set : r.blocking) sets += (sets.empty() ? "" : "; or ") + blocking_list(scenario, set.ids);
    h += fmt::format("<p><b>What blocks a deal:</b> relaxing {} alone would open one (<a href=\"#analysis-notes\">the "
                     "package each opens: appendix</a>).</p>\n",
                     sets);
    s.appendix_html += "<h4>What blocks a deal</h4>\n<table class=\"data\"><thead><tr><th>Relax</th><th>and this package becomes "
                       "acceptable to every veto actor (the best by Nash product)</th></tr></thead><tbody>\n" + blocking_table +
                       "</tbody></table>\n";
  }

  // --- Table of the solution points, every actor's utility.
  std::string table;
  for (const auto& sp : solution_points) {
    const auto& p = r.*sp.point;
    if (!p) continue;
    table += fmt::format("<tr><td>{}</td><td>{}</td>", sp.name, describe_terms(scenario, result.terms(p->point.package)));
    for (const double u : p->point.utility) table += fmt::format("<td class=\"num\">{}</td>", format_number(u, 3));
    table += "</tr>\n";
  }
  table += "<tr><td>Reservation value (no deal)</td><td></td>";
  for (const double u : r.reservation) table += fmt::format("<td class=\"num\">{}</td>", format_number(u, 3));
  table += "</tr>\n";
  // With a deal, the points' terms belong with the chart; without one only reservation values
  // remain, which the appendix keeps.
  std::string& points_to = r.zopa > 0 ? h : s.appendix_html;
  points_to += "<table class=\"data\"><thead><tr><th>Point</th><th>Terms</th>";
  for (std::size_t a = 0; a < scenario.actors.size(); ++a)
    points_to += fmt::format("<th><span class=\"swatch\" style=\"background:{}\"></span>{}</th>", actor_colour(a), escape_html(labels[a]));
  points_to += "</tr></thead><tbody>\n" + table + "</tbody></table>\n";

  // Most likely terms: the Nash point (the bargaining solution the war model also uses).
  for (const auto& sp : solution_points) {
    const auto& p = r.*sp.point;
    if (!p) continue;
    s.summary.push_back({SummaryTopic::terms, fmt::format("At the {}: {}.", sp.name,
                                                          terms_with_red_lines(scenario, result, p->point.package))});
    break;
  }
  return s;
}

}  // namespace truce::report
