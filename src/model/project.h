// The deployment model: what the project will run, extracted from the parsed files.
// Front-end trees are freed after extraction; the model keeps only what cross-file checks need.
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/source.h"
#include "frontends/dockerfile/dockerfile_parser.h"
#include "frontends/dotenv/dotenv_parser.h"
#include "frontends/nginx/nginx_parser.h"
#include "frontends/requirements/requirements_parser.h"
#include "model/command_sites.h"
#include "model/ecs_model.h"
#include "model/image_builds.h"
#include "model/kube_containers.h"
#include "model/kubernetes_model.h"
#include "model/python_model.h"
#include "model/server_options.h"
#include "model/started_scripts.h"
#include "model/written_files.h"

namespace cfglint {

struct Located {
  std::string value;
  Range range;
  bool present = false;
};

struct ComposeHealthcheck {
  bool present = false;
  bool disabled = false;            // disable: true or test: ["NONE"]
  std::vector<std::string> test;    // as written (list form) or one element for string form
  bool string_form = false;
  Range range;
  Range test_range;
  Located interval, timeout, retries, start_period, start_interval, disable;
};

struct ComposeVolume {
  std::string source;  // named volume, host path, or "" for anonymous
  std::string target;
  bool named = false;  // a named volume (not a bind mount)
  bool read_only = false;  // `:ro` or `read_only: true`
  Range range;
};

struct ComposePort {
  int target = 0;         // the container port (0: a range or a variable)
  std::string published;  // the host side as written ("8000", "127.0.0.1:8000", "" for an ephemeral port)
  Range range;
};

struct ComposeDependency {
  std::string service;
  std::string condition = "service_started";
  bool required = true;
  Range range;
};

struct ComposeService {
  std::string name;
  Range name_range;
  Range range;  // the service's mapping
  Located image;
  Located build_context;   // relative to the compose file's folder, as written
  Located build_dockerfile;
  Located build_target;
  Located restart;
  bool has_command = false;
  std::vector<std::string> command;  // list form, or the string split into words
  Range command_range;
  bool has_entrypoint = false;
  std::vector<std::string> entrypoint;
  ComposeHealthcheck healthcheck;
  std::vector<ComposeDependency> depends_on;
  std::map<std::string, Located> environment;
  std::set<std::string> environment_from_shell;  // `- FOO` / `FOO:` with no value: the deploying shell's FOO
  std::set<std::string> environment_interpolated;  // values written with ${VAR}: the deploying shell may change them
  std::vector<Located> env_files;
  std::vector<Located> optional_env_files;  // long form with `required: false`: compose skips them when absent
  std::vector<std::string> profiles;
  std::vector<ComposeVolume> volumes;
  std::vector<ComposePort> ports;   // published
  std::vector<int> expose;          // `expose:` (documentation for other services; nothing is published)
  Located network_mode;             // host, none, service:x, container:x
  std::vector<std::string> aliases; // hostname, container_name and network aliases other services can use
  std::vector<std::string> networks;       // the networks it joins, by their compose names
  std::vector<std::string> extra_names;    // names only it resolves: `links:` aliases, `extra_hosts:`
  Located deploy_restart_condition;  // deploy.restart_policy.condition
  Located replicas;                  // deploy.replicas, or the older `scale:`
  Located read_only;                 // `read_only: true`: the container's root filesystem is read-only
  std::vector<std::string> tmpfs;    // `tmpfs:` mount points (writable whatever read_only says)
  Located working_dir;
  Located extends_service;           // extends: {service: x}
  Located extends_file;              // extends: {file: f}, relative to this file's folder
};

struct ComposeFile {
  std::string path;
  std::vector<ComposeService> services;
  std::vector<std::string> includes;  // top-level `include:` paths, relative to this file's folder
  std::set<std::string> external_networks;  // top-level networks with `external: true`: other projects join them
  const ComposeService* service(std::string_view name) const {
    for (const auto& s : services)
      if (s.name == name) return &s;
    return nullptr;
  }
};

struct DockerfileUnit {
  std::string path;
  Dockerfile parsed;
  // What each instruction's RUN installs, by instruction index (model/image_facts.h: run_install_bits),
  // read once as the file is read, in parallel: every service, container and several checks ask for
  // the image facts of its stages.
  std::vector<uint8_t> run_installs;
};

struct EnvFileUnit {
  std::string path;
  EnvFile parsed;
};

struct ShellScriptUnit {
  std::string path;
  std::vector<std::string> commands;  // each simple command, joined with spaces
  std::vector<int> lines;             // the line each command starts on (1-based), beside `commands`
  bool execs_args = false;            // ends with exec "$@" (hands over to CMD)
};

struct NginxFileUnit {
  std::string path;
  std::vector<NginxDirective> directives;  // as read up to the first syntax problem
};

struct DependencyUnit {
  std::string path;
  FileKind kind;
  std::vector<Requirement> requirements;
  std::vector<std::pair<std::string, Range>> includes;
};

struct ContainerView;  // model/deployment.h: include it wherever a Project is created or destroyed

struct Project {
  std::string root;  // absolute
  std::vector<ComposeFile> compose_files;
  std::vector<DockerfileUnit> dockerfiles;
  std::vector<EnvFileUnit> env_files;
  std::vector<DependencyUnit> dependencies;
  std::vector<ShellScriptUnit> scripts;
  std::vector<NginxFileUnit> nginx_files;  // by path after read_files (the model looks them up by path)
  std::vector<KubeWorkload> workloads;
  std::vector<KubeConfigMap> config_maps;  // in the repository, for the environment of Kubernetes containers
  std::vector<EcsTaskDefinition> task_definitions;
  std::vector<WrittenFile> written_files;  // files scripts and CI steps create (model/written_files.h)
  std::vector<ImageBuild> declared_image_builds;  // from CI workflows and skaffold files (model/image_builds.h)
  ImageBuilds image_builds;  // every build the repository declares, by image name (filled before images are resolved)
  std::vector<KubeContainerView> kube_containers;
  std::map<std::string, std::string> build_contexts;  // Dockerfile path -> its build context (model/image_builds.h: build_context_of)  // every container of `workloads`, resolved (model/kube_containers.h)
  std::vector<std::set<std::string>> compose_projects;  // compose files started together (model/deployment.h)
  std::map<std::string, std::vector<size_t>> compose_projects_of;  // compose file -> indices in compose_projects
  std::set<std::string> development_compose_files;  // paths (model/deployment.h: development_compose)
  std::deque<ComposeService> merged_services;  // services that extends, overrides or interpolation changed (ContainerView::service)
  std::vector<ContainerView> services;
  std::multimap<std::string, size_t> services_by_name;
  // (compose project index, service name) -> the service compose would use there (the last merged).
  std::map<std::pair<size_t, std::string>, size_t> services_in_project;  // service name -> index in services  // resolved compose services (model/deployment.h), filled last
  std::vector<CommandSite> command_sites;  // every command line written anywhere (model/command_sites.h)
  std::vector<StartedScript> started_scripts;  // repository scripts containers start (model/started_scripts.h)
  std::vector<PythonModule> python_modules;
  std::unique_ptr<ModuleIndex> modules;  // over python_modules, built once they are all read
  // Django's app registry at import time (model/app_registry.h), built once with the command sites;
  // its answers are memoised, under a lock, as checks ask.
  std::shared_ptr<class AppRegistry> app_registry;
  // Which evaluated settings each container, Kubernetes container and build step loads
  // (model/service_settings.h), indexed once after the settings are evaluated.
  std::shared_ptr<const class ServiceSettings> service_settings;
  std::vector<ServerOptionTable> server_options;  // gunicorn/uvicorn/daphne/hypercorn options (knowledge)
  std::vector<struct SettingsResult> settings;  // every settings-like module, evaluated (model/settings_eval.h)
  std::vector<std::string> deployed_settings;   // paths of the settings modules deployments load
  std::vector<const SettingsResult*> deployed_settings_results;  // their evaluations, in `settings` order
  bool csp_in_settings = false;  // some settings module lists django-csp in INSTALLED_APPS or MIDDLEWARE
  std::vector<std::string> settings_env_mentions;  // non-Python files that name DJANGO_SETTINGS_MODULE
  // Upper-case names (FOO_BAR) that appear in any non-Python file the run read: env files, compose,
  // manifests, Dockerfiles, platform specs, scripts, templates. A variable none of them names is set by
  // nothing in the repository, so a setting read from it takes its default. Hashed: every file adds its
  // words on the thread that takes results in order, and a tree holds the same words many times.
  std::unordered_set<std::string> names_outside_python;
  // Files that other files name (model/references) and that are not in the working tree.
  struct MissingFile {
    std::string path;
    bool gitignored = false;  // meant to be created locally (a secret env file, say)
    std::string template_path;  // a sibling to create it from (.env.example), "" when none
    std::optional<WrittenFile> written_by;  // a step of the repository that writes a file of its name
  };
  std::vector<MissingFile> missing_references;
  // Dependency declarations indexed once (model/django_project.h: index_dependencies): where each
  // dependency file takes effect (its folder and those of files that -r include it), and every
  // requirement by normalised package name.
  std::map<std::string, std::set<std::string>> dependency_scopes;
  std::map<std::string, std::vector<std::pair<const DependencyUnit*, const Requirement*>>> requirements_by_name;

