// What a Dockerfile's `pip install` asks for: the requirements named on its command line and in the `-r`
// files the image holds (with their own `-r` includes), each with its specifier and where it is written.
// Read by the checks about what a build installs (source builds, releases for the image's Python).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "model/project.h"

namespace cfglint {

struct PipInstall {
  std::vector<std::string> files;  // -r / --requirement, as written
  std::vector<std::pair<std::string, std::string>> names;  // command-line requirements: normalised name, specifier
  bool wheels_elsewhere = false;   // an index or wheel folder of its own: PyPI's files are not what it gets
  bool ignores_python = false;     // --ignore-requires-python, --python-version: not the interpreter's releases
};

// `pip install ...`, `pip3.12 install`, `python -m pip install`, `uv pip install`; nullopt for anything else.
std::optional<PipInstall> pip_install(const std::vector<std::string>& argv);

struct RequestedRequirement {
  std::string name;       // PEP 503 normalised
  std::string specifier;  // "==5.0.1", ">=4.2"; "" when unconstrained
  Location where;         // the RUN, or the line of the requirements file
};

// Every requirement the install asks for. `ins` is the RUN in `stage` of `d`, built from `context`.
std::vector<RequestedRequirement> requested_requirements(const Project& project, const DockerfileUnit& d, size_t stage,
                                                         const std::string& context, const PipInstall& pip, const DockerInstruction& ins);

}  // namespace cfglint
