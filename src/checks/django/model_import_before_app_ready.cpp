// Template "model-import-before-app-ready": an entry module (ASGI/WSGI module, Celery app, a script that
// calls django.setup(), a server target) imports, before the app registry is populated, something that
// loads models: a project models module, django.contrib.*.models, a module calling get_user_model() at
// import, or a known third-party module, through any depth of project imports. Django raises
// AppRegistryNotReady ("Apps aren't loaded yet") and the process exits at start.
#include <algorithm>
#include <climits>
#include <set>

#include "checks/django/django_checks.h"
#include "core/strings.h"
#include "model/app_registry.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

// The modules that ASGI_APPLICATION / WSGI_APPLICATION name in any evaluated settings module.
std::set<const PythonModule*> application_setting_modules(const Project& project, const AppRegistry& reg) {
  std::set<const PythonModule*> out;
  for (const auto& s : project.settings)
    for (const char* name : {"ASGI_APPLICATION", "WSGI_APPLICATION"}) {
      auto it = s.names.find(name);
      if (it == s.names.end() || !it->second.value || it->second.value->kind != PyValue::K::Str) continue;
      const std::string& dotted = it->second.value->text;
      size_t dot = dotted.rfind('.');
      if (dot == std::string::npos) continue;
      if (const PythonModule* m = reg.module(dotted.substr(0, dot))) out.insert(m);
    }
  return out;
}