  std::map<std::string, const EnvFileUnit*, std::less<>> env_files_by_path;  // filled by index_compose_model
  const EnvFileUnit* env_file(std::string_view path) const {
    auto it = env_files_by_path.find(path);
    return it == env_files_by_path.end() ? nullptr : it->second;
  }

  std::map<std::string, const DockerfileUnit*, std::less<>> dockerfiles_by_path;  // filled by index_compose_model
  const DockerfileUnit* dockerfile(std::string_view path) const {
    auto it = dockerfiles_by_path.find(path);
    return it == dockerfiles_by_path.end() ? nullptr : it->second;
  }

  // Answers made on the first question. Project checks run on several threads at once, so each is
  // filled and read under its own lock.
  // package_version's answers, by (package, folder) (model/django_project.cpp): the same question is
  // asked for every settings module and command of a folder.
  mutable std::shared_ptr<struct PackageVersionCache> package_versions;
  mutable std::mutex package_versions_mutex;
  // The Python file names (`c.py`, `b/c.py`) that compose mounts, Dockerfile RUN/COPY/ADD and scripts
  // name: built on the first placed_at_deploy() question (model/django_project.cpp), then only read.
  mutable std::shared_ptr<const std::set<std::string>> placed_python_files;
  mutable std::mutex placed_python_files_mutex;
  // The git index of the checkout, read when a file's mode is first asked (model/image_files.cpp),
  // then only read.
  mutable std::shared_ptr<const class GitIndex> git_index;
  mutable std::mutex git_index_mutex;
};

}  // namespace cfglint
