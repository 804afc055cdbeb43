#pragma once
// The comma-separated tables users bring (KTAB's actor table, the BDM table): lines, fields
// with their columns (for located errors), and numbers read strictly.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace truce {

struct TextField {
  std::string text;  // trimmed, surrounding quotes removed
  int column = 1;    // 1-based column of the field's first character
};

std::string trim_space(std::string_view text);

// The lines of a text ('\n' or "\r\n"), trailing blank lines dropped.
std::vector<std::string_view> text_lines(std::string_view text);

// Splits one line at commas outside double quotes ("" inside quotes is a quote). A trailing
// comma adds no empty last field.
std::vector<TextField> comma_fields(std::string_view line);
// Splits one line at `delimiter` outside double quotes, keeping every field (a trailing
// delimiter adds an empty last field): tables whose columns are fixed by a header.
std::vector<TextField> delimited_fields(std::string_view line, char delimiter);

// The whole text as a finite number (a leading '+' allowed), or nullopt.
std::optional<double> finite_number(const std::string& text);

}  // namespace truce
