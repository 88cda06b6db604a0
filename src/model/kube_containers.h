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

// One variable a Kubernetes container receives, and where its value is written: the manifest's `env`, or
// a ConfigMap of the repository (`envFrom`, `configMapKeyRef`). A Secret's value is never known. Views
// into the workload and the ConfigMap, which live as long as the Project (a monorepo has thousands of
// containers: copies here cost megabytes).
struct KubeEnvValue {
  std::string_view prefix;  // envFrom's prefix
  std::string_view key;     // the name is prefix + key
  std::string_view value;
  bool value_known = false;
  const KubeConfigMap* config_map = nullptr;  // where the value comes from; null: the manifest
  std::string_view file;                      // the manifest, or the ConfigMap's file
  Range range;  // the value; for a Secret, the reference
  bool named(std::string_view name) const {
    return name.size() == prefix.size() + key.size() && name.substr(0, prefix.size()) == prefix && name.substr(prefix.size()) == key;
  }
  std::string name() const { return std::string(prefix) + std::string(key); }
};

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
  // The environment from the manifest and the ConfigMaps it names (later sources win, as the kubelet
  // applies them: envFrom in order, then env). Closed when every source is known: no Secret or
  // ConfigMap outside the repository comes through envFrom.
  std::vector<KubeEnvValue> env;
  bool env_closed = false;
  const KubeEnvValue* env_value(std::string_view name) const {
    for (auto it = env.rbegin(); it != env.rend(); ++it)
      if (it->named(name)) return &*it;
    return nullptr;
  }
};

std::vector<KubeContainerView> resolve_kube_containers(const Project& project, const RuleCatalog& catalog);

}  // namespace cfglint
