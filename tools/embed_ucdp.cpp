// Build-time generator: reads the UCDP Conflict Termination CSV with truce's own loader and
// writes a C++ source holding the parsed episodes, compiled into truce_analysis as
// truce::ucdp_conflict_termination() (include/truce/analysis/reference_data.hpp). So the
// binary carries the data wherever it runs, and a CSV that does not load stops the build with
// the loader's located messages.
//
//   truce_embed_ucdp CSV SOURCE_NAME OUTPUT.cpp
// SOURCE_NAME is the path recorded as the table's source (the file's path in the repository).

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "truce/core/diagnostic.hpp"
#include "truce/io/ucdp_termination_csv.hpp"

namespace {

// A C++ string literal: printable ASCII as it is, every other byte as a three-digit octal
// escape (which, unlike \x, never runs into the next character).
std::string literal(const std::string& s) {
  std::string out = "\"";
  for (const unsigned char c : s) {
    if (c == '"' || c == '\\') out += fmt::format("\\{}", static_cast<char>(c));
    else if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
    else out += fmt::format("\\{:03o}", c);
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: truce_embed_ucdp CSV SOURCE_NAME OUTPUT.cpp\n";
    return 2;
  }
  truce::history::TerminationData data;
  try {
    data = truce::load_ucdp_termination_csv(argv[1]);
  } catch (const truce::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << truce::format_diagnostic(d) << '\n';
    return 1;
  }
  std::string out = fmt::format(
      "// Generated at build time by tools/embed_ucdp.cpp from {}: do not edit.\n"
      "#include \"truce/analysis/reference_data.hpp\"\n\n#include <utility>\n\n"
      "namespace truce {{\n\nnamespace {{\n\n"
      "struct Row {{\n"
      "  long long episode, conflict;\n"
      "  int type;\n"
      "  const char *location, *side_a, *side_b;\n"
      "  int first_year, last_year;\n"
      "  history::Day start, end;  // end < 0: ongoing\n"
      "  int ending;\n"
      "}};\n\n"
      "const Row rows[] = {{\n",
      argv[2]);
  for (const auto& e : data.episodes)
    out += fmt::format("    {{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}}},\n", e.episode_id, e.conflict_id,
                       static_cast<int>(e.type), literal(e.location), literal(e.side_a), literal(e.side_b), e.first_year,
                       e.last_year, e.start, e.end ? *e.end : -1, static_cast<int>(e.ending));
  out += fmt::format(
      "}};\n\n}}  // namespace\n\n"
      "const history::TerminationData& ucdp_conflict_termination() {{\n"
      "  static const history::TerminationData data = [] {{\n"
      "    history::TerminationData d;\n"
      "    d.source = {};\n"
      "    d.observed_until = {};\n"
      "    for (const Row& r : rows) {{\n"
      "      history::ConflictEpisode e;\n"
      "      e.episode_id = r.episode;\n"
      "      e.conflict_id = r.conflict;\n"
      "      e.type = static_cast<history::ConflictType>(r.type);\n"
      "      e.location = r.location;\n"
      "      e.side_a = r.side_a;\n"
      "      e.side_b = r.side_b;\n"
      "      e.first_year = r.first_year;\n"
      "      e.last_year = r.last_year;\n"
      "      e.start = r.start;\n"
      "      if (r.end >= 0) e.end = r.end;\n"
      "      e.ending = static_cast<history::Ending>(r.ending);\n"
      "      d.episodes.push_back(std::move(e));\n"
      "    }}\n"
      "    return d;\n"
      "  }}();\n"
      "  return data;\n"
      "}}\n\n}}  // namespace truce\n",
      literal(argv[2]), data.observed_until);
  // Written through a temporary name, so an interrupted build leaves no half a source behind.
  const std::string target = argv[3], temporary = target + ".tmp";
  {
    std::ofstream f(temporary, std::ios::binary);
    f << out;
    if (!f) {
      std::cerr << "truce_embed_ucdp: cannot write " << temporary << '\n';
      return 1;
    }
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    std::cerr << "truce_embed_ucdp: cannot rename " << temporary << " to " << target << '\n';
    return 1;
  }
  return 0;
}
