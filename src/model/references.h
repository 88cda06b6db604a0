// Files that the deployment reads because another file names them, whatever their names: a compose
// `build.dockerfile: docker/web.df`, an `env_file: .envs/.production/.django`, a requirements `-r base.in`.
// Discovery classifies by name; these tell the engine what else to read, and as what.
#pragma once
#include <string>
#include <vector>

#include "core/source.h"
#include "model/project.h"

namespace cfglint {

struct FileReference {
  std::string path;  // relative to the project root, normalised
  FileKind kind;
  bool optional = false;  // compose `required: false`: its absence is fine
};

// Every reference in the files read so far (duplicates removed; existence is the reader's business).
std::vector<FileReference> referenced_files(const Project& project);

}  // namespace cfglint
