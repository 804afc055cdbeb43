#pragma once
// Reference data compiled into truce, so that an analysis reads no file and every shell (the
// CLI run from any directory, the report, `runs rerun`) gets the same numbers from it.
//
// The UCDP Conflict Termination table is generated at build time from
// data/ucdp/ucdp-term-acd-3-2021.csv by tools/embed_ucdp.cpp, which reads it with the io
// loader (ucdp_termination_csv.hpp): a CSV that does not load fails the build with its
// file:line:column. The registry passes it to `simulate`, which shows the historical base
// rate beside its curve (docs/history.md).

#include "truce/history/conflict_termination.hpp"

namespace truce {

// Every episode of the UCDP Conflict Termination Dataset v3-2021 (conflict level), as the
// loader reads the file; `source` is the file's path in the repository.
const history::TerminationData& ucdp_conflict_termination();

}  // namespace truce
