// The resolved deployment: every compose service with its override/extends layers applied, the image it
// runs (built from a Dockerfile in the repo, or pulled), the command that will really start, and the
// healthcheck that will really run. Cross-file checks read this instead of re-deriving it.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "model/command_model.h"
#include "model/healthcheck_probe.h"
#include "model/image_facts.h"
#include "model/nginx_model.h"
#include "model/process_env.h"
#include "model/project.h"

namespace cfglint {

struct ContainerView {
  explicit ContainerView(const ComposeService& merged) : service(merged) {}
  const ComposeFile* file = nullptr;
  // Merged: extends and override files applied, interpolated. The compose file's own service when none of
  // that changes it, else the copy Project::merged_services keeps: a monorepo has thousands of services,
  // and a copy of each was a tenth of a large run's memory.
  const ComposeService& service;
  Location name;           // where the service is defined
  std::string command_file, healthcheck_file, restart_file;  // which file each merged part came from

  const DockerfileUnit* dockerfile = nullptr;  // when built from a Dockerfile in the repository
  size_t stage = 0;
  std::string build_context;  // the build context's folder in the repository, when `dockerfile` is set
  // The image is pulled by name, and this repository builds that name (model/image_builds.h): the
  // Dockerfile above is where it comes from. nullptr for compose `build:` and for external images.
  const ImageBuild* built_here = nullptr;
  bool extends_unresolved = false;  // `extends:` names a service cfglint cannot read
  ImageFacts image;

  ProcessEnv env;  // what the process receives (model/process_env.h)
  NginxFacts nginx;  // for an nginx container: the configuration it is given (model/nginx_model.h)

  std::vector<std::string> argv;  // ENTRYPOINT + CMD as they combine
  size_t entrypoint_words = 0;    // how many of argv come from the ENTRYPOINT (compose's or the image's)
  Location entrypoint_location;   // where that ENTRYPOINT is written (the service when compose sets it)
  Location command_location;      // compose command/entrypoint, or the Dockerfile CMD/ENTRYPOINT
  bool command_from_image = false;
  CommandModel command;
  std::vector<std::string> startup_work;  // from an entrypoint script or a sh -c chain
  Location startup_location;
  bool entrypoint_unknown = false;  // runs an entrypoint script that is not in the repository, or an image we did not build
  bool waits_for_dependencies = false;  // its start-up waits (wait-for-it, pg_isready, sleep loops)
  // Start-up work that opens a database connection before anything could retry it ("manage.py
  // migrate"); "" when none is known. Servers and workers connect lazily, on their first query.
  std::string connects_at_start;

  // None is certain absence: neither compose nor the image (built here from a known base, or a known
  // pulled image) declares one. Unknown: the image is one cfglint does not know, or the service extends
  // one that cannot be read; a pulled image may well have its own HEALTHCHECK.
  enum class Health { None, Unknown, Compose, Image, Disabled } health = Health::None;
  HealthcheckInfo healthcheck;
  Location healthcheck_location;
};

// The path of the Dockerfile a compose build section points at, relative to the project root.
std::string compose_dockerfile_path(const ComposeFile& file, const ComposeService& service);
std::string normalize_path(const std::string& path);

// Services are resolved in two steps, so that the image builds compose declares are known before any
// service's image is: merge_compose_services applies the layers (extends, overrides, interpolation);
// resolve_compose_services then fills each view's image, command, start-up work and healthcheck.
std::vector<ContainerView> merge_compose_services(Project& project);
void resolve_compose_services(Project& project, const RuleCatalog& catalog);

// A bind mount's source with `${PWD}` (the folder `docker compose` runs in: the compose file's, in
// practice) written as `.`.
std::string bind_source(const ComposeVolume& v);

// A compose file for development only: its name says so (`docker-compose.dev.yml`, `compose.local.yaml`,
// `docker-compose.test.yml`, the auto-loaded `docker-compose.override.yml`, a `.devcontainer/` stack), a
// service runs Django's `runserver`, or a service built here bind-mounts a folder of the project's Python
// source over its code (live reload). Findings that only matter in production are said less loudly there.
bool development_compose(const Project& project, const ComposeFile& file);
// A word that names a development or test setup in a path or module name (dev, local, test, ci, debug...).
bool development_word(std::string_view word);

// Compose projects: each root file (not included by another, not an override) with the override files
// beside it and everything it includes, transitively.
std::vector<std::set<std::string>> compose_projects(const std::vector<ComposeFile>& files);

// Fills development_compose_files, compose_projects and compose_projects_of (before services are
// resolved, after the Python modules are read), and services_by_name (after).
void index_compose_model(Project& project);
void index_services(Project& project);

// The service `name` of the compose project `from` belongs to, or nullptr.
const ContainerView* find_service(const Project& project, const ContainerView& from, std::string_view name);

// A host name compose's network would have to resolve: one label, not localhost (names with a dot are DNS
// names or addresses, not the compose network's business).
bool compose_network_name(const std::string& host);
// Every name some compose file of the repository gives a container (service names and aliases, lower
// case): files may be combined with `-f`, so a name from any of them may be on the network.
std::set<std::string> names_in_repository(const Project& project);
// The service joins a network another project creates (`external: true`): other containers' names resolve.
bool joins_external_network(const ContainerView& v);

// True when two compose files are started together: the same file, override files beside each other,
// or one `include:`s the other.
bool same_compose_project(const Project& project, const ComposeFile& a, const ComposeFile& b);

}  // namespace cfglint
