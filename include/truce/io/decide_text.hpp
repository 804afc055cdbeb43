#pragma once
// The input format of the Decide implementation of Stokman's exchange model
// (foarsitter/decide-exchange-model; ../shared/data/decide_exchange/SOURCE.md rule 1):
// delimited rows (tab, ';' or ','; fields optionally in single or double quotes), the first
// field the row's kind:
//   #A  actor-id  [name]  [comment]
//   #P  issue-id  [name]  [description]
//   #M  issue-id  value  [label]               a point of the scale
//   #D  actor-id  issue-id  position  salience  power
// Blank lines are skipped. An issue's scale runs from its smallest to its largest #M value
// (0..100 without #M rows); positions are mapped onto 0..100 by (x - lower) * 100 / (upper -
// lower), as Decide does, and each #M point becomes a named point labelled with its value.
// Salience on 0..1 is kept; if some salience exceeds 1 (all within 0..100) all are divided
// by 100 and a note says so. Power is per actor and issue: when an actor's power is the
// same on all its issues it is the actor's capability, otherwise each stance carries its own.
// Every problem is reported with file, line and column; nothing is half-loaded.

#include <string>
#include <string_view>

#include "truce/core/scenario.hpp"

namespace truce {

// True when the first non-blank row's first field is #A, #P, #M or #D (so
// load_scenario_file can recognise the format whatever the file's extension).
bool is_decide_text(std::string_view text);

Scenario parse_decide_text(std::string_view text, const std::string& file_name);

// The scale (lower, upper) a Decide file gave an issue, where not 0..100: source_scale()
// (truce/core/source_scale.hpp) reads it back from the Scenario's notes.

}  // namespace truce
