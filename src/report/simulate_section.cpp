// War dynamics: the probability of a ceasefire by month m, with its uncertainty band, from
// the Monte Carlo over the uncertain parameters.

#include <fmt/format.h>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

struct MonthPoint {
  double month = 0;
  double probability = 0;
  std::optional<double> low, high;
};

std::vector<MonthPoint> read_months(const nlohmann::json& r) {
  std::vector<MonthPoint> out;
  const auto* months = first_key(r, {"months", "ceasefire_by_month", "probability_by_month", "ceasefire_probability"});
  if (!months || !months->is_array()) return out;
  const auto* lows = first_key(r, {"band_low", "low"});
  const auto* highs = first_key(r, {"band_high", "high"});
  for (std::size_t k = 0; k < months->size(); ++k) {
    const auto& m = (*months)[k];
    MonthPoint p;
    if (m.is_number()) {  // an array of probabilities: month k + 1
      p.month = static_cast<double>(k + 1);
      p.probability = m.get<double>();
      if (lows && lows->is_array() && k < lows->size() && (*lows)[k].is_number()) p.low = (*lows)[k].get<double>();
      if (highs && highs->is_array() && k < highs->size() && (*highs)[k].is_number()) p.high = (*highs)[k].get<double>();
    } else if (m.is_object()) {
      const auto month = number_at(m, "month");
      auto prob = number_at(m, "probability");
      if (!prob) prob = number_at(m, "p_ceasefire");
      if (!prob) prob = number_at(m, "p");
      if (!prob) continue;
      p.month = month ? *month : static_cast<double>(k + 1);
      p.probability = *prob;
      p.low = number_at(m, "low");
      if (!p.low) p.low = number_at(m, "band_low");
      p.high = number_at(m, "high");
      if (!p.high) p.high = number_at(m, "band_high");
    } else {
      continue;
    }
    out.push_back(p);
  }
  return out;
}

// "ACTOR.ISSUE" (a red line) or "ACTOR.reservation", in words.
std::string constraint_text(const Scenario& scenario, const nlohmann::json& c) {
  if (!c.is_string()) return escape_html(c.dump());
  const auto text = c.get<std::string>();
  const auto dot = text.find('.');
  if (dot != std::string::npos)
    if (const auto a = find_actor(scenario, text.substr(0, dot))) {
      const auto name = actor_labels(scenario)[*a];
      const auto rest = text.substr(dot + 1);
      if (rest == "reservation") return escape_html(possessive(name) + " reservation value");
      if (const auto i = find_issue(scenario, rest)) return escape_html(possessive(name) + " red line on " + scenario.issues[*i].name);
    }
  return escape_html(text);
}

}  // namespace

