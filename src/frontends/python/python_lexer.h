// Python tokenizer: the logical-line structure (NEWLINE, INDENT, DEDENT), names, numbers, every string
// form (prefixes, triple quotes, f-strings with nested quotes and braces as in Python 3.12), operators,
// implicit joining inside brackets and explicit backslash continuations. Comments are dropped.
// Positions are byte offsets into the source.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cfglint::py {

enum class Tok : uint8_t { Name, Number, String, Op, Newline, Indent, Dedent, End, Error };

// Twelve bytes: a module has a token per 5 bytes of source, written once and read by the parser.
struct Token {
  uint32_t begin;
  uint32_t end;
  Tok kind;
  std::string_view text(std::string_view source) const { return {source.data() + begin, end - begin}; }
};

struct LexError {
  uint32_t offset;
  std::string message;
};

struct LexResult {
  std::vector<Token> tokens;
  std::vector<LexError> errors;
};

// `skim_function_bodies`: the body of a `def` whose header ends its line is scanned, not tokenized. The
// stream holds its INDENT and DEDENT with nothing between (the parser skips such bodies anyway); the
// lexical errors inside it (an unterminated string, an invalid character, a bad unindent, an unclosed
// bracket) are still reported, at the same offsets.
// `storage`: a vector whose capacity the tokens may reuse (its contents are dropped).
LexResult tokenize(std::string_view source, bool skim_function_bodies = false, std::vector<Token> storage = {});

}  // namespace cfglint::py
