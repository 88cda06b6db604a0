#include "frontends/python/python_parser.h"

#include "core/strings.h"

#include <cctype>
#include <cstring>

#include "frontends/python/python_lexer.h"

namespace cfglint::py {
namespace {

struct ParseFail {
  uint32_t offset;
  std::string message;
  bool limit = false;  // valid Python beyond what cfglint analyses, not a syntax error
};

// Python's hard keywords, by first byte: most names start with a byte no keyword starts with, and the
// rest meet one to five candidates (this runs for every name the parser expects).
bool is_keyword(std::string_view s) {
  if (s.size() < 2 || s.size() > 8) return false;  // "as" .. "continue", "nonlocal"
  auto any = [&](std::initializer_list<std::string_view> words) {
    for (std::string_view w : words)
      if (s == w) return true;
    return false;
  };
  switch (s[0]) {
    case 'F': return s == "False";
    case 'N': return s == "None";
    case 'T': return s == "True";
    case 'a': return any({"and", "as", "assert", "async", "await"});
    case 'b': return s == "break";
    case 'c': return any({"class", "continue"});
    case 'd': return any({"def", "del"});
    case 'e': return any({"elif", "else", "except"});
    case 'f': return any({"finally", "for", "from"});
    case 'g': return s == "global";
    case 'i': return any({"if", "import", "in", "is"});
    case 'l': return s == "lambda";
    case 'n': return any({"nonlocal", "not"});
    case 'o': return s == "or";
    case 'p': return s == "pass";
    case 'r': return any({"raise", "return"});
    case 't': return s == "try";
    case 'w': return any({"while", "with"});
    case 'y': return s == "yield";
    default: return false;
  }
}

// A token's text against a short literal: the first byte decides most comparisons without a memcmp call.
bool same_text(std::string_view text, std::string_view literal) {
  return text.size() == literal.size() && (text.empty() || text[0] == literal[0]) && text == literal;
}
// The same against a string literal, compared byte by byte in line: the parser tests every token
// against a dozen operators and keywords, and == on views called memcmp for each.
template <size_t N>
bool same_text(std::string_view text, const char (&literal)[N]) {
  if (text.size() != N - 1) return false;
  for (size_t i = 0; i + 1 < N; ++i)
    if (text[i] != literal[i]) return false;
  return true;
}

// Most operands are a primary (a name, a call, a literal) with no operator after it. Parsed down the
// precedence levels, from disjunction to atom, one costs ten calls and a dozen token tests. expression()
// parses such a primary directly and, only when an operator follows it, hands it up the same levels
// as `first`: each level takes it where it would have parsed its first operand, so the tree is the same.
struct Operand {
  Expr* e = nullptr;   // the primary parsed already; null: parse from the current token
  uint32_t begin = 0;  // where its first token began
};

class Parser {
 public:
  Parser(std::string_view src, const ParseLimits& limits, Module& m, std::vector<Token> storage)
      : src_(src), limits_(limits), m_(m) {
    LexResult lr = tokenize(src, limits.skip_function_bodies, std::move(storage));
    toks_ = std::move(lr.tokens);
    for (auto& e : lr.errors) m_.errors.push_back({e.offset, e.message});
  }

  std::vector<Token> release_tokens() { return std::move(toks_); }

  void run() {
    while (!at(Tok::End)) {
      if (at(Tok::Newline) || at(Tok::Indent) || at(Tok::Dedent)) {
        if (at(Tok::Indent)) fail_soft(peek().begin, "unexpected indent");
        ++i_;
        continue;
      }
      statement_into(m_.body);
    }
  }

 private:
  // ---- token helpers ----
  const Token& peek(size_t k = 0) const { return toks_[std::min(i_ + k, toks_.size() - 1)]; }
  std::string_view txt(const Token& t) const { return t.text(src_); }
  bool at(Tok k) const { return peek().kind == k; }
  template <typename Text>  // a string literal, or a view
  bool at_op(const Text& op, size_t k = 0) const { return peek(k).kind == Tok::Op && same_text(txt(peek(k)), op); }
  template <typename Text>
  bool at_kw(const Text& kw, size_t k = 0) const { return peek(k).kind == Tok::Name && same_text(txt(peek(k)), kw); }
  const Token& next() {
    const Token& t = peek();
    if (i_ < toks_.size() - 1) ++i_;
    return t;
  }
  [[noreturn]] void fail(std::string msg) { throw ParseFail{peek().begin, std::move(msg)}; }
  void fail_soft(uint32_t at, std::string msg, bool limit = false) {
    if (m_.errors.size() < 100) m_.errors.push_back({at, std::move(msg), limit});
  }
  template <typename Text>
  void expect_op(const Text& op) {
    if (!at_op(op)) fail("expected '" + std::string(op) + "'");
    next();
  }
  template <typename Text>
  void expect_kw(const Text& kw) {
    if (!at_kw(kw)) fail("expected '" + std::string(kw) + "'");
    next();
  }
  std::string expect_name() {
    if (!at(Tok::Name) || is_keyword(txt(peek()))) fail("expected a name");
    return std::string(txt(next()));
  }
  uint32_t prev_end() const { return i_ > 0 ? toks_[i_ - 1].end : 0; }

  Expr* mk(Expr::K k, uint32_t b) {
    Expr* e = &m_.exprs.emplace_back();
    e->kind = k;
    e->begin = b;
    return e;
  }
  Stmt* mks(Stmt::K k, uint32_t b) {
    Stmt* s = &m_.stmts.emplace_back();
    s->kind = k;
    s->begin = b;
    return s;
  }
  Expr* done(Expr* e) {
    e->end = prev_end();
    return e;
  }

