#include "truce/io/delimited_text.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace truce {

std::string trim_space(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string_view> text_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= text.size();) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  while (!lines.empty() && trim_space(lines.back()).empty()) lines.pop_back();
  return lines;
}

std::vector<TextField> comma_fields(std::string_view line) {
  auto fields = delimited_fields(line, ',');
  if (fields.size() > 1 && fields.back().text.empty()) fields.pop_back();
  return fields;
}

std::vector<TextField> delimited_fields(std::string_view line, char delimiter) {
  std::vector<TextField> fields;
  std::string current;
  bool quoted = false;
  int start = 1;        // column just after the previous comma
  int first_char = 0;   // column of the field's first non-space character (0: none yet)
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const int column = static_cast<int>(i) + 1;
    if (!quoted && c == delimiter) {
      fields.push_back({trim_space(current), first_char ? first_char : start});
      current.clear();
      start = column + 1;
      first_char = 0;
      continue;
    }
    if (!first_char && !std::isspace(static_cast<unsigned char>(c))) first_char = column;
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      current += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else {
      current += c;
    }
  }
  fields.push_back({trim_space(current), first_char ? first_char : start});
  return fields;
}

std::optional<double> finite_number(const std::string& s) {
  double v = 0;
  const char* first = s.data();
  if (!s.empty() && s[0] == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace truce
