// Files as the image will have them: which repository file a container path holds, put there by which
// COPY/ADD (following COPY --from between stages) or compose bind mount, and what later RUN steps did to
// it (chmod, line-ending conversion). Read from the Dockerfile and the repository's bytes and modes;
// nothing is built. Anything cfglint cannot follow (a file a RUN creates, moves or rewrites, a COPY from
// another image, a path with an unknown variable) is unknown, never absent.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace cfglint {

struct Project;
struct DockerfileUnit;
struct ComposeFile;
struct ComposeService;

struct ImageFile {
  std::string repo_path;      // the repository file, relative to the project root
  Location placed_by;         // the COPY/ADD or the compose volume that puts it at the path
  bool bind_mounted = false;  // the host file itself: its mode and bytes, whatever the image did
  bool made_executable = false;  // COPY --chmod, or a later RUN chmod/install that may grant execute
  Location made_executable_by;
  bool line_endings_fixed = false;  // a later RUN dos2unix / sed 's/\r$//' / tr -d '\r' that may reach it
};

class ImageFileResolver;  // image_files.cpp

// The files of the image built from one Dockerfile with build context `context` (a project-relative
// folder, "" for the root). Its WORKDIRs, COPY arguments and stage variables are read once, then asked
// for many paths: a command word is looked up in six PATH folders, several services start one image.
// One per thread: it caches what it has read.
class ImageFiles {
 public:
  ImageFiles(const Project& project, const DockerfileUnit& df, const std::string& context);
  ~ImageFiles();
  ImageFiles(const ImageFiles&) = delete;
  ImageFiles& operator=(const ImageFiles&) = delete;
  // Where stage `stage`'s image gets the file at absolute container path `path`. nullopt: not from the
  // repository as far as cfglint can tell.
  std::optional<ImageFile> at_end_of(size_t stage, const std::string& path) const;

 private:
  std::unique_ptr<ImageFileResolver> resolver_;
};

// The volume that decides what a compose service's container sees at absolute `path`: the one with the
// deepest target over it, which hides the others and the image's own files; nullptr when none covers it.
const struct ComposeVolume* volume_over(const ComposeService& service, const std::string& path);

// The same for a compose service: its bind mounts first (they hide the image's file), then stage
// `stage` of its image (nullptr: an image cfglint does not build).
std::optional<ImageFile> service_file(const Project& project, const ComposeFile& file, const ComposeService& service,
                                      const ImageFiles* image, size_t stage, const std::string& path);

// Folders a build step fills with what the application needs to start: a virtualenv (`python -m venv`,
// `virtualenv`, `uv venv`, `uv sync`, `poetry install` in-project) or node_modules (`npm ci`, `yarn`,
// `pnpm install`), made in the stage chain of `stage` or copied in from another stage. Paths are absolute
// in the image; a step whose folder depends on an unknown variable or WORKDIR is left out.
struct BuiltFolder {
  std::string path;  // /app/.venv
  std::string what;  // "virtualenv", "node_modules"
  const struct DockerInstruction* by = nullptr;  // the RUN that makes it, or the COPY --from that brings it
};
std::vector<BuiltFolder> built_folders(const struct Dockerfile& df, size_t stage);

// The absolute path a command word names inside the image: absolute as written, relative to `workdir`
// when it has a slash, or found in the PATH folders where a COPY put it. "" when it names no file.
std::string container_path(const std::string& word, const std::string& workdir);

// The paths a command word may run: container_path() for a path, else the word in each folder of the
// default PATH (/usr/local/sbin ... /bin), in lookup order. None for a word with a variable.
std::vector<std::string> executable_paths(const std::string& word, const std::string& workdir);

// The file's own facts, read from the working tree: the executable bit (git's index mode where the
// project is a git checkout, else the file system's), its first line and whether lines end in CRLF.
struct RepoFileFacts {
  bool readable = false;
  bool text = false;    // no NUL byte near the start: a script, not a compiled program
  bool executable = false;
  std::string shebang;  // "#!/bin/bash" without the line end, "" when the file has none
  bool crlf = false;    // some line ends in \r\n
  int crlf_line = 0;    // the first such line
};
RepoFileFacts repo_file_facts(const Project& project, const std::string& repo_path);

}  // namespace cfglint
