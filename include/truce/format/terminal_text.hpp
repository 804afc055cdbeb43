#pragma once
// Text from files or stores someone else wrote, made safe to print on a terminal: control
// characters could otherwise move the cursor, recolour or retitle the terminal, or hide text
// (ECMA-48 escape sequences), and bidirectional overrides could show text in another order
// than it is stored (the "Trojan Source" trick).

#include <string>
#include <string_view>

namespace truce {

// The text with every character a terminal would act on, instead of show, replaced by a
// visible escape:
//   - C0 controls U+0000..U+001F except tab and line feed, and DEL: "\x1b", "\x7f", ...
//   - C1 controls U+0080..U+009F: "\u009b", ...
//   - the line and paragraph separators U+2028, U+2029: "\u2028", "\u2029";
//   - bidirectional embeddings, overrides and isolates U+202A..U+202E, U+2066..U+2069:
//     "\u202e", ...
//   - each byte that is not part of a valid UTF-8 sequence: "\xff", ...
// Everything else, including a backslash, is kept as it is. Not for JSON or export output,
// which must keep the stored bytes exactly.
std::string printable_for_terminal(std::string_view text);

}  // namespace truce
