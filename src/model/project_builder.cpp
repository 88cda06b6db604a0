#include "model/project_builder.h"

#include "core/strings.h"
#include "model/app_registry.h"
#include "model/deployment.h"
#include "model/django_project.h"
#include "model/settings_eval.h"

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

std::vector<std::string> served_module_paths(const Project& project, const RuleCatalog& catalog) {
  std::vector<std::string> served;
  for (const auto& t : AppRegistry(project, catalog).server_targets())
    if (const PythonModule* m = project.modules->find(t.module)) served.push_back(m->path);
  return served;
}

}  // namespace

void derive_project_model(Project& project, const RuleCatalog& catalog) {
  project.modules = std::make_unique<ModuleIndex>(project.python_modules, run_dirs(project));
  project.compose_projects = compose_projects(project.compose_files);
  project.services = resolve_compose_services(project, catalog);
  project.settings = evaluate_all_settings(project);
  project.deployed_settings = deployed_settings_paths(project, served_module_paths(project, catalog));
}

}  // namespace cfglint