  static constexpr int kMaxElifChain = 1000;
  int elif_depth_ = 0;

  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) {
      if (++p.depth_ > p.limits_.max_depth) {
        --p.depth_;
        throw ParseFail{p.peek().begin, "nesting is too deep to analyse", true};
      }
    }
    ~DepthGuard() { --p.depth_; }
  };

  // ---- statements ----
  void statement_into(std::vector<Stmt*>& out) {
    size_t start = i_;
    try {
      compound_or_simple(out);
    } catch (const ParseFail& f) {
      fail_soft(f.offset, f.message, f.limit);
      // resume after the logical line; skip a block that follows a broken header
      if (i_ == start) ++i_;
      while (!at(Tok::Newline) && !at(Tok::End)) ++i_;
      if (at(Tok::Newline)) ++i_;
      if (at(Tok::Indent)) skip_block();
      Stmt* s = mks(Stmt::K::Opaque, toks_[start].begin);
      s->end = prev_end();
      out.push_back(s);
    }
  }

  void skip_block() {
    int d = 0;
    while (!at(Tok::End)) {
      if (at(Tok::Indent)) ++d;
      if (at(Tok::Dedent) && --d == 0) {
        ++i_;
        return;
      }
      ++i_;
    }
  }

  std::vector<Stmt*> block() {
    std::vector<Stmt*> body;
    if (at(Tok::Newline)) {
      next();
      if (!at(Tok::Indent)) fail("expected an indented block");
      next();
      DepthGuard g(*this);
      while (!at(Tok::Dedent) && !at(Tok::End)) {
        if (at(Tok::Newline)) { next(); continue; }
        if (at(Tok::Indent)) { fail_soft(peek().begin, "unexpected indent"); next(); continue; }
        statement_into(body);
      }
      if (at(Tok::Dedent)) next();
    } else {
      simple_statements(body);
    }
    return body;
  }

  void compound_or_simple(std::vector<Stmt*>& out) {
    const Token& t = peek();
    uint32_t b = t.begin;
    if (t.kind == Tok::Name) {
      std::string_view w = txt(t);
      if (same_text(w, "if")) { out.push_back(if_stmt()); return; }
      if (same_text(w, "while")) {
        next();
        Stmt* s = mks(Stmt::K::While, b);
        s->value = named_expression();
        expect_op(":");
        s->body = block();
        if (at_kw("else")) { next(); expect_op(":"); s->orelse = block(); }
        s->end = prev_end();
        out.push_back(s);
        return;
      }
      if (same_text(w, "for")) { out.push_back(for_stmt(b, false)); return; }
      if (same_text(w, "try")) { out.push_back(try_stmt()); return; }
      if (same_text(w, "with")) { out.push_back(with_stmt(b, false)); return; }
      if (same_text(w, "def")) { out.push_back(def_stmt(b, {}, false)); return; }
      if (same_text(w, "class")) { out.push_back(class_stmt(b, {})); return; }
      if (same_text(w, "async")) {
        next();
        if (at_kw("def")) { out.push_back(def_stmt(b, {}, true)); return; }
        if (at_kw("for")) { out.push_back(for_stmt(b, true)); return; }
        if (at_kw("with")) { out.push_back(with_stmt(b, true)); return; }
        fail("expected def, for or with after async");
      }
      if (same_text(w, "match") && !at_op("=", 1) && !at_op(".", 1) && !at_op(":", 1) && !at_op(",", 1) && peek(1).kind != Tok::Newline) {
        if (Stmt* s = try_match_stmt()) { out.push_back(s); return; }
      }
    }
    if (at_op("@")) {
      std::vector<Expr*> decorators;
      while (at_op("@")) {
        next();
        decorators.push_back(named_expression());
        if (!at(Tok::Newline)) fail("expected a newline after a decorator");
        next();
      }
      bool is_async = false;
      if (at_kw("async")) { next(); is_async = true; }
      if (at_kw("def")) { out.push_back(def_stmt(b, decorators, is_async)); return; }
      if (at_kw("class")) { out.push_back(class_stmt(b, decorators)); return; }
      fail("expected def or class after decorators");
    }
    simple_statements(out);
  }

  Stmt* if_stmt() {
    Stmt* s = mks(Stmt::K::If, peek().begin);
    next();  // if / elif
    s->value = named_expression();
    expect_op(":");
    s->body = block();
    if (at_kw("elif")) {
      // An elif chain nests If nodes through `orelse`, and every reader of the tree recurses through
      // it: bound the chain as nesting is bounded, with a budget of its own (long chains are real).
      if (++elif_depth_ > kMaxElifChain) {
        --elif_depth_;
        throw ParseFail{peek().begin, "an elif chain longer than " + std::to_string(kMaxElifChain) + " branches is too long to analyse", true};
      }
      struct Release {
        int& d;
        ~Release() { --d; }
      } release{elif_depth_};
      s->orelse.push_back(if_stmt());
    } else if (at_kw("else")) {
      next();
      expect_op(":");
      s->orelse = block();
    }
    s->end = prev_end();
    return s;
  }

  Stmt* for_stmt(uint32_t b, bool is_async) {
    Stmt* s = mks(Stmt::K::For, b);
    s->is_async = is_async;
    expect_kw("for");
    s->targets.push_back(target_list());
    expect_kw("in");
    s->value = star_expressions();
    expect_op(":");
    s->body = block();
    if (at_kw("else")) { next(); expect_op(":"); s->orelse = block(); }
    s->end = prev_end();
    return s;
  }

