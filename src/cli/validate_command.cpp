// `truce validate FILE...`: check scenarios, print every problem, exit 0 only if all are valid.

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <utility>

#include "commands.hpp"
#include "exit_status.hpp"
#include "truce/io/input_text.hpp"
#include "truce/io/yaml_reader.hpp"
#include "truce/levers/policies.hpp"
#include "truce/negotiate/negotiate_analysis.hpp"

namespace truce::cli {

namespace {

// A stance with no evidence rests on the analyst's judgement alone. That is allowed (the
// articles do not give every number), but the note must say so: a stance with no evidence
// whose note does not call its numbers an estimate, or that has no note at all, is a
// number nobody has sourced or owned up to. Only the scenario format (YAML/JSON) can carry
// evidence; the tables (KTAB, BDM, DEU) cannot, so they are not asked for it.
struct UnsourcedStance {
  std::string actor, issue;
  bool has_note = false;      // a note, but one that does not say "estimate"
  bool marked_estimate = false;  // the note says the numbers are an estimate: no warning
};

bool says_estimate(const std::string& note) {
  std::string lower = note;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("estimate") != std::string::npos;
}

std::vector<UnsourcedStance> unsourced_stances(const Scenario& scenario) {
  std::vector<UnsourcedStance> out;
  for (const auto& st : scenario.stances)
    if (st.evidence.empty())
      out.push_back({scenario.actors[st.actor].id, scenario.issues[st.issue].id, !st.note.empty(), says_estimate(st.note)});
  return out;
}

// The line of each stance in the file, by (actor, issue). The scenario's JSON form parses as
// YAML too. The loader has read the file already; should reading it again fail, the warnings
// just lose their line numbers.
std::map<std::pair<std::string, std::string>, int> stance_lines(const std::string& path) {
  std::map<std::pair<std::string, std::string>, int> out;
  try {
    const auto root = parse_yaml_document(read_input_file(path), path);
    const auto stances = YamlReader::get(root, "stances");
    if (!stances.IsSequence()) return out;
    for (const auto& n : stances) {
      const auto actor = YamlReader::get(n, "actor");
      const auto issue = YamlReader::get(n, "issue");
      if (actor.IsScalar() && issue.IsScalar() && n.Mark().line >= 0)
        out.emplace(std::make_pair(actor.Scalar(), issue.Scalar()), n.Mark().line + 1);
    }
  } catch (const std::exception&) {
  }
  return out;
}

// One warning line per stance that is neither sourced nor marked as an estimate (the first
// max_listed; then a count), and one note listing the stances marked as estimates, so a
// reader sees which numbers rest on judgement alone.
void report_unsourced(const std::string& path, const std::vector<UnsourcedStance>& unsourced) {
  constexpr std::size_t max_listed = 10;
  const auto lines = stance_lines(path);
  std::size_t warned = 0;
  for (const auto& u : unsourced) {
    if (u.marked_estimate) continue;
    if (++warned > max_listed) continue;
    const auto at = lines.find({u.actor, u.issue});
    const auto where = at == lines.end() ? path : fmt::format("{}:{}", path, at->second);
    if (u.has_note)
      std::cout << fmt::format("{}: warning: stance {} on {} has no evidence; its note should say it is an analyst's "
                               "estimate (or cite a source)\n",
                               where, u.actor, u.issue);
    else
      std::cout << fmt::format("{}: warning: stance {} on {} has no evidence and no note (cite a source, or say in a "
                               "note that the numbers are an analyst's estimate)\n",
                               where, u.actor, u.issue);
  }
  if (warned > max_listed)
    std::cout << fmt::format("{}: warning: {} more stances with no evidence and no note marking an estimate\n", path,
                             warned - max_listed);
  std::string estimates;
  std::size_t count = 0;
  for (const auto& u : unsourced)
    if (u.marked_estimate) {
      if (++count <= max_listed) estimates += fmt::format("{}{} on {}", count > 1 ? ", " : "", u.actor, u.issue);
    }
  if (count > max_listed) estimates += fmt::format(" and {} more", count - max_listed);
  if (count)
    std::cout << fmt::format("{}: note: {} stance{} with no evidence, marked in {} note as an analyst's estimate: {}\n",
                             path, count, count == 1 ? "" : "s", count == 1 ? "its" : "their", estimates);
}

bool carries_evidence(const std::string& path) {
  auto extension = std::filesystem::path(path).extension().string();
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

}  // namespace

void add_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files and print every problem found");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("FILE", *files, "Scenario file(s): .yaml/.yml/.json, or a KTAB actor-table .csv")->required();
  cmd->callback([files] {
    for (const auto& path : *files) {
      const auto scenario = load_scenario_or_report(path);
      if (!scenario) continue;  // reported, and the exit code set; check the other files too
      // Policies name the parameter registry's numbers, which the loader does not know.
      // So does the negotiation section's agents, parties and mediator (the negotiate module).
      auto problems = levers::policy_problems(*scenario);
      for (auto& p : negotiate::negotiation_problems(*scenario)) problems.push_back(std::move(p));
      if (!problems.empty()) {
        for (const auto& p : problems) std::cerr << fmt::format("{}: error: {}\n", path, p);
        exit_code() = exit_invalid_input;
        continue;
      }
      std::cout << fmt::format("{}: valid: {} actors, {} issues, {} stances, {} sources\n", path,
                               scenario->actors.size(), scenario->issues.size(), scenario->stances.size(),
                               scenario->sources.size());
      for (const auto& note : scenario->notes) std::cout << fmt::format("{}: note: {}\n", path, note);
      // A warning, not an error: the scenario is valid, its numbers are not yet accounted for.
      if (carries_evidence(path)) report_unsourced(path, unsourced_stances(*scenario));
    }
  });
}

}  // namespace truce::cli
