// Base rates from the UCDP Conflict Termination data (data/ucdp/). The test recounts them from
// the CSV on its own (a plain line split, std::chrono for the calendar, rows counted directly)
// and checks that the code under test, on the loaded file and on the table compiled into the
// binary, gives the same counts; and it pins the counts for the reference war (43 months on
// 2025-10-15), which docs/history.md quotes.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "truce/analysis/reference_data.hpp"
#include "truce/history/conflict_termination.hpp"
#include "truce/io/ucdp_termination_csv.hpp"

namespace truce::history {
namespace {

const std::string csv_path = std::string(TRUCE_SOURCE_DIR) + "/data/ucdp/ucdp-term-acd-3-2021.csv";

const TerminationData& loaded() {
  static const TerminationData d = load_ucdp_termination_csv(csv_path);
  return d;
}

// ------------------------------------------------------- the independent count, from the file

namespace ch = std::chrono;

// Fields of one CSV line: commas outside double quotes split; quotes are dropped.
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

// The spreadsheet's day number as a calendar date: day 0 is 1899-12-30.
ch::year_month_day date_of(long serial) {
  return ch::year_month_day(ch::sys_days(ch::year(1899) / 12 / 30) + ch::days(serial));
}

// `months` months later, on the same day or the month's last day.
ch::sys_days months_later(ch::year_month_day d, int months) {
  ch::year_month_day moved = d + ch::months(months);
  if (!moved.ok()) moved = moved.year() / moved.month() / ch::last;
  return ch::sys_days(moved);
}

struct Count {
  int at_risk = 0, censored = 0, peace = 0, ceasefire = 0, victory = 0, other = 0;
};

// Interstate episodes (type_of_conflict2 = 2), an episode being the rows with one
// conflictep_id and one start_date2; the last row says whether and how it ended. Data end on
// 2020-12-31 (the last year of the file).
Count recount(int lasted, int within) {
  std::ifstream in(csv_path);
  std::string line;
  std::getline(in, line);
  const auto header = split(line);
  std::map<std::string, std::size_t> col;
  for (std::size_t k = 0; k < header.size(); ++k) col[header[k]] = k;
  struct Episode {
    long start = 0;
    std::string end, outcome;
  };
  std::map<std::pair<std::string, std::string>, Episode> episodes;
  while (std::getline(in, line)) {
    const auto f = split(line);
    if (f[col["type_of_conflict2"]] != "2") continue;
    auto& e = episodes[{f[col["conflictep_id"]], f[col["start_date2"]]}];
    e.start = std::stol(f[col["start_date2"]]);
    if (f[col["confterm"]] == "1") e.end = f[col["ependdate"]], e.outcome = f[col["outcome"]];
  }
  EXPECT_EQ(episodes.size(), 72u);
  const ch::sys_days data_end = ch::sys_days(ch::year(2020) / 12 / 31);
  Count c;
  for (const auto& [key, e] : episodes) {
    const auto start = date_of(e.start);
    const ch::sys_days risk_from = months_later(start, lasted), window_end = months_later(start, lasted + within);
    const bool ended = !e.end.empty();
    const ch::sys_days seen_until = ended ? ch::sys_days(date_of(std::stol(e.end))) : data_end;
    if (seen_until <= risk_from) continue;  // ended by then, or not seen that long
    ++c.at_risk;
    if (!ended) {
      if (data_end < window_end) ++c.censored;
      continue;
    }
    if (seen_until > window_end) continue;
    if (e.outcome == "1") ++c.peace;
    else if (e.outcome == "2") ++c.ceasefire;
    else if (e.outcome == "3" || e.outcome == "4") ++c.victory;
    else ++c.other;
  }
  return c;
}

void expect_same(const BaseRate& r, const Count& c) {
  EXPECT_EQ(r.at_risk, static_cast<std::size_t>(c.at_risk));
  EXPECT_EQ(r.censored, static_cast<std::size_t>(c.censored));
  EXPECT_EQ(r.ended.peace_agreement, static_cast<std::size_t>(c.peace));
  EXPECT_EQ(r.ended.ceasefire_agreement, static_cast<std::size_t>(c.ceasefire));
  EXPECT_EQ(r.ended.victory, static_cast<std::size_t>(c.victory));
  EXPECT_EQ(r.ended.low_activity_or_other, static_cast<std::size_t>(c.other));
}

// ---------------------------------------------------------------------------------- tests

TEST(HistoryDates, CountDaysAsUcdpsSpreadsheetDatesAndMonthsAsTheCalendar) {
  EXPECT_EQ(iso_date(16929), "1946-05-07");  // UCDP's own example (data/ucdp/SOURCE.md)
  EXPECT_EQ(day_of(1946, 5, 7), 16929);
  EXPECT_EQ(day_of(1899, 12, 30), 0);
  EXPECT_EQ(parse_iso_date("2024-02-29"), day_of(2024, 2, 29));
  EXPECT_EQ(parse_iso_date("2025-02-29"), std::nullopt);
  EXPECT_EQ(parse_iso_date("2025-2-28"), std::nullopt);
  EXPECT_EQ(iso_date(add_months(*day_of(2022, 1, 31), 1)), "2022-02-28");
  EXPECT_EQ(iso_date(add_months(*day_of(2022, 2, 24), 43)), "2025-09-24");
  // The reference war on its reference date: 43 whole months (44 would be 2025-10-24).
  EXPECT_EQ(whole_months(*day_of(2022, 2, 24), *day_of(2025, 10, 15)), 43);
  EXPECT_EQ(whole_months(*day_of(2022, 2, 24), *day_of(2025, 10, 24)), 44);
  EXPECT_EQ(whole_months(*day_of(2022, 2, 24), *day_of(2022, 3, 23)), 0);
  for (int serial : {1, 16929, 44196, 2958465}) EXPECT_EQ(parse_iso_date(iso_date(serial)), serial);
}

TEST(HistoryData, TheFileHas581EpisodesOf72Interstate) {
  const auto& d = loaded();
  EXPECT_EQ(d.episodes.size(), 581u);
  EXPECT_EQ(iso_date(d.observed_until), "2020-12-31");
  const auto interstate = interstate_reference_class(d);
  ASSERT_EQ(interstate.episodes.size(), 72u);
  // data/ucdp/SOURCE.md: of the episodes that ended, 14 by peace agreement, 15 by ceasefire
  // agreement, 10 and 11 by victory of side A and B, 19 by low activity; 3 go on.
  std::map<Ending, int> by;
  for (const auto& e : interstate.episodes) ++by[e.ending];
  EXPECT_EQ(by[Ending::peace_agreement], 14);
  EXPECT_EQ(by[Ending::ceasefire_agreement], 15);
  EXPECT_EQ(by[Ending::victory_side_a], 10);
  EXPECT_EQ(by[Ending::victory_side_b], 11);
  EXPECT_EQ(by[Ending::low_activity], 19);
  EXPECT_EQ(by[Ending::ongoing], 3);
  // The id UCDP reused in 2020 is two episodes: China-India 1967-68, ended, and one from 2020.
  int china_india = 0;
  for (const auto& e : interstate.episodes)
    if (e.episode_id == 27402) {
      ++china_india;
      EXPECT_EQ(e.end.has_value(), e.first_year == 1967);
    }
  EXPECT_EQ(china_india, 2);
}

TEST(HistoryBaseRates, EqualAnIndependentCountFromTheFile) {
  const auto reference = interstate_reference_class(loaded());
  const auto compiled = interstate_reference_class(ucdp_conflict_termination());
  // (43, 12): the reference war; (12, 12) and (0, 12): larger samples, (0, 12) with an
  // episode censored in the window (China-India, from 2020-08-30).
  for (const auto [lasted, within] : {std::pair{43, 12}, std::pair{12, 12}, std::pair{0, 12}, std::pair{43, 36}}) {
    SCOPED_TRACE(testing::Message() << "D = " << lasted << ", M = " << within);
    const Count c = recount(lasted, within);
    expect_same(termination_base_rate(reference, lasted, within), c);
    expect_same(termination_base_rate(compiled, lasted, within), c);
  }
}

TEST(HistoryBaseRates, OfTheFiveInterstateWarsThatLasted43MonthsOneEndedWithin12More) {
  const auto reference = interstate_reference_class(ucdp_conflict_termination());
  const BaseRate r = termination_base_rate(reference, 43, 12);
  EXPECT_EQ(r.at_risk, 5u);  // India-Pakistan 1996 and 2013, Korea, Vietnam, Iran-Iraq
  EXPECT_EQ(r.censored, 0u);
  EXPECT_EQ(r.ended.total(), 1u);  // Korea: ceasefire agreement after 49 months
  EXPECT_EQ(r.ended.ceasefire_agreement, 1u);
  EXPECT_DOUBLE_EQ(r.share_ended(), 0.2);
  EXPECT_DOUBLE_EQ(r.share_by_agreement(), 0.2);
  const BaseRate wide = termination_base_rate(reference, 12, 12);  // 16 at risk, 6 ended
  EXPECT_EQ(wide.at_risk, 16u);
  EXPECT_EQ(wide.ended.total(), 6u);
  EXPECT_EQ(wide.ended.ceasefire_agreement, 2u);
  EXPECT_EQ(wide.ended.low_activity_or_other, 4u);
  const BaseRate first = termination_base_rate(reference, 0, 12);
  EXPECT_EQ(first.at_risk, 61u);  // the other 11 are coded as ending on the day they started
  EXPECT_EQ(first.censored, 1u);
  EXPECT_EQ(first.known(), 60u);
  EXPECT_EQ(first.ended.total(), 44u);

  const auto curve = termination_curve(reference, "x", 43, 36);
  ASSERT_EQ(curve.within.size(), 37u);
  ASSERT_EQ(curve.at_risk.size(), 5u);
  EXPECT_EQ(curve.at_risk[2].location, "North Korea, South Korea");
  EXPECT_EQ(curve.at_risk[2].months, 49);
  EXPECT_EQ(curve.at_risk[2].ending, Ending::ceasefire_agreement);
  EXPECT_EQ(curve.within[6].ended.total(), 0u);  // Korea ended 6.9 months after its 43rd
  EXPECT_EQ(curve.within[7].ended.total(), 1u);
}

TEST(HistoryData, TheCompiledTableIsTheFileAsTheLoaderReadsIt) {
  const auto& compiled = ucdp_conflict_termination();
  EXPECT_EQ(compiled.source, "data/ucdp/ucdp-term-acd-3-2021.csv");
  EXPECT_EQ(compiled.observed_until, loaded().observed_until);
  EXPECT_EQ(compiled.episodes, loaded().episodes);
}

}  // namespace
}  // namespace truce::history
