// Levers: how far each lever (aid, sanctions, guarantees, battlefield trend, ...) moves the
// outcome between its low and high setting, as a tornado chart sorted by swing.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sections.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

namespace {

struct Lever {
  std::string name;
  std::string low_setting, high_setting;
  std::string range;  // what range the settings span, in words
  double low_outcome = 0, high_outcome = 0;
  bool within_noise = false;  // the swing is within the Monte Carlo error
  double swing() const { return std::abs(high_outcome - low_outcome); }
};

}  // namespace

std::string lever_label(const Scenario& scenario, const std::string& parameter) {
  // truce levers' parameter names: KIND.ACTOR[.ISSUE], e.g. red_line_max.south.territory.
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const auto dot = parameter.find('.', start);
    parts.push_back(parameter.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts.size() < 2) return parameter;
  auto words = [&](std::size_t from) {  // "external_aid" -> "external aid", parts joined by spaces
    std::string w;
    for (std::size_t k = from; k < parts.size(); ++k) w += (k == from ? "" : " ") + parts[k];
    for (auto& c : w)
      if (c == '_') c = ' ';
    return w;
  };
  if (parts[0] == "war" && parts.size() >= 3) {
    // War-model parameters: war.ACTOR.QUANTITY[.PART], war.territory.QUANTITY.
    if (const auto a = find_actor(scenario, parts[1])) return possessive(actor_labels(scenario)[*a]) + " " + words(2);
    if (parts[1] == "territory") return "front line: " + words(2);
    return words(1);
  }
  if ((parts[0] == "lever" || parts[0] == "lever_probability") && parts.size() >= 4) {
    // A third party's lever, lever[_probability].PARTY.KIND.TARGET[#N][.ISSUE]: "United States’
    // guarantee to Ukraine: whether it is used" (its probability) or ": its effect".
    std::string target_id = parts[3], number;
    if (const auto hash = target_id.find('#'); hash != std::string::npos) {
      number = " (" + target_id.substr(hash + 1) + ")";
      target_id = target_id.substr(0, hash);
    }
    const auto party = find_actor(scenario, parts[1]), target = find_actor(scenario, target_id);
    if (party && target) {
      const auto& labels = actor_labels(scenario);
      const std::string& kind = parts[2];
      std::string what = kind == "aid"         ? "aid to " + labels[*target]
                         : kind == "sanctions" ? "sanctions on " + labels[*target]
                         : kind == "guarantee" ? "guarantee to " + labels[*target]
                                               : "pressure on " + possessive(labels[*target]) + " red line";
      if (kind == "pressure" && parts.size() >= 5)
        if (const auto issue = find_issue(scenario, parts[4])) what += " on " + scenario.issues[*issue].name;
      return possessive(labels[*party]) + " " + what + number +
             (parts[0] == "lever" ? ": its effect" : ": whether it is used");
    }
  }
  const auto actor = find_actor(scenario, parts[1]);
  if (!actor) return parameter;
  const std::string who = possessive(actor_labels(scenario)[*actor]) + " ";
  const std::optional<std::size_t> issue = parts.size() >= 3 ? find_issue(scenario, parts[2]) : std::nullopt;
  const std::string on = issue ? scenario.issues[*issue].name : "";
  const auto& kind = parts[0];
  if (kind == "capability" && parts.size() == 2) return who + "capability";
  if (!issue || parts.size() != 3) return parameter;
  if (kind == "position") return who + "position on " + on;
  if (kind == "salience") return who + "salience of " + on;
  if (kind == "red_line_min") return who + "red line on " + on + " (lower end)";
  if (kind == "red_line_max") return who + "red line on " + on + " (upper end)";
  return parameter;
}

