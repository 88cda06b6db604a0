// Every place the repository writes a command that a container or platform will run: compose
// `command`/`entrypoint` (as merged into each service), Kubernetes `command` + `args`, Dockerfile CMD and
// ENTRYPOINT, shell scripts and Procfile lines. `sh -c "a && b"` is split into its simple commands, so a
// check that looks for one program sees every invocation of it, with the line it is written on. Every
// reader looks for a Python process, so script lines that name no Python program (apt-get, echo) are left out.
#pragma once
#include <string>
#include <vector>

#include "core/finding.h"

namespace cfglint {

struct Project;

struct CommandSite {
  std::vector<std::string> argv;  // one simple command
  Location where;                 // the line (or instruction) that writes it
  enum class From { Compose, Kubernetes, Dockerfile, Script } from = From::Script;
};

// One site per (file, range, argv): a compose command merged into several projects is listed once.
std::vector<CommandSite> collect_command_sites(const Project& project);

// The simple commands of `argv`: the script of `sh -c SCRIPT` (also bash, ash, dash and `-ec`-style
// flags) split at && || ; | and newlines, or argv itself.
std::vector<std::vector<std::string>> simple_commands(const std::vector<std::string>& argv);

}  // namespace cfglint
