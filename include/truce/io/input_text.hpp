#pragma once
// Reading an input file's bytes with the checks every format shares: it exists, it is not
// empty, not over the size limit, and is UTF-8 text without control characters (tab, line
// feed and carriage return aside).

#include <cstddef>
#include <string>
#include <string_view>

namespace truce {

inline constexpr std::size_t max_input_bytes = 10u * 1024u * 1024u;

// The file's bytes; throws InputError (file-level diagnostic) when a shared check fails.
std::string read_input_file(const std::string& path);

// Throws InputError naming the file (and the line and column of the first bad byte) when the
// text is empty, too large, not UTF-8, or holds a control character other than tab, LF, CR.
void check_input_text(std::string_view text, const std::string& file_name);

// Byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t first_invalid_utf8(std::string_view text);

// In valid UTF-8 text: the byte offset of the first character no name or text value may hold
// once escapes are read (YAML's "\e", XML's "&#x1b;"), or npos. Those are the C0 controls
// other than tab, LF and CR, DEL, the C1 controls U+0080..U+009F, and the line and paragraph
// separators U+2028 and U+2029 (which break the report's charts). `what` receives
// "the control character U+001B" or similar.
std::size_t first_forbidden_character(std::string_view text, std::string* what = nullptr);

}  // namespace truce