  Stmt* try_stmt() {
    Stmt* s = mks(Stmt::K::Try, peek().begin);
    next();
    expect_op(":");
    s->body = block();
    while (at_kw("except")) {
      Handler h;
      h.begin = next().begin;
      if (at_op("*")) next();
      if (!at_op(":")) {
        h.type = expression();
        if (at_op(",")) {  // except (A, B) written without parentheses is Python 2; tolerate
          Expr* t = mk(Expr::K::Tuple, h.type->begin);
          t->items.push_back(h.type);
          while (at_op(",")) { next(); t->items.push_back(expression()); }
          h.type = done(t);
        }
        if (at_kw("as")) { next(); h.name = expect_name(); }
      }
      expect_op(":");
      h.body = block();
      s->handlers.push_back(std::move(h));
    }
    if (at_kw("else")) { next(); expect_op(":"); s->orelse = block(); }
    if (at_kw("finally")) { next(); expect_op(":"); s->finalbody = block(); }
    if (s->handlers.empty() && s->finalbody.empty()) fail("expected 'except' or 'finally' block");
    s->end = prev_end();
    return s;
  }

  Stmt* with_stmt(uint32_t b, bool is_async) {
    Stmt* s = mks(Stmt::K::With, b);
    s->is_async = is_async;
    expect_kw("with");
    bool parsed = false;
    if (at_op("(")) {  // parenthesized with-items (3.9+), or a parenthesized expression: try the former
      size_t save = i_;
      try {
        next();
        std::vector<Expr*> targets;
        while (!at_op(")")) {
          Expr* e = expression();
          if (at_kw("as")) { next(); targets.push_back(target()); }
          (void)e;
          if (at_op(",")) { next(); continue; }
          break;
        }
        expect_op(")");
        if (!at_op(":")) throw ParseFail{peek().begin, ""};
        s->targets = targets;
        parsed = true;
      } catch (const ParseFail&) {
        i_ = save;
      }
    }
    if (!parsed) {
      while (true) {
        expression();
        if (at_kw("as")) { next(); s->targets.push_back(target()); }
        if (at_op(",")) { next(); continue; }
        break;
      }
    }
    expect_op(":");
    s->body = block();
    s->end = prev_end();
    return s;
  }

  void skip_type_params() {
    if (!at_op("[")) return;
    int d = 0;
    do {
      if (at_op("[")) ++d;
      if (at_op("]")) --d;
      next();
    } while (d > 0 && !at(Tok::End) && !at(Tok::Newline));
  }

  Stmt* def_stmt(uint32_t b, std::vector<Expr*> decorators, bool is_async) {
    Stmt* s = mks(Stmt::K::FunctionDef, b);
    s->decorators = std::move(decorators);
    s->is_async = is_async;
    s->keyword_offset = peek().begin;
    expect_kw("def");
    s->name = expect_name();
    skip_type_params();
    expect_op("(");
    parameters(")", s->params, true);
    expect_op(")");
    if (at_op("->")) { next(); expression(); }
    expect_op(":");
    if (limits_.skip_function_bodies) {
      if (at(Tok::Newline)) {
        next();
        if (!at(Tok::Indent)) fail("expected an indented block");
        skip_block();
      } else {
        while (!at(Tok::Newline) && !at(Tok::End)) next();
        if (at(Tok::Newline)) next();
      }
    } else {
      s->body = block();
    }
    s->end = prev_end();
    return s;
  }

  // Parameter lists of def (annotations allowed) and lambda (terminated by ':').
  void parameters(std::string_view close, std::vector<std::string>& names, bool annotations) {
    while (!at_op(close)) {
      if (at_op("/")) { next(); }
      else if (at_op("*") || at_op("**")) {
        next();
        if (at(Tok::Name)) {
          names.push_back(expect_name());
          if (annotations && at_op(":")) { next(); at_op("*") ? (void)(next(), expression()) : (void)expression(); }
        }
      } else {
        names.push_back(expect_name());
        if (annotations && at_op(":")) { next(); expression(); }
        if (at_op("=")) { next(); expression(); }
      }
      if (at_op(",")) { next(); continue; }
      break;
    }
  }

  Stmt* class_stmt(uint32_t b, std::vector<Expr*> decorators) {
    Stmt* s = mks(Stmt::K::ClassDef, b);
    s->decorators = std::move(decorators);
    s->keyword_offset = peek().begin;
    expect_kw("class");
    s->name = expect_name();
    skip_type_params();
    if (at_op("(")) {
      next();
      arguments(s->bases, s->class_keywords);
      expect_op(")");
    }
    expect_op(":");
    s->body = block();
    s->end = prev_end();
    return s;
  }

  Stmt* try_match_stmt() {
    size_t save = i_;
    size_t errors = m_.errors.size();
    try {
      Stmt* s = mks(Stmt::K::Match, peek().begin);
      next();
      s->value = star_named_expressions();
      if (!at_op(":")) throw ParseFail{0, ""};
      next();
      if (!at(Tok::Newline)) throw ParseFail{0, ""};
      next();
      if (!at(Tok::Indent)) throw ParseFail{0, ""};
      next();
      if (!at_kw("case")) throw ParseFail{0, ""};
      while (at_kw("case")) {
        next();
        // patterns (and the guard) run to the ':' at bracket depth 0
        int d = 0;
        while (!at(Tok::End) && !at(Tok::Newline) && !(d == 0 && at_op(":"))) {
          if (at_op("(") || at_op("[") || at_op("{")) ++d;
          if (at_op(")") || at_op("]") || at_op("}")) --d;
          next();
        }
        expect_op(":");
        s->cases.push_back(block());
        while (at(Tok::Newline)) next();
      }
      if (at(Tok::Dedent)) next();
      s->end = prev_end();
      return s;
    } catch (const ParseFail& f) {
      if (!f.message.empty() && i_ > save + 3 && peek(0).kind != Tok::End) {
        // it was a match statement with a broken body: report it
        throw;
      }
      i_ = save;
      m_.errors.resize(errors);
      return nullptr;
    }
  }

