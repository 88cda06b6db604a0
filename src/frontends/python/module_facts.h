// What a module does at import time, as far as names go: the imports it runs and the names it binds
// (assignments, def, class), walking into if/try/with/for/while/match blocks but not into def or class
// bodies. The ast comparison test proves these against CPython's `ast` module.
#pragma once
#include <string>
#include <vector>

#include "frontends/python/python_ast.h"

namespace cfglint::py {

struct ImportFact {
  uint32_t offset;     // statement start
  uint32_t end = 0;    // statement end
  bool from = false;   // from X import Y
  int level = 0;
  std::string module;  // `import a.b` -> "a.b"; `from .x import y` -> "x"
  std::string name;    // from-import name ("*" for star), "" for plain import
  std::string asname;
  bool type_checking = false;  // inside `if TYPE_CHECKING:`: never runs
  bool main_guard = false;     // inside `if __name__ == "__main__":`
  bool conditional = false;    // inside if/try/with/for/while
};

// A call that runs at import time (module level or a class body): what Django start-up cares about.
struct CallFact {
  uint32_t offset, end;
  std::string callee;  // dotted as written: "get_user_model", "django.setup", "apps.get_model"
  bool main_guard = false;
};

struct BindingFact {
  uint32_t offset;     // statement start (def/class: the keyword)
  std::string kind;    // "assign", "def", "class"
  std::string name;
};

struct ModuleFacts {
  std::vector<ImportFact> imports;
  std::vector<BindingFact> bindings;
  std::vector<CallFact> calls;
};

ModuleFacts module_facts(const Module& m);

// "os.environ.setdefault" for Name/Attribute chains ("" otherwise); a call inside shows as "f()".
std::string dotted_name(const Expr* e);

}  // namespace cfglint::py
