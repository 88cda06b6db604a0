#include "frontends/python/module_facts.h"

namespace cfglint::py {
namespace {

void target_names(const Expr* t, uint32_t offset, std::vector<BindingFact>& out) {
  if (!t) return;
  switch (t->kind) {
    case Expr::K::Name: out.push_back({offset, "assign", t->text}); break;
    case Expr::K::Tuple:
    case Expr::K::List:
      for (const Expr* e : t->items) target_names(e, offset, out);
      break;
    case Expr::K::Starred: target_names(t->a, offset, out); break;
    default: break;
  }
}

struct Context {
  bool type_checking = false;
  bool main_guard = false;
  bool conditional = false;
};

std::string dotted(const Expr* e) { return dotted_name(e); }

// Calls inside an expression, not inside lambdas (their bodies do not run now).
void calls_in(const Expr* e, const Context& c, std::vector<CallFact>& out, int depth = 0) {
  if (!e || depth > 100 || e->kind == Expr::K::Lambda) return;
  if (e->kind == Expr::K::Call) {
    std::string d = dotted(e->a);
    if (!d.empty()) out.push_back({e->begin, e->end, d, c.main_guard});
  }
  calls_in(e->a, c, out, depth + 1);
  calls_in(e->b, c, out, depth + 1);
  calls_in(e->c, c, out, depth + 1);
  for (const Expr* i : e->items) calls_in(i, c, out, depth + 1);
  for (const auto& [k, v] : e->keywords) calls_in(v, c, out, depth + 1);
}

bool is_type_checking(const Expr* test) {
  std::string d = dotted(test);
  return d == "TYPE_CHECKING" || d == "typing.TYPE_CHECKING";
}

bool is_main_guard(const Expr* test) {
  if (!test || test->kind != Expr::K::Compare || test->items.size() != 1) return false;
  return dotted(test->a) == "__name__" && test->items[0]->kind == Expr::K::Str && test->items[0]->text == "__main__";
}

void walk(const std::vector<Stmt*>& body, ModuleFacts& f, Context c = {}, bool in_class = false);

void walk_calls(const Stmt* s, ModuleFacts& f, const Context& c) {
  if (c.type_checking) return;
  calls_in(s->value, c, f.calls);
  for (const Expr* t : s->targets) calls_in(t, c, f.calls);
  for (const Expr* d : s->decorators) calls_in(d, c, f.calls);
  for (const Expr* b : s->bases) calls_in(b, c, f.calls);
}

void walk(const std::vector<Stmt*>& body, ModuleFacts& f, Context c, bool in_class) {
  for (const Stmt* s : body) {
    if (s->kind != Stmt::K::FunctionDef && s->kind != Stmt::K::ClassDef && s->kind != Stmt::K::If) walk_calls(s, f, c);
    if (in_class) {  // class bodies run at import: only their calls and nested classes matter here
      if (s->kind == Stmt::K::ClassDef) {
        for (const Expr* d : s->decorators) calls_in(d, c, f.calls);
        walk(s->body, f, c, true);
      }
      continue;
    }
    switch (s->kind) {
      case Stmt::K::Import:
        for (const auto& n : s->names) f.imports.push_back({s->begin, s->end, false, 0, n.name, "", n.asname, c.type_checking, c.main_guard, c.conditional});
        break;
      case Stmt::K::ImportFrom:
        for (const auto& n : s->names) f.imports.push_back({s->begin, s->end, true, s->level, s->module, n.name, n.asname, c.type_checking, c.main_guard, c.conditional});
        break;
      case Stmt::K::Assign:
        for (const Expr* t : s->targets) target_names(t, s->begin, f.bindings);
        break;
      case Stmt::K::AugAssign:
      case Stmt::K::AnnAssign:
        if (!s->targets.empty() && s->targets[0]->kind == Expr::K::Name) f.bindings.push_back({s->begin, "assign", s->targets[0]->text});
        break;
      case Stmt::K::FunctionDef:
        f.bindings.push_back({s->keyword_offset, "def", s->name});
        if (!c.type_checking)
          for (const Expr* d : s->decorators) calls_in(d, c, f.calls);
        break;
      case Stmt::K::ClassDef:
        f.bindings.push_back({s->keyword_offset, "class", s->name});
        if (!c.type_checking) {
          for (const Expr* d : s->decorators) calls_in(d, c, f.calls);
          for (const Expr* b : s->bases) calls_in(b, c, f.calls);
          walk(s->body, f, c, true);
        }
        break;
      case Stmt::K::If: {
        Context inner = c;
        inner.conditional = true;
        if (is_type_checking(s->value)) inner.type_checking = true;
        if (is_main_guard(s->value)) inner.main_guard = true;
        if (!inner.type_checking) calls_in(s->value, c, f.calls);
        walk(s->body, f, inner);
        Context other = c;
        other.conditional = true;
        walk(s->orelse, f, other);
        break;
      }
      case Stmt::K::For:
      case Stmt::K::While: {
        Context inner = c;
        inner.conditional = true;
        walk(s->body, f, inner);
        walk(s->orelse, f, inner);
        break;
      }
      case Stmt::K::With: walk(s->body, f, c); break;
      case Stmt::K::Try: {
        Context inner = c;
        inner.conditional = true;
        walk(s->body, f, inner);
        for (const auto& h : s->handlers) walk(h.body, f, inner);
        walk(s->orelse, f, inner);
        walk(s->finalbody, f, c);
        break;
      }
      case Stmt::K::Match: {
        Context inner = c;
        inner.conditional = true;
        for (const auto& cs : s->cases) walk(cs, f, inner);
        break;
      }
      default: break;
    }
  }
}

}  // namespace

std::string dotted_name(const Expr* e) {
  if (!e) return "";
  if (e->kind == Expr::K::Name) return e->text;
  if (e->kind == Expr::K::Attr) {
    std::string b = dotted_name(e->a);
    return b.empty() ? "" : b + "." + e->text;
  }
  if (e->kind == Expr::K::Call) {  // environ.Env() -> "environ.Env()"
    std::string f = dotted_name(e->a);
    return f.empty() ? "" : f + "()";
  }
  return "";
}

ModuleFacts module_facts(const Module& m) {
  ModuleFacts f;
  walk(m.body, f);
  return f;
}

}  // namespace cfglint::py
