#pragma once
// The four-column table expected-utility papers print (Bueno de Mesquita 1994, Table 1 of
// Scholz, Calbert & Smith 2011):
//   Actor,Capability,Position,Salience        <- this exact header (case-insensitive)
//   Netherlands,0.08,4,0.8
// One issue, one stance per actor. These tables put positions on their own scale (years,
// 0..~10) and salience on 0..1 or 0..100. Mapping onto truce's 0..100 scale, stated in the
// Scenario's notes:
//   - positions: if every position lies in [0, 10] they are multiplied by 10; otherwise
//     they must lie in [0, 100] and are kept. The issue gets one named point per distinct
//     table position, labelled with the table's own value ("4 (table)"), so a forecast's
//     nearest named point reads back in the table's units.
//   - salience: if every salience lies in [0, 1] it is kept; otherwise they must lie in
//     [0, 100] and are divided by 100.
//   - capability: any number > 0, kept.

#include <string>
#include <string_view>

#include "truce/core/scenario.hpp"

namespace truce {

// True when the text's first line is the header above (so load_scenario_file can dispatch).
bool is_bdm_table_csv(std::string_view text);

// The factor positions were multiplied by (10 or 1), read back from the Scenario's notes;
// 1 when the scenario did not come from such a table.
double bdm_table_position_factor(const Scenario& scenario);

Scenario parse_bdm_table_csv(std::string_view text, const std::string& file_name);

}  // namespace truce
