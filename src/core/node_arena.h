#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>
#include <vector>

namespace cfglint {

// The nodes of one syntax tree (a Python module's statements and expressions, a YAML document's nodes),
// allocated by the block. A std::deque allocates 512-byte chunks: one per Python Stmt (larger than that),
// one per four Exprs or YAML nodes, so most nodes cost a malloc and a free. Blocks here double from 16
// nodes to 1024. Nodes never move: not as the arena grows, nor when it moves.
template <typename T>
class NodeArena {
 public:
  NodeArena() = default;
  NodeArena(const NodeArena&) = delete;  // the tree's pointers would still point into the original
  NodeArena& operator=(const NodeArena&) = delete;
  NodeArena(NodeArena&& o) noexcept
      : blocks_(std::move(o.blocks_)), used_(std::exchange(o.used_, kFull)), size_(std::exchange(o.size_, 0)) {
    o.blocks_.clear();
  }
  NodeArena& operator=(NodeArena&& o) noexcept {
    if (this != &o) {
      release();
      blocks_ = std::move(o.blocks_);
      o.blocks_.clear();
      used_ = std::exchange(o.used_, kFull);
      size_ = std::exchange(o.size_, 0);
    }
    return *this;
  }
  ~NodeArena() { release(); }

  T& emplace_back() {
    if (used_ == capacity(blocks_.size() - 1)) {
      blocks_.push_back(static_cast<T*>(::operator new(capacity(blocks_.size()) * sizeof(T))));
      used_ = 0;
    }
    ++size_;
    return *new (blocks_.back() + used_++) T();
  }
  size_t size() const { return size_; }

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
    size_ = 0;
  }
  std::vector<T*> blocks_;
  size_t used_ = kFull;  // nodes made in the last block
  size_t size_ = 0;      // nodes made in all
};

}  // namespace cfglint
