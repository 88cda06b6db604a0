// The Python syntax tree cfglint needs: every statement kind, and expressions in full where they matter
// (literals, names, calls, attributes, subscripts, operators). Nodes live in the Module's arenas.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <utility>
#include <vector>

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

// A module's nodes of one type, allocated by the block. A std::deque allocates 512-byte chunks: one per
// Stmt (larger than that) and one per four Exprs, so every statement cost a malloc and a free. Blocks
// here double from 16 nodes to 1024. Nodes never move: not as the arena grows, nor when it moves.
template <typename T>
class NodeArena {
 public:
  NodeArena() = default;
  NodeArena(const NodeArena&) = delete;  // the tree's pointers would still point into the original
  NodeArena& operator=(const NodeArena&) = delete;
  NodeArena(NodeArena&& o) noexcept : blocks_(std::move(o.blocks_)), used_(std::exchange(o.used_, kFull)) { o.blocks_.clear(); }
  NodeArena& operator=(NodeArena&& o) noexcept {
    if (this != &o) {
      release();
      blocks_ = std::move(o.blocks_);
      o.blocks_.clear();
      used_ = std::exchange(o.used_, kFull);
    }
    return *this;
  }
  ~NodeArena() { release(); }

  T& emplace_back() {
    if (used_ == capacity(blocks_.size() - 1)) {
      blocks_.push_back(static_cast<T*>(::operator new(capacity(blocks_.size()) * sizeof(T))));
      used_ = 0;
    }
    return *new (blocks_.back() + used_++) T();
  }

 private:
  static constexpr size_t kFull = 0;  // with no block, capacity(-1) is 0: the first emplace_back allocates
  static constexpr size_t capacity(size_t block) { return block == SIZE_MAX ? 0 : size_t{16} << std::min<size_t>(block, 6); }
  void release() {
    for (size_t b = 0; b < blocks_.size(); ++b) {
      size_t n = b + 1 == blocks_.size() ? used_ : capacity(b);
      for (size_t i = 0; i < n; ++i) blocks_[b][i].~T();
      ::operator delete(blocks_[b]);
    }
    blocks_.clear();
    used_ = kFull;
  }
  std::vector<T*> blocks_;
  size_t used_ = kFull;  // nodes made in the last block
};

struct Module {
  NodeArena<Expr> exprs;
  NodeArena<Stmt> stmts;
  std::vector<Stmt*> body;
  std::vector<SyntaxError> errors;
};

}  // namespace cfglint::py
