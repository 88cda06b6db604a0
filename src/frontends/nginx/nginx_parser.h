// nginx configuration, as nginx tokenises it: directives of words and quoted strings ending in `;` or
// opening a `{ }` block, `#` comments. Kept flat (each directive knows the blocks it sits in), so
// nesting depth costs no stack and hostile input cannot overflow it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"
#include "frontends/tree/tree.h"

namespace cfglint {

struct NginxDirective {
  std::string name;
  std::vector<std::string> args;  // quotes removed
  Range range;                    // the directive's name
  std::vector<std::string> context;  // enclosing block names, outermost first: {"http", "server", "location"}
  std::vector<std::string> context_args;  // the innermost block's arguments (an upstream's name, a location's path)
  bool opens_block = false;
  int parent = -1;  // index of the directive that opened the innermost enclosing block, -1 at top level
};

struct NginxFile {
  std::vector<NginxDirective> directives;
  std::vector<TreeDiagnostic> errors;  // the first problem; what was read before it is kept
};

NginxFile parse_nginx(std::string_view text, const LineIndex& lines);

}  // namespace cfglint
