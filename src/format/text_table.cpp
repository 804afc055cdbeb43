#include "truce/format/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace truce {

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  return fmt::format("{:.{}f}", value, decimals);
}

std::string TextTable::render() const {
  const std::size_t columns = header.size();
  std::vector<std::size_t> width(columns, 0);
  for (std::size_t c = 0; c < columns; ++c) width[c] = display_width(header[c]);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));

  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < columns; ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const std::string pad(width[c] - display_width(cell), ' ');
      const bool right = c < align.size() && align[c] == Align::right;
      const bool last = c + 1 == columns;
      out += right ? pad + cell : (last ? cell : cell + pad);
      if (!last) out += "  ";
    }
    out += '\n';
    return out;
  };
  std::string out = line(header);
  std::vector<std::string> rule;
  for (auto w : width) rule.push_back(std::string(w, '-'));
  out += line(rule);
  for (const auto& row : rows) out += line(row);
  return out;
}

}  // namespace truce
