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

class SettingsModuleNotSet final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    auto refs = settings_module_refs(project);
    for (const auto& r : refs)
      if (r.source.rfind("os.environ", 0) != 0) return;  // the deployment provides it: every process gets it
    for (const auto& m : project.python_modules) {
      const PythonCall* setup = nullptr;
      for (const auto& c : m.calls)
        if (!c.main_guard && is_setup_call(c.callee) && (!setup || c.order < setup->order)) setup = &c;
      if (!setup) continue;
      bool set_before = false;
      for (const auto& r : refs)
        if (r.where.file == m.path && r.where.range.begin <= setup->range.begin) set_before = true;
      if (set_before) continue;
      out.push_back(finding(m.path, setup->range,
                            "`" + setup->callee + "()` runs but nothing sets DJANGO_SETTINGS_MODULE: not this module before it, and no Dockerfile ENV, "
                            "compose environment or Kubernetes env in the repository; Django raises ImproperlyConfigured at start"));
    }
  }
};

class SettingsModuleMissing final : public ProjectCheck {
 public:
  SettingsModuleMissing(const RuleSpec& rule, const RuleCatalog& catalog) : ProjectCheck(rule), catalog_(catalog) {}
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.modules) return;
    AppRegistry reg(project, catalog_);
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& r : settings_module_refs(project)) {
      if (reg.module(r.dotted) || !reg.project_package(r.dotted)) continue;
      if (!seen.insert({r.where.file, r.where.range.begin.line}).second) continue;
      out.push_back(finding(r.where.file, r.where.range,
                            "DJANGO_SETTINGS_MODULE is `" + r.dotted + "` (" + r.source + "), but the project has no such module; Django raises "
                            "ModuleNotFoundError when it loads the settings"));
    }
  }

 private:
  const RuleCatalog& catalog_;
};

class ServerTargetMissing final : public ProjectCheck {
 public:
  ServerTargetMissing(const RuleSpec& rule, const RuleCatalog& catalog) : ProjectCheck(rule), catalog_(catalog) {}
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.modules) return;
    AppRegistry reg(project, catalog_);
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& t : reg.server_targets()) {
      const PythonModule* m = reg.module(t.module);
      std::string msg;
      if (!m) {
        if (!reg.project_package(t.module)) continue;  // a third-party app or code outside the repository
        msg = t.program + " is told to load `" + t.module + (t.attr.empty() ? "" : ":" + t.attr) + "`, but the project has no module " + t.module +
              "; it exits at start with ModuleNotFoundError";
      } else if (!t.attr.empty() && t.program != "celery") {
        bool star = false;
        for (const auto& i : m->imports) star |= i.name == "*";
        if (star || std::find(m->top_level_names.begin(), m->top_level_names.end(), t.attr) != m->top_level_names.end()) continue;
        msg = t.program + " is told to load `" + t.module + ":" + t.attr + "`, but " + m->path + " defines no `" + t.attr +
              "`; it exits at start (\"Failed to find attribute\")";
      } else {
        continue;
      }
      if (!seen.insert({t.where.file, t.where.range.begin.line}).second) continue;
      Finding f = finding(t.where.file, t.where.range, msg);
      if (m) f.related.push_back({m->path, {{1, 1}, {1, 1}}, "the module " + t.module});
      out.push_back(std::move(f));
    }
  }

 private:
  const RuleCatalog& catalog_;
};

}  // namespace

TemplateInfo settings_module_not_set_template() {
  return simple_template<SettingsModuleNotSet>("settings-module-not-set", "Django set up with no DJANGO_SETTINGS_MODULE anywhere.");
}

TemplateInfo settings_module_missing_template() {
  return {"settings-module-missing", "DJANGO_SETTINGS_MODULE names a module that is not in the project.", "files",
          [](const RuleSpec& rule, const RuleCatalog& catalog, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<SettingsModuleMissing>(rule, catalog);
          }};
}

TemplateInfo server_target_missing_template() {
  return {"server-target-missing", "A server or Celery is told to load a module or attribute that does not exist.", "files",
          [](const RuleSpec& rule, const RuleCatalog& catalog, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<ServerTargetMissing>(rule, catalog);
          }};
}

}  // namespace cfglint
