#pragma once
// Which actors' red lines a forecast term crosses: one definition for the forecast's result,
// `truce forecast`'s table and the report's summary, so a term a veto actor rules out is
// never shown as if it were open. A red line is the stance's acceptable range on a scale
// issue or its acceptable options on an options issue (Stance::has_red_line).

#include <cstddef>
#include <string>
#include <vector>

#include "truce/core/scenario.hpp"

namespace truce {

// How far outside a red line's range a position must lie to cross it: the same tolerance as
// the package space's red lines, so a forecast a rounding error past the bound (70 - 1e-12)
// is not called a crossing where the ZOPA counts the same point as inside.
inline constexpr double red_line_tolerance = 1e-9;

// One actor whose red line a term crosses.
struct RedLineCrossing {
  std::size_t actor = 0;  // index into Scenario::actors
  bool veto = false;      // the actor's consent is needed for any deal (Actor::veto)
};

// The actors whose red line on scale issue `issue` excludes `position`, in actor order.
std::vector<RedLineCrossing> red_lines_crossed_at(const Scenario& scenario, std::size_t issue, double position);
// The actors whose red line on options issue `issue` excludes option `option` (an index into
// Issue::options), in actor order.
std::vector<RedLineCrossing> red_lines_crossed_by(const Scenario& scenario, std::size_t issue, std::size_t option);

// The red line of a stance as plain text: "70..100" on a scale issue, the acceptable options'
// ids on an options issue ("none, armed-self-defence"); empty when the stance has none.
std::string red_line_text(const Scenario& scenario, const Stance& stance);

// One plain sentence per crossing, as the CLI's footnotes and the report say it:
// "1.5 is outside russia's red line (70..100), a veto actor". `term` is the forecast as the
// reader sees it ("1.5", "us-backed-guarantee").
std::string describe_red_line_crossing(const Scenario& scenario, std::size_t issue, const std::string& term,
                                       const RedLineCrossing& crossing);

}  // namespace truce
