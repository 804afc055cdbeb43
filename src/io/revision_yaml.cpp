#include "truce/io/revision_yaml.hpp"

#include <fmt/format.h>

namespace truce {

void read_revision_fields(YamlReader& in, const YAML::Node& n, const std::string& start, std::string& as_of,
                          std::string& event, std::vector<Evidence>& evidence, std::string& note,
                          const EvidenceListReader& read_evidence) {
  as_of = in.string(n, "as_of").value_or("");
  const YAML::Node date = YamlReader::get(n, "as_of");
  if (date.IsScalar()) {
    const auto day = parse_date(as_of);
    if (!day)
      in.fail(date, fmt::format("expected 'as_of' to be a calendar date YYYY-MM-DD, found '{}'", as_of));
    else if (start.empty())
      in.fail(date, "expected the scenario's 'start' date (from when the undated values hold) before a dated "
                    "revision, found none");
    else if (const auto first = parse_date(start); first && *day < *first)
      in.fail(date, fmt::format("expected a revision dated on or after the scenario's start {}, found {}", start, as_of));
  }
  event = in.string(n, "event").value_or("");
  note = in.string(n, "note").value_or("");
  const YAML::Node list = YamlReader::get(n, "evidence");
  if (list.IsDefined()) read_evidence(list, evidence);
  if (!list.IsDefined() || (list.IsSequence() && list.size() == 0))
    in.fail(n, "expected 'evidence' (a source and a verbatim quote) on a revision, found none");
}

}  // namespace truce