class ModelImportBeforeAppReady final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.modules) return;
    if (!project.app_registry) return;
    AppRegistry& reg = *project.app_registry;  // built once with the model
    std::set<std::pair<std::string, uint32_t>> seen;
    // entry module -> (order of the setup point, what sets up, who runs it)
    struct Entry {
      uint32_t setup = UINT32_MAX;
      std::string setup_name;
      std::string runner;
      bool unserved = false;
    };
    std::map<const PythonModule*, Entry> entries;
    for (const auto& m : project.python_modules) {
      // Django imports management commands only after setup (manage.py, call_command); a django.setup()
      // inside one is a no-op, not the start of a process.
      if (m.path.find("management/commands/") != std::string::npos) continue;
      for (const auto& c : m.calls) {
        if (c.main_guard) continue;
        if (is_setup_call(c.qualified) && c.order < entries[&m].setup) {
          entries[&m].setup = c.order;
          entries[&m].setup_name = c.callee + "()";
          entries[&m].runner = "the process";
        }
        if (c.qualified == "celery.Celery" && !entries.count(&m)) entries[&m] = {UINT32_MAX, "the Celery worker's Django setup", "the Celery worker"};
      }
    }
    for (auto it = entries.begin(); it != entries.end();)  // a module with only a late setup is still an entry; drop empty ones
      it = it->second.setup_name.empty() ? entries.erase(it) : std::next(it);
    std::set<const PythonModule*> served;
    for (const auto& t : reg.server_targets())
      if (const PythonModule* m = project.modules->find_near(t.module, t.where.file)) {
        served.insert(m);
        if (!entries.count(m)) entries[m] = {UINT32_MAX, "any django.setup() (" + t.program + " imports this module directly)", t.program};
      }
    // ASGI_APPLICATION / WSGI_APPLICATION are imported by Django's and Channels' runserver and by
    // get_default_application() after django.setup(): a module named there that no server command names,
    // while server commands do name other modules, only ever runs with the registry ready.
    // A module that sets Django up and then calls Channels' get_default_application() is the one servers
    // load (jumpserver's asgi.py); the ASGI_APPLICATION module it imports then runs with the registry ready.
    bool loaded_by_default_application = false;
    for (const auto& m : project.python_modules)
      for (const auto& c : m.calls)
        loaded_by_default_application |= c.qualified == "channels.routing.get_default_application" && !c.main_guard;
    if (!served.empty() || loaded_by_default_application)
      for (const PythonModule* m : application_setting_modules(project, reg))
        if (!served.count(m)) entries.erase(m);

    for (auto& [m, e] : entries) {
      // An ASGI/WSGI module that no server command in the repository names may only ever run under
      // runserver, which sets Django up before importing it: it fails under daphne, uvicorn or gunicorn,
      // but nothing here shows that it runs there.
      e.unserved = !served.count(m) && (e.setup_name == "get_asgi_application()" || e.setup_name == "get_wsgi_application()");
      // 1. Packages above the entry run their __init__ first, before any line of the entry. A package
      //    that calls django.setup() itself (pulpcore.content) has the registry ready for what follows.
      std::string dotted = reg.dotted(*m);
      std::string prefix;
      auto parts = split(dotted, '.');
      bool ready_before_entry = false;
      for (size_t i = 0; i + 1 < parts.size() && !ready_before_entry; ++i) {
        prefix += (prefix.empty() ? "" : ".") + std::string(parts[i]);
        const PythonModule* pkg = reg.module(prefix, m);
        if (!pkg) continue;
        uint32_t setup_line = UINT32_MAX;
        for (const auto& c : pkg->calls)
          if (!c.main_guard && is_setup_call(c.qualified)) setup_line = std::min(setup_line, c.range.begin.line);
        ready_before_entry = setup_line != UINT32_MAX;
        const ModelLoad& l = reg.import_loads(prefix, m);
        if (!l.loads || l.chain.empty()) continue;
        if (l.chain.front().file == pkg->path && l.chain.front().range.begin.line > setup_line) continue;
        report(l.chain.front(), l, "the package " + prefix + " is imported first (" + pkg->path + ")", e, out, seen);
        break;
      }
      if (ready_before_entry) continue;
      // 2. The entry's own imports and calls before the setup point.
      for (const auto& i : m->imports) {
        if (i.order >= e.setup || i.type_checking || i.main_guard) continue;
        std::string target = reg.absolute(*m, i);
        const ModelLoad* l = &reg.import_loads(target, m);
        if (!l->loads && !i.name().empty() && i.name() != "*") {
          std::string sub = target.empty() ? std::string(i.name()) : target + "." + std::string(i.name());
          if (reg.module(sub, m)) l = &reg.import_loads(sub, m);
        }
        if (!l->loads) continue;
        report({m->path, i.range, ""}, *l, "", e, out, seen);
      }
      for (const auto& c : m->calls) {
        if (c.order >= e.setup || c.main_guard || !is_model_loading_call(c.callee)) continue;
        ModelLoad l;
        l.loads = true;
        l.cause = "calls " + c.callee + "()";
        report({m->path, c.range, ""}, l, "", e, out, seen);
      }
    }
  }

 private:
  template <typename Entry>
  void report(const Location& at, const ModelLoad& l, const std::string& context, const Entry& e, std::vector<Finding>& out,
              std::set<std::pair<std::string, uint32_t>>& seen) const {
    const std::string& setup = e.setup_name;
    if (!seen.insert({at.file, at.range.begin.line}).second) return;
    // The chain itself is in the related locations (notes, SARIF relatedLocations): the message names its end.
    std::string ends = l.chain.empty() ? l.cause : l.chain.back().file;
    size_t steps = l.chain.size();
    Finding f = finding(at.file, at.range,
                        (context.empty() ? "" : context + ": ") + "this runs before " + setup + " and loads models (" + ends +
                            (steps > 1 ? ", through " + std::to_string(steps - 1) + " more import(s) shown below" : "") +
                            "): Django raises AppRegistryNotReady (\"Apps aren't loaded yet\") and the process exits at start; move the import below the setup call or into the function that needs it");
    for (const auto& step : l.chain)
      if (!(step.file == at.file && step.range == at.range)) f.related.push_back(step);
    if (e.unserved) {
      f.message += " (when a server such as daphne, uvicorn or gunicorn imports this module; no command in the repository does, and runserver sets Django up first)";
      f.severity_override = Severity::Warning;
    }
    out.push_back(std::move(f));
  }

};

}  // namespace

TemplateInfo model_import_before_app_ready_template() {
  return simple_template<ModelImportBeforeAppReady>("model-import-before-app-ready",
                                                     "Model-loading imports that run before Django's app registry is ready.");
}

}  // namespace cfglint
