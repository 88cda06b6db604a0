#include "frontends/python/python_lexer.h"

#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>

namespace cfglint::py {
namespace {

// ASCII tests without the locale lookups of <cctype> (they showed in profiles: every byte of a name),
// by table: a name's bytes are most of what the lexer reads outside strings.
constexpr bool is_digit(unsigned char c) { return static_cast<unsigned>(c - '0') < 10u; }
struct NameBytes {
  bool start[256], inside[256];
  constexpr NameBytes() : start(), inside() {
    for (int i = 0; i < 256; ++i) {
      auto c = static_cast<unsigned char>(i);
      start[i] = static_cast<unsigned>((c | 0x20) - 'a') < 26u || c == '_' || c >= 0x80;
      inside[i] = start[i] || is_digit(c);
    }
  }
};
constexpr NameBytes kNameBytes;
constexpr bool is_name_start(unsigned char c) { return kNameBytes.start[c]; }
constexpr bool is_name_char(unsigned char c) { return kNameBytes.inside[c]; }

constexpr bool is_delimiter(unsigned char c) {
  switch (c) {
    case '(': case ')': case '[': case ']': case '{': case '}': case ':': case ',': case ';': case '.': case '+':
    case '-': case '*': case '/': case '%': case '&': case '|': case '^': case '~': case '<': case '>': case '=':
    case '@': case '!': return true;
    default: return false;
  }
}

// What a byte can do to a skimmed function body: Plain bytes (names, numbers, spaces, operators) cannot
// end a logical line, a string, a comment or a bracket, nor be an error, so a run of them is stepped over.
enum ByteClass : uint8_t { kPlain, kQuote, kHash, kBackslash, kLineEnd, kOpen, kClose, kInvalid };

struct ByteClasses {
  ByteClass of[256];
  constexpr ByteClasses() : of() {
    for (int c = 0; c < 256; ++c) {
      auto b = static_cast<unsigned char>(c);
      bool plain = is_name_char(b) || b == ' ' || b == '\t' || b == '\f' || is_delimiter(b);
      of[c] = plain ? kPlain : kInvalid;
    }
    of[static_cast<unsigned char>('\'')] = of[static_cast<unsigned char>('"')] = kQuote;
    of[static_cast<unsigned char>('#')] = kHash;
    of[static_cast<unsigned char>('\\')] = kBackslash;
    of[static_cast<unsigned char>('\n')] = of[static_cast<unsigned char>('\r')] = kLineEnd;
    of[static_cast<unsigned char>('(')] = of[static_cast<unsigned char>('[')] = of[static_cast<unsigned char>('{')] = kOpen;
    of[static_cast<unsigned char>(')')] = of[static_cast<unsigned char>(']')] = of[static_cast<unsigned char>('}')] = kClose;
  }
};
constexpr ByteClasses kBytes;
struct NotPlain {  // what skim_logical_line stops at
  bool marks(unsigned char b) const { return kBytes.of[b] != kPlain; }
};

// The bytes that can end, escape or interrupt a string's text (quotes, backslash, line ends, and the
// brace of an f-string's replacement field): any other byte is text in every kind of string.
struct StringSpecial {
  bool of[256];
  constexpr StringSpecial() : of() {
    for (char c : {'\'', '"', '\\', '\n', '\r', '{'}) of[static_cast<unsigned char>(c)] = true;
  }
  constexpr bool marks(unsigned char b) const { return of[b]; }
};
constexpr StringSpecial kStringSpecial;

// The first position at or after `pos` whose byte `table` marks, else s.size(). Eight bytes a round
// with no bounds check between them: runs of plain bytes (names, spaces, operators, string text) are
// most of a source file, and the bounds check and the counter were half of each byte's cost.
template <typename Table>
size_t skip_unmarked(std::string_view s, size_t pos, const Table& table) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (; pos + 8 <= n; pos += 8) {  // unrolled by hand: -O2 keeps an eight-step loop as a loop
    if (table.marks(b[pos])) return pos;
    if (table.marks(b[pos + 1])) return pos + 1;
    if (table.marks(b[pos + 2])) return pos + 2;
    if (table.marks(b[pos + 3])) return pos + 3;
    if (table.marks(b[pos + 4])) return pos + 4;
    if (table.marks(b[pos + 5])) return pos + 5;
    if (table.marks(b[pos + 6])) return pos + 6;
    if (table.marks(b[pos + 7])) return pos + 7;
  }
  while (pos < n && !table.marks(b[pos])) ++pos;
  return pos;
}

class Lexer {
 public:
  Lexer(std::string_view s, bool skim_bodies, std::vector<Token> storage)
      : s_(s), skim_bodies_(skim_bodies), has_cr_(std::memchr(s.data(), '\r', s.size()) != nullptr), tokens_(std::move(storage)) {
    tokens_.clear();
  }