  void simple_statements(std::vector<Stmt*>& out) {
    while (true) {
      out.push_back(simple_statement());
      if (at_op(";")) {
        next();
        if (at(Tok::Newline) || at(Tok::End)) break;
        continue;
      }
      break;
    }
    if (at(Tok::Newline)) next();
    else if (!at(Tok::End) && !at(Tok::Dedent)) fail("expected a newline or ';'");
  }

  Stmt* simple_statement() {
    const Token& t = peek();
    uint32_t b = t.begin;
    if (t.kind == Tok::Name) {
      std::string_view w = txt(t);
      if (same_text(w, "pass") || same_text(w, "break") || same_text(w, "continue")) {
        next();
        Stmt* s = mks(same_text(w, "pass") ? Stmt::K::Pass : same_text(w, "break") ? Stmt::K::Break : Stmt::K::Continue, b);
        s->end = prev_end();
        return s;
      }
      if (same_text(w, "import")) return import_stmt();
      if (same_text(w, "from")) return from_stmt();
      if (same_text(w, "return")) {
        next();
        Stmt* s = mks(Stmt::K::Return, b);
        if (!at_end_of_simple()) s->value = star_expressions();
        s->end = prev_end();
        return s;
      }
      if (same_text(w, "raise")) {
        next();
        Stmt* s = mks(Stmt::K::Raise, b);
        if (!at_end_of_simple()) {
          s->value = expression();
          if (at_kw("from")) { next(); expression(); }
        }
        s->end = prev_end();
        return s;
      }
      if (same_text(w, "global") || same_text(w, "nonlocal")) {
        next();
        Stmt* s = mks(same_text(w, "global") ? Stmt::K::Global : Stmt::K::Nonlocal, b);
        do {
          if (at_op(",")) next();
          s->names.push_back({expect_name(), "", 0, 0});
        } while (at_op(","));
        s->end = prev_end();
        return s;
      }
      if (same_text(w, "del")) {
        next();
        Stmt* s = mks(Stmt::K::Del, b);
        s->targets.push_back(target_list());
        s->end = prev_end();
        return s;
      }
      if (same_text(w, "assert")) {
        next();
        Stmt* s = mks(Stmt::K::Assert, b);
        s->value = expression();
        if (at_op(",")) { next(); expression(); }
        s->end = prev_end();
        return s;
      }
      if (same_text(w, "type") && peek(1).kind == Tok::Name && !is_keyword(txt(peek(1))) && (at_op("=", 2) || at_op("[", 2))) {
        next();
        Stmt* s = mks(Stmt::K::TypeAlias, b);
        Expr* n = mk(Expr::K::Name, peek().begin);
        n->text = expect_name();
        done(n);
        skip_type_params();
        expect_op("=");
        s->targets.push_back(n);
        s->value = expression();
        s->end = prev_end();
        return s;
      }
    }
    // expression, assignment, augmented or annotated assignment
    Expr* first = at_kw("yield") ? yield_expr() : star_expressions();
    if (at_op(":")) {
      next();
      Stmt* s = mks(Stmt::K::AnnAssign, b);
      s->targets.push_back(first);
      expression();  // annotation
      if (at_op("=")) {
        next();
        s->value = at_kw("yield") ? yield_expr() : star_expressions();
      }
      s->end = prev_end();
      return s;
    }
    if (peek().kind == Tok::Op && txt(peek()).size() >= 2 && txt(peek()).back() == '=' && !same_text(txt(peek()), "==") &&
        !same_text(txt(peek()), "<=") && !same_text(txt(peek()), ">=") && !same_text(txt(peek()), "!=")) {
      Stmt* s = mks(Stmt::K::AugAssign, b);
      s->op = std::string(txt(next()));
      s->targets.push_back(first);
      s->value = at_kw("yield") ? yield_expr() : star_expressions();
      s->end = prev_end();
      return s;
    }
    if (at_op("=")) {
      Stmt* s = mks(Stmt::K::Assign, b);
      Expr* value = first;
      while (at_op("=")) {
        next();
        s->targets.push_back(value);
        value = at_kw("yield") ? yield_expr() : star_expressions();
      }
      s->value = value;
      s->end = prev_end();
      return s;
    }
    Stmt* s = mks(Stmt::K::Expr, b);
    s->value = first;
    s->end = prev_end();
    return s;
  }

  bool at_end_of_simple() const { return at(Tok::Newline) || at(Tok::End) || at_op(";"); }

  std::string dotted_name() {
    std::string n = expect_name();
    while (at_op(".")) {
      next();
      n += "." + expect_name();
    }
    return n;
  }

  Stmt* import_stmt() {
    Stmt* s = mks(Stmt::K::Import, next().begin);
    do {
      if (at_op(",")) next();
      ImportName n;
      n.begin = peek().begin;
      n.name = dotted_name();
      if (at_kw("as")) { next(); n.asname = expect_name(); }
      n.end = prev_end();
      s->names.push_back(std::move(n));
    } while (at_op(","));
    s->end = prev_end();
    return s;
  }

