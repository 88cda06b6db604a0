// Finds the files to analyse: parallel folder walk, .gitignore and config excludes honoured,
// tool and dependency folders skipped, symlinks never followed out of the root.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"

namespace cfglint {

struct DiscoveredFile {
  std::string rel_path;  // the absolute path is the walk's root + "/" + rel_path: not stored (70,000 of them)
  FileKind kind = FileKind::Unknown;
};

struct WalkOptions {
  std::vector<std::string> exclude_globs;  // relative to the root
  unsigned jobs = 1;
  bool respect_gitignore = true;
};

// True when an `exclude` glob (root-relative; a bare name matches at any depth; a trailing `/` is a
// folder) matches `rel` itself, or also one of its folders (the walk would never reach it).
bool excluded_by(const std::vector<std::string>& globs, std::string_view rel);
bool excluded_with_ancestors(const std::vector<std::string>& globs, std::string_view rel);

// Walks `root` (an absolute, canonical folder). Results are sorted by rel_path. Unknown kinds are dropped.
std::vector<DiscoveredFile> walk_project(const std::string& root, const WalkOptions& options);

}  // namespace cfglint
