// War dynamics: the probability of a ceasefire by month m, with its uncertainty band, from
// the Monte Carlo over the uncertain parameters.

#include <fmt/format.h>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

// "20% (1 of 5)".
std::string share_of(double share, std::size_t part, std::size_t whole) {
  return fmt::format("{} ({} of {})", format_percent(share), part, whole);
}

// The months of the history sentences: 12 and the horizon, where the curve reaches them.
std::vector<int> history_months(const dynamics::SimulateResult& r) {
  std::vector<int> out;
  if (r.options.months >= 12) out.push_back(12);
  if (r.options.months != 12) out.push_back(r.options.months);
  return out;
}

// What history says, beside the curve: the base rate, its sample, the wars behind it.
std::string history_paragraph(const dynamics::SimulateResult& r) {
  if (!r.history) return "";
  const auto& h = *r.history;
  const auto& c = h.curve;
  std::string out = fmt::format(
      "<p><b>History.</b> This war had lasted {} months at month 0 ({} to {}). Of the interstate armed conflicts in the "
      "UCDP Conflict Termination data (conflict episodes 1946–2020), {} had lasted as long",
      c.lasted_months, escape_html(h.war_started), escape_html(h.as_of), c.at_risk.size());
  if (c.at_risk.empty()) return out + ": there is no base rate to compare with.</p>\n";
  std::string parts;
  for (const int m : history_months(r)) {
    const auto& b = c.within[static_cast<std::size_t>(m)];
    if (!b.known()) continue;
    const auto& p = r.ceasefire_by_month[static_cast<std::size_t>(m)];
    parts += fmt::format("{}{} ended within {} more months, {} by agreement (the model: {} by month {})",
                         parts.empty() ? "" : "; ", share_of(b.share_ended(), b.ended.total(), b.known()), m,
                         format_percent(b.share_by_agreement()), format_percent(p.probability), m);
  }
  out += ": " + parts + ".";
  std::string wars;
  for (const auto& e : c.at_risk)
    wars += fmt::format("{}{} {}–{} ({})", wars.empty() ? "" : "; ", escape_html(e.location), e.first_year,
                        e.last_year,
                        e.months ? fmt::format("{} after {} months", history::ending_words(e.ending), *e.months)
                                 : history::ending_words(e.ending));
  out += fmt::format(" They are: {}. With a sample this small the base rate is a rough check, not a forecast; the "
                     "model has no backtest for war termination, and this is what it can be compared with.</p>\n",
                     wars);
  out += fmt::format("<p class=\"small\">Source: {}.</p>\n", escape_html(c.citation));
  return out;
}

// The summary's line: the base rate at 12 months (or the horizon) beside the model's.
std::string history_summary(const dynamics::SimulateResult& r) {
  if (!r.history || r.history->curve.at_risk.empty()) return "";
  const auto& c = r.history->curve;
  const int m = history_months(r).front();
  const auto& b = c.within[static_cast<std::size_t>(m)];
  if (!b.known()) return "";
  return fmt::format("History: of {} interstate armed conflicts that had lasted {} months, as this war has, {} ended "
                     "within {} more months ({} by agreement).",
                     b.known(), c.lasted_months, format_percent(b.share_ended()), m,
                     format_percent(b.share_by_agreement()));
}

}  // namespace

