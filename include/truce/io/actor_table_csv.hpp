#pragma once
// The classic actor table that KTAB and expected-utility users keep (KTAB's smpc CSV):
//   line 1: scenario name, description, number of actors, number of dimensions [, ...]
//   line 2: headers (Actor, Description, Capability, then Position, Salience per dimension)
//   then one line per actor: name, description, capability, position and salience per dimension
// Trailing commas are allowed. Positions are on 0..100. Salience is on 0..100 in these files
// and is divided by 100 (a note on the Scenario says so); an actor's saliences must sum to
// at most 100, as KTAB requires.

#include <string>
#include <string_view>

#include "truce/core/scenario.hpp"

namespace truce {

Scenario parse_actor_table_csv(std::string_view text, const std::string& file_name);

}  // namespace truce
