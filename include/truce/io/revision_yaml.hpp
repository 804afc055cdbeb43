#pragma once
// The parts every dated revision has (docs/timeline.md), read the same way wherever a
// revision stands: a stance's, an actor's or a dynamics quantity's.

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "truce/core/date.hpp"
#include "truce/core/scenario_elements.hpp"
#include "truce/io/yaml_reader.hpp"

namespace truce {

// Reads the list under a revision's 'evidence' into its vector (each loader checks the
// sources it cites in its own way).
using EvidenceListReader = std::function<void(const YAML::Node& list, std::vector<Evidence>& out)>;

// Reads `as_of` (a calendar day, not before the scenario's `start`), `event`, `note` and
// `evidence` (required: a changed value needs a source as much as the first one) from the
// revision `n`; problems are recorded in `in` with the node's line and column.
void read_revision_fields(YamlReader& in, const YAML::Node& n, const std::string& start, std::string& as_of,
                          std::string& event, std::vector<Evidence>& evidence, std::string& note,
                          const EvidenceListReader& read_evidence);

template <class Patch>
void read_revision_common(YamlReader& in, const YAML::Node& n, const std::string& start, Revision<Patch>& r,
                          const EvidenceListReader& read_evidence) {
  read_revision_fields(in, n, start, r.as_of, r.event, r.evidence, r.note, read_evidence);
}

// Date order, file order on a tie (a revision whose date is not a date stays where it is
// relative to the others: the loader has reported it).
template <class R>
std::vector<std::size_t> revision_date_order(const std::vector<R>& revisions) {
  std::vector<std::size_t> order(revisions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto da = parse_date(revisions[a].as_of), db = parse_date(revisions[b].as_of);
    return da && db && *da < *db;
  });
  return order;
}

template <class R>
void sort_revisions_by_date(std::vector<R>& revisions) {
  std::vector<R> sorted;
  for (const auto i : revision_date_order(revisions)) sorted.push_back(std::move(revisions[i]));
  revisions = std::move(sorted);
}

}  // namespace truce
