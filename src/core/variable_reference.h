// The shell-style `${NAME...}` forms that Dockerfiles and compose files share: `${NAME}`,
// `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME:?err}`, `${NAME?err}`.
#pragma once
#include <string_view>

namespace cfglint {

struct BracedVariable {
  std::string_view name;
  char op = 0;         // 0 (plain), '-', '+' or '?'
  bool colon = false;  // `:-` tests "unset or empty", `-` only "unset"
  std::string_view word;
};

// Splits the text between `${` and `}`. A trailing `:` with no operator (`${A:}`) is read as plain
// `${A}`: Docker and compose reject it, and a linter must not crash on it.
BracedVariable parse_braced_variable(std::string_view inner);

// Whether the operator replaces the value: for `-` when the variable counts as unset, for `+` when
// it counts as set.
bool use_word(const BracedVariable& v, bool defined, bool empty);

}  // namespace cfglint
