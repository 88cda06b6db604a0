// LineIndex: positions from byte offsets, columns in code points, linear on one-line files.
#include <random>

#include "core/source.h"
#include "test_support.h"

using namespace cfglint;

namespace {
// The definition: line = 1 + line terminators before offset; column = 1 + code points since the line start.
Position naive(std::string_view text, size_t offset) {
  uint32_t line = 1, column = 1;
  size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (size_t i = 0; i < offset; ++i) {
    bool end = text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'));
    if (end) {
      ++line;
      column = 1;
    } else if (i >= start && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

// Every offset of `text` (after its BOM, inside which is no position): the index gives the definition's.
void require_index_agrees(const std::string& text, int round) {
  LineIndex index(text);
  for (size_t off = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; off <= text.size(); ++off) {
    Position want = naive(text, off), got = index.at(text, off);
    INFO("round " << round << " offset " << off);
    REQUIRE(got.line == want.line);
    REQUIRE(got.column == want.column);
  }
}
}  // namespace

TEST_CASE("line index: one \\r anywhere, in or after the 64-byte steps, makes it a line end") {
  std::mt19937 rng(5);
  for (int round = 0; round < 60; ++round) {
    std::string text;
    for (size_t length = 40 + rng() % 300; text.size() < length;) text += rng() % 5 ? "ab c" : "\n";
    text.insert(rng() % (text.size() + 1), rng() % 2 ? "\r" : "\r\n");
    require_index_agrees(text, round);
  }
}

TEST_CASE("line index: every offset agrees with the definition, long lines and multi-byte text included") {
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"a", "é", "€", "😀", "\n", "\r\n", "\r", " ", "{\"k\": 1}", std::string(300, 'x')};
  for (int round = 0; round < 40; ++round) {
    std::string text = round % 5 == 0 ? "\xEF\xBB\xBF" : "";
    for (int i = 0; i < 200; ++i) text += pieces[rng() % (round % 2 ? pieces.size() : 4)];  // odd rounds: one long line
    require_index_agrees(text, round);
  }
}

TEST_CASE("line index: files without \\r, whose line ends are searched for \\n alone") {
  // Bytes one bit from \n (\x0b, \x0e, \x8a, \x4a 'J') and \n next to each other are where a faster
  // search (memchr, a word at a time) could see a line end that is not there, or miss one.
  std::mt19937 rng(11);
  const std::vector<std::string> pieces = {"a", "\n", "\x0b", "\x0e", "\x8a", "J", "\n\n", "\x0b\n", "\n\x0b", "\t", "é", "€"};
  for (int round = 0; round < 60; ++round) {
    std::string text;
    size_t length = 1 + rng() % 120;
    while (text.size() < length) text += pieces[rng() % pieces.size()];
    size_t lines = 1;
    for (char c : text) lines += c == '\n';
    REQUIRE(LineIndex(text).line_count() == lines);
    require_index_agrees(text, round);
  }
}

TEST_CASE("position cursor: offsets in parser order give the index's positions") {
  std::mt19937 rng(11);
  // Each way the cursor counts: texts with \r (byte by byte), with \n alone (the index's line starts),
  // and ASCII with \n alone (a column is a byte count).
  const std::vector<std::vector<std::string>> piece_sets = {
      {"a", "é", "😀", "\n", "\r\n", "\r", " ", "\"q\"", std::string(300, 'x')},
      {"a", "é", "😀", "\n", " ", "\"q\"", std::string(300, 'x'), "\n\n"},
      {"a", "\n", " ", "\"q\"", std::string(300, 'x'), "\n\n"}};
  for (int round = 0; round < 120; ++round) {
    const auto& pieces = piece_sets[round % 3];
    std::string text = round % 4 == 0 && round % 3 != 2 ? "\xEF\xBB\xBF" : "";
    for (int i = 0; i < 200; ++i) text += pieces[rng() % pieces.size()];
    LineIndex index(text);
    PositionCursor cursor(text, index);
    size_t first = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    // mostly forward, in steps of any size, with steps back now and then (a mapping's start after its end)
    for (size_t off = first, step = 0; off <= text.size(); ++step) {
      size_t asked = step % 7 == 6 && off > first + 40 ? off - rng() % 40 : off;
      Position want = naive(text, asked), got = cursor.at(asked);
      INFO("round " << round << " offset " << asked);
      REQUIRE(got.line == want.line);
      REQUIRE(got.column == want.column);
      off += rng() % 30;
      if (asked == off) ++off;
    }
  }
}
