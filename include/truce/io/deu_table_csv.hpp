#pragma once
// The DEU issue table (Decision-making in the European Union: EU legislative decisions with
// expert-coded positions, saliences and known outcomes; docs/backtest.md): one row per
// issue, `p<actor>` position and `s<actor>` salience on 0..100, `rp` the reference point,
// `out` the outcome, metadata columns; comma- or semicolon-separated. Each row becomes one
// scale issue of a Scenario, with its outcome, status quo and proposal, so every analysis
// (forecast, backtest) reads it like any other scenario.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/scenario.hpp"

namespace truce {

// Voting weights by the regime in force in a year: `regime,years,actor,capability`, years
// "up to 2004", "2005-2014" or "from 2015".
struct CapabilityRegime {
  std::string name;
  int first_year = -1000000;  // inclusive
  int last_year = 1000000;    // inclusive
  std::map<std::string, double> capability;  // by actor id
};

struct CapabilityTable {
  std::vector<CapabilityRegime> regimes;  // file order
  // The regime in force in `year`, or nullptr.
  const CapabilityRegime* regime_in(int year) const;
};

CapabilityTable parse_capability_table_csv(std::string_view text, const std::string& file_name);

// The EU Council's voting weights (pre-Nice, Nice, Lisbon population), shipped with truce
// (data/deu/council_capabilities.csv, compiled in): the DEU literature's convention.
const CapabilityTable& eu_council_capabilities();

// True when the first line is a DEU header: `out` and at least one `p<actor>`/`s<actor>` pair.
bool is_deu_table_csv(std::string_view text);

// Capabilities: a `c<actor>` column where the table has one; else, by `capabilities`, the
// Council weight of the regime in force in the year of the final act (`finact`, dd-mm-yy;
// no final act: the regime of the latest final act in the file, since such issues were
// decided after the data were coded), and for the Commission (`com`) and the Parliament
// (`ep`) the largest member-state weight on the issue. Throws InputError (file, line,
// column, what was expected) for a bad row; nothing is half-loaded.
Scenario parse_deu_table_csv(std::string_view text, const std::string& file_name,
                             const CapabilityTable& capabilities = eu_council_capabilities());

}  // namespace truce
