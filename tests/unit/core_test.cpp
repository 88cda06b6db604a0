// core/: the helpers every layer shares, on the inputs that once crashed them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>

#include "core/node_arena.h"
#include "core/strings.h"
#include "core/variable_reference.h"

using namespace cfglint;

TEST_CASE("braced variables: every operator, and the forms Docker rejects") {
  BracedVariable v = parse_braced_variable("TAG:-latest");
  CHECK(v.name == "TAG");
  CHECK(v.op == '-');
  CHECK(v.colon);
  CHECK(v.word == "latest");
  v = parse_braced_variable("TAG+set");
  CHECK((v.op == '+' && !v.colon && v.word == "set"));
  v = parse_braced_variable("TAG:?required");
  CHECK((v.op == '?' && v.colon && v.word == "required"));
  v = parse_braced_variable("TAG:");  // a bare colon: read as ${TAG}, never past the end
  CHECK((v.name == "TAG" && v.op == 0 && v.word.empty()));
  v = parse_braced_variable("TAG:x");  // a colon then no operator
  CHECK((v.name == "TAG" && v.op == 0));
  v = parse_braced_variable("");
  CHECK((v.name.empty() && v.op == 0));
}

TEST_CASE("braced variables: when the word replaces the value") {
  BracedVariable dflt = parse_braced_variable("A:-d"), dflt_unset_only = parse_braced_variable("A-d");
  CHECK(use_word(dflt, false, true));
  CHECK(use_word(dflt, true, true));    // set but empty counts as unset with `:-`
  CHECK(!use_word(dflt_unset_only, true, true));
  CHECK(!use_word(dflt, true, false));
  BracedVariable alt = parse_braced_variable("A:+w");
  CHECK(use_word(alt, true, false));
  CHECK(!use_word(alt, true, true));
  CHECK(!use_word(parse_braced_variable("A"), false, true));
}

TEST_CASE("decimal numbers are bounded, never thrown on") {
  CHECK(parse_decimal("8000", 65535) == 8000u);
  CHECK(parse_decimal("0", 65535) == 0u);
  CHECK(!parse_decimal("65536", 65535));
  CHECK(!parse_decimal("99999999999999999999999999", 65535));
  CHECK(!parse_decimal("", 65535));
  CHECK(!parse_decimal("80a", 65535));
  CHECK(!parse_decimal("-1", 65535));
}

TEST_CASE("find_text finds the first occurrence at or after the start, for every needle length") {
  using cfglint::find_text;
  constexpr auto npos = std::string_view::npos;
  CHECK(find_text("a {x} {{ y }}", "{{") == 6);
  CHECK(find_text("{{", "{{") == 0);
  CHECK(find_text("x{", "{{") == npos);                  // a first byte at the very end is no match
  CHECK(find_text("{ { {%", "{%") == 4);
  CHECK(find_text("{{ a }} {{ b }}", "{{", 1) == 8);     // from skips the first
  CHECK(find_text("ab", "ab", 2) == npos);
  CHECK(find_text("ab", "ab", 3) == npos);               // from past the end
  CHECK(find_text("", "{{") == npos);
  CHECK(find_text(std::string_view("a\0{{", 4), "{{") == 2);  // a NUL byte is text
  CHECK(find_text("x: DJANGO_SETTINGS_MODULE", "DJANGO_SETTINGS_MODULE") == 3);
  CHECK(find_text("cfglint", "cfglint:") == npos);
  CHECK(find_text("abc", "c") == 2);
  CHECK(find_text("abc", "") == 0);
  CHECK(find_text("xDJANGO_SETTINGS_MODULE", "DJANGO_SETTINGS_MODULE") == 1);  // the needle ends the text
  CHECK(find_text("DJANGO_SETTINGS_MODUL", "DJANGO_SETTINGS_MODULE") == npos);  // one byte short
  CHECK(find_text("Jx DJANGO", "DJANGO", 1) == 3);                               // a rare byte before `from` is ignored
}

TEST_CASE("find_text stays linear on text full of the needle's rarest byte, and finds what is there") {
  using cfglint::find_text;
  std::string text(1 << 20, 'J');  // 'J' is DJANGO_SETTINGS_MODULE's rarest byte: a candidate everywhere
  CHECK(find_text(text, "DJANGO_SETTINGS_MODULE") == std::string_view::npos);
  text += "DJANGO_SETTINGS_MODULE";
  CHECK(find_text(text, "DJANGO_SETTINGS_MODULE") == (1u << 20));
  std::string almost;  // candidates that fail late, then the match
  for (int i = 0; i < 5000; ++i) almost += "DJANGO_SETTINGS_MODULX";
  almost += "DJANGO_SETTINGS_MODULE";
  CHECK(find_text(almost, "DJANGO_SETTINGS_MODULE") == 5000u * 22);
  CHECK(find_text(almost, "DJANGO_SETTINGS_MODULX", 22 * 4999) == 22u * 4999);
}

