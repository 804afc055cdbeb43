#pragma once
// Text from a scenario or a run store on its way to a terminal. Names may come from a file
// someone else wrote (a shared store, a downloaded scenario); an escape sequence in one could
// clear the screen, retitle the window or hide text, and a bidirectional override could make
// a line read differently from what it holds. Machine outputs (JSON, CSV, export) stay exact.

#include <string>
#include <string_view>

namespace truce {

// The text with every C0 control but tab and line feed, DEL, every C1 control (U+0080..U+009F),
// the line and paragraph separators (U+2028, U+2029) and the bidirectional embeddings,
// overrides and isolates (U+202A..U+202E, U+2066..U+2069) shown as visible escapes (\x1b,
// \u202e), and every byte that is not UTF-8 as \xNN.
std::string printable_for_terminal(std::string_view text);

}  // namespace truce
