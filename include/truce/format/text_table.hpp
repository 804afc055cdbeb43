#pragma once
// Plain-text tables for the terminal: columns padded to their widest cell (UTF-8 aware),
// numbers right-aligned.

#include <string>
#include <vector>

namespace truce {

enum class Align { left, right };

struct TextTable {
  std::vector<std::string> header;
  std::vector<Align> align;  // per column; missing entries are left-aligned
  std::vector<std::vector<std::string>> rows;

  std::string render() const;
};

// Display width of UTF-8 text (one column per code point).
std::size_t display_width(const std::string& text);

// A number with a fixed count of decimals, "-" for NaN.
std::string fixed(double value, int decimals);

// A CSV field: quoted (with "" for ") where it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text);

}  // namespace truce
