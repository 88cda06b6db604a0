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

void walk(const std::vector<Stmt*>& body, ModuleFacts& f) {
  for (const Stmt* s : body) {
    switch (s->kind) {
      case Stmt::K::Import:
        for (const auto& n : s->names) f.imports.push_back({s->begin, false, 0, n.name, "", n.asname});
        break;
      case Stmt::K::ImportFrom:
        for (const auto& n : s->names) f.imports.push_back({s->begin, true, s->level, s->module, n.name, n.asname});
        break;
      case Stmt::K::Assign:
        for (const Expr* t : s->targets) target_names(t, s->begin, f.bindings);
        break;
      case Stmt::K::AugAssign:
      case Stmt::K::AnnAssign:
        if (!s->targets.empty() && s->targets[0]->kind == Expr::K::Name) f.bindings.push_back({s->begin, "assign", s->targets[0]->text});
        break;
      case Stmt::K::FunctionDef: f.bindings.push_back({s->keyword_offset, "def", s->name}); break;
      case Stmt::K::ClassDef: f.bindings.push_back({s->keyword_offset, "class", s->name}); break;
      case Stmt::K::If:
      case Stmt::K::For:
      case Stmt::K::While:
        walk(s->body, f);
        walk(s->orelse, f);
        break;
      case Stmt::K::With: walk(s->body, f); break;
      case Stmt::K::Try:
        walk(s->body, f);
        for (const auto& h : s->handlers) walk(h.body, f);
        walk(s->orelse, f);
        walk(s->finalbody, f);
        break;
      case Stmt::K::Match:
        for (const auto& c : s->cases) walk(c, f);
        break;
      default: break;
    }
  }
}

}  // namespace

ModuleFacts module_facts(const Module& m) {
  ModuleFacts f;
  walk(m.body, f);
  return f;
}

}  // namespace cfglint::py
