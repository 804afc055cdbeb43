#pragma once
// Decoding UTF-8 one character at a time, shared by the input checks (truce/io/input_text.hpp)
// and the terminal output (truce/format/terminal_text.hpp), so both agree on what UTF-8 is.

#include <cstddef>
#include <string_view>

namespace truce {

// Length of the valid UTF-8 sequence at text[i] and its code point, or 0 when the bytes there
// are not UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp);

}  // namespace truce
