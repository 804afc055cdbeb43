#pragma once
// Reading an input file's bytes with the checks every format shares: it exists, it is not
// empty, not over the size limit, and is UTF-8.

#include <cstddef>
#include <string>
#include <string_view>

namespace truce {

inline constexpr std::size_t max_input_bytes = 10u * 1024u * 1024u;

// The file's bytes; throws InputError (file-level diagnostic) when a shared check fails.
std::string read_input_file(const std::string& path);

// Throws InputError naming the file when the text is empty, too large or not UTF-8.
void check_input_text(std::string_view text, const std::string& file_name);

// Byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace truce
