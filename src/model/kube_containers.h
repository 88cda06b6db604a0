// Kubernetes containers as they will run: the image behind each (built from a Dockerfile of this
// repository when the repository builds that name, model/image_builds.h; else what the knowledge base
// says of an external image) and the command the kubelet starts. `command:` replaces the image's
// ENTRYPOINT and drops its CMD; `args:` replaces the CMD. Checks read this instead of re-deriving it.
#pragma once
#include <string>
#include <vector>

#include "model/command_model.h"
#include "model/image_facts.h"
#include "model/kubernetes_model.h"

namespace cfglint {

struct Project;
struct DockerfileUnit;
struct ImageBuild;
class RuleCatalog;

struct KubeContainerView {
  const KubeWorkload* workload = nullptr;
  const KubeContainer* container = nullptr;
  const DockerfileUnit* dockerfile = nullptr;  // the image is built here
  size_t stage = 0;
  std::string build_context;
  const ImageBuild* built_here = nullptr;  // the build that names the image
  ImageFacts image;
  std::vector<std::string> argv;  // what starts, when known (command/args, or the image's ENTRYPOINT/CMD)
  size_t entrypoint_words = 0;    // how many of argv replace or are the ENTRYPOINT
  bool argv_known = false;        // false: the image's own defaults, which cfglint does not know
  // The manifest's own `command` + `args` analysed with the container's `env` (empty when it sets
  // neither): what the checks that judge the manifest as written read, computed once here.
  CommandModel manifest_command;
  CommandModel command;           // `argv` analysed with the container's `env`, when argv_known
  Location command_location;      // command/args, else the Dockerfile's CMD/ENTRYPOINT, else the container
  Location entrypoint_location;   // `command:` or the Dockerfile's ENTRYPOINT
  std::string who;                // "container `web` of Deployment `api`"
  // securityContext as it applies: the container's own fields, else the pod's
  KubeSecurity security;
};

std::vector<KubeContainerView> resolve_kube_containers(const Project& project, const RuleCatalog& catalog);

}  // namespace cfglint
