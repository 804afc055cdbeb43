#pragma once
// How armed conflicts ended, from history: the episodes of the UCDP Conflict Termination
// Dataset (Kreutz 2010) and the base rates they give for a war that has lasted D months, the
// share of such wars that ended within the next M months, by how they ended. A forecast of
// war termination has no backtest to show; the base rate is what `truce simulate` shows
// beside its curve instead, so a reader sees whether the model is out of line with history.
//
// Pure functions of a parsed table. The table is read by the loader in src/io
// (ucdp_termination_csv.hpp) and compiled into the binary at build time
// (analysis/reference_data.hpp); nothing here reads a file. docs/history.md says exactly
// which rows count and how ongoing episodes are treated.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace truce::history {

// ---------------------------------------------------------------------------------- dates

// A day as UCDP's files count them: days since 1899-12-30 (a spreadsheet serial date:
// 16929 is 1946-05-07, 1 is 1899-12-31).
using Day = std::int32_t;

struct CivilDate {
  int year = 0;
  unsigned month = 0, day = 0;
  auto operator<=>(const CivilDate&) const = default;
};

CivilDate civil_date(Day day);
// The day of a date; nullopt when the date does not exist (2025-02-29) or lies outside
// years 1..9999.
std::optional<Day> day_of(int year, unsigned month, unsigned day);
// "YYYY-MM-DD" (exactly), or nullopt.
std::optional<Day> parse_iso_date(std::string_view text);
std::string iso_date(Day day);
// `months` calendar months after `day`, on the same day of the month or the month's last day
// (2022-01-31 + 1 month = 2022-02-28).
Day add_months(Day day, int months);
// Whole calendar months from `from` to `to`: the largest m >= 0 with add_months(from, m) <= to
// (0 when `to` is before `from` + 1 month, and when `to` is before `from`).
int whole_months(Day from, Day to);

// ------------------------------------------------------------------------------- the data

// UCDP's type_of_conflict codes.
enum class ConflictType { extrasystemic = 1, interstate = 2, intrastate = 3, internationalised_intrastate = 4 };

// How an episode ended: UCDP's `outcome` codes 1 to 6, or still going on when the data end.
enum class Ending {
  ongoing,
  peace_agreement,      // 1
  ceasefire_agreement,  // 2
  victory_side_a,       // 3
  victory_side_b,       // 4
  low_activity,         // 5: fewer than 25 battle deaths a year, without agreement or victory
  actor_ceased,         // 6: an actor ceased to exist
};
const char* ending_name(Ending ending);  // "peace_agreement", ..., "ongoing"
std::string ending_words(Ending ending);  // "peace agreement", "victory of side A", ...

// One episode of an armed conflict: a run of conflict-years from its first battle death to
// its end (or to the end of the data).
struct ConflictEpisode {
  std::int64_t episode_id = 0;  // conflictep_id (reused once for a new episode starting in 2020; start tells them apart)
  std::int64_t conflict_id = 0;
  ConflictType type = ConflictType::interstate;  // type_of_conflict2: the episode's type (one per episode)
  std::string location, side_a, side_b;          // as in the episode's first row
  int first_year = 0, last_year = 0;             // of its conflict-year rows
  Day start = 0;                                 // start_date2: the episode's first battle death
  std::optional<Day> end;                        // ependdate; none while it goes on
  Ending ending = Ending::ongoing;

  bool operator==(const ConflictEpisode&) const = default;
};

struct TerminationData {
  std::string source;      // where the table came from, e.g. "data/ucdp/ucdp-term-acd-3-2021.csv"
  Day observed_until = 0;  // the last day the data cover (31 December of the last year): ongoing episodes end there
  std::vector<ConflictEpisode> episodes;  // in file order

  bool operator==(const TerminationData&) const = default;
};

// The dataset's attribution (CC BY 4.0), for every output that shows a base rate.
inline constexpr std::string_view ucdp_citation =
    "UCDP Conflict Termination Dataset v3-2021 (Uppsala Conflict Data Program, CC BY 4.0); Kreutz, J. (2010), "
    "\"How and When Armed Conflicts End: Introducing the UCDP Conflict Termination Dataset\", Journal of Peace "
    "Research 47(2): 243-250";

// ----------------------------------------------------------------------- the base rates

// The episodes a war is compared with, and what they are in words.
struct ReferenceClass {
  std::string description;
  Day observed_until = 0;
  std::vector<ConflictEpisode> episodes;
};

// Interstate armed conflicts: every episode whose type_of_conflict2 is 2 (72 in v3-2021, 1946-2020).
ReferenceClass interstate_reference_class(const TerminationData& data);

// Episodes that ended, by how. Victory of either side counts as victory; low activity and
// an actor ceasing to exist as "low activity or other".
struct EndingCounts {
  std::size_t peace_agreement = 0, ceasefire_agreement = 0, victory = 0, low_activity_or_other = 0;
  std::size_t total() const { return peace_agreement + ceasefire_agreement + victory + low_activity_or_other; }
  std::size_t by_agreement() const { return peace_agreement + ceasefire_agreement; }
};

// For a war that has lasted D months: of the episodes of the class that had lasted D months,
// the share that ended within M more months.
//   at risk: the episode had not ended D calendar months after its start (end > start + D
//     months), and the data saw it past that day (an ongoing episode: observed_until > start +
//     D months); an episode still going on when the data end before that is left out.
//   ended within M: it ended on or before start + (D + M) months, counted by how.
//   censored: ongoing when the data end, before start + (D + M) months: whether it ended in
//     the window is unknown, so it is left out of the shares (and counted here).
struct BaseRate {
  int lasted_months = 0;     // D
  int within_months = 0;     // M
  std::size_t at_risk = 0;   // episodes that had lasted D months
  std::size_t censored = 0;  // of them, fate within the window unknown
  std::size_t known() const { return at_risk - censored; }  // the shares' denominator
  EndingCounts ended;        // of those known, ended within M more months
  // Shares of `known` (NaN when nothing is known).
  double share_ended() const;
  double share_by_agreement() const;
};

BaseRate termination_base_rate(const ReferenceClass& reference, int lasted_months, int within_months);

// An episode of the class that had lasted D months, as a reader checks it.
struct EpisodeAtRisk {
  std::string location;      // "Iran, Iraq"
  int first_year = 0, last_year = 0;
  std::string started;       // ISO date of its first battle death
  std::optional<int> months; // whole months it lasted; none while ongoing
  Ending ending = Ending::ongoing;
};

// What history says beside a simulated war that has lasted D months: the base rate for
// every M = 0..max_months (cumulative, like the simulated curve) and the episodes behind it.
struct TerminationCurve {
  std::string reference_class;  // in words
  std::string citation;         // ucdp_citation
  std::string source;           // TerminationData::source
  int lasted_months = 0;
  std::vector<BaseRate> within;        // M = 0..max_months
  std::vector<EpisodeAtRisk> at_risk;  // in the class's order
};

TerminationCurve termination_curve(const ReferenceClass& reference, const std::string& source, int lasted_months,
                                   int max_months);

nlohmann::json to_json(const ConflictEpisode& episode);
nlohmann::json to_json(const TerminationData& data);
nlohmann::json to_json(const BaseRate& rate);
nlohmann::json to_json(const TerminationCurve& curve);

}  // namespace truce::history