namespace {

// A setting in a sentence: numbers as they are, words in quotes.
std::string setting_text(const std::string& setting) {
  const bool number = !setting.empty() && setting.find_first_not_of("0123456789.-+e") == std::string::npos;
  return number ? escape_html(setting) : "\u201c" + escape_html(setting) + "\u201d";
}

// What range a lever was moved over, in words: a policy's whole range reads differently from
// +-10% around an estimate, so the table says which it is.
std::string range_words(const levers::Parameter& p, double spread) {
  switch (p.range_kind) {
    case levers::RangeKind::natural: return "its whole range (a policy choice)";
    case levers::RangeKind::spread: return fmt::format("\u00b1{:g}% around the scenario\u2019s value", spread);
    case levers::RangeKind::scenario: return "the scenario\u2019s range for it";
    case levers::RangeKind::given: return "the range the analyst gave";
  }
  return "";
}

// The tornado's bars with both outputs defined, largest swing on top; ties by name so the
// order is deterministic.
std::vector<Lever> read_levers(const Scenario& scenario, const levers::LeversResult& r) {
  std::vector<Lever> out;
  if (!r.tornado) return out;
  for (const auto& b : r.tornado->bars) {
    if (std::isnan(b.output_at_low) || std::isnan(b.output_at_high)) continue;  // undefined output
    Lever v;
    v.name = lever_label(scenario, b.parameter);
    v.low_setting = format_number(b.low, 3);
    v.high_setting = format_number(b.high, 3);
    for (const auto& p : r.parameters)
      if (p.name == b.parameter) v.range = range_words(p, r.options.spread);
    v.low_outcome = b.output_at_low;
    v.high_outcome = b.output_at_high;
    v.within_noise = r.target.monte_carlo_runs > 0 && b.within_noise();
    out.push_back(v);
  }
  std::stable_sort(out.begin(), out.end(), [](const Lever& a, const Lever& b) {
    if (a.swing() != b.swing()) return a.swing() > b.swing();
    return a.name < b.name;
  });
  return out;
}

// Sobol indices beside the tornado: each parameter's share of the outcome's variance over
// all the ranges at once, alone (first order) and with its interactions (total), with their
// bootstrap intervals. The tornado moves one lever at a time; this shows what matters when
// everything is uncertain together.
std::string sobol_chart(const Scenario& scenario, const levers::LeversResult& r, const std::string& outcome, ChartSet& charts) {
  if (!r.sobol || r.sobol->output_constant()) return "";
  constexpr std::size_t max_bars = 10;
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json order = nlohmann::json::array();
  std::size_t shown = 0;
  for (const auto& row : r.sobol->indices) {
    if (shown == max_bars || std::isnan(row.total)) break;
    const std::string name = lever_label(scenario, row.parameter);
    order.push_back(name);
    for (const bool total : {true, false}) {
      const double v = total ? row.total : row.first_order;
      if (std::isnan(v)) continue;
      nlohmann::json item = {{"lever", name}, {"index", total ? "total (with interactions)" : "first order (alone)"},
                             {"value", std::max(0.0, v)}, {"reported", v}};
      const double lo = total ? row.total_low : row.first_order_low, hi = total ? row.total_high : row.first_order_high;
      if (std::isfinite(lo) && std::isfinite(hi)) {
        item["low"] = std::max(0.0, lo);
        item["high"] = std::max(0.0, hi);
      }
      rows.push_back(item);
    }
    ++shown;
  }
  if (rows.empty()) return "";
  const nlohmann::json y = {{"field", "lever"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr}};
  const nlohmann::json x = {{"field", "value"}, {"type", "quantitative"}, {"title", "share of the variance of the " + outcome},
                            {"scale", {{"domain", {0, 1}}}}};
  const nlohmann::json colour = {{"field", "index"}, {"type", "nominal"}, {"title", "Sobol index"},
                                 {"scale", {{"domain", {"total (with interactions)", "first order (alone)"}},
                                            {"range", {"#0b5394", "#92b4d6"}}}},
                                 {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}}}};
  nlohmann::json layers = nlohmann::json::array(
      {{{"mark", {{"type", "bar"}}},
        {"encoding", {{"y", y}, {"x", x}, {"yOffset", {{"field", "index"}, {"sort", {"total (with interactions)", "first order (alone)"}}}},
                      {"color", colour},
                      {"tooltip", nlohmann::json::array({{{"field", "lever"}, {"title", "Parameter"}},
                                                         {{"field", "index"}, {"title", "Index"}},
                                                         {{"field", "reported"}, {"title", "Value"}, {"format", ".3f"}},
                                                         {{"field", "low"}, {"title", "Interval low"}, {"format", ".3f"}},
                                                         {{"field", "high"}, {"title", "Interval high"}, {"format", ".3f"}}})}}}},
       {{"transform", nlohmann::json::array({{{"filter", "isValid(datum.low)"}}})},
        {"mark", {{"type", "rule"}, {"color", "#222"}}},
        {"encoding", {{"y", y}, {"yOffset", {{"field", "index"}, {"sort", {"total (with interactions)", "first order (alone)"}}}},
                      {"x", {{"field", "low"}, {"type", "quantitative"}}}, {"x2", {{"field", "high"}}}}}}});
  nlohmann::json spec = {{"config", chart_config()}, {"width", 420}, {"height", {{"step", 26}}},
                         {"data", {{"values", rows}}}, {"layer", layers}};
  const std::size_t more = r.sobol->indices.size() > shown ? r.sobol->indices.size() - shown : 0;
  return charts.figure(
      spec,
      fmt::format("Sobol indices: the share of the variance of the {} due to each parameter when every parameter "
                  "varies over its range at once: alone (first order) and with its interactions (total); black: "
                  "the {}% bootstrap interval. {} samples, {} model runs.{}",
                  escape_html(outcome), format_number(100 * r.options.confidence, 0), r.sobol->samples,
                  r.sobol->model_runs,
                  more ? fmt::format(" {} parameters with smaller total effects are not drawn.", more) : ""),
      {"rect", "rule"});
}

}  // namespace

