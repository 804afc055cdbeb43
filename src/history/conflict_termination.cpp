#include "truce/history/conflict_termination.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace truce::history {

namespace {

// Days from 1970-01-01 to a proleptic Gregorian date and back (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms"): exact for every year here, without the C library's time zones.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(era * 400 + yoe + (m <= 2)), m, d};
}

// Serial day 0 is 1899-12-30, 25569 days before 1970-01-01.
constexpr std::int64_t serial_offset = 25569;

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

double share(std::size_t part, std::size_t whole) {
  return whole == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(part) / static_cast<double>(whole);
}

// JSON has no NaN.
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

}  // namespace

CivilDate civil_date(Day day) { return civil_from_days(static_cast<std::int64_t>(day) - serial_offset); }

std::optional<Day> day_of(int year, unsigned month, unsigned day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;
  return static_cast<Day>(days_from_civil(year, month, day) + serial_offset);
}

std::optional<Day> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t from[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t i = from[k]; i < from[k] + len[k]; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      parts[k] = parts[k] * 10 + (t[i] - '0');
    }
  return day_of(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]));
}

std::string iso_date(Day day) {
  const CivilDate c = civil_date(day);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

Day add_months(Day day, int months) {
  const CivilDate c = civil_date(day);
  const int index = c.year * 12 + static_cast<int>(c.month) - 1 + months;  // months since year 0
  const int year = index / 12;
  const unsigned month = static_cast<unsigned>(index % 12) + 1;
  const unsigned d = std::min(c.day, days_in_month(year, month));
  return static_cast<Day>(days_from_civil(year, month, d) + serial_offset);
}

int whole_months(Day from, Day to) {
  if (to < from) return 0;
  const CivilDate a = civil_date(from), b = civil_date(to);
  // The calendar difference, less one where the day of the month has not come yet.
  int m = (b.year - a.year) * 12 + static_cast<int>(b.month) - static_cast<int>(a.month);
  while (m > 0 && add_months(from, m) > to) --m;
  return m;
}

const char* ending_name(Ending e) {
  switch (e) {
    case Ending::ongoing: return "ongoing";
    case Ending::peace_agreement: return "peace_agreement";
    case Ending::ceasefire_agreement: return "ceasefire_agreement";
    case Ending::victory_side_a: return "victory_side_a";
    case Ending::victory_side_b: return "victory_side_b";
    case Ending::low_activity: return "low_activity";
    case Ending::actor_ceased: return "actor_ceased";
  }
  return "?";
}

std::string ending_words(Ending e) {
  switch (e) {
    case Ending::ongoing: return "still going on when the data end";
    case Ending::peace_agreement: return "peace agreement";
    case Ending::ceasefire_agreement: return "ceasefire agreement";
    case Ending::victory_side_a: return "victory of side A";
    case Ending::victory_side_b: return "victory of side B";
    case Ending::low_activity: return "low activity";
    case Ending::actor_ceased: return "an actor ceased to exist";
  }
  return "?";
}

ReferenceClass interstate_reference_class(const TerminationData& data) {
  ReferenceClass out;
  out.description =
      "interstate armed conflicts 1946-2020: UCDP conflict episodes of type 2 (interstate), each from its first battle "
      "death to its end";
  out.observed_until = data.observed_until;
  for (const auto& e : data.episodes)
    if (e.type == ConflictType::interstate) out.episodes.push_back(e);
  return out;
}

double BaseRate::share_ended() const { return share(ended.total(), known()); }
double BaseRate::share_by_agreement() const { return share(ended.by_agreement(), known()); }

BaseRate termination_base_rate(const ReferenceClass& reference, int lasted_months, int within_months) {
  BaseRate r;
  r.lasted_months = lasted_months;
  r.within_months = within_months;
  for (const auto& e : reference.episodes) {
    const Day lasted = add_months(e.start, lasted_months);
    // Seen beyond D months without ending: ended after that day, or still going on past it.
    if (!(e.end ? *e.end > lasted : reference.observed_until > lasted)) continue;
    ++r.at_risk;
    const Day window_end = add_months(e.start, lasted_months + within_months);
    if (!e.end) {
      if (reference.observed_until < window_end) ++r.censored;  // its fate in the window is unknown
      continue;
    }
    if (*e.end > window_end) continue;
    switch (e.ending) {
      case Ending::peace_agreement: ++r.ended.peace_agreement; break;
      case Ending::ceasefire_agreement: ++r.ended.ceasefire_agreement; break;
      case Ending::victory_side_a:
      case Ending::victory_side_b: ++r.ended.victory; break;
      case Ending::low_activity:
      case Ending::actor_ceased: ++r.ended.low_activity_or_other; break;
      case Ending::ongoing: break;  // an episode with an end date has an outcome (the loader checks)
    }
  }
  return r;
}

TerminationCurve termination_curve(const ReferenceClass& reference, const std::string& source, int lasted_months,
                                   int max_months) {
  TerminationCurve c;
  c.reference_class = reference.description;
  c.citation = std::string(ucdp_citation);
  c.source = source;
  c.lasted_months = lasted_months;
  for (int m = 0; m <= max_months; ++m) c.within.push_back(termination_base_rate(reference, lasted_months, m));
  for (const auto& e : reference.episodes) {
    const Day lasted = add_months(e.start, lasted_months);
    if (!(e.end ? *e.end > lasted : reference.observed_until > lasted)) continue;
    EpisodeAtRisk a;
    a.location = e.location;
    a.first_year = e.first_year;
    a.last_year = e.last_year;
    a.started = iso_date(e.start);
    if (e.end) a.months = whole_months(e.start, *e.end);
    a.ending = e.ending;
    c.at_risk.push_back(std::move(a));
  }
  return c;
}

nlohmann::json to_json(const ConflictEpisode& e) {
  return {{"episode_id", e.episode_id},
          {"conflict_id", e.conflict_id},
          {"type", static_cast<int>(e.type)},
          {"location", e.location},
          {"side_a", e.side_a},
          {"side_b", e.side_b},
          {"first_year", e.first_year},
          {"last_year", e.last_year},
          {"start", iso_date(e.start)},
          {"end", e.end ? nlohmann::json(iso_date(*e.end)) : nlohmann::json(nullptr)},
          {"ending", ending_name(e.ending)}};
}

nlohmann::json to_json(const TerminationData& d) {
  nlohmann::json episodes = nlohmann::json::array();
  for (const auto& e : d.episodes) episodes.push_back(to_json(e));
  return {{"source", d.source}, {"observed_until", iso_date(d.observed_until)}, {"episodes", episodes}};
}

nlohmann::json to_json(const BaseRate& r) {
  return {{"lasted_months", r.lasted_months},
          {"within_months", r.within_months},
          {"at_risk", r.at_risk},
          {"censored", r.censored},
          {"known", r.known()},
          {"ended", r.ended.total()},
          {"by_peace_agreement", r.ended.peace_agreement},
          {"by_ceasefire_agreement", r.ended.ceasefire_agreement},
          {"by_victory", r.ended.victory},
          {"by_low_activity_or_other", r.ended.low_activity_or_other},
          {"share_ended", number(r.share_ended())},
          {"share_by_agreement", number(r.share_by_agreement())}};
}

nlohmann::json to_json(const TerminationCurve& c) {
  nlohmann::json within = nlohmann::json::array();
  for (const auto& r : c.within) within.push_back(to_json(r));
  nlohmann::json at_risk = nlohmann::json::array();
  for (const auto& a : c.at_risk)
    at_risk.push_back({{"location", a.location},
                       {"first_year", a.first_year},
                       {"last_year", a.last_year},
                       {"started", a.started},
                       {"months", a.months ? nlohmann::json(*a.months) : nlohmann::json(nullptr)},
                       {"ending", ending_name(a.ending)}});
  return {{"reference_class", c.reference_class},
          {"citation", c.citation},
          {"source", c.source},
          {"lasted_months", c.lasted_months},
          {"at_risk", c.at_risk.size()},
          {"within", within},
          {"episodes", at_risk}};
}

}  // namespace truce::history
