// Templates about which settings a process loads and what a server is told to import:
//  "settings-module-not-set": an entry calls django.setup()/get_*_application() with nothing setting
//     DJANGO_SETTINGS_MODULE before it, and no Dockerfile, compose or Kubernetes env providing it.
//  "settings-module-missing": DJANGO_SETTINGS_MODULE names a module that is not in the project.
//  "server-target-missing": gunicorn/daphne/uvicorn/hypercorn/celery is told to load a module or attribute
//     that does not exist.
// Each ends the same way at deploy time: an exception before the first request.
#include <algorithm>
#include <set>

#include "checks/django/django_checks.h"
#include "model/app_registry.h"
#include "model/django_project.h"

namespace cfglint {
namespace {

// Only a served entry module is judged, and only when nothing the repository holds could set the
// variable: an error is a promise, and DJANGO_SETTINGS_MODULE can come from many places (a helper
// function, the package's __init__, an env file read by load_dotenv, a platform spec, a shell script).
class SettingsModuleNotSet final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.settings_env_mentions.empty()) return;  // an env file, manifest or script may provide it
    for (const auto& r : settings_module_refs(project))
      if (!r.is_default()) return;  // the deployment provides it: every process gets it
    if (!project.app_registry) return;
    AppRegistry& reg = *project.app_registry;  // built once with the model
    for (const auto& t : reg.server_targets()) {
      const PythonModule* m = project.modules->find_near(t.module, t.where.file);
      if (!m) continue;
      const PythonCall* setup = first_setup_call(*m);
      // Named before the call (a helper defined above, a setdefault) may set it; named after cannot have.
      if (!setup || m->settings_env_offset < setup->order || set_before(project, *m, setup->order)) continue;
      Finding f = finding(m->path, setup->range,
                          "`" + setup->callee + "()` runs but nothing sets DJANGO_SETTINGS_MODULE: not this module or what it imports "
                          "first, and no Dockerfile ENV, compose environment, env file or Kubernetes env in the repository; Django "
                          "raises ImproperlyConfigured (\"settings are not configured\") at start");
      f.related.push_back({t.where.file, t.where.range, t.program + " serves " + t.module});
      out.push_back(std::move(f));
    }
  }

 private:
  static const PythonCall* first_setup_call(const PythonModule& m) {
    const PythonCall* setup = nullptr;
    for (const auto& c : m.calls)
      if (!c.main_guard && is_setup_call(c.qualified) && (!setup || c.order < setup->order)) setup = &c;
    return setup;
  }
  static bool set_before(const Project& project, const PythonModule& m, uint32_t order) {
    for (const PythonModule* x : modules_run_before(project, m, order))
      if (x->settings_env_offset != UINT32_MAX) return true;
    return false;
  }
};

// The deepest package of `dotted` that exists holds a gitignored file for the rest of the name.
bool created_outside_git(const Project& project, const AppRegistry& reg, const std::string& dotted) {
  for (size_t dot = dotted.rfind('.'); dot != std::string::npos && dot > 0; dot = dotted.rfind('.', dot - 1)) {
    const PythonModule* package = reg.module(dotted.substr(0, dot));
    if (package) return gitignored_module(project, *package, dotted.substr(dot + 1));
  }
  return false;
}

