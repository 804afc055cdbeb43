// The reference scenario (scenarios/ukraine-ceasefire-2025.yaml): it validates, every stance
// carries evidence or is marked as an analyst's estimate, and every quote is verbatim from
// the article it cites
// (../shared/sources, matched by the source's date: file names start with "DATE_").
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "truce/io/scenario_file.hpp"
#include "../support/shared_data.hpp"

namespace truce {
namespace {

const std::string reference = std::string(TRUCE_SOURCE_DIR) + "/scenarios/ukraine-ceasefire-2025.yaml";

// Articles wrap lines and quotes do not: compare with runs of whitespace made one space.
std::string collapse_whitespace(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

std::map<std::string, std::string> articles_by_source(const Scenario& s) {
  std::map<std::string, std::string> text;
  const std::filesystem::path dir = ::truce::testing::shared_path("sources");
  for (const auto& source : s.sources)
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().filename().string().rfind(source.date + "_", 0) == 0) {
        std::ifstream in(entry.path());
        std::stringstream ss;
        ss << in.rdbuf();
        text[source.id] = collapse_whitespace(ss.str());
      }
  return text;
}

TEST(ReferenceScenario, ValidatesWithTheActorsAndIssuesTheArticlesArgueAbout) {
  const Scenario s = load_scenario_file(reference);
  for (const char* actor : {"russia", "ukraine", "united-states", "european-states"}) EXPECT_TRUE(find_actor(s, actor).has_value()) << actor;
  for (const char* issue : {"territory", "nato", "eu-accession", "security-guarantees", "armed-forces",
                            "sanctions", "us-aid", "humanitarian", "sequencing", "ceasefire-timing"})
    EXPECT_TRUE(find_issue(s, issue).has_value()) << issue;
  EXPECT_TRUE(s.actors[*find_actor(s, "russia")].veto);
  EXPECT_TRUE(s.actors[*find_actor(s, "ukraine")].veto);
  EXPECT_EQ(s.sources.size(), 5u);
}

TEST(ReferenceScenario, EveryStanceCarriesEvidenceQuotedVerbatimOrIsMarkedAnEstimate) {
  TRUCE_NEEDS_SHARED("sources");
  const Scenario s = load_scenario_file(reference);
  const auto articles = articles_by_source(s);
  ASSERT_EQ(articles.size(), s.sources.size()) << "every source must match one article by date";
  std::size_t quotes = 0, revision_quotes = 0, estimates = 0;
  for (const auto& stance : s.stances) {
    // A stance cites what supports its numbers, or cites nothing and its note says the
    // numbers are an analyst's estimate (a general sentence is not cited to fill the gap).
    if (stance.evidence.empty()) {
      ++estimates;
      EXPECT_NE(stance.note.find("Analyst's estimate"), std::string::npos)
          << s.actors[stance.actor].id << " on " << s.issues[stance.issue].id << ": " << stance.note;
    }
    for (const auto& e : stance.evidence) {
      ++quotes;
      EXPECT_NE(articles.at(e.source).find(collapse_whitespace(e.quote)), std::string::npos)
          << e.source << ": \"" << e.quote << "\"";
    }
    // A dated revision is sourced the same way (docs/timeline.md).
    for (const auto& r : stance.revisions) {
      EXPECT_FALSE(r.evidence.empty()) << s.actors[stance.actor].id << " on " << s.issues[stance.issue].id << " from " << r.as_of;
      for (const auto& e : r.evidence) {
        ++revision_quotes;
        EXPECT_NE(articles.at(e.source).find(collapse_whitespace(e.quote)), std::string::npos)
            << e.source << ": \"" << e.quote << "\"";
      }
    }
  }
  for (const auto& actor : s.actors)
    for (const auto& r : actor.revisions)
      for (const auto& e : r.evidence) {
        ++revision_quotes;
        EXPECT_NE(articles.at(e.source).find(collapse_whitespace(e.quote)), std::string::npos) << e.quote;
      }
  EXPECT_EQ(revision_quotes, 6u);  // the five revisions of 2025; the aid resumption cites two articles
  EXPECT_EQ(quotes, 65u);    // on the 34 stances that cite evidence
  EXPECT_EQ(estimates, 8u);  // the stances no article speaks to (docs/reference-scenario.md)
  // The named pressures (truce policies) and the war model's levers quote their articles too.
  std::size_t policy_quotes = 0;
  for (const auto& p : s.policies)
    for (const auto& e : p.evidence) {
      ++policy_quotes;
      EXPECT_NE(articles.at(e.source).find(collapse_whitespace(e.quote)), std::string::npos) << p.id << ": " << e.quote;
    }
  EXPECT_EQ(policy_quotes, s.policies.size());
  ASSERT_TRUE(s.dynamics.has_value());
  std::size_t lever_quotes = 0;
  for (const auto& party : s.dynamics->third_parties)
    for (const auto& lever : party.levers)
      for (const auto& e : lever.evidence) {
        ++lever_quotes;
        EXPECT_NE(articles.at(e.source).find(collapse_whitespace(e.quote)), std::string::npos) << e.quote;
      }
  EXPECT_GE(lever_quotes, 7u);
}

}  // namespace
}  // namespace truce
