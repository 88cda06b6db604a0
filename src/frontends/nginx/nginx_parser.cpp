#include "frontends/nginx/nginx_parser.h"

#include <cctype>

namespace cfglint {
namespace {

constexpr size_t kMaxDepth = 64;  // real configurations nest http > server > location > if: four or five

class Tokenizer {
 public:
  Tokenizer(std::string_view text, const LineIndex& lines) : text_(text), lines_(lines) {}

  enum class T { Word, Semicolon, Open, Close, End, Error };
  struct Token {
    T type;
    std::string text;
    size_t begin = 0;
  };

  Token next() {
    skip_space_and_comments();
    if (pos_ >= text_.size()) return {T::End, "", pos_};
    size_t begin = pos_;
    char c = text_[pos_];
    if (c == ';') return ++pos_, Token{T::Semicolon, ";", begin};
    if (c == '{') return ++pos_, Token{T::Open, "{", begin};
    if (c == '}') return ++pos_, Token{T::Close, "}", begin};
    if (c == '"' || c == '\'') return quoted(c, begin);
    std::string word;
    while (pos_ < text_.size()) {
      char w = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(w)) || w == ';' || w == '{' || w == '}') {
        // `${name}` is a variable inside a word, not a block
        if (w == '{' && !word.empty() && word.back() == '$') {
          size_t close = text_.find('}', pos_);
          if (close == std::string_view::npos) break;
          word.append(text_.substr(pos_, close + 1 - pos_));
          pos_ = close + 1;
          continue;
        }
        break;
      }
      word += w;
      ++pos_;
    }
    return {T::Word, word, begin};
  }

  Range range(size_t begin, size_t end) const { return lines_.span(text_, begin, end); }

 private:
  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
      } else if (text_[pos_] == '#') {
        size_t eol = text_.find('\n', pos_);
        pos_ = eol == std::string_view::npos ? text_.size() : eol + 1;
      } else {
        break;
      }
    }
  }

  Token quoted(char quote, size_t begin) {
    std::string out;
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) return {T::Error, "unterminated quoted string", begin};
    ++pos_;
    return {T::Word, out, begin};
  }

  std::string_view text_;
  const LineIndex& lines_;
  size_t pos_ = 0;
};

}  // namespace

NginxFile parse_nginx(std::string_view text, const LineIndex& lines) {
  NginxFile out;
  Tokenizer tok(text, lines);
  std::vector<std::string> context;
  std::vector<std::vector<std::string>> context_args;
  std::vector<int> open_blocks;  // indices of the directives whose blocks are open
  NginxDirective current;
  bool in_directive = false;
  auto fail = [&](size_t at, std::string message) { out.errors.push_back({tok.range(at, at + 1), std::move(message)}); };
  while (true) {
    Tokenizer::Token t = tok.next();
    if (t.type == Tokenizer::T::Error) return fail(t.begin, t.text), out;
    if (t.type == Tokenizer::T::End) {
      if (in_directive) fail(t.begin, "unexpected end of file, expecting \";\" or \"}\"");
      else if (!context.empty()) fail(t.begin, "unexpected end of file, expecting \"}\"");
      return out;
    }
    if (t.type == Tokenizer::T::Word) {
      if (!in_directive) {
        current = {};
        current.name = t.text;
        current.range = tok.range(t.begin, t.begin + t.text.size());
        current.context = context;
        current.context_args = context_args.empty() ? std::vector<std::string>{} : context_args.back();
        current.parent = open_blocks.empty() ? -1 : open_blocks.back();
        in_directive = true;
      } else {
        current.args.push_back(t.text);
      }
    } else if (t.type == Tokenizer::T::Semicolon) {
      if (!in_directive) return fail(t.begin, "unexpected \";\""), out;
      out.directives.push_back(std::move(current));
      in_directive = false;
    } else if (t.type == Tokenizer::T::Open) {
      if (!in_directive) return fail(t.begin, "unexpected \"{\""), out;
      // Every directive keeps its enclosing blocks: a bound on depth keeps hostile nesting linear.
      if (context.size() >= kMaxDepth) return fail(t.begin, "blocks nested deeper than " + std::to_string(kMaxDepth)), out;
      current.opens_block = true;
      context.push_back(current.name);
      context_args.push_back(current.args);
      open_blocks.push_back(static_cast<int>(out.directives.size()));
      out.directives.push_back(std::move(current));
      in_directive = false;
    } else if (t.type == Tokenizer::T::Close) {
      if (in_directive || context.empty()) return fail(t.begin, "unexpected \"}\""), out;
      context.pop_back();
      context_args.pop_back();
      open_blocks.pop_back();
    }
  }
}

}  // namespace cfglint
