// Stage 1 of a run: what the command line names, resolved to project roots.
// One project root per repository: the nearest folder at or above a named path with `.git` or
// `.cfglint.toml` (else the named folder itself), whatever was named, so `check gymapp` and `check .`
// build the same model and differ only in what they report.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/runner.h"

namespace cfglint {

struct Target {
  std::string root;                        // absolute, canonical
  bool whole = false;                      // the root itself was named: report everything
  std::set<std::string> only_files;        // root-relative files named
  std::vector<std::string> only_dirs;      // root-relative folders named ("a/b/")
  std::map<std::string, std::string> stdin_text;  // root-relative path -> text read from `-`

  bool reports(const std::string& rel) const;  // is a finding in `rel` asked for?
};

// Throws UsageError for a path that does not exist, is not a regular file or folder, or cannot be read.
std::vector<Target> resolve_targets(const RunOptions& options);

// How an absolute path is shown: relative to `from` (absolute), with `../` when outside it.
std::string display_path(const std::string& abs, const std::string& from);

// `p` absolute, symlinks resolved; a UsageError naming `option` (e.g. "--config") when it does not exist.
std::string canonical_path(const std::string& p, const std::string& option);

// The working folder, absolute.
std::string working_folder();

}  // namespace cfglint
