// The mode git records for a file (100644 or 100755), read from the checkout's .git/index: on a checkout
// made on Windows, or with core.fileMode off, the file system's executable bit says nothing about what the
// image build (in CI, from a fresh clone) will see.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace cfglint {

// nullopt when `root` is not inside a git checkout, the index cannot be read, or the file is not tracked.
// `path` is relative to `root`. Reads the index on each call: it is asked about a handful of scripts.
std::optional<uint32_t> git_index_mode(const std::string& root, const std::string& path);

}  // namespace cfglint