  Stmt* from_stmt() {
    Stmt* s = mks(Stmt::K::ImportFrom, next().begin);
    while (at_op(".") || at_op("...")) s->level += static_cast<int>(txt(next()).size());
    if (!at_kw("import")) s->module = dotted_name();
    expect_kw("import");
    if (at_op("*")) {
      ImportName n{"*", "", peek().begin, peek().end};
      next();
      s->names.push_back(n);
    } else {
      bool paren = at_op("(");
      if (paren) next();
      while (true) {
        ImportName n;
        n.begin = peek().begin;
        n.name = expect_name();
        if (at_kw("as")) { next(); n.asname = expect_name(); }
        n.end = prev_end();
        s->names.push_back(std::move(n));
        if (at_op(",")) {
          next();
          if (paren && at_op(")")) break;
          continue;
        }
        break;
      }
      if (paren) expect_op(")");
    }
    s->end = prev_end();
    return s;
  }

  // ---- expressions ----
  Expr* target_list() {  // for-targets and del: bitwise-or level items, no 'in'
    uint32_t b = peek().begin;
    Expr* first = target();
    if (!at_op(",")) return first;
    Expr* t = mk(Expr::K::Tuple, b);
    t->items.push_back(first);
    while (at_op(",")) {
      next();
      if (at_kw("in") || at_op("=") || at_op(":") || at(Tok::Newline) || at_op(";")) break;
      t->items.push_back(target());
    }
    return done(t);
  }

  Expr* target() {
    if (at_op("*")) {
      Expr* s = mk(Expr::K::Starred, next().begin);
      s->a = bitor_expr();
      return done(s);
    }
    return bitor_expr();
  }

  Expr* star_expressions() {
    uint32_t b = peek().begin;
    Expr* first = star_expression();
    if (!at_op(",")) return first;
    Expr* t = mk(Expr::K::Tuple, b);
    t->items.push_back(first);
    while (at_op(",")) {
      next();
      if (!starts_expression()) break;
      t->items.push_back(star_expression());
    }
    return done(t);
  }

  Expr* star_named_expressions() {
    uint32_t b = peek().begin;
    Expr* first = at_op("*") ? star_expression() : named_expression();
    if (!at_op(",")) return first;
    Expr* t = mk(Expr::K::Tuple, b);
    t->items.push_back(first);
    while (at_op(",")) {
      next();
      if (!starts_expression()) break;
      t->items.push_back(at_op("*") ? star_expression() : named_expression());
    }
    return done(t);
  }

  bool starts_expression() const {
    const Token& t = peek();
    if (t.kind == Tok::Name) {
      std::string_view w = txt(t);
      if (!is_keyword(w)) return true;
      return same_text(w, "None") || same_text(w, "True") || same_text(w, "False") || same_text(w, "not") || same_text(w, "lambda") || same_text(w, "await") || same_text(w, "yield");
    }
    if (t.kind == Tok::Number || t.kind == Tok::String) return true;
    if (t.kind == Tok::Op)
      return same_text(txt(t), "(") || same_text(txt(t), "[") || same_text(txt(t), "{") || same_text(txt(t), "-") || same_text(txt(t), "+") || same_text(txt(t), "~") ||
             same_text(txt(t), "*") || same_text(txt(t), "...") || same_text(txt(t), "**");
    return false;
  }

  Expr* star_expression() {
    if (at_op("*")) {
      Expr* s = mk(Expr::K::Starred, next().begin);
      s->a = bitor_expr();
      return done(s);
    }
    return expression();
  }

  Expr* named_expression() {
    if (peek().kind == Tok::Name && at_op(":=", 1)) {
      Expr* n = mk(Expr::K::NamedExpr, peek().begin);
      Expr* name = mk(Expr::K::Name, peek().begin);
      name->text = std::string(txt(next()));
      done(name);
      next();  // :=
      n->a = name;
      n->b = expression();
      return done(n);
    }
    return expression();
  }

  Expr* yield_expr() {
    Expr* y = mk(Expr::K::Yield, next().begin);
    if (at_kw("from")) {
      next();
      y->text = "from";
      y->a = expression();
    } else if (starts_expression()) {
      y->a = star_expressions();
    }
    return done(y);
  }

  Expr* expression() {
    DepthGuard g(*this);
    if (at_kw("lambda")) {
      Expr* l = mk(Expr::K::Lambda, next().begin);
      std::vector<std::string> names;
      parameters(":", names, false);
      expect_op(":");
      l->a = expression();
      return done(l);
    }
    uint32_t b = peek().begin;
    Expr* body;
    if (starts_plain_primary()) {  // most operands: see Operand
      body = primary();
      if (may_continue_operand()) body = disjunction({body, b});
    } else {
      body = disjunction();
    }
    if (at_kw("if")) {
      // a conditional expression, unless this `if` belongs to a comprehension (handled by the caller)
      next();
      Expr* e = mk(Expr::K::IfExp, b);
      e->a = body;
      e->b = disjunction();
      expect_kw("else");
      e->c = expression();
      return done(e);
    }
    return body;
  }

  uint32_t begin_of(const Operand& first) const { return first.e ? first.begin : peek().begin; }

