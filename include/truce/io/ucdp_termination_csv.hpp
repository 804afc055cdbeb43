#pragma once
// The UCDP Conflict Termination Dataset, conflict level (data/ucdp/, CC BY 4.0): one row per
// conflict-year, comma-separated with a header row, read into episodes (history/
// conflict_termination.hpp). Columns are found by their header names (any order; others are
// ignored): conflictep_id, conflict_id, year, location, side_a, side_b, type_of_conflict2,
// confterm, ependdate, outcome, start_date2.
//
// What is checked, each problem with file:line:column, what was expected and what was found:
// every field a whole number where one is expected, in its range (type 1..4, confterm 0/1,
// outcome 1..6, day numbers 1..2958465, i.e. up to 9999-12-31); an end date and an outcome
// exactly in the row where the episode ends (confterm 1); an episode's rows together, in
// increasing years, with one conflict, one type and one start; no row of an episode after its
// end; an end on or after the start.
//
// An episode is the rows of one conflictep_id with one start_date2. The only case where an id
// holds two: v3-2021 gives ten episodes that start again in 2020 the id of the episode that
// ended before (27402, China-India, ended 1968; its 2020 row starts on 2020-08-30). Such a
// row starts a new episode when the earlier one has ended; a new start under an id whose
// episode has not ended is an error.

#include <string>
#include <string_view>

#include "truce/history/conflict_termination.hpp"

namespace truce {

// Throws InputError (every problem, located) for text that is not such a table.
history::TerminationData parse_ucdp_termination_csv(std::string_view text, const std::string& file_name);

// The file through read_input_file (size, UTF-8, control characters), then the above.
history::TerminationData load_ucdp_termination_csv(const std::string& path);

}  // namespace truce
