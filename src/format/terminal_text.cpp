#include "truce/format/terminal_text.hpp"

#include <fmt/format.h>

#include "truce/core/utf8.hpp"

namespace truce {

namespace {

bool acted_on_by_terminals(char32_t cp) {
  if (cp == '\n' || cp == '\t') return false;
  // U+2028 and U+2029 end a line on some terminals and break the report's chart expressions.
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string printable_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      // Resynchronise at the next byte: a lone bad byte does not swallow the good text after it.
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (!acted_on_by_terminals(cp))
      out.append(text.substr(i, len));
    else if (cp < 0x80)
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    else
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
    i += len;
  }
  return out;
}

}  // namespace truce
