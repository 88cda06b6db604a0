// The mode git records for a file (100644 or 100755), read from the checkout's .git/index: on a checkout
// made on Windows, or with core.fileMode off, the file system's executable bit says nothing about what the
// image build (in CI, from a fresh clone) will see.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace cfglint {

// The index of the checkout that holds `root`, read once (a monorepo's index is tens of megabytes).
class GitIndex {
 public:
  explicit GitIndex(const std::string& root);
  // nullopt when `root` is not inside a git checkout, the index cannot be read, or the file is not
  // tracked. `path` is relative to `root`.
  std::optional<uint32_t> mode(const std::string& path) const;

 private:
  std::string prefix_;  // `root` inside the checkout, with a trailing slash ("" at its top)
  std::unordered_map<std::string, uint32_t> modes_;
};

// One lookup (reads the index): for tests and single questions.
std::optional<uint32_t> git_index_mode(const std::string& root, const std::string& path);

}  // namespace cfglint
