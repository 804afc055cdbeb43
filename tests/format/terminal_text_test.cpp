// printable_for_terminal: what a terminal would act on is shown escaped, everything else is
// kept byte for byte. The code points come from ECMA-48 (C0 and C1 control functions, ESC =
// 0x1B, CSI = U+009B), Unicode's Cc category (U+0000..U+001F, U+007F..U+009F) and UAX #9
// (the explicit directional embeddings, overrides and isolates U+202A..U+202E, U+2066..U+2069).
// UTF-8 encodings and what is invalid: RFC 3629, section 3 and 4.

#include "truce/format/terminal_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace truce {
namespace {

using namespace std::string_literals;

TEST(TerminalTextForStore, KeepsOrdinaryTextLineBreaksAndTabs) {
  EXPECT_EQ(printable_for_terminal("Toy ceasefire\tv2\nnext line"), "Toy ceasefire\tv2\nnext line");
  // Non-ASCII text is kept: Cyrillic (2 bytes), U+00A0 (the first code point after C1), an
  // emoji (4 bytes), and a backslash (escapes are not escaped again).
  EXPECT_EQ(printable_for_terminal("Київ\u00a0🙂 C:\\runs"), "Київ\u00a0🙂 C:\\runs");
  EXPECT_EQ(printable_for_terminal(""), "");
}

TEST(TerminalTextForStore, EscapesC0ControlsAndDel) {
  // ESC [ 2 J clears the screen; ESC ] 0 ; ... BEL sets the window title.
  EXPECT_EQ(printable_for_terminal("\x1b[2J\x1b]0;owned\x07"), "\\x1b[2J\\x1b]0;owned\\x07");
  EXPECT_EQ(printable_for_terminal("a\rb"), "a\\x0db");  // CR would overwrite the line
  EXPECT_EQ(printable_for_terminal("a\0b"s), "a\\x00b");
  EXPECT_EQ(printable_for_terminal("x\x7fy"), "x\\x7fy");
  EXPECT_EQ(printable_for_terminal("\x1f~"), "\\x1f~");  // U+001F escaped, U+007E kept
}

TEST(TerminalTextForStore, EscapesC1Controls) {
  // U+009B is CSI, U+0085 NEL; encoded C2 9B and C2 85.
  EXPECT_EQ(printable_for_terminal("a\u009b31mb"), "a\\u009b31mb");
  EXPECT_EQ(printable_for_terminal("\u0080\u0085\u009f"), "\\u0080\\u0085\\u009f");
}

TEST(TerminalTextForStore, EscapesBidiEmbeddingsOverridesAndIsolates) {
  // U+202E RIGHT-TO-LEFT OVERRIDE would show "evil" reversed.
  EXPECT_EQ(printable_for_terminal("a\u202eevil\u202cb"), "a\\u202eevil\\u202cb");
  EXPECT_EQ(printable_for_terminal("\u202a\u2066\u2069"), "\\u202a\\u2066\\u2069");
  // Their neighbours are ordinary characters: U+2027, U+202F, U+2065, U+206A, and the marks
  // U+200E / U+200F (which do not override anything). U+2028/U+2029 are escaped (below).
  EXPECT_EQ(printable_for_terminal("\u2027\u202f\u2065\u206a\u200e\u200f"), "\u2027\u202f\u2065\u206a\u200e\u200f");
}

TEST(TerminalTextForStore, EscapesEachByteThatIsNotUtf8) {
  EXPECT_EQ(printable_for_terminal("a\xff" "b"), "a\\xffb");
  EXPECT_EQ(printable_for_terminal("end\xc3"), "end\\xc3");                     // truncated 2-byte sequence
  EXPECT_EQ(printable_for_terminal("\xc0\xaf"), "\\xc0\\xaf");                  // overlong '/'
  EXPECT_EQ(printable_for_terminal("\xed\xa0\x80"), "\\xed\\xa0\\x80");         // surrogate U+D800
  EXPECT_EQ(printable_for_terminal("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // past U+10FFFF
  // A bad sequence does not swallow the good character after it.
  EXPECT_EQ(printable_for_terminal("\xe2\x80" "A\u00e9"), "\\xe2\\x80A\u00e9");
}

}  // namespace
}  // namespace truce

namespace {
TEST(PrintableForTerminal, LineAndParagraphSeparatorsAreShownEscaped) {
  // U+2028 (E2 80 A8) and U+2029 (E2 80 A9): some terminals end a line there.
  EXPECT_EQ(truce::printable_for_terminal("a\u2028b\u2029c"), "a\\u2028b\\u2029c");
}
}  // namespace
