// Images this repository builds, by name. A compose service or a Kubernetes container that names an
// image (`image: acme/web:1.4`) without a build section still runs what a Dockerfile here produces when
// the repository itself builds that name: a compose service with both `build:` and `image:`, a
// `docker build -t acme/web -f Dockerfile .` in a script or a CI step, docker/build-push-action (with
// docker/metadata-action's `images`), or a skaffold artifact. The link is made only on exact names and
// only when every build of the name uses the same Dockerfile and stage: a guess would turn "unknown"
// into confident findings about the wrong image.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "frontends/tree/tree.h"

namespace cfglint {

struct Project;
struct DockerfileUnit;

struct ImageBuild {
  std::string repository;  // image_repository() of the tag
  std::string dockerfile;  // the Dockerfile's path in the repository (may not exist; the index checks)
  std::string target;      // the build stage (lower case), "" for the last
  std::string context;     // the build context's folder in the repository ("" for the root)
  Location evidence;       // where the build names the image
};

// An image reference reduced to what identifies its build: no tag or digest, no `docker.io/`,
// `library/` or `index.docker.io/` prefix, lower case. "" when a variable still hides part of the name
// (`${REGISTRY}/web`, `$IMAGE`): such a name matches nothing.
std::string image_repository(std::string_view reference);

// The build a `docker build` / `docker buildx build` / `docker image build` / `podman build` /
// `buildah bud` command line declares, with paths resolved as if run in `cwd` (a repository folder,
// "" or ending in '/'); nullopt when the command is not a build or names no image.
std::vector<ImageBuild> image_build_command(const std::vector<std::string>& argv, const std::string& cwd);

// The folder a GitHub Actions workflow at `path` runs in (the checkout that holds `.github/`), or
// nullopt when `path` is not a workflow.
std::optional<std::string> workflow_checkout(const std::string& path);

// Builds declared in a YAML file: GitHub Actions workflows (build-push-action steps and `run:` steps)
// and skaffold configurations. Other YAML gives none.
std::vector<ImageBuild> image_builds_in_yaml(const std::string& path, const ParsedTree& tree);

// The builds of a project, by repository name.
class ImageBuilds {
 public:
  void add(ImageBuild build);
  // The one build of `reference` (a Dockerfile of the repository, one stage), or nullptr when no build
  // or several different ones name it.
  const ImageBuild* find(std::string_view reference) const;
  void for_each(const std::function<void(const ImageBuild&)>& visit) const;
  bool empty() const { return by_name_.empty(); }

 private:
  std::map<std::string, std::vector<ImageBuild>, std::less<>> by_name_;
};

// Every build the repository declares whose Dockerfile it has: compose services with `build:` and
// `image:` (after interpolation, read from project.services), the scripts' build commands, and the
// builds read from workflows and skaffold files (Project::declared_image_builds).
ImageBuilds collect_image_builds(const Project& project);

// The build context a Dockerfile is built with: a compose service's, else a declared build's, else the
// Dockerfile's own folder ("" for the root). index_build_contexts fills Project::build_contexts once the
// services are resolved; build_context_of reads it.
void index_build_contexts(Project& project);
std::string build_context_of(const Project& project, const DockerfileUnit& dockerfile);

}  // namespace cfglint
