#include "truce/forecast/red_line_check.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace truce {

std::vector<RedLineCrossing> red_lines_crossed_at(const Scenario& scenario, std::size_t issue, double position) {
  std::vector<RedLineCrossing> out;
  for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
    const Stance* s = find_stance(scenario, a, issue);
    if (!s || !s->acceptable_range) continue;
    const AcceptableRange& r = *s->acceptable_range;
    // A NaN position (no forecast) crosses nothing: both comparisons are false.
    if (position < r.min - red_line_tolerance || position > r.max + red_line_tolerance)
      out.push_back({a, scenario.actors[a].veto});
  }
  return out;
}

std::vector<RedLineCrossing> red_lines_crossed_by(const Scenario& scenario, std::size_t issue, std::size_t option) {
  std::vector<RedLineCrossing> out;
  for (std::size_t a = 0; a < scenario.actors.size(); ++a) {
    const Stance* s = find_stance(scenario, a, issue);
    // An empty list is no red line (every option acceptable), as Stance documents.
    if (!s || s->acceptable_options.empty()) continue;
    if (std::find(s->acceptable_options.begin(), s->acceptable_options.end(), option) == s->acceptable_options.end())
      out.push_back({a, scenario.actors[a].veto});
  }
  return out;
}

std::string red_line_text(const Scenario& scenario, const Stance& stance) {
  if (stance.acceptable_range) return fmt::format("{:g}..{:g}", stance.acceptable_range->min, stance.acceptable_range->max);
  std::string text;
  const Issue& issue = scenario.issues[stance.issue];
  for (const std::size_t k : stance.acceptable_options)
    text += (text.empty() ? "" : ", ") + (k < issue.options.size() ? issue.options[k].id : std::to_string(k));
  return text;
}

std::string describe_red_line_crossing(const Scenario& scenario, std::size_t issue, const std::string& term,
                                       const RedLineCrossing& crossing) {
  const Stance* s = find_stance(scenario, crossing.actor, issue);
  const std::string& actor = scenario.actors[crossing.actor].id;
  return fmt::format("{} is outside {}'s red line ({}){}", term, actor, s ? red_line_text(scenario, *s) : "",
                     crossing.veto ? ", a veto actor" : "");
}

}  // namespace truce
