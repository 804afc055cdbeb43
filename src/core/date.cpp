#include "truce/core/date.hpp"

#include <cstdio>

namespace truce {

namespace {

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return days[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool digits(const std::string& text, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i)
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
  return true;
}

int number(const std::string& text, std::size_t from, std::size_t count) {
  int n = 0;
  for (std::size_t i = from; i < from + count; ++i) n = n * 10 + (text[i] - '0');
  return n;
}

// Splits YYYY[-MM[-DD]] into its parts (0 for a part not given); false when malformed.
bool parts(const std::string& text, int& year, int& month, int& day) {
  year = month = day = 0;
  if (!(text.size() == 4 || text.size() == 7 || text.size() == 10) || !digits(text, 0, 4)) return false;
  year = number(text, 0, 4);
  if (text.size() >= 7) {
    if (text[4] != '-' || !digits(text, 5, 2)) return false;
    month = number(text, 5, 2);
    if (month < 1 || month > 12) return false;
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !digits(text, 8, 2)) return false;
    day = number(text, 8, 2);
    if (day < 1 || day > days_in_month(year, month)) return false;
  }
  return year >= 1;
}

}  // namespace

std::string Date::iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::optional<Date> parse_date(const std::string& text) {
  int y, m, d;
  if (text.size() != 10 || !parts(text, y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::optional<Date> last_day_of(const std::string& text) {
  int y, m, d;
  if (!parts(text, y, m, d)) return std::nullopt;
  if (m == 0) m = 12;
  if (d == 0) d = days_in_month(y, m);
  return Date{y, m, d};
}

std::optional<Date> first_day_of(const std::string& text) {
  int y, m, d;
  if (!parts(text, y, m, d)) return std::nullopt;
  return Date{y, m == 0 ? 1 : m, d == 0 ? 1 : d};
}

}  // namespace truce