Section render_simulate_section(const Scenario& scenario, const AnalysisRun& run, const dynamics::SimulateResult& r,
                                ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "Bargaining while fighting: the probability of a ceasefire, month by month";
  const auto& months = r.ceasefire_by_month;
  std::string& h = s.html;
  const std::string band_text = fmt::format("{:g}% Wilson interval over the runs (Monte Carlo error only, not model error)",
                                            100 * r.interval_level);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& m : months) {
    nlohmann::json row = {{"month", static_cast<double>(m.month)}, {"probability", m.probability}, {"low", m.low}, {"high", m.high}};
    // Beside the curve: the share of the interstate wars of this war's age that had ended m months on.
    if (r.history) {
      const auto& b = r.history->curve.within[static_cast<std::size_t>(m.month)];
      row["history"] = b.known() ? nlohmann::json(b.share_ended()) : nlohmann::json(nullptr);
    }
    if (!r.ceasefire_holding_by_month.empty())
      row["holding"] = r.ceasefire_holding_by_month[static_cast<std::size_t>(m.month)].probability;
    rows.push_back(std::move(row));
  }
  const nlohmann::json x = {{"field", "month"}, {"type", "quantitative"}, {"title", "month"},
                            {"scale", {{"domain", {static_cast<double>(months.front().month), static_cast<double>(months.back().month)}}, {"nice", false}}},
                            {"axis", {{"tickMinStep", 1}, {"format", "d"}}}};
  const nlohmann::json y = {{"field", "probability"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}},
                            {"axis", {{"format", ".0%"}}}, {"title", "probability of a ceasefire by this month"}};
  nlohmann::json tooltip = nlohmann::json::array({{{"field", "month"}, {"title", "Month"}},
                                                  {{"field", "probability"}, {"title", "Probability"}, {"format", ".1%"}}});
  tooltip.push_back({{"field", "low"}, {"title", "Band low"}, {"format", ".1%"}});
  tooltip.push_back({{"field", "high"}, {"title", "Band high"}, {"format", ".1%"}});
  nlohmann::json layers = nlohmann::json::array();
  layers.push_back({{"transform", nlohmann::json::array({{{"filter", "isValid(datum.low)"}}})},
                      {"mark", {{"type", "area"}, {"color", "#0072B2"}, {"opacity", 0.2}}},
                      {"encoding", {{"x", x}, {"y", {{"field", "low"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}}}},
                                    {"y2", {{"field", "high"}}}}}});
  layers.push_back({{"mark", {{"type", "line"}, {"color", "#0072B2"}, {"strokeWidth", 2.5},
                              {"point", {{"filled", true}, {"size", 36}, {"color", "#0072B2"}}}}},
                    {"encoding", {{"x", x}, {"y", y}, {"tooltip", tooltip}}}});
  std::string holding_caption;
  if (!r.ceasefire_holding_by_month.empty()) {
    layers.push_back({{"mark", {{"type", "line"}, {"color", "#009E73"}, {"strokeWidth", 2}, {"strokeDash", {2, 2}}}},
                      {"encoding", {{"x", x},
                                    {"y", {{"field", "holding"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}}}},
                                    {"tooltip", nlohmann::json::array({{{"field", "month"}, {"title", "Month"}},
                                                                       {{"field", "holding"}, {"title", "Holding"},
                                                                        {"format", ".1%"}}})}}}});
    holding_caption = " Dotted green: the probability that a ceasefire holds at that month (one can break down).";
  }
  std::string history_caption;
  if (r.history && !r.history->curve.at_risk.empty()) {
    layers.push_back({{"transform", nlohmann::json::array({{{"filter", "isValid(datum.history)"}}})},
                      {"mark", {{"type", "line"}, {"color", "#D55E00"}, {"strokeWidth", 2}, {"strokeDash", {6, 4}},
                                {"interpolate", "step-after"}}},
                      {"encoding", {{"x", x},
                                    {"y", {{"field", "history"}, {"type", "quantitative"}, {"scale", {{"domain", {0, 1}}}}}},
                                    {"tooltip", nlohmann::json::array({{{"field", "month"}, {"title", "Month"}},
                                                                       {{"field", "history"}, {"title", "History: ended"},
                                                                        {"format", ".0%"}}})}}}});
    history_caption = fmt::format(
        " Dashed: history, the share of the {} interstate armed conflicts that had lasted {} months, as this war "
        "has, that had ended that many months later (UCDP, 1946–2020).",
        r.history->curve.at_risk.size(), r.history->curve.lasted_months);
  }
  nlohmann::json spec = {{"config", chart_config()}, {"width", 600}, {"height", 240},
                         {"data", {{"values", rows}}}, {"layer", layers}};
  h += charts.figure(spec,
                     fmt::format("Probability that a ceasefire has been signed by each month (line); shaded: its {}.{}{}"
                                 "<span class=\"screen-only\"> Hover for values.</span>",
                                 escape_html(band_text), escape_html(holding_caption), escape_html(history_caption)),
                     {"line", "symbol", "area"});

  // Facts for the table and the summary.
  const auto& last = months.back();
  auto band = [](const dynamics::CeasefireByMonth& m) {
    return fmt::format(" (band {}\u2013{})", format_percent(m.low), format_percent(m.high));
  };
  // P(ceasefire by month m), marked as the simulation's figure wherever the page states it.
  auto p_by = [&r](const dynamics::CeasefireByMonth& m) {
    // Keyed by the runs and seed: any analysis that states it from the same runs must agree.
    return stated(fmt::format("p_ceasefire@{}|runs={}|seed={}", m.month, r.options.runs, r.options.seed),
                  format_percent(m.probability));
  };
  std::string facts = "<ul>";
  facts += fmt::format("<li>By month {}: {}{}.</li>", last.month, p_by(last), band(last));
  const dynamics::CeasefireByMonth* at12 = nullptr;
  for (const auto& m : months)
    if (m.month == 12) at12 = &m;
  if (at12 && at12 != &last)
    facts += fmt::format("<li>By month 12: {}{}.</li>", p_by(*at12), band(*at12));
  const dynamics::CeasefireByMonth* half = nullptr;
  for (const auto& m : months)
    if (!half && m.probability >= 0.5) half = &m;
  facts += half ? fmt::format("<li>A ceasefire becomes more likely than not by month {}.</li>", half->month)
                : fmt::format("<li>A ceasefire stays less likely than not through month {}.</li>", last.month);
  if (r.median_month_of_ceasefires)
    facts += fmt::format("<li>Where a ceasefire happens, half happen by month {}.</li>", *r.median_month_of_ceasefires);
  facts += fmt::format("<li>{} Monte Carlo runs.</li>", format_number(static_cast<double>(r.options.runs), 0));
  facts += "</ul>\n";
  h += facts;
  h += history_paragraph(r);
  // The most frequent value per issue among the ceasefires (the first on a tie).
  std::vector<std::pair<std::string, std::string>> modal;
  for (const auto& t : r.terms) {
    const dynamics::ValueShare* best = nullptr;
    for (const auto& v : t.values)
      if (!best || v.share > best->share) best = &v;
    if (best && best->share > 0) modal.emplace_back(t.issue, best->value);
  }
  // The terms as a distribution: how concentrated they are, and what drives them (where the
  // front stood when the ceasefires came).
  if (!r.frequent_packages.empty()) {
    const auto& top = r.frequent_packages.front();
    std::string drive;
    if (!r.front_line_at_ceasefire.issue.empty())
      if (const auto i = find_issue(scenario, r.front_line_at_ceasefire.issue)) {
        const auto& f = r.front_line_at_ceasefire;
        const auto* near = nearest_named_point(scenario.issues[*i], f.median);
        const auto& start = scenario.dynamics->territory.start;
        drive = fmt::format(" Ceasefires come when the front line ({}) stands at a median of {} (10\u201390%: {}..{}){}{}.",
                            escape_html(scenario.issues[*i].name), format_number(f.median, 0), format_number(f.p10, 0),
                            format_number(f.p90, 0),
                            near ? fmt::format(", nearest \u201c{}\u201d", escape_html(near->label)) : "",
                            start.distribution == dynamics::Distribution::fixed
                                ? fmt::format(", against {} at the start", format_number(start.a, 0))
                                : std::string());
      }
    s.appendix_html += fmt::format("<p>Most frequent terms of a ceasefire in the war model, issue by issue: {}.</p>\n",
                                   describe_terms(scenario, modal));
    h += fmt::format("<p><b>The terms.</b> The most frequent package is {} of the ceasefires{} (<a "
                     "href=\"#analysis-notes\">their terms: appendix</a>).{}</p>\n",
                     format_percent(top.share),
                     r.frequent_packages.size() > 1
                         ? fmt::format(", the {} most frequent together {}", r.frequent_packages.size(),
                                       format_percent([&] {
                                         double t = 0;
                                         for (const auto& p : r.frequent_packages) t += p.share;
                                         return std::min(1.0, t);
                                       }()))
                         : "",
                     drive);
  }
  // What kept the zone of possible agreement empty, month by month: in the appendix.
  if (!r.blocking.empty()) {
    std::string& a = s.appendix_html;
    a += "<table class=\"data compact\"><thead><tr><th>What blocked a deal (war model)</th><th>Share of months without a "
         "deal in which removing it alone would have opened one</th></tr></thead><tbody>\n";
    std::size_t shown = 0;
    for (const auto& c : r.blocking) {
      if (shown++ == 8) break;
      a += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n", constraint_label(scenario, c.constraint),
                       format_percent(c.share));
    }
    a += "</tbody></table>\n";
    h += fmt::format("<p class=\"small\">Most often blocking: {} ({} of the months without a deal; <a "
                     "href=\"#analysis-notes\">the others: appendix</a>).</p>\n",
                     constraint_label(scenario, r.blocking.front().constraint), format_percent(r.blocking.front().share));
  }

  std::string sentence = fmt::format("Probability of a ceasefire by month {}: <b>{}</b>{}", last.month, p_by(last), band(last));
  if (at12 && at12 != &last) sentence += fmt::format("; by month 12: {}{}", p_by(*at12), band(*at12));
  if (!r.ceasefire_holding_by_month.empty()) {
    // Signed is not holding: a ceasefire can break down (the scenario's ceasefire_breakdown).
    const auto& held = r.ceasefire_holding_by_month.back();
    sentence += fmt::format("; a ceasefire holding at month {}: {} ({} of the runs saw one break down)", held.month,
                            stated(fmt::format("p_ceasefire_holding@{}|runs={}|seed={}", held.month, r.options.runs,
                                               r.options.seed),
                                   format_percent(held.probability)),
                            format_percent(static_cast<double>(r.runs_with_breakdown) / static_cast<double>(r.options.runs)));
  }
  // The spread across model structures, next to the number it qualifies (the band above is
  // Monte Carlo error only).
  if (r.structures.size() >= 2) {
    const auto& last_at = [](const dynamics::StructureOutcome& x) { return x.at.back(); };
    double low = 1, high = 0;
    std::string others;
    for (const auto& st : r.structures) {
      low = std::min(low, last_at(st).probability);
      high = std::max(high, last_at(st).probability);
      if (!st.as_coded)
        others += fmt::format("{}with <code>{}</code> {}", others.empty() ? "" : ", ", escape_html(st.structure),
                              format_percent(last_at(st).probability));
    }
    sentence += fmt::format(". Across model structures, by month {}: {} to {} ({})", last.month, format_percent(low),
                            format_percent(high), others);
    const double band_width = last.high - last.low;
    s.caveats.push_back(fmt::format(
        "<b>The ceasefire probability rests on the model's structure.</b> By month {}: {} as coded, {}; the spread, {} points, "
        "is {} the width of the Monte Carlo band ({} points).",
        last.month, format_percent(last.probability), others, format_number(100 * (high - low), 0),
        band_width > 0 ? fmt::format("{} times", format_number((high - low) / band_width, 0)) : "many times",
        format_number(100 * band_width, 1)));
  }
  // How the other runs end: a war the model lets a side lose (its breaking point) is part of
  // the answer, not a footnote.
  const std::uint64_t collapsed = r.collapses[0] + r.collapses[1];
  if (collapsed > 0) {
    const auto share = [&](std::uint64_t n) { return format_percent(static_cast<double>(n) / static_cast<double>(r.options.runs)); };
    std::string who;
    for (std::size_t side = 0; side < 2; ++side)
      if (r.collapses[side] > 0)
        if (const auto a = find_actor(scenario, r.belligerents[side]))
          who += fmt::format("{}{} {}", who.empty() ? "" : ", ", escape_html(scenario.actors[*a].name),
                             share(r.collapses[side]));
    sentence += fmt::format(". By month {} a side has collapsed (fallen to its breaking point) in {} of the runs ({})",
                            last.month, share(collapsed), who);
  }
  s.summary.push_back({SummaryTopic::ceasefire, sentence + "."});
  if (const std::string line = history_summary(r); !line.empty()) s.summary.push_back({SummaryTopic::ceasefire, line});
  s.caveats.push_back(fmt::format(
      "<b>The ceasefire probability</b> comes from a war model of coded estimates (forces, losses, aid, breakdown "
      "risk) drawn in {} runs; its band is Monte Carlo error only: the model has no backtest for war termination{}.",
      format_number(static_cast<double>(r.options.runs), 0),
      r.history && !r.history->curve.at_risk.empty()
          ? fmt::format("; the historical base rate beside it rests on {} wars", r.history->curve.at_risk.size())
          : ""));
  return s;
}

}  // namespace truce::report
