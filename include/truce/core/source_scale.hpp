#pragma once
// An issue's scale in the file it came from, where a loader mapped it onto 0..100 (the Decide
// format's #M rows, io/decide_text), kept as a Scenario note so it survives the canonical
// JSON and a rerun. The loader writes the note, a model that needs the file's own numbers
// (the exchange model's decide semantics) reads it back; both through here, as neither may
// include the other (cmake/layers.cmake).

#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "truce/core/scenario.hpp"

namespace truce {

inline const std::string source_scale_note_start = "issue ";
inline const std::string source_scale_note_middle = ": positions mapped from ";
inline const std::string source_scale_note_end = " onto 0..100";

// "issue ID: positions mapped from LOWER..UPPER onto 0..100"; the bounds as given (shortest text).
inline std::string source_scale_note(const std::string& issue_id, const std::string& lower, const std::string& upper) {
  return source_scale_note_start + issue_id + source_scale_note_middle + lower + ".." + upper + source_scale_note_end;
}

// (lower, upper) from the Scenario's notes for this issue, or nullopt (0..100 as given).
inline std::optional<std::pair<double, double>> source_scale(const Scenario& scenario, std::size_t issue) {
  if (issue >= scenario.issues.size()) return std::nullopt;
  const std::string head = source_scale_note_start + scenario.issues[issue].id + source_scale_note_middle;
  auto number = [](const std::string& text) -> std::optional<double> {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return std::nullopt;
    return v;
  };
  for (const auto& note : scenario.notes) {
    if (note.rfind(head, 0) != 0 || note.size() < head.size() + source_scale_note_end.size()) continue;
    if (note.compare(note.size() - source_scale_note_end.size(), source_scale_note_end.size(), source_scale_note_end))
      continue;
    const std::string range = note.substr(head.size(), note.size() - head.size() - source_scale_note_end.size());
    const auto dots = range.find("..");
    if (dots == std::string::npos) continue;
    const auto lo = number(range.substr(0, dots)), hi = number(range.substr(dots + 2));
    if (lo && hi && *hi > *lo) return std::make_pair(*lo, *hi);
  }
  return std::nullopt;
}

}  // namespace truce