class SettingsModuleMissing final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.modules) return;
    if (!project.app_registry) return;
    AppRegistry& reg = *project.app_registry;  // built once with the model
    std::set<std::pair<std::string, uint32_t>> seen;
    const std::vector<SettingsModuleRef> refs = settings_module_refs(project);
    // An os.environ.setdefault is a default: where a Dockerfile, compose file, manifest or env file of the
    // repository sets DJANGO_SETTINGS_MODULE, the deployed process may never use it (the image sets
    // demoproject.settings_prod; wsgi.py's default names a module left to each checkout).
    const SettingsModuleRef* deployed = nullptr;
    for (const auto& r : refs)
      if (!r.is_default() && reg.module(r.dotted)) deployed = &r;
    bool set_elsewhere = deployed || !project.settings_env_mentions.empty();
    for (const auto& r : refs) {
      if (reg.module(r.dotted) || !reg.project_package(r.dotted) || placed_at_deploy(project, r.dotted)) continue;
      if (!seen.insert({r.where.file, r.where.range.begin.line}).second) continue;
      Finding f = finding(r.where.file, r.where.range,
                          "DJANGO_SETTINGS_MODULE is `" + r.dotted + "` (" + r.source + "), but the project has no such module; Django raises "
                          "ModuleNotFoundError when it loads the settings");
      if (created_outside_git(project, reg, r.dotted)) {
        // A gitignored local settings file: each checkout makes its own, so the deployment may well have it.
        f.message += "; its file is gitignored, so whoever deploys must create it first";
        f.severity_override = Severity::Note;
      } else if (r.is_default() && set_elsewhere) {
        f.message += deployed ? "; the deployment sets DJANGO_SETTINGS_MODULE itself (`" + deployed->dotted + "`, " + deployed->source +
                                    "), so this default matters only where nothing does (manage.py run by hand)"
                              : "; files of the repository set DJANGO_SETTINGS_MODULE, so this default may never be used";
        f.severity_override = Severity::Note;
        if (deployed) f.related.push_back({deployed->where.file, deployed->where.range, "sets DJANGO_SETTINGS_MODULE"});
      }
      out.push_back(std::move(f));
    }
  }

};

// `pkg.module.app` names an attribute that `pkg.module` defines (or may define, through a star import).
bool celery_attribute_of(const AppRegistry& reg, const std::string& dotted) {
  size_t dot = dotted.rfind('.');
  if (dot == std::string::npos) return false;
  const PythonModule* parent = reg.module(dotted.substr(0, dot));
  if (!parent) return false;
  return parent->binds(dotted.substr(dot + 1));
}

class ServerTargetMissing final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.modules) return;
    if (!project.app_registry) return;
    AppRegistry& reg = *project.app_registry;  // built once with the model
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& t : reg.server_targets()) {
      const PythonModule* m = project.modules->find_near(t.module, t.where.file);
      std::string msg;
      // `celery -A pkg.module.app` without a colon is module `pkg.module`, attribute `app` (Celery's
      // find_app tries that first, and the whole path as a module only after).
      if (!m && t.program == "celery" && t.attr.empty() && celery_attribute_of(reg, t.module)) continue;
      if (!m) {
        if (!reg.project_package(t.module)) continue;  // a third-party app or code outside the repository
        msg = t.program + " is told to load `" + t.module + (t.attr.empty() ? "" : ":" + t.attr) + "`, but the project has no module " + t.module +
              "; it exits at start with ModuleNotFoundError";
      } else if (!t.attr.empty() && t.program != "celery") {
        if (m->binds(t.attr)) continue;
        msg = t.program + " is told to load `" + t.module + ":" + t.attr + "`, but " + m->path + " defines no `" + t.attr +
              "`; it exits at start (\"Failed to find attribute\")";
      } else {
        continue;
      }
      if (!seen.insert({t.where.file, t.where.range.begin.line}).second) continue;
      Finding f = finding(t.where.file, t.where.range, msg);
      if (m) f.related.push_back({m->path, Range{}, "the module " + t.module});
      out.push_back(std::move(f));
    }
  }

};

}  // namespace

TemplateInfo settings_module_not_set_template() {
  return simple_template<SettingsModuleNotSet>("settings-module-not-set",
                                                "A served Django entry module set up with no DJANGO_SETTINGS_MODULE anywhere.");
}

TemplateInfo settings_module_missing_template() {
  return simple_template<SettingsModuleMissing>("settings-module-missing",
                                                 "DJANGO_SETTINGS_MODULE names a module that is not in the project.");
}

TemplateInfo server_target_missing_template() {
  return simple_template<ServerTargetMissing>("server-target-missing",
                                               "A server or Celery is told to load a module or attribute that does not exist.");
}

}  // namespace cfglint
