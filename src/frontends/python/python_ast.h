// The Python syntax tree cfglint needs: every statement kind, and expressions in full where they matter
// (literals, names, calls, attributes, subscripts, operators). Nodes live in the Module's arenas.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/node_arena.h"

namespace cfglint::py {

struct Expr {
  enum class K : uint8_t {
    Name, Str, Bytes, FString, Num, Const, Ellipsis, Tuple, List, Set, Dict, Call, Attr, Subscript, Slice, BinOp,
    UnaryOp, BoolOp, Compare, IfExp, Lambda, Comp, Starred, DoubleStarred, NamedExpr, Await, Yield, Opaque
  };
  K kind = K::Opaque;
  uint32_t begin = 0, end = 0;  // byte offsets
  std::string text;  // Name id, Attr attribute, Str value, Num/Const spelling, operator, Comp kind ("list", "set", "dict", "gen")
  std::vector<Expr*> items;  // Tuple/List/Set elements, Call positional args, Dict keys+values interleaved (key null for **)
  std::vector<std::pair<std::string, Expr*>> keywords;  // Call keyword arguments ("" for **kwargs)
  Expr* a = nullptr;  // Call func, Attr/Subscript value, BinOp/Compare left, UnaryOp operand, IfExp body, Starred value
  Expr* b = nullptr;  // Subscript index, BinOp right, IfExp test, NamedExpr value
  Expr* c = nullptr;  // IfExp orelse
};

struct ImportName {
  std::string name;    // dotted
  std::string asname;  // "" when none
  uint32_t begin = 0, end = 0;
};

struct Stmt;

struct Handler {
  Expr* type = nullptr;
  std::string name;
  uint32_t begin = 0;
  std::vector<Stmt*> body;
};

struct Stmt {
  enum class K : uint8_t {
    Expr, Assign, AugAssign, AnnAssign, Import, ImportFrom, If, For, While, Try, With, FunctionDef, ClassDef, Return,
    Pass, Break, Continue, Raise, Global, Nonlocal, Del, Assert, Match, TypeAlias, Opaque
  };
  K kind = K::Opaque;
  uint32_t begin = 0, end = 0;
  uint32_t keyword_offset = 0;  // `def`/`class` keyword (after decorators): where Python's lineno points
  bool is_async = false;
  std::vector<Expr*> targets;  // Assign chain, AugAssign/AnnAssign target, For target, With `as` targets, Del
  Expr* value = nullptr;       // RHS, If/While test, For iter, Return/Raise value, Match subject, Expr statement
  std::string op;              // AugAssign operator ("+=")
  std::string name;            // def/class name
  std::string module;          // ImportFrom module ("" for `from . import x`)
  int level = 0;               // ImportFrom dots
  std::vector<ImportName> names;
  std::vector<Stmt*> body, orelse, finalbody;
  std::vector<Handler> handlers;
  std::vector<std::vector<Stmt*>> cases;
  std::vector<Expr*> decorators, bases;
  std::vector<std::pair<std::string, Expr*>> class_keywords;
  std::vector<std::string> params;  // def parameter names
};

struct SyntaxError {
  uint32_t offset;
  std::string message;
  bool limit = false;  // valid Python beyond cfglint's limits (nesting), not an error Python would raise
};

struct Module {
  NodeArena<Expr> exprs;
  NodeArena<Stmt> stmts;
  std::vector<Stmt*> body;
  std::vector<SyntaxError> errors;
};

}  // namespace cfglint::py
