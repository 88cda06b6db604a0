// Finds the files to analyse: parallel folder walk, .gitignore and config excludes honoured,
// tool and dependency folders skipped, symlinks never followed out of the root.
#pragma once
#include <string>
#include <vector>

#include "core/source.h"

namespace cfglint {

struct DiscoveredFile {
  std::string rel_path;
  std::string abs_path;
  FileKind kind = FileKind::Unknown;
  uint64_t size = 0;
};

struct WalkOptions {
  std::vector<std::string> exclude_globs;  // relative to the root
  unsigned jobs = 1;
  bool respect_gitignore = true;
};

// Walks `root` (an absolute, canonical folder). Results are sorted by rel_path. Unknown kinds are dropped.
std::vector<DiscoveredFile> walk_project(const std::string& root, const WalkOptions& options);

}  // namespace cfglint
