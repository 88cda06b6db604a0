#include "core/variable_reference.h"

namespace cfglint {

BracedVariable parse_braced_variable(std::string_view inner) {
  BracedVariable v;
  size_t op = inner.find_first_of(":-+?");
  v.name = inner.substr(0, op);
  if (op == std::string_view::npos) return v;
  v.colon = inner[op] == ':';
  size_t kind_at = v.colon ? op + 1 : op;
  if (kind_at >= inner.size()) return v;
  char kind = inner[kind_at];
  if (kind != '-' && kind != '+' && kind != '?') return v;
  v.op = kind;
  v.word = inner.substr(kind_at + 1);
  return v;
}

bool use_word(const BracedVariable& v, bool defined, bool empty) {
  bool set = v.colon ? defined && !empty : defined;
  if (v.op == '-') return !set;
  if (v.op == '+') return set;
  return false;
}

}  // namespace cfglint
