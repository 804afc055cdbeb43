// truce/format/terminal_text.hpp: names from files on their way to a terminal.

#include "truce/format/terminal_text.hpp"

#include <gtest/gtest.h>

namespace {

using truce::printable_for_terminal;

TEST(PrintableForTerminal, PlainTextAndUnicodeNamesPassUnchanged) {
  EXPECT_EQ(printable_for_terminal("Russia\tUkraine\n"), "Russia\tUkraine\n");
  EXPECT_EQ(printable_for_terminal("Україна, Zürich, 日本"), "Україна, Zürich, 日本");
}

TEST(PrintableForTerminal, EscapeSequencesAndControlsBecomeVisible) {
  EXPECT_EQ(printable_for_terminal("\x1b[2Jgone"), "\\x1b[2Jgone");    // clear screen
  EXPECT_EQ(printable_for_terminal(std::string("a\0b", 3)), "a\\x00b");  // NUL
  EXPECT_EQ(printable_for_terminal("bell\a\r"), "bell\\x07\\x0d");
  EXPECT_EQ(printable_for_terminal("del\x7f"), "del\\x7f");
  EXPECT_EQ(printable_for_terminal("c1\xc2\x9b"), "c1\\x9b");  // U+009B, the 8-bit CSI
}

TEST(PrintableForTerminal, BidiOverridesAndSeparatorsBecomeVisible) {
  EXPECT_EQ(printable_for_terminal("abc\u202Edef"), "abc\\u202edef");
  EXPECT_EQ(printable_for_terminal("x\u2066y\u2069"), "x\\u2066y\\u2069");
  EXPECT_EQ(printable_for_terminal("line\u2028sep"), "line\\u2028sep");
}

TEST(PrintableForTerminal, BytesThatAreNotUtf8AreShownAsHex) {
  EXPECT_EQ(printable_for_terminal("a\xff\xfe"), "a\\xff\\xfe");
  EXPECT_EQ(printable_for_terminal("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a UTF-16 surrogate, encoded
  EXPECT_EQ(printable_for_terminal("\xc3"), "\\xc3");                    // cut short
}

}  // namespace