Section render_levers_section(const Scenario& scenario, const AnalysisRun& run, const levers::LeversResult& r,
                              ChartSet& charts) {
  Section s;
  s.analysis = run.name;
  s.id = "analysis-" + run.name;
  s.title = "Levers: what moves the outcome most";
  std::string& h = s.html;
  auto levers = read_levers(scenario, r);
  const std::optional<double> baseline = std::isnan(r.base_output) ? std::nullopt : std::optional<double>(r.base_output);
  std::string outcome = r.target.quantity;
  // Levers that do not move the outcome make no bar; say how many there were.
  std::size_t without_effect = 0;
  for (auto it = levers.begin(); it != levers.end();)
    if (it->swing() == 0) {
      ++without_effect;
      it = levers.erase(it);
    } else {
      ++it;
    }
  constexpr std::size_t max_bars = 12;
  std::size_t beyond = levers.size() > max_bars ? levers.size() - max_bars : 0;
  levers.resize(std::min(levers.size(), max_bars));
  if (outcome.empty()) outcome = "outcome";
  // Probabilities print as percentages.
  const bool probability = r.target.probability;
  auto value_text = [&](double v) { return probability ? format_percent(v) : format_number(v, 3); };

  // Levers whose swings are all within the Monte Carlo error rank nothing: say so instead.
  const bool only_noise = r.tornado && !r.tornado->ranked && !levers.empty();
  if (levers.empty() && without_effect) {
    h = fmt::format("<p>None of the {} levers moved the {} within its range (baseline {}).</p>\n", without_effect,
                    escape_html(outcome), baseline ? value_text(*baseline) : "n/a");
    s.summary.push_back({SummaryTopic::opens, fmt::format("No single lever, moved within its range, changes the {}.", escape_html(outcome))});
  } else if (only_noise) {
    double widest = 0;
    for (const auto& b : r.tornado->bars)
      if (std::isfinite(b.noise)) widest = std::max(widest, b.noise);
    h = fmt::format(
        "<p>None of the {} levers moved the {} within its range by more than the Monte Carlo error of {} runs "
        "(two estimates can differ by up to {} by chance here; baseline {}): the swings cannot be told apart, so "
        "none is ranked first. More runs per evaluation would resolve smaller effects.</p>\n",
        r.tornado->bars.size(), escape_html(outcome), r.target.monte_carlo_runs,
        probability ? format_number(widest * 100, 1) + " points" : format_number(widest, 3),
        baseline ? value_text(*baseline) : "n/a");
    s.summary.push_back({SummaryTopic::opens,
                         fmt::format("No single lever, moved within its range, changes the {} by more than the "
                                     "Monte Carlo error.",
                                     escape_html(outcome))});
  } else if (levers.empty()) {
    h = "<p>The result has no tornado: run the levers analysis with the tornado method to see one.</p>\n";
  } else {
    nlohmann::json rows = nlohmann::json::array();
    nlohmann::json order = nlohmann::json::array();
    const double base = baseline ? *baseline : (levers.front().low_outcome + levers.front().high_outcome) / 2;
    for (const auto& l : levers) {
      order.push_back(l.name);
      rows.push_back({{"lever", l.name}, {"end", "low setting"}, {"setting", l.low_setting}, {"base", base},
                      {"outcome", l.low_outcome}});
      rows.push_back({{"lever", l.name}, {"end", "high setting"}, {"setting", l.high_setting}, {"base", base},
                      {"outcome", l.high_outcome}});
    }
    const std::string fmt_spec = probability ? ".1%" : ".3f";
    const nlohmann::json x = {{"field", "outcome"}, {"type", "quantitative"}, {"title", outcome},
                              {"axis", probability ? nlohmann::json{{"format", ".0%"}} : nlohmann::json::object()},
                              {"scale", {{"zero", false}}}};
    const nlohmann::json y = {{"field", "lever"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr},
                              {"axis", {{"labelLimit", 0}}}};
    nlohmann::json layers = nlohmann::json::array(
        {{{"mark", {{"type", "bar"}, {"height", {{"band", 0.7}}}}},
          {"encoding",
           {{"y", y},
            {"x", x},
            {"x2", {{"field", "base"}}},
            {"color", {{"field", "end"}, {"type", "nominal"}, {"title", "Lever at its"},
                       {"scale", {{"domain", {"low setting", "high setting"}}, {"range", {"#92b4d6", "#f0a868"}}}},
                       {"legend", {{"orient", "bottom"}, {"direction", "horizontal"}}}}},
            {"tooltip", nlohmann::json::array({{{"field", "lever"}, {"title", "Lever"}},
                                               {{"field", "end"}, {"title", "At its"}},
                                               {{"field", "setting"}, {"title", "Setting"}},
                                               {{"field", "outcome"}, {"title", outcome}, {"format", fmt_spec}},
                                               {{"field", "base"}, {"title", "Baseline"}, {"format", fmt_spec}}})}}}}});
    layers.push_back({{"data", {{"values", nlohmann::json::array({{{"base", base}}})}}},
                      {"mark", {{"type", "rule"}, {"color", "#222"}, {"strokeWidth", 1.5}}},
                      {"encoding", {{"x", {{"field", "base"}, {"type", "quantitative"}}},
                                    {"tooltip", nlohmann::json::array({{{"field", "base"}, {"title", "Baseline"}, {"format", fmt_spec}}})}}}});
    nlohmann::json spec = {{"config", chart_config()}, {"width", 420},
                           {"height", {{"step", 24}}}, {"data", {{"values", rows}}}, {"layer", layers}};
    h += charts.figure(spec,
                       fmt::format("How far each lever moves the {} between its low and high setting; the black line "
                                   "is the baseline{}. Largest swing on top.<span class=\"screen-only\"> Hover for the "
                                   "settings.</span>",
                                   escape_html(outcome),
                                   baseline ? fmt::format(" ({})", stated("levers.baseline." + r.target.name, value_text(*baseline))) : ""),
                       {"rect", "rule"});
    h += sobol_chart(scenario, r, outcome, charts);
    // The settings and outcomes of every lever drawn: in the appendix, where they explain the
    // bars without pushing the analysis pages apart.
    std::string& table = s.appendix_html;
    table += "<table class=\"data\"><thead><tr><th>Lever</th><th>Moved over</th><th>Low setting</th><th>Outcome</th>"
         "<th>High setting</th><th>Outcome</th><th>Swing</th></tr></thead><tbody>\n";
    std::size_t noisy = 0;
    for (const auto& l : levers) {
      noisy += l.within_noise ? 1 : 0;
      table += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}{}</td></tr>\n",
                       escape_html(l.name), escape_html(l.range), escape_html(l.low_setting), value_text(l.low_outcome),
                       escape_html(l.high_setting), value_text(l.high_outcome),
                       probability ? format_number(l.swing() * 100, 1) + " points" : format_number(l.swing(), 3),
                       l.within_noise ? "*" : "");
    }
    table += "</tbody></table>\n";
    if (noisy)
      table += fmt::format("<p class=\"small\">* Within the Monte Carlo error: two estimates of {} runs can differ by this "
                       "much by chance.</p>\n",
                       r.target.monte_carlo_runs);
    h += "<p class=\"small\">Each lever\u2019s range, settings and outcomes: <a href=\"#analysis-notes\">in the "
         "appendix</a>.</p>\n";
    if (without_effect || beyond)
      h += fmt::format("<p class=\"small\">{}{}{}</p>\n",
                       beyond ? fmt::format("{} more levers with smaller swings are not drawn. ", beyond) : "",
                       without_effect ? fmt::format("{} lever{} did not move the {} at all within {} range{}.", without_effect,
                                                    without_effect == 1 ? "" : "s", escape_html(outcome),
                                                    without_effect == 1 ? "its" : "their", without_effect == 1 ? "" : "s")
                                      : "",
                       "");
    const auto& top = levers.front();
    // On the war model's probability of a ceasefire, the levers answer "what would pressure
    // achieve": each third party's pressure (a lever's probability, moved over its whole
    // range) alone, everything else as coded.
    const bool ceasefire = probability && r.target.name.rfind("p_ceasefire", 0) == 0;
    if (ceasefire) {
      std::string pressures;
      std::size_t shown = 0;
      for (const auto& b : r.tornado->bars) {
        if (b.parameter.rfind("lever_probability.", 0) != 0 || std::isnan(b.swing) || shown == 3) continue;
        double coded = std::nan("");
        for (const auto& p : r.parameters)
          if (p.name == b.parameter) coded = p.base;
        pressures += fmt::format("{}<b>{}</b>: {} if never used, {} if always{}{}", pressures.empty() ? "" : "; ",
                                 escape_html(lever_label(scenario, b.parameter)), value_text(b.output_at_low),
                                 value_text(b.output_at_high),
                                 std::isnan(coded) ? "" : fmt::format(" (coded: used with probability {})", format_number(coded, 2)),
                                 b.within_noise() ? ", within the Monte Carlo error" : "");
        ++shown;
      }
      if (!pressures.empty())
        s.summary.push_back({SummaryTopic::pressure,
                             fmt::format("Each pressure alone, everything else as coded, and the {} ({}-run "
                                         "estimates): {}.",
                                         escape_html(outcome), r.target.monte_carlo_runs, pressures)});
      s.caveats.push_back(fmt::format(
          "<b>The {} hinges on one input most:</b> {} ({} at {}, {} at {}). Lever effects are {}-run estimates "
          "(baseline {}: it differs from the simulation\u2019s by Monte Carlo error).",
          escape_html(outcome), escape_html(top.name), value_text(top.low_outcome), setting_text(top.low_setting),
          value_text(top.high_outcome), setting_text(top.high_setting), r.target.monte_carlo_runs,
          baseline ? stated("levers.baseline." + r.target.name, value_text(*baseline)) : "n/a"));
    }
    // On page one the pressures speak for the ceasefire target (the caveats name the input it
    // hinges on); otherwise the lever that moves the outcome most.
    if (!ceasefire)
    s.summary.push_back(
        {SummaryTopic::opens,
         fmt::format("The lever that moves the {} most: <b>{}</b> ({} at {}, {} at {}{}).",
                     escape_html(outcome), escape_html(top.name), value_text(top.low_outcome), setting_text(top.low_setting),
                     value_text(top.high_outcome), setting_text(top.high_setting),
                     baseline ? fmt::format("; baseline {}", stated("levers.baseline." + r.target.name, value_text(*baseline))) : "")});
  }

  return s;
}

}  // namespace truce::report
