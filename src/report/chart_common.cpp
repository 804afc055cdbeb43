// Shared pieces of every section: chart figures, the actor palette, readers for results.

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "sections.hpp"
#include "truce/forecast/red_line_check.hpp"
#include "truce/report/html.hpp"

namespace truce::report {

std::string ChartSet::figure(const nlohmann::json& spec, const std::string& caption_html,
                             const std::vector<std::string>& expected_marks) {
  const int n = ++next_;
  std::string marks;
  for (const auto& m : expected_marks) marks += (marks.empty() ? "" : " ") + m;
  return fmt::format(
      "<figure class=\"chart\">\n"
      "<div class=\"vega-chart\" id=\"chart-{0}\" data-spec=\"chart-{0}-spec\" data-expect-marks=\"{1}\"></div>\n"
      "<script type=\"application/json\" id=\"chart-{0}-spec\">{2}</script>\n"
      "<figcaption>{3}</figcaption>\n"
      "</figure>\n",
      n, escape_html(marks), json_for_script(spec), caption_html);
}

const std::vector<std::string>& actor_palette() {
  // Okabe & Ito's colour-blind-safe palette (yellow left out: unreadable on white), then
  // four of Paul Tol's muted colours.
  static const std::vector<std::string> palette = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
                                                   "#56B4E9", "#882255", "#117733", "#999933", "#332288"};
  return palette;
}

std::string actor_colour(std::size_t actor) { return actor_palette()[actor % actor_palette().size()]; }

std::vector<std::string> actor_labels(const Scenario& scenario) {
  std::map<std::string, int> count;
  for (const auto& a : scenario.actors) ++count[a.name.empty() ? a.id : a.name];
  std::vector<std::string> labels;
  for (const auto& a : scenario.actors) {
    const std::string name = a.name.empty() ? a.id : a.name;
    labels.push_back(count[name] > 1 ? fmt::format("{} ({})", name, a.id) : name);
  }
  return labels;
}

nlohmann::json actor_colour_scale(const Scenario& scenario) {
  nlohmann::json domain = nlohmann::json::array(), range = nlohmann::json::array();
  const auto labels = actor_labels(scenario);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    domain.push_back(labels[i]);
    range.push_back(actor_colour(i));
  }
  return {{"domain", domain}, {"range", range}};
}

nlohmann::json chart_config() {
  // No label limits: a label is wrapped or shown whole, never cut short with an ellipsis.
  return {
      {"font", "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Helvetica, Arial, sans-serif"},
      {"axis", {{"labelFontSize", 12}, {"titleFontSize", 13}, {"titleFontWeight", "normal"}, {"labelLimit", 0}}},
      {"legend", {{"labelFontSize", 12}, {"titleFontSize", 12}, {"labelLimit", 0}}},
      {"header", {{"labelFontSize", 13}, {"labelFontWeight", "bold"}, {"titleFontSize", 13}, {"labelLimit", 0}}},
      {"title", {{"fontSize", 14}, {"anchor", "start"}}},
      {"view", {{"stroke", "#ddd"}}},
  };
}

std::string possessive(const std::string& name) {
  return name + (!name.empty() && (name.back() == 's' || name.back() == 'S') ? "\u2019" : "\u2019s");
}

std::vector<std::string> wrap_words(const std::string& text, std::size_t max_chars) {
  // Characters, not bytes: UTF-8 continuation bytes do not count.
  auto length = [](const std::string& t) {
    std::size_t n = 0;
    for (const char c : t) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  };
  std::vector<std::string> lines;
  std::string line;
  for (std::size_t start = 0; start <= text.size();) {
    auto end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!word.empty()) {
      if (!line.empty() && length(line) + 1 + length(word) > max_chars) {
        lines.push_back(line);
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
    }
    start = end + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string constraint_label(const Scenario& scenario, const std::string& id) {
  const auto dot = id.find('.');
  if (dot != std::string::npos)
    if (const auto actor = find_actor(scenario, id.substr(0, dot))) {
      const auto name = actor_labels(scenario)[*actor];
      const auto rest = id.substr(dot + 1);
      if (rest == "reservation") return escape_html(possessive(name) + " reservation value");
      if (const auto issue = find_issue(scenario, rest))
        return escape_html(possessive(name) + " red line on " + scenario.issues[*issue].name);
    }
  return escape_html(id);
}

std::string describe_terms(const Scenario& scenario, const std::vector<std::pair<std::string, std::string>>& terms) {
  std::string out;
  for (const auto& issue : scenario.issues)
    for (const auto& [issue_id, value] : terms) {
      if (issue_id != issue.id) continue;
      std::string label = value;
      for (const auto& p : issue.points)
        if (p.id == value) label = p.label;
      for (const auto& o : issue.options)
        if (o.id == value) label = o.label;
      out += fmt::format("{}<b>{}</b>: {}", out.empty() ? "" : "; ", escape_html(issue.name), escape_html(label));
    }
  return out;
}

std::string veto_red_line_warning(const Scenario& scenario, std::size_t issue, const std::vector<std::size_t>& crossed) {
  const auto labels = actor_labels(scenario);
  std::vector<std::string> lines;
  for (const std::size_t a : crossed) {
    if (a >= scenario.actors.size() || !scenario.actors[a].veto) continue;
    const Stance* s = find_stance(scenario, a, issue);
    lines.push_back(fmt::format("{} red line, {}", escape_html(possessive(labels[a])),
                                s ? escape_html(red_line_text(scenario, *s)) : ""));
  }
  if (lines.empty()) return "";
  std::string text;
  for (std::size_t k = 0; k < lines.size(); ++k)
    text += (k == 0 ? "" : (k + 1 == lines.size() ? ", and " : ", ")) + lines[k];
  return fmt::format(" <span class=\"red-line\">(outside {}: {} rule{} it out)</span>", text,
                     lines.size() == 1 ? "a veto actor" : "veto actors", lines.size() == 1 ? "s" : "");
}

}  // namespace truce::report
