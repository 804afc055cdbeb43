#include "truce/io/input_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "truce/core/diagnostic.hpp"
#include "truce/core/utf8.hpp"

namespace truce {

namespace {
[[noreturn]] void fail(const std::string& file, int line, int column, std::string message) {
  throw InputError({Diagnostic{file, line, column, std::move(message)}});
}

// Fails at byte offset `at` of text, with its line and column (in bytes, from 1).
[[noreturn]] void fail_at(std::string_view text, std::size_t at, const std::string& file, std::string message) {
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const auto line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const auto column = line_start == std::string_view::npos || at == 0 ? at + 1 : at - line_start;
  fail(file, static_cast<int>(line), static_cast<int>(column), std::move(message));
}

// Control characters other than tab, line feed and carriage return: YAML's printable set
// and XML exclude them, and yaml-cpp turns a NUL inside a scalar into a byte that is not
// UTF-8, which no output could then print.
bool is_control_character(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
}
}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
  char32_t cp = 0;
  for (std::size_t i = 0, len = 0; i < text.size(); i += len)
    if ((len = decode_utf8(text, i, cp)) == 0) return i;
  return std::string_view::npos;
}

std::size_t first_forbidden_character(std::string_view text, std::string* what) {
  char32_t cp = 0;
  for (std::size_t i = 0, len = 1; i < text.size(); i += len) {
    len = decode_utf8(text, i, cp);
    if (len == 0) {  // not UTF-8: first_invalid_utf8's business, not this check's
      len = 1;
      continue;
    }
    const bool forbidden = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
                           (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
    if (!forbidden) continue;
    if (what) {
      if (cp == 0x2028) *what = "the line separator U+2028";
      else if (cp == 0x2029) *what = "the paragraph separator U+2029";
      else *what = fmt::format("the control character U+{:04X}", static_cast<unsigned>(cp));
    }
    return i;
  }
  return std::string_view::npos;
}

void check_input_text(std::string_view text, const std::string& file_name) {
  if (text.size() > max_input_bytes)
    fail(file_name, 0, 0,
         fmt::format("expected a file of at most {} bytes, found {} bytes", max_input_bytes, text.size()));
  if (std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }))
    fail(file_name, 0, 0, "expected a scenario, found an empty file");
  if (const auto at = first_invalid_utf8(text); at != std::string_view::npos)
    fail_at(text, at, file_name,
            fmt::format("expected UTF-8 text, found the byte 0x{:02X}", static_cast<unsigned char>(text[at])));
  if (const auto c = std::find_if(text.begin(), text.end(), is_control_character); c != text.end())
    fail_at(text, static_cast<std::size_t>(c - text.begin()), file_name,
            fmt::format("expected text, found the control character 0x{:02X}", static_cast<unsigned char>(*c)));
  std::string what;
  if (const auto at = first_forbidden_character(text, &what); at != std::string_view::npos)
    fail_at(text, at, file_name, fmt::format("expected text, found {}", what));
}

std::string read_input_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    fail(path, 0, 0, "expected a readable file, found none at this path");
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_input_bytes)
    fail(path, 0, 0, fmt::format("expected a file of at most {} bytes, found {} bytes", max_input_bytes, size));
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, 0, 0, "expected a readable file, found one that cannot be opened");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  check_input_text(text, path);
  return text;
}

}  // namespace truce
