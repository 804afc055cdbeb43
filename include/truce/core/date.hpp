#pragma once
// Calendar dates for dated stances (`as_of` of a revision, `--as-of`, `--known-by`). A
// revision holds from a day; a source may give only a month or a year, which for "was it
// published by then" counts as its last day (an analyst could not count on it before).

#include <compare>
#include <optional>
#include <string>

namespace truce {

struct Date {
  int year = 1970, month = 1, day = 1;

  auto operator<=>(const Date&) const = default;
  bool operator==(const Date&) const = default;
  std::string iso() const;  // YYYY-MM-DD
};

// A day that exists, written YYYY-MM-DD (2025-02-29 does not); nullopt otherwise.
std::optional<Date> parse_date(const std::string& text);

// YYYY, YYYY-MM or YYYY-MM-DD: the last day it can stand for (2025-10 -> 2025-10-31); nullopt
// when it is none of these or names no real day.
std::optional<Date> last_day_of(const std::string& text);
// The same, the first day it can stand for (2025-10 -> 2025-10-01).
std::optional<Date> first_day_of(const std::string& text);

}  // namespace truce