  // The current token starts a primary that no level above it would treat differently: not a unary
  // operator, `not`, `await` or `lambda`.
  bool starts_plain_primary() const {
    const Token& t = peek();
    if (t.kind == Tok::Number || t.kind == Tok::String) return true;
    if (t.kind == Tok::Name) return !same_text(txt(t), "not") && !same_text(txt(t), "await") && !same_text(txt(t), "lambda");
    return t.kind == Tok::Op && txt(t).size() == 1 && (txt(t)[0] == '(' || txt(t)[0] == '[' || txt(t)[0] == '{');
  }
  // An operator some level between primary and disjunction takes (a superset is fine: a level that does
  // not take it returns its operand unchanged).
  bool may_continue_operand() const {
    const Token& t = peek();
    if (t.kind == Tok::Name) return same_text(txt(t), "and") || same_text(txt(t), "or") || same_text(txt(t), "not") || same_text(txt(t), "in") || same_text(txt(t), "is");
    if (t.kind != Tok::Op) return false;
    return binary_level(txt(t)) >= 0 || same_text(txt(t), "**") || same_text(txt(t), "==") || same_text(txt(t), "!=") || same_text(txt(t), "<") || same_text(txt(t), ">") ||
           same_text(txt(t), "<=") || same_text(txt(t), ">=") || same_text(txt(t), "<>");
  }

  Expr* disjunction(Operand first = {}) {
    uint32_t b = begin_of(first);
    Expr* left = conjunction(first);
    if (!at_kw("or")) return left;
    Expr* e = mk(Expr::K::BoolOp, b);
    e->text = "or";
    e->items.push_back(left);
    while (at_kw("or")) { next(); e->items.push_back(conjunction()); }
    return done(e);
  }

  Expr* conjunction(Operand first = {}) {
    uint32_t b = begin_of(first);
    Expr* left = inversion(first);
    if (!at_kw("and")) return left;
    Expr* e = mk(Expr::K::BoolOp, b);
    e->text = "and";
    e->items.push_back(left);
    while (at_kw("and")) { next(); e->items.push_back(inversion()); }
    return done(e);
  }

  Expr* inversion(Operand first = {}) {
    if (!first.e && at_kw("not")) {
      DepthGuard g(*this);
      Expr* e = mk(Expr::K::UnaryOp, next().begin);
      e->text = "not";
      e->a = inversion();
      return done(e);
    }
    return comparison(first);
  }

  bool at_compare_op() const {
    if (at_kw("in") || at_kw("is")) return true;
    if (at_kw("not") && at_kw("in", 1)) return true;
    const Token& t = peek();
    return t.kind == Tok::Op && (same_text(txt(t), "==") || same_text(txt(t), "!=") || same_text(txt(t), "<") || same_text(txt(t), ">") || same_text(txt(t), "<=") || same_text(txt(t), ">=") || same_text(txt(t), "<>"));
  }

  Expr* comparison(Operand first = {}) {
    uint32_t b = begin_of(first);
    Expr* left = binary(0, first);
    if (!at_compare_op()) return left;
    Expr* e = mk(Expr::K::Compare, b);
    e->a = left;
    while (at_compare_op()) {
      std::string op(txt(next()));
      if (op == "not") { next(); op = "not in"; }
      else if (op == "is" && at_kw("not")) { next(); op = "is not"; }
      e->text += (e->text.empty() ? "" : " ") + op;
      e->items.push_back(bitor_expr());
    }
    return done(e);
  }

  // The precedence level of a binary operator, from `|` (0) to `*` (5); -1 for any other operator.
  static int binary_level(std::string_view op) {
    if (op.size() == 2) return op == "<<" || op == ">>" ? 3 : op == "//" ? 5 : -1;
    if (op.size() != 1) return -1;
    switch (op[0]) {
      case '|': return 0;
      case '^': return 1;
      case '&': return 2;
      case '+': case '-': return 4;
      case '*': case '/': case '%': case '@': return 5;
      default: return -1;
    }
  }
  // Precedence climbing over the six levels (every operator is left-associative): one call per
  // operand instead of one per level, the trees as a function per level would build them.
  Expr* binary(int min_level, Operand first = {}) {
    uint32_t b = begin_of(first);
    Expr* left = factor(first);
    for (int level; peek().kind == Tok::Op && (level = binary_level(txt(peek()))) >= min_level;) {
      DepthGuard g(*this);
      Expr* e = mk(Expr::K::BinOp, b);
      e->text = std::string(txt(next()));
      e->a = left;
      e->b = binary(level + 1);
      left = done(e);
    }
    return left;
  }
  Expr* bitor_expr() { return binary(0); }

  Expr* factor(Operand first = {}) {
    if (!first.e && (at_op("+") || at_op("-") || at_op("~"))) {
      DepthGuard g(*this);
      Expr* e = mk(Expr::K::UnaryOp, peek().begin);
      e->text = std::string(txt(next()));
      e->a = factor();
      return done(e);
    }
    return power(first);
  }

  Expr* power(Operand first = {}) {
    uint32_t b = begin_of(first);
    Expr* base;
    if (first.e) {
      base = first.e;
    } else if (at_kw("await")) {
      base = mk(Expr::K::Await, next().begin);
      base->a = primary();
      done(base);
    } else {
      base = primary();
    }
    if (at_op("**")) {
      DepthGuard g(*this);
      Expr* e = mk(Expr::K::BinOp, b);
      e->text = std::string(txt(next()));
      e->a = base;
      e->b = factor();
      return done(e);
    }
    return base;
  }

