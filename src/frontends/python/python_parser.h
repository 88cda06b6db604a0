// Python statement and expression parser over python_lexer tokens. Never throws: a syntax error is
// recorded with its offset and the parser resumes at the next logical line, so one bad statement
// does not hide the rest of the module.
#pragma once
#include <string_view>

#include "frontends/python/python_ast.h"

namespace cfglint::py {

struct ParseLimits {
  int max_depth = 200;  // nesting of expressions and blocks
  // Function bodies do not run at import: skip them by token structure (their syntax is still tokenized,
  // not parsed). What import-time analyses need, at a fraction of the cost.
  bool skip_function_bodies = false;
};

Module parse_module(std::string_view source, const ParseLimits& limits = {});

// Decodes one string literal token (prefix and quotes included). Sets `fstring`/`bytes` for those kinds.
std::string decode_string_literal(std::string_view token, bool& fstring, bool& bytes);

}  // namespace cfglint::py