TEST_CASE("repeated ** in a glob is matched without exponential backtracking") {
  std::string pattern, path;
  for (int i = 0; i < 20; ++i) pattern += "**/";
  pattern += "zz";
  for (int i = 0; i < 40; ++i) path += "a/";
  CHECK(!glob_match(pattern, path + "b"));  // the failing case that used to explore every split
  CHECK(glob_match(pattern, path + "zz"));
  CHECK(glob_match("**/x/**/y", "a/x/b/c/y"));
  CHECK(!glob_match("**/x/**/y", "a/x/b/c/z"));
}

TEST_CASE("text with a UTF-16 or UTF-32 byte order mark is decoded as pip decodes requirements") {
  auto utf16le = [](std::u16string_view s) {
    std::string out = "\xFF\xFE";
    for (char16_t c : s) out += {static_cast<char>(c & 0xFF), static_cast<char>(c >> 8)};
    return out;
  };
  CHECK(decode_bom_text(utf16le(u"Django==5.1\n")) == "Django==5.1\n");
  CHECK(decode_bom_text(utf16le(u"caf\u00e9\U0001F600")) == "caf\xC3\xA9\xF0\x9F\x98\x80");  // a surrogate pair
  CHECK(decode_bom_text(std::string("\xFE\xFF\x00" "a\x00\n", 6)) == "a\n");                   // big-endian
  CHECK(decode_bom_text(std::string("\xFF\xFE\x00\x00" "a\x00\x00\x00", 8)) == "a");           // UTF-32
  CHECK(decode_bom_text(std::string("\xFF\xFE" "a", 3)) == "\xEF\xBF\xBD");                    // truncated unit
  CHECK(decode_bom_text("plain utf-8\n") == "plain utf-8\n");
  CHECK(decode_bom_text("\xEF\xBB\xBFwith utf-8 bom") == "\xEF\xBB\xBFwith utf-8 bom");
}

namespace {
// upper_case_words by its definition, a byte at a time.
std::vector<std::string> naive_upper_case_words(const std::string& text) {
  std::set<std::string> out;
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t i = 0; i < text.size();) {
    if (!word(text[i]) || static_cast<unsigned char>(text[i]) >= 0x80) { ++i; continue; }
    size_t b = i;
    while (i < text.size() && word(text[i]) && static_cast<unsigned char>(text[i]) < 0x80) ++i;
    std::string w = text.substr(b, i - b);
    bool lower = std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    bool upper = std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (upper && !lower && w.size() >= 2 && w.size() <= 128) out.insert(w);
  }
  return {out.begin(), out.end()};
}
}  // namespace

TEST_CASE("upper-case words: FOO_BAR names as the definition finds them, at every offset") {
  CHECK(upper_case_words("env: DATABASE_URL=x, Deployment, fooBAR, A, HTTP2, _X_, 42, BAR BAR") ==
        std::vector<std::string>{"BAR", "DATABASE_URL", "HTTP2", "_X_"});
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"a", "Z", "Q", "_", "7", " ", "\n", "é", "\xff", "key: ", "SECRET_KEY", "Kind", "x", "[", "@", "`", "{"};  // the bytes around A-Z too
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int i = 0, n = static_cast<int>(rng() % 120); i < n; ++i) text += pieces[rng() % pieces.size()];
    INFO(text);
    REQUIRE(upper_case_words(text) == naive_upper_case_words(text));
  }
}

TEST_CASE("utf-8: validity and plain ASCII, wherever the first high byte is") {
  std::string text(100, 'a');
  CHECK(is_ascii(text));
  CHECK(valid_utf8(text));
  for (size_t at : {0, 5, 31, 32, 40, 99}) {  // in and after the 32-byte steps
    std::string t = text;
    t[at] = '\xC3';
    CHECK_FALSE(is_ascii(t));
    size_t bad = SIZE_MAX;
    CHECK_FALSE(valid_utf8(t, &bad));  // a lead byte followed by 'a'
    CHECK(bad == at);
    t.insert(at + 1, "\xA9");  // now é: valid, still not ASCII
    CHECK(valid_utf8(t));
    CHECK_FALSE(is_ascii(t));
  }
}

namespace {
struct Counted {  // counts live instances, to see that an arena destroys each node it made exactly once
  static inline int live = 0;
  int value = 0;
  Counted() { ++live; }
  ~Counted() { --live; }
};
}  // namespace

TEST_CASE("node arena: nodes keep their addresses as the arena grows and moves, and each is destroyed once") {
  {
    NodeArena<Counted> arena;
    std::vector<Counted*> made;
    for (int i = 0; i < 5000; ++i) {  // past several block doublings and the 1024-node cap
      Counted& c = arena.emplace_back();
      c.value = i;
      made.push_back(&c);
    }
    CHECK(Counted::live == 5000);
    CHECK(arena.size() == 5000);
    NodeArena<Counted> moved(std::move(arena));
    NodeArena<Counted> assigned;
    assigned.emplace_back();
    assigned = std::move(moved);  // the node it held is destroyed, the 5000 are taken over
    CHECK(Counted::live == 5000);
    bool same = true;
    for (int i = 0; i < 5000; ++i) same &= made[i]->value == i;
    CHECK(same);
    CHECK(assigned.size() == 5000);
    CHECK(arena.size() == 0);
    arena.emplace_back();  // a moved-from arena is empty and usable
    CHECK(Counted::live == 5001);
  }
  CHECK(Counted::live == 0);
}
