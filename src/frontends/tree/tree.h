// The structured-document tree that the YAML, JSON and TOML front-ends produce.
// Nodes live in an arena owned by the Document; aliases share nodes (no copies), so an alias
// bomb costs memory proportional to the file, and `weight` tells how large the expansion would be.
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/node_arena.h"
#include "core/source.h"

namespace cfglint {

struct Node {
  enum class Kind : uint8_t { Null, Scalar, Map, Seq };
  Kind kind = Kind::Null;
  bool quoted = false;  // scalar written quoted or block: always a string, never null/bool/number
  std::string text;     // scalar value (for Null: the original spelling, e.g. "~")
  Range range;
  uint64_t weight = 1;  // number of nodes with aliases expanded (saturating)
  std::vector<Node*> items;                      // Seq
  std::vector<std::pair<Node*, Node*>> entries;  // Map, merge keys already applied

  bool is_map() const { return kind == Kind::Map; }
  bool is_seq() const { return kind == Kind::Seq; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_null() const { return kind == Kind::Null; }
  // Map lookup by key text; nullptr when absent or not a map.
  const Node* get(std::string_view key) const;
  // Scalar text; for a sequence of scalars, the items joined by spaces (how a command reads).
  std::string flat_text() const;
  // YAML-style truthiness of a scalar ("true", "yes", "on", ...).
  bool is_true() const;
};

// A node's scalar text, or "" for a missing node, a map or a sequence.
inline std::string scalar_text(const Node* n) { return n && n->is_scalar() ? n->text : std::string(); }

struct Document {
  Document() = default;
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;
  Document(const Document&) = delete;  // nodes point into the arena: never copy
  NodeArena<Node> arena;
  Node* root = nullptr;
  Node* make() { return &arena.emplace_back(); }
};

struct DuplicateKey {
  std::string key;
  Range first;
  Range duplicate;
};

struct TreeDiagnostic {
  Range range;
  std::string message;
};

struct ParsedTree {
  std::deque<Document> documents;  // a deque: growing it never moves a Document
  std::vector<DuplicateKey> duplicates;
  std::vector<TreeDiagnostic> errors;  // syntax errors and limit violations
};

struct TreeLimits {
  size_t max_depth = 512;
  uint64_t max_expanded_nodes = 1'000'000;  // alias/merge expansion budget per document (at least 8x the real nodes)
};

}  // namespace cfglint