  Expr* primary() {
    DepthGuard g(*this);
    uint32_t b = peek().begin;
    Expr* e = atom();
    while (true) {
      if (at_op(".")) {
        next();
        Expr* a = mk(Expr::K::Attr, b);
        a->a = e;
        a->text = expect_name();
        e = done(a);
      } else if (at_op("(")) {
        next();
        Expr* c = mk(Expr::K::Call, b);
        c->a = e;
        arguments(c->items, c->keywords);
        expect_op(")");
        e = done(c);
      } else if (at_op("[")) {
        next();
        Expr* s = mk(Expr::K::Subscript, b);
        s->a = e;
        s->b = slices();
        expect_op("]");
        e = done(s);
      } else {
        return e;
      }
    }
  }

  Expr* slices() {
    uint32_t b = peek().begin;
    Expr* first = slice();
    if (!at_op(",")) return first;
    Expr* t = mk(Expr::K::Tuple, b);
    t->items.push_back(first);
    while (at_op(",")) {
      next();
      if (at_op("]")) break;
      t->items.push_back(slice());
    }
    return done(t);
  }

  Expr* slice() {
    uint32_t b = peek().begin;
    Expr* lower = nullptr;
    if (!at_op(":")) {
      lower = at_op("*") ? star_expression() : named_expression();
      if (!at_op(":")) return lower;
    }
    Expr* s = mk(Expr::K::Slice, b);
    s->a = lower;
    next();  // ':'
    if (!at_op(":") && !at_op("]") && !at_op(",")) s->b = expression();
    if (at_op(":")) {
      next();
      if (!at_op("]") && !at_op(",")) s->c = expression();
    }
    return done(s);
  }

  void arguments(std::vector<Expr*>& args, std::vector<std::pair<std::string, Expr*>>& keywords) {
    while (!at_op(")")) {
      if (at_op("*")) {
        Expr* s = mk(Expr::K::Starred, next().begin);
        s->a = expression();
        args.push_back(done(s));
      } else if (at_op("**")) {
        next();
        keywords.emplace_back("", expression());
      } else if (peek().kind == Tok::Name && at_op("=", 1) && !is_keyword(txt(peek()))) {
        std::string name(txt(next()));
        next();
        keywords.emplace_back(name, expression());
      } else {
        uint32_t b = peek().begin;
        Expr* e = named_expression();
        if (at_kw("for") || (at_kw("async") && at_kw("for", 1))) e = comprehension(b, "gen", e, nullptr);
        args.push_back(e);
      }
      if (at_op(",")) { next(); continue; }
      break;
    }
  }

  // After the first element: `for x in xs if c ...`
  Expr* comprehension(uint32_t b, const char* kind, Expr* elt, Expr* value) {
    Expr* c = mk(Expr::K::Comp, b);
    c->text = kind;
    c->a = elt;
    c->b = value;
    while (at_kw("for") || at_kw("async")) {
      if (at_kw("async")) next();
      expect_kw("for");
      c->items.push_back(target_list());
      expect_kw("in");
      c->items.push_back(disjunction());
      while (at_kw("if")) {
        next();
        c->items.push_back(disjunction());
      }
    }
    return done(c);
  }

  Expr* atom() {
    const Token& t = peek();
    uint32_t b = t.begin;
    switch (t.kind) {
      case Tok::Name: {
        std::string_view w = txt(t);
        if (same_text(w, "None") || same_text(w, "True") || same_text(w, "False")) {
          Expr* e = mk(Expr::K::Const, b);
          e->text = std::string(txt(next()));
          return done(e);
        }
        if (is_keyword(w)) fail("invalid syntax: unexpected '" + std::string(w) + "'");
        Expr* e = mk(Expr::K::Name, b);
        e->text = std::string(txt(next()));
        return done(e);
      }
      case Tok::Number: {
        Expr* e = mk(Expr::K::Num, b);
        e->text = std::string(txt(next()));
        return done(e);
      }
      case Tok::String: {
        Expr* e = mk(Expr::K::Str, b);
        bool any_f = false, any_bytes = false;
        while (at(Tok::String)) {
          bool f = false, by = false;
          e->text += decode_string_literal(txt(next()), f, by);
          any_f |= f;
          any_bytes |= by;
        }
        if (any_f) e->kind = Expr::K::FString;
        else if (any_bytes) e->kind = Expr::K::Bytes;
        return done(e);
      }
      case Tok::Op: {
        if (same_text(txt(t), "...")) {
          next();
          return done(mk(Expr::K::Ellipsis, b));
        }
        if (same_text(txt(t), "(")) return paren();
        if (same_text(txt(t), "[")) return list_display();
        if (same_text(txt(t), "{")) return brace_display();
        fail("invalid syntax: unexpected '" + std::string(txt(t)) + "'");
      }
      case Tok::Error:
        fail("invalid syntax");
      default:
        fail(t.kind == Tok::Newline ? "invalid syntax: the statement is incomplete" : "invalid syntax");
    }
  }

  Expr* paren() {
    uint32_t b = next().begin;  // '('
    if (at_op(")")) {
      next();
      return done(mk(Expr::K::Tuple, b));
    }
    if (at_kw("yield")) {
      Expr* y = yield_expr();
      expect_op(")");
      return y;
    }
    Expr* first = at_op("*") ? star_expression() : named_expression();
    if (at_kw("for") || (at_kw("async") && at_kw("for", 1))) {
      Expr* c = comprehension(b, "gen", first, nullptr);
      expect_op(")");
      return done(c);
    }
    if (at_op(")")) {
      next();
      return first;  // parenthesised expression keeps its own node
    }
    Expr* t = mk(Expr::K::Tuple, b);
    t->items.push_back(first);
    while (at_op(",")) {
      next();
      if (at_op(")")) break;
      t->items.push_back(at_op("*") ? star_expression() : named_expression());
    }
    expect_op(")");
    return done(t);
  }