Section render_simulate_section(const Scenario& scenario, const AnalysisRun& run, ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "Bargaining while fighting: the probability of a ceasefire, month by month";
  const nlohmann::json& r = *run.result;
  const auto months = read_months(r);
  std::string& h = s.html;
  if (months.empty()) {
    h = "<p class=\"missing\">The result has no ceasefire probability by month this report can read "
        "(see docs/report.md).</p>\n";
    return s;
  }
  std::string band_text = "uncertainty band";
  if (const auto* b = first_key(r, {"band"}); b && b->is_string()) band_text = b->get<std::string>();
  // truce simulate says what its band is in a note ("probabilities carry a 95% Wilson interval ...").
  if (const auto* notes = first_key(r, {"notes"}); notes && notes->is_array())
    for (const auto& n : *notes)
      if (n.is_string() && n.get<std::string>().find("interval") != std::string::npos) {
        const auto text = n.get<std::string>();
        const auto at = text.find("a ");
        band_text = at != std::string::npos && text.find("interval") > at ? text.substr(at + 2) : text;
      }
  auto runs = number_at(r, "runs");
  if (!runs)
    if (const auto* o = first_key(r, {"options"})) runs = number_at(*o, "runs");
  bool has_band = false;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& m : months) {
    nlohmann::json row = {{"month", m.month}, {"probability", m.probability}};
    if (m.low && m.high) {
      row["low"] = *m.low;
      row["high"] = *m.high;
      has_band = true;
    }
    rows.push_back(row);
  }
  const nlohmann::json x = {{"field", "month"}, {"type", "quantitative"}, {"title", "month"},
                            {"scale", {{"domain", {months.front().month, months.back().month}}, {"nice", false}}},
                            {"axis", {{"tickMinStep", 1}, {"format", "d"}}}};
  const nlohmann::json y = {{"field", "probability"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}},
                            {"axis", {{"format", ".0%"}}}, {"title", "probability of a ceasefire by this month"}};
  nlohmann::json tooltip = nlohmann::json::array({{{"field", "month"}, {"title", "Month"}},
                                                  {{"field", "probability"}, {"title", "Probability"}, {"format", ".1%"}}});
  if (has_band) {
    tooltip.push_back({{"field", "low"}, {"title", "Band low"}, {"format", ".1%"}});
    tooltip.push_back({{"field", "high"}, {"title", "Band high"}, {"format", ".1%"}});
  }
  nlohmann::json layers = nlohmann::json::array();
  if (has_band)
    layers.push_back({{"transform", nlohmann::json::array({{{"filter", "isValid(datum.low)"}}})},
                      {"mark", {{"type", "area"}, {"color", "#0072B2"}, {"opacity", 0.2}}},
                      {"encoding", {{"x", x}, {"y", {{"field", "low"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}}}},
                                    {"y2", {{"field", "high"}}}}}});
  layers.push_back({{"mark", {{"type", "line"}, {"color", "#0072B2"}, {"strokeWidth", 2.5},
                              {"point", {{"filled", true}, {"size", 36}, {"color", "#0072B2"}}}}},
                    {"encoding", {{"x", x}, {"y", y}, {"tooltip", tooltip}}}});
  nlohmann::json spec = {{"config", chart_config()}, {"width", 600}, {"height", 300},
                         {"data", {{"values", rows}}}, {"layer", layers}};
  std::vector<std::string> marks = {"line", "symbol"};
  if (has_band) marks.push_back("area");
  h += charts.figure(spec,
                     fmt::format("Probability that a ceasefire has happened by each month (line){}. Hover for values.",
                                 has_band ? fmt::format("; shaded: its {}", escape_html(band_text)) : ""),
                     marks);

  // Facts for the table and the summary.
  const auto& last = months.back();
  auto band = [](const MonthPoint& m) {
    return m.low && m.high ? fmt::format(" (band {}\u2013{})", format_percent(*m.low), format_percent(*m.high)) : "";
  };
  std::string facts = "<ul>";
  facts += fmt::format("<li>By month {}: {}{}.</li>", format_number(last.month, 0), format_percent(last.probability), band(last));
  const MonthPoint* at12 = nullptr;
  for (const auto& m : months)
    if (m.month == 12) at12 = &m;
  if (at12 && at12 != &last)
    facts += fmt::format("<li>By month 12: {}{}.</li>", format_percent(at12->probability), band(*at12));
  const MonthPoint* half = nullptr;
  for (const auto& m : months)
    if (!half && m.probability >= 0.5) half = &m;
  facts += half ? fmt::format("<li>A ceasefire becomes more likely than not by month {}.</li>", format_number(half->month, 0))
                : fmt::format("<li>A ceasefire stays less likely than not through month {}.</li>", format_number(last.month, 0));
  if (const auto* median = first_key(r, {"median_month"}); median && median->is_object())
    if (const auto m = number_at(*median, "of_ceasefires"))
      facts += fmt::format("<li>Where a ceasefire happens, half happen by month {}.</li>", format_number(*m, 0));
  if (runs) facts += fmt::format("<li>{} Monte Carlo runs.</li>", format_number(*runs, 0));
  facts += "</ul>\n";
  h += facts;
  if (const auto* terms = first_key(r, {"terms", "likely_terms", "modal_terms"}); terms && terms->is_object()) {
    h += fmt::format("<p>Most frequent terms of a ceasefire: {}.</p>\n", describe_terms(scenario, *terms));
  } else if (terms && terms->is_array()) {
    // truce simulate: terms [{issue, values [{value, share, runs}]}]: the most frequent value per issue.
    nlohmann::json modal = nlohmann::json::object();
    for (const auto& t : *terms) {
      if (!t.is_object() || !t.contains("issue") || !t["issue"].is_string() || !t.contains("values")) continue;
      const nlohmann::json* best = nullptr;
      for (const auto& v : t["values"])
        if (v.is_object() && number_at(v, "share") && (!best || *number_at(v, "share") > *number_at(*best, "share"))) best = &v;
      if (best && *number_at(*best, "share") > 0 && best->contains("value")) modal[t["issue"].get<std::string>()] = (*best)["value"];
    }
    if (!modal.empty())
      h += fmt::format("<p>Most frequent terms of a ceasefire, issue by issue: {}.</p>\n", describe_terms(scenario, modal));
  }
  // What kept the zone of possible agreement empty, month by month.
  if (const auto* blocking = first_key(r, {"blocking"}); blocking && blocking->is_object())
    if (const auto* constraints = first_key(*blocking, {"constraints"}); constraints && constraints->is_array() && !constraints->empty()) {
      h += "<table class=\"data compact\"><thead><tr><th>What blocked a deal</th><th>Share of months without a deal in "
           "which removing it alone would have opened one</th></tr></thead><tbody>\n";
      std::size_t shown = 0;
      for (const auto& c : *constraints) {
        if (shown++ == 8) break;
        const auto share = number_at(c, "share");
        h += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n",
                         c.contains("constraint") ? constraint_text(scenario, c["constraint"]) : "?",
                         share ? format_percent(*share) : "");
      }
      h += "</tbody></table>\n";
    }

  std::string sentence = fmt::format("Probability of a ceasefire by month {}: <b>{}</b>{}", format_number(last.month, 0),
                                     format_percent(last.probability), band(last));
  if (at12 && at12 != &last) sentence += fmt::format("; by month 12: {}{}", format_percent(at12->probability), band(*at12));
  s.summary.push_back({SummaryTopic::ceasefire, sentence + "."});
  return s;
}

}  // namespace truce::report