  LexResult run() {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    indents_.push_back(0);
    tokens_.reserve(s_.size() / 6 + 16);  // Python runs about one token per 4-8 bytes: no regrowth copies
    bool at_line_start = true;
    while (pos_ < s_.size()) {
      if (at_line_start && depth_ == 0) {
        if (!indentation()) continue;  // blank or comment line consumed, or a skimmed body
        at_line_start = false;
        line_first_ = tokens_.size();
      }
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == ' ' || c == '\t' || c == '\f') { ++pos_; continue; }
      if (c == '#') { skip_comment(); continue; }
      if (c == '\\') {
        continuation();
        continue;
      }
      if (c == '\n' || c == '\r') {
        size_t b = pos_;
        if (c == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        if (depth_ == 0) {
          body_follows_ = skim_bodies_ && ends_def_header();
          emit(Tok::Newline, b, b + 1);
          at_line_start = true;
        }
        continue;
      }
      size_t b = pos_;
      if (is_name_start(c)) {
        while (pos_ < s_.size() && is_name_char(static_cast<unsigned char>(s_[pos_]))) ++pos_;
        // string prefix?
        if (pos_ < s_.size() && (s_[pos_] == '\'' || s_[pos_] == '"') && is_prefix(s_.substr(b, pos_ - b))) {
          bool f = false;
          for (char p : s_.substr(b, pos_ - b)) {
            f |= p == 'f' || p == 'F';
            raw_ = raw_ || p == 'r' || p == 'R';
          }
          string_body(b, f);
          raw_ = false;
          continue;
        }
        emit(Tok::Name, b, pos_);
        continue;
      }
      if (is_digit(c) || (c == '.' && pos_ + 1 < s_.size() && is_digit(static_cast<unsigned char>(s_[pos_ + 1])))) {
        number();
        emit(Tok::Number, b, pos_);
        continue;
      }
      if (c == '\'' || c == '"') {
        string_body(b, false);
        continue;
      }
      op();
    }
    if (!tokens_.empty() && tokens_.back().kind != Tok::Newline && tokens_.back().kind != Tok::Dedent)
      emit(Tok::Newline, static_cast<uint32_t>(s_.size()), static_cast<uint32_t>(s_.size()));
    if (depth_ > 0) error(static_cast<uint32_t>(s_.size()), "unexpected end of file: a bracket is never closed");
    while (indents_.size() > 1) {
      indents_.pop_back();
      emit(Tok::Dedent, static_cast<uint32_t>(s_.size()), static_cast<uint32_t>(s_.size()));
    }
    emit(Tok::End, static_cast<uint32_t>(s_.size()), static_cast<uint32_t>(s_.size()));
    return {std::move(tokens_), std::move(errors_)};
  }

 private:
  static bool is_prefix(std::string_view p) {
    if (p.size() > 2) return false;
    std::string l;
    for (char c : p) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return l == "r" || l == "u" || l == "b" || l == "f" || l == "br" || l == "rb" || l == "fr" || l == "rf";
  }