  Expr* list_display() {
    uint32_t b = next().begin;  // '['
    Expr* l = mk(Expr::K::List, b);
    if (at_op("]")) {
      next();
      return done(l);
    }
    Expr* first = at_op("*") ? star_expression() : named_expression();
    if (at_kw("for") || (at_kw("async") && at_kw("for", 1))) {
      Expr* c = comprehension(b, "list", first, nullptr);
      expect_op("]");
      return done(c);
    }
    l->items.push_back(first);
    while (at_op(",")) {
      next();
      if (at_op("]")) break;
      l->items.push_back(at_op("*") ? star_expression() : named_expression());
    }
    expect_op("]");
    return done(l);
  }

  Expr* brace_display() {
    uint32_t b = next().begin;  // '{'
    if (at_op("}")) {
      next();
      return done(mk(Expr::K::Dict, b));
    }
    // dict: key ':' value | '**' expr ; set: element
    if (at_op("**")) {
      Expr* d = mk(Expr::K::Dict, b);
      dict_items(d);
      expect_op("}");
      return done(d);
    }
    Expr* first = at_op("*") ? star_expression() : named_expression();
    if (at_op(":")) {
      next();
      Expr* value = expression();
      if (at_kw("for") || (at_kw("async") && at_kw("for", 1))) {
        Expr* c = comprehension(b, "dict", first, value);
        expect_op("}");
        return done(c);
      }
      Expr* d = mk(Expr::K::Dict, b);
      d->items.push_back(first);
      d->items.push_back(value);
      if (at_op(",")) {
        next();
        dict_items(d);
      }
      expect_op("}");
      return done(d);
    }
    if (at_kw("for") || (at_kw("async") && at_kw("for", 1))) {
      Expr* c = comprehension(b, "set", first, nullptr);
      expect_op("}");
      return done(c);
    }
    Expr* s = mk(Expr::K::Set, b);
    s->items.push_back(first);
    while (at_op(",")) {
      next();
      if (at_op("}")) break;
      s->items.push_back(at_op("*") ? star_expression() : named_expression());
    }
    expect_op("}");
    return done(s);
  }

  void dict_items(Expr* d) {
    while (!at_op("}")) {
      if (at_op("**")) {
        next();
        d->items.push_back(nullptr);
        d->items.push_back(bitor_expr());
      } else {
        d->items.push_back(expression());
        expect_op(":");
        d->items.push_back(expression());
      }
      if (at_op(",")) { next(); continue; }
      break;
    }
  }

  std::string_view src_;
  const ParseLimits& limits_;
  Module& m_;
  std::vector<Token> toks_;
  size_t i_ = 0;
  int depth_ = 0;
};

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string decode_string_literal(std::string_view tok, bool& fstring, bool& bytes) {
  size_t q = tok.find_first_of("'\"");
  if (q == std::string_view::npos) return {};
  bool raw = false;
  fstring = bytes = false;
  for (char c : tok.substr(0, q)) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    raw |= l == 'r';
    fstring |= l == 'f';
    bytes |= l == 'b';
  }
  char quote = tok[q];
  size_t ql = tok.substr(q, 3) == std::string(3, quote) && tok.size() >= q + 6 ? 3 : 1;
  std::string_view body = tok.substr(q + ql, tok.size() - q - 2 * ql);
  if (raw || fstring || body.find('\\') == std::string_view::npos) return std::string(body);  // nothing to unescape
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (size_t esc = body.find('\\', i); esc != i) {  // the text up to the next backslash, as one append
      size_t end = std::min(esc, body.size());
      out.append(body.substr(i, end - i));
      if ((i = end) >= body.size()) break;
    }
    if (i + 1 >= body.size()) { out += '\\'; continue; }  // a backslash that ends the text stays
    char n = body[++i];
    switch (n) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        int h1 = i + 1 < body.size() ? hexval(body[i + 1]) : -1, h2 = i + 2 < body.size() ? hexval(body[i + 2]) : -1;
        if (h1 >= 0 && h2 >= 0) { append_utf8(out, static_cast<unsigned>(h1 * 16 + h2)); i += 2; }
        else out += "\\x";
        break;
      }
      case 'u':
      case 'U': {
        size_t len = n == 'u' ? 4 : 8;
        unsigned cp = 0;
        bool ok = i + len < body.size() + 0 && i + len <= body.size() - 1 + 1;
        for (size_t k = 1; ok && k <= len; ++k) {
          int h = i + k < body.size() ? hexval(body[i + k]) : -1;
          if (h < 0) ok = false;
          else cp = cp * 16 + static_cast<unsigned>(h);
        }
        if (ok && !bytes) { append_utf8(out, cp); i += len; }
        else { out += '\\'; out += n; }
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          unsigned v = static_cast<unsigned>(n - '0');
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k) v = v * 8 + static_cast<unsigned>(body[++i] - '0');
          append_utf8(out, v);
        } else {
          out += '\\';
          out += n;
        }
    }
  }
  return out;
}

Module parse_module(std::string_view source, const ParseLimits& limits) {
  // A module's tokens live only while it is parsed: each thread keeps one vector for them, so a file
  // costs no allocation and free of a token array (two bytes per source byte, freed with consolidation).
  thread_local std::vector<Token> token_storage;
  Module m;
  Parser p(source, limits, m, std::move(token_storage));
  try {
    p.run();
  } catch (const ParseFail& f) {
    m.errors.push_back({f.offset, f.message, f.limit});
  }
  token_storage = p.release_tokens();
  return m;
}

}  // namespace cfglint::py
