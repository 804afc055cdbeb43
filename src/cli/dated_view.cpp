#include "dated_view.hpp"

#include <fmt/format.h>

#include <iostream>

#include "truce/core/date.hpp"
#include "truce/core/scenario_as_of.hpp"
#include "truce/format/terminal_text.hpp"

namespace truce::cli {

DatedView& dated_view() {
  static DatedView view;
  return view;
}

void add_dated_view_options(CLI::App& command) {
  const CLI::Validator calendar_date{
      [](const std::string& text) -> std::string {
        return parse_date(text) ? "" : "expected a calendar date YYYY-MM-DD, found '" + text + "'";
      },
      "DATE", "calendar date"};
  command.add_option("--as-of", dated_view().as_of,
                     "See the scenario as it stood on this day (YYYY-MM-DD): its dated revisions up to then")
      ->check(calendar_date);
  command.add_option("--known-by", dated_view().known_by,
                     "Use only revisions with a source published by this day (YYYY-MM-DD): what an analyst could "
                     "have known then")
      ->check(calendar_date);
}

Scenario apply_dated_view(Scenario scenario) {
  const DatedView& view = dated_view();
  if (view.as_of.empty() && view.known_by.empty()) return scenario;
  const auto known_by = view.known_by.empty() ? std::nullopt : parse_date(view.known_by);
  ScenarioView seen = view.as_of.empty() ? scenario_known_by(scenario, *known_by)
                                         : scenario_as_of(scenario, *parse_date(view.as_of), known_by);
  for (const auto& k : seen.kept)
    std::cerr << printable_for_terminal(fmt::format(
                     "note: {} keeps its earlier value: the revision of {}{} ({}) is left out, as {}\n",
                     revision_subject(k.revision), k.revision.as_of,
                     k.revision.event.empty() ? "" : ", " + k.revision.event, k.revision.change, k.why));
  return std::move(seen.scenario);
}

}  // namespace truce::cli
