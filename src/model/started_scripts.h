// The repository scripts a container starts: for each compose service built or bind-mounted here, and
// each Dockerfile no compose service builds, the script files its ENTRYPOINT + CMD runs, how they are run
// (executed by the container runtime, by `sh -c`, or handed to an interpreter as a file), and the file
// the image holds at that path (model/image_files.h). The entrypoint rules read this.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/image_files.h"

namespace cfglint {

struct Project;
class RuleCatalog;

struct StartedScript {
  enum class How {
    Exec,         // execve by the runtime (exec-form ENTRYPOINT/CMD, tini, gosu): needs +x and a shebang
    Shell,        // a path run from `sh -c`: needs +x; without a shebang sh reads it itself
    Interpreter,  // `sh script.sh`, `bash script.sh`: only the bytes matter
  } how = How::Exec;
  std::string interpreter;  // for How::Interpreter: "sh", "bash"
  std::string container_path;
  ImageFile file;
  RepoFileFacts facts;
  Location command;        // the ENTRYPOINT/CMD/command that runs it
  std::string who;         // "service `web`" or "the image of Dockerfile"
  std::optional<bool> bash;  // whether the image has /bin/bash (nullopt: unknown)
  std::string base_image;    // the external image at the bottom of the stage chain
  Location base_from;        // its FROM line
  bool development = false;  // in a development compose file
  std::vector<std::string> profiles;
};

std::vector<StartedScript> collect_started_scripts(const Project& project, const RuleCatalog& catalog);

}  // namespace cfglint