  void emit(Tok k, size_t b, size_t e) {
    tokens_.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), k});
  }
  void error(size_t at, std::string msg) {
    if (errors_.size() < 50) errors_.push_back({static_cast<uint32_t>(at), std::move(msg)});
  }

  // pos_ at a backslash: a line continuation, or an error.
  void continuation() {
    size_t n = pos_ + 1;
    if (n < s_.size() && s_[n] == '\r') ++n;
    if (n < s_.size() && s_[n] == '\n') {
      pos_ = n + 1;
    } else if (n >= s_.size()) {
      pos_ = n;  // backslash at EOF
    } else {
      error(pos_, "unexpected character after line continuation");
      ++pos_;
    }
  }

  void skip_comment() {
    if (!has_cr_) {  // most files: the comment ends at the next \n
      const void* nl = std::memchr(s_.data() + pos_, '\n', s_.size() - pos_);
      pos_ = nl ? static_cast<size_t>(static_cast<const char*>(nl) - s_.data()) : s_.size();
      return;
    }
    while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
  }

  // Where the indentation of the line starting at `p` ends, with its column in `col`: a tab goes to the
  // next multiple of 8, a form feed starts again from 0.
  size_t indentation_end(size_t p, size_t& col) const {
    col = 0;
    for (uint64_t w; p + 8 <= s_.size(); p += 8, col += 8) {  // spaces eight at a time
      std::memcpy(&w, s_.data() + p, 8);
      if (w != 0x2020202020202020ULL) break;
    }
    for (; p < s_.size(); ++p) {
      if (s_[p] == ' ') ++col;
      else if (s_[p] == '\t') col = (col / 8 + 1) * 8;
      else if (s_[p] == '\f') col = 0;
      else break;
    }
    return p;
  }

  // A line whose first byte after its indentation is at `p` is blank or a comment.
  bool blank_line_at(size_t p) const { return s_[p] == '#' || s_[p] == '\n' || s_[p] == '\r'; }

  // pos_ at that byte: past the line's end.
  void skip_blank_line() {
    if (s_[pos_] == '#') skip_comment();
    if (pos_ < s_.size() && s_[pos_] == '\r') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
  }

  // At the start of a logical line: measure indentation, emit INDENT/DEDENT. Returns false when the line
  // is blank or a comment (consumed entirely).
  bool indentation() {
    size_t col = 0, p = indentation_end(pos_, col);
    if (p >= s_.size()) { pos_ = p; return false; }
    if (blank_line_at(p)) {
      pos_ = p;
      skip_blank_line();
      return false;
    }
    if (s_[p] == '\\') {  // a continuation right at the start: no indentation change
      pos_ = p;
      body_follows_ = false;
      return true;
    }
    pos_ = p;
    bool body = body_follows_;
    body_follows_ = false;
    if (col > indents_.back()) {
      indents_.push_back(col);
      emit(Tok::Indent, p, p);
      if (body) {
        skim_body(col);
        return false;  // at the line that ends the body (or the end): measured as a new line
      }
    } else {
      while (col < indents_.back()) {
        indents_.pop_back();
        emit(Tok::Dedent, p, p);
      }
      if (col != indents_.back()) error(p, "unindent does not match any outer indentation level");
    }
    return true;
  }

  void number() {
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && std::string_view("xXoObB").find(s_[pos_ + 1]) != std::string_view::npos) {
      pos_ += 2;
      while (pos_ < s_.size() && (std::isxdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_;
      return;
    }
    auto digits = [&] { while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) ++pos_; };
    digits();
    if (pos_ < s_.size() && s_[pos_] == '.') { ++pos_; digits(); }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      size_t save = pos_++;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) digits();
      else pos_ = save;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'j' || s_[pos_] == 'J')) ++pos_;
  }

  // pos_ is at the opening quote; `b` is where the token (prefix included) starts.
  void string_body(size_t b, bool fstring) {
    Tok kind = scan_string(b, fstring) ? Tok::String : Tok::Error;  // before pos_ is read: it moves past the string
    emit(kind, b, pos_);
  }

  // pos_ at the opening quote, `b` where the token (prefix included) starts: past the closing quote, or
  // false with the error reported.
  bool scan_string(size_t b, bool fstring) {
    char q = s_[pos_];
    bool triple = s_.substr(pos_, 3) == std::string_view(q == '"' ? "\"\"\"" : "'''");
    pos_ += triple ? 3 : 1;
    if (scan_string_content(q, triple, fstring, 0)) return true;
    error(b, triple ? "unterminated triple-quoted string" : "unterminated string literal");
    return false;
  }

  // Scans up to and including the closing quote. f-strings: replacement fields may hold any expression,
  // including strings with the same quotes (PEP 701) and nested format specs.
  bool scan_string_content(char q, bool triple, bool fstring, int nesting) {
    if (nesting > 64) return false;
    while (pos_ < s_.size()) {
      pos_ = skip_unmarked(s_, pos_, kStringSpecial);  // text: stepped over
      if (pos_ >= s_.size()) break;
      char c = s_[pos_];
      if (c == '\\') {  // an escaped character (raw strings too: r"\"" does not end at the second quote)
        char next = pos_ + 1 < s_.size() ? s_[pos_ + 1] : '\0';
        if (fstring && (next == '{' || next == '}')) {  // a backslash never escapes a brace: rf"\{{" is \ then {{
          ++pos_;
          continue;
        }
        if (fstring && !raw_ && next == 'N' && pos_ + 2 < s_.size() && s_[pos_ + 2] == '{') {  // \N{DASH} is one escape
          size_t close = s_.find('}', pos_ + 3);
          pos_ = close == std::string_view::npos ? s_.size() : close + 1;
          continue;
        }
        pos_ += 2;  // raw strings still cannot end with an odd backslash before the quote
        continue;
      }
      if (!triple && (c == '\n' || c == '\r')) return false;
      if (c == q && (!triple || (pos_ + 2 < s_.size() && s_[pos_ + 1] == q && s_[pos_ + 2] == q))) {
        pos_ += triple ? 3 : 1;
        return true;
      }
      if (fstring && c == '{') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '{') { pos_ += 2; continue; }
        ++pos_;
        if (!scan_replacement_field(nesting)) return false;
        continue;
      }
      ++pos_;
    }
    return false;
  }

  bool scan_replacement_field(int nesting) {
    if (nesting > 64) return false;  // deeper than any real f-string; bounds the recursion
    int depth = 0;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\'' || c == '"') {
        bool triple = s_.substr(pos_, 3) == std::string(3, c);
        bool f = false;
        // a prefix letter right before the quote (f'...', rf"...")
        for (size_t k = pos_; k > 0 && std::isalpha(static_cast<unsigned char>(s_[k - 1])) && pos_ - k < 2; --k)
          if (s_[k - 1] == 'f' || s_[k - 1] == 'F') f = true;
        pos_ += triple ? 3 : 1;
        if (!scan_string_content(c, triple, f, nesting + 1)) return false;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') { ++depth; ++pos_; continue; }
      if ((c == ')' || c == ']') && depth > 0) { --depth; ++pos_; continue; }
      if (c == '}') {
        if (depth > 0) { --depth; ++pos_; continue; }
        ++pos_;
        return true;
      }
      if (c == ':' && depth == 0) {
        // format spec: literal text with nested {fields}, up to the closing brace
        ++pos_;
        while (pos_ < s_.size() && s_[pos_] != '}') {
          if (s_[pos_] == '{') {
            ++pos_;
            if (!scan_replacement_field(nesting + 1)) return false;
            continue;
          }
          ++pos_;
        }
        if (pos_ >= s_.size()) return false;
        ++pos_;
        return true;
      }
      if (c == '#') {  // a comment inside a multi-line replacement field
        skip_comment();
        continue;
      }
      ++pos_;
    }
    return false;
  }

  // The length of the operator or delimiter at `s` (1 for a single character): a switch on the first byte,
  // since this runs once per operator token and a table scan of string compares showed in profiles.
  static size_t op_length(std::string_view s) {
    auto at = [&](size_t i, char c) { return i < s.size() && s[i] == c; };
    char c = s[0];
    switch (c) {
      case '*': case '/': case '>': case '<':  // **= //= >>= <<=, ** // >> <<, *= /= >= <=
        if (at(1, c)) return at(2, '=') ? 3 : 2;
        return at(1, '=') ? 2 : 1;
      case '.': return at(1, '.') && at(2, '.') ? 3 : 1;
      case '!': return at(1, '=') ? (at(2, '=') ? 3 : 2) : 1;
      case '-': return at(1, '>') || at(1, '=') ? 2 : 1;
      case '=': case '+': case '%': case '&': case '|': case '^': case '@': case ':': return at(1, '=') ? 2 : 1;
      default: return 1;
    }
  }
  void op() {
    size_t b = pos_;
    char c = s_[pos_];
    if (!is_delimiter(static_cast<unsigned char>(c))) {
      invalid_character();
      return;
    }
    size_t n = op_length(s_.substr(pos_));
    if (n == 1) {
      if (c == '(' || c == '[' || c == '{') ++depth_;
      if ((c == ')' || c == ']' || c == '}') && depth_ > 0) --depth_;
    }
    pos_ += n;
    emit(Tok::Op, b, pos_);
  }

  void invalid_character() {
    char c = s_[pos_];
    error(pos_, std::string("invalid character in identifier or source: byte 0x") + "0123456789abcdef"[(c >> 4) & 15] + "0123456789abcdef"[c & 15]);
    ++pos_;
  }

  // ---- skimming function bodies ----

  // The logical line that just ended is a def header whose body starts on the next line:
  // `def name(...) [-> T]:` or `async def`, with nothing after the colon.
  bool ends_def_header() const {
    size_t n = tokens_.size();
    if (line_first_ >= n || tokens_[n - 1].kind != Tok::Op || tokens_[n - 1].text(s_) != ":") return false;
    auto name_is = [&](size_t i, std::string_view w) { return i < n && tokens_[i].kind == Tok::Name && tokens_[i].text(s_) == w; };
    return name_is(line_first_, "def") || (name_is(line_first_, "async") && name_is(line_first_ + 1, "def"));
  }

  // The body of a def, from its first line (pos_, indented `body_col`): stepped over to the first line
  // indented less (pos_ at that line's start, to be measured as usual) or to the end of the source.
  // Strings, comments, brackets and continuations are followed as the tokenizer follows them, and its
  // errors are reported the same way.
  void skim_body(size_t body_col) {
    std::vector<size_t>& levels = body_levels_;  // the body's own indentation, judged as indentation() does
    levels.assign(1, body_col);
    int depth = 0;
    skim_logical_line(depth);  // the first line, measured already
    while (pos_ < s_.size()) {
      size_t line = pos_, col = 0, p = indentation_end(pos_, col);
      pos_ = p;
      if (p >= s_.size()) break;
      if (blank_line_at(p)) {
        skip_blank_line();
        continue;
      }
      if (s_[p] != '\\') {  // a continuation right at the start changes no indentation
        if (col < body_col) {
          pos_ = line;
          break;
        }
        if (col > levels.back()) levels.push_back(col);
        while (col < levels.back()) levels.pop_back();
        if (col != levels.back()) error(p, "unindent does not match any outer indentation level");
      }
      skim_logical_line(depth);
    }
    depth_ = depth;
  }

  // From pos_ to past the end of its logical line (or the end of the source), `depth` the open brackets.
  void skim_logical_line(int& depth) {
    const size_t n = s_.size();
    while (pos_ < n) {
      pos_ = skip_unmarked(s_, pos_, NotPlain{});
      if (pos_ >= n) return;
      switch (kBytes.of[static_cast<unsigned char>(s_[pos_])]) {
        case kLineEnd:
          if (s_[pos_] == '\r' && pos_ + 1 < n && s_[pos_ + 1] == '\n') ++pos_;
          ++pos_;
          if (depth == 0) return;
          break;
        case kHash: skip_comment(); break;
        case kBackslash: continuation(); break;
        case kOpen: ++depth, ++pos_; break;
        case kClose: depth -= depth > 0, ++pos_; break;
        case kQuote: skim_string(); break;
        default: invalid_character(); break;
      }
    }
  }

  // A string met while skimming: its prefix is the name token that ends at the quote, if any, found by
  // lexing back from the run of name characters and dots before it (`1rb"x"` is the number 1, then rb"x").
  void skim_string() {
    size_t q = pos_, r = q;
    while (r > 0 && (is_name_char(static_cast<unsigned char>(s_[r - 1])) || s_[r - 1] == '.')) --r;
    size_t name = q;
    for (pos_ = r; pos_ < q;) {
      auto c = static_cast<unsigned char>(s_[pos_]);
      size_t b = pos_;
      if (is_name_start(c)) {
        while (pos_ < q && is_name_char(static_cast<unsigned char>(s_[pos_]))) ++pos_;
        name = b;
      } else if (is_digit(c) || (c == '.' && is_digit(static_cast<unsigned char>(s_[pos_ + 1])))) {
        number();
        name = q;
      } else {
        ++pos_;
        name = q;
      }
    }
    pos_ = q;
    bool f = false;
    if (name < q && is_prefix(s_.substr(name, q - name))) {
      for (char p : s_.substr(name, q - name)) {
        f |= p == 'f' || p == 'F';
        raw_ = raw_ || p == 'r' || p == 'R';
      }
    } else {
      name = q;
    }
    scan_string(name, f);
    raw_ = false;
  }

  std::string_view s_;
  bool skim_bodies_;
  bool has_cr_;  // a \r anywhere: comments end at \r too, so skip_comment cannot look for \n alone
  bool body_follows_ = false;  // the last logical line was a def header: skim the block that follows
  size_t line_first_ = 0;      // the first token of the current logical line
  size_t pos_ = 0;
  bool raw_ = false;  // the string being scanned has an r prefix
  int depth_ = 0;
  std::vector<size_t> indents_;
  std::vector<size_t> body_levels_;  // skim_body's, kept from one body to the next: no allocation per def
  std::vector<Token> tokens_;
  std::vector<LexError> errors_;
};

}  // namespace

LexResult tokenize(std::string_view source, bool skim_function_bodies, std::vector<Token> storage) {
  return Lexer(source, skim_function_bodies, std::move(storage)).run();
}

}  // namespace cfglint::py
