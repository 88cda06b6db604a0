// Files the repository's own steps create: a CI workflow that writes `.env` from its secrets before
// `docker stack deploy`, a deploy script that copies `.env.example` to `.env`. A file that a compose
// file needs and the repository does not hold is then made by a step cfglint cannot order against the
// deployment: it is unknown, not missing.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "frontends/shell/shell_words.h"
#include "frontends/tree/tree.h"

namespace cfglint {

struct WrittenFile {
  std::string path;  // as the step writes it (`.env`, `deploy/.env.prod`, `$DIR/.env`)
  std::string file;  // the script or CI file
  uint32_t line = 0;  // where the command that writes it starts
};

// The files one shell command writes, at `file`:`line` (see files_written in shell_words.h).
void add_written_files(const ShellCommand& cmd, const std::string& file, uint32_t line, std::vector<WrittenFile>& out);

// The files the `run:` steps of a GitHub Actions workflow and the `script:` lists of a GitLab CI file
// write; empty for other YAML files.
std::vector<WrittenFile> files_written_in_ci(const std::string& path, const ParsedTree& tree);

// The first written file with the same file name as `path`, or nullptr. Names only: where a step runs
// (its working-directory, a `cd`) is not followed, and a file of the same name is enough to say "unknown".
const WrittenFile* find_written(const std::vector<WrittenFile>& written, std::string_view path);

}  // namespace cfglint
