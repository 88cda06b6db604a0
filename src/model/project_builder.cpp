#include "model/project_builder.h"

#include "core/strings.h"
#include "model/app_registry.h"
#include "model/service_settings.h"
#include "model/deployment.h"
#include "model/django_project.h"
#include "model/settings_eval.h"

#include <filesystem>
#include <future>
#include <set>

#include "frontends/python/python_parser.h"

namespace cfglint {
namespace {

// Where processes start: code is importable relative to these folders.
std::vector<std::string> run_dirs(const Project& project) {
  std::vector<std::string> dirs;
  for (const auto& d : project.dockerfiles) dirs.push_back(dirname_of(d.path));
  for (const auto& c : project.compose_files) dirs.push_back(dirname_of(c.path));
  for (const auto& s : project.scripts) dirs.push_back(dirname_of(s.path));
  return dirs;
}

std::vector<std::string> served_module_paths(const Project& project) {
  std::vector<std::string> served;
  for (const auto& t : project.app_registry->server_targets())
    if (const PythonModule* m = project.modules->find_near(t.module, t.where.file)) served.push_back(m->path);
  return served;
}

bool lists_django_csp(const std::vector<SettingsResult>& settings) {
  for (const auto& s : settings)
    for (const char* list : {"INSTALLED_APPS", "MIDDLEWARE"})
      if (auto it = s.names.find(list); it != s.names.end() && it->second.value)
        for (const auto& item : it->second.value->items)
          if (item && item->kind == PyValue::K::Str && (item->text == "csp" || item->text.rfind("csp.", 0) == 0)) return true;
  return false;
}

// Reading files keeps the syntax tree of modules that read like settings on their own. A settings module
// may star-import one that does not (config/settings/files_and_storages.py defines a helper or two): read
// and parse those now, from the settings modules down, so the import is known rather than left unknown
// (which would make every absent setting unknown too). At most 256, each under 2 MiB.
void keep_star_imported_sources(Project& project) {
  std::vector<const PythonModule*> work;
  for (const auto& m : project.python_modules)
    if (m.looks_like_settings && m.source) work.push_back(&m);
  std::set<const PythonModule*> seen(work.begin(), work.end());
  size_t loaded = 0;
  while (!work.empty() && loaded < 256) {
    const PythonModule* m = work.back();
    work.pop_back();
    for (const auto& i : m->imports) {
      if (i.name() != "*") continue;
      const PythonModule* other = project.modules->find(project.modules->absolute(*m, i.level, i.module()), m);
      if (!other || !seen.insert(other).second) continue;
      if (!other->source) {
        std::string path = project.root + "/" + other->path;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) continue;  // never a pipe, which read_file would wait on
        auto source = std::make_shared<PythonSource>();
        uint64_t size = 0;
        if (read_file(path, 2u << 20, source->text, size) != ReadStatus::Ok) continue;
        source->lines = LineIndex(source->text);
        source->ast = py::parse_module(source->text);
        project.python_modules[static_cast<size_t>(other - project.python_modules.data())].source = std::move(source);
        ++loaded;
      }
      work.push_back(other);
    }
  }
}

}  // namespace

void derive_project_model(Project& project, const RuleCatalog& catalog) {
  std::sort(project.nginx_files.begin(), project.nginx_files.end(),
            [](const NginxFileUnit& a, const NginxFileUnit& b) { return a.path < b.path; });  // read_nginx_configs searches them
  // The module index reads only the Python modules and the run folders, and nothing reads it before
  // the app registry: it is built on a thread of its own (a sixth of the model's work on a monorepo)
  // while the deployment side is resolved.
  auto modules = std::async(std::launch::async | std::launch::deferred, [&project, dirs = run_dirs(project)] {
    return std::make_unique<ModuleIndex>(project.python_modules, dirs);
  });
  project.server_options = load_server_options(catalog);
  index_dependencies(project);
  index_compose_model(project);
  project.services = merge_compose_services(project);
  project.image_builds = collect_image_builds(project);
  // Kubernetes containers read the image builds, Dockerfiles, workloads and ConfigMaps, none of which
  // resolving the compose services changes: the two are resolved side by side.
  auto kube = std::async(std::launch::async | std::launch::deferred, [&] { return resolve_kube_containers(project, catalog); });
  resolve_compose_services(project, catalog);
  project.kube_containers = kube.get();
  index_build_contexts(project);
  project.command_sites = collect_command_sites(project);
  project.modules = modules.get();
  project.app_registry = std::make_shared<AppRegistry>(project, catalog);  // reads the command sites
  // The started scripts (a quarter of the model's time on a monorepo) read the services, containers,
  // Dockerfiles and scripts, which nothing below changes, and nothing below reads them.
  auto scripts = std::async(std::launch::async | std::launch::deferred, [&] { return collect_started_scripts(project, catalog); });
  index_services(project);
  keep_star_imported_sources(project);
  project.settings = evaluate_all_settings(project);
  for (auto& s : project.settings) apply_environment_defaults(s, project.names_outside_python);
  project.csp_in_settings = lists_django_csp(project.settings);
  project.deployed_settings = deployed_settings_paths(project, served_module_paths(project));
  const std::set<std::string> deployed(project.deployed_settings.begin(), project.deployed_settings.end());
  for (const auto& s : project.settings)
    if (deployed.count(s.path)) project.deployed_settings_results.push_back(&s);
  project.service_settings = std::make_shared<const ServiceSettings>(project);
  project.started_scripts = scripts.get();
}

}  // namespace cfglint
