// Every quote in the reference scenario's dynamics section is verbatim in the article it
// cites (../shared/sources), and every number without a quote says why in a note.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "dynamics_scenarios.hpp"
#include "truce/io/scenario_file.hpp"
#include "../support/shared_data.hpp"

namespace truce {
namespace {

std::string squeeze(const std::string& text) {  // runs of whitespace to one space
  std::string out;
  bool space = false;
  for (char c : text) {
    const bool ws = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (ws && !space && !out.empty()) out += ' ';
    if (!ws) out += c;
    space = ws;
  }
  return out;
}

std::string article(const std::string& source) {
  static const std::map<std::string, std::string> files = {
      {"yomiuri-2025-03-14", "2025-03-14_yomiuri-editorial_us-ukraine-ceasefire-proposal.txt"},
      {"latham-2025-03", "2025-03_19fortyfive_latham-trump-gamble.txt"},
      {"higashino-2025-05-15", "2025-05-15_asia-times_interview-higashino.txt"},
      {"yomiuri-2025-08-17", "2025-08-17_yomiuri-editorial_alaska-summit.txt"},
      {"oped-2025-10", "2025-10_op-ed_anchorage-understandings-crossed-signals.txt"}};
  std::ifstream in(::truce::testing::shared_path("sources/") + files.at(source));
  std::stringstream ss;
  ss << in.rdbuf();
  return squeeze(ss.str());
}

void check_quotes(const dynamics::Quantity& q, const std::string& what, int& quotes) {
  for (const auto& e : q.evidence) {
    EXPECT_NE(article(e.source).find(squeeze(e.quote)), std::string::npos) << what << ": " << e.quote;
    ++quotes;
  }
  // Dated revisions (docs/timeline.md) need a quote each, checked the same way.
  for (const auto& r : q.revisions) {
    EXPECT_FALSE(r.evidence.empty()) << what << ": the revision of " << r.as_of << " without evidence";
    for (const auto& e : r.evidence) {
      EXPECT_NE(article(e.source).find(squeeze(e.quote)), std::string::npos) << what << " (" << r.as_of << "): " << e.quote;
      ++quotes;
    }
  }
}

void check(const dynamics::Quantity& q, const std::string& what, int& quotes) {
  EXPECT_TRUE(!q.evidence.empty() || !q.note.empty() || q.is_fixed()) << what << ": an uncertain number without a source or note";
  check_quotes(q, what, quotes);
}

TEST(ReferenceDynamics, EveryQuoteIsVerbatimInItsArticle) {
  TRUCE_NEEDS_SHARED("sources");
  const Scenario s = load_scenario_file(testing::reference_path());
  const auto& d = *s.dynamics;
  int quotes = 0;
  for (const auto& b : d.belligerents) {
    const std::string who = s.actors[b.actor].id;
    for (const auto* q : {&b.forces, &b.recruitment, &b.lethality, &b.equipment, &b.external_aid, &b.cost.casualties,
                          &b.cost.economy, &b.cost.sanctions, &b.discount, &b.optimism, &b.trend_belief, &b.breakdown_risk,
                          &b.breaking_point})
      check(*q, who, quotes);
  }
  check(d.territory.start, "territory start", quotes);
  check(d.territory.rate, "territory rate", quotes);
  check(d.territory.stalemate_ratio, "stalemate ratio", quotes);
  if (d.ceasefire_breakdown) check(d.ceasefire_breakdown->probability, "ceasefire breakdown", quotes);
  // The war's start (its age picks the historical base rate) is sourced too.
  ASSERT_TRUE(d.dates);
  EXPECT_FALSE(d.dates->evidence.empty());
  for (const auto& e : d.dates->evidence) {
    EXPECT_NE(article(e.source).find(squeeze(e.quote)), std::string::npos) << "war_started: " << e.quote;
    ++quotes;
  }
  for (const auto& p : d.third_parties)
    for (const auto& l : p.levers) {
      EXPECT_FALSE(l.evidence.empty() && l.note.empty()) << "a lever without a source or note";
      for (const auto& e : l.evidence) {
        EXPECT_NE(article(e.source).find(squeeze(e.quote)), std::string::npos) << e.quote;
        ++quotes;
      }
      // The lever's own evidence and note source its effect and probability; where those carry
      // evidence or revisions of their own, their quotes are checked too.
      check_quotes(l.effect, "a lever's effect", quotes);
      check_quotes(l.probability, "a lever's probability", quotes);
    }
  EXPECT_GE(quotes, 20);
}

}  // namespace
}  // namespace truce
