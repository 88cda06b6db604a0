#include "model/app_registry.h"

#include <algorithm>
#include <tuple>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/deployment.h"
#include "model/django_project.h"

namespace cfglint {

bool is_setup_call(const std::string& qualified) {
  return qualified == "django.setup" || qualified == "django.core.asgi.get_asgi_application" ||
         qualified == "django.core.wsgi.get_wsgi_application";
}

bool is_model_loading_call(const std::string& c) {
  return c == "get_user_model" || (c.size() > 15 && c.substr(c.size() - 15) == ".get_user_model") || c == "apps.get_model" ||
         c == "django.apps.apps.get_model" || c == "apps.get_models";
}

bool is_registry_call(const std::string& callee, const std::string& qualified) {
  return is_setup_call(qualified) || is_model_loading_call(callee) || qualified == "celery.Celery" ||
         qualified == "channels.routing.get_default_application";  // loads ASGI_APPLICATION after setup
}

std::vector<ServerTarget> collect_server_targets(const Project& project);  // below, beside what it reads

AppRegistry::AppRegistry(const Project& project, const RuleCatalog& catalog) : project_(project) {
  targets_ = collect_server_targets(project);
  const toml::table* t = catalog.knowledge("django_imports");
  if (!t) return;
  if (const auto* arr = (*t)["module"].as_array())
    for (const auto& e : *arr) {
      const auto* et = e.as_table();
      if (!et) continue;
      Entry entry;
      entry.patterns = toml_string_list(*et, "match");
      entry.package = (*et)["package"].value_or(std::string());
      entry.before = (*et)["before"].value_or(std::string());
      entry.note = (*et)["note"].value_or(std::string());
      knowledge_.push_back(std::move(entry));
    }
}

std::optional<std::string> AppRegistry::knowledge_loads(const std::string& dotted) const {
  for (const auto& e : knowledge_) {
    bool match = false;
    for (const auto& p : e.patterns) {
      std::string path = dotted, pat = p;
      std::replace(path.begin(), path.end(), '.', '/');
      std::replace(pat.begin(), pat.end(), '.', '/');
      if (glob_match(pat, path)) match = true;
    }
    if (!match) continue;
    if (!e.package.empty() && !e.before.empty()) {
      PackageVersion v = package_version(project_, normalize_package_name(e.package));
      if (version_at_least(v, parse_version(e.before)) != Tri::No) continue;  // newer or unknown: not reported
    }
    return e.note;
  }
  return std::nullopt;
}

std::string AppRegistry::absolute(const PythonModule& from, const PythonImport& i) const {
  return project_.modules ? project_.modules->absolute(from, i.level, i.module()) : std::string(i.module());
}

bool AppRegistry::project_package(const std::string& dotted) const {
  std::string top = dotted.substr(0, dotted.find('.'));
  return module(top) != nullptr;
}

const ModelLoad& AppRegistry::import_loads(const std::string& dotted, const PythonModule* from) {
  std::lock_guard<std::recursive_mutex> lock(memo_mutex_);
  const PythonModule* target = module(dotted, from);
  std::string key = dotted + "@" + (target ? target->path : std::string());
  if (auto it = import_memo_.find(key); it != import_memo_.end()) return it->second;
  ModelLoad result;
  // `import a.b.c` runs a/__init__, a/b/__init__, then a/b/c
  std::string prefix;
  for (auto part : split(dotted, '.')) {
    prefix += (prefix.empty() ? "" : ".") + std::string(part);
    if (const PythonModule* m = module(prefix, from)) {
      const ModelLoad& l = module_loads(*m);
      if (l.loads) {
        result = l;
        break;
      }
    } else if (auto note = knowledge_loads(prefix)) {
      result.loads = true;
      result.cause = prefix + ": " + *note;
      break;
    }
  }
  return import_memo_[key] = std::move(result);
}

namespace {

bool imports_django_orm(const PythonModule& m) {
  for (const auto& i : m.imports) {
    if (i.type_checking || i.level > 0) continue;
    std::string_view mod = i.module();
    if (mod.rfind("django.", 0) == 0 && (mod.find(".db") != std::string_view::npos || mod.find(".models") != std::string_view::npos)) return true;
  }
  return false;
}

}  // namespace

const ModelLoad& AppRegistry::module_loads(const PythonModule& m) {
  if (auto it = module_memo_.find(&m); it != module_memo_.end()) return it->second;
  if (in_progress_[&m]) {
    static const ModelLoad none;
    return none;  // an import cycle: the first visit decides
  }
  in_progress_[&m] = true;
  ModelLoad r;
  std::string base = basename_of(m.path);
  // Django models: a models module (models.py, or a file of a models/ package) that imports Django's
  // ORM. A Flask or FastAPI project's models.py (SQLAlchemy) has no app registry to be early for.
  bool models_path = base == "models.py" || m.path.find("/models/") != std::string::npos || m.path.rfind("models/", 0) == 0;
  if (models_path && imports_django_orm(m)) {
    r.loads = true;
    r.cause = m.path + " defines models";
    r.chain.push_back({m.path, Range{}, "defines models"});  // the module as a whole
  }
  // Imports and calls in source order: the first that loads models is what Python hits first.
  size_t ci = 0, ii = 0;
  while (!r.loads && (ci < m.calls.size() || ii < m.imports.size())) {
    bool take_call = ii >= m.imports.size() || (ci < m.calls.size() && m.calls[ci].order < m.imports[ii].order);
    if (take_call) {
      const auto& c = m.calls[ci++];
      if (c.main_guard || !is_model_loading_call(c.callee)) continue;
      r.loads = true;
      r.cause = m.path + " calls " + c.callee + "() at import time";
      r.chain.push_back({m.path, c.range, "calls " + c.callee + "() at import time"});
      break;
    }
    const auto& i = m.imports[ii++];
    if (i.type_checking || i.main_guard) continue;
    std::string target = absolute(m, i);
    const ModelLoad* l = &import_loads(target, &m);
    std::string shown = target;
    if (!l->loads && !i.name().empty() && i.name() != "*") {  // from pkg import submodule
      std::string sub = target.empty() ? std::string(i.name()) : target + "." + std::string(i.name());
      if (module(sub, &m) || knowledge_loads(sub)) {
        l = &import_loads(sub, &m);
        shown = sub;
      }
    }
    if (!l->loads) continue;
    r.loads = true;
    r.cause = l->cause;
    r.chain.push_back({m.path, i.range, "imports " + shown});
    for (const auto& step : l->chain) r.chain.push_back(step);
    if (l->chain.empty()) r.chain.push_back({m.path, i.range, l->cause});
  }
  in_progress_[&m] = false;
  return module_memo_[&m] = std::move(r);
}

namespace {

void targets_from_command(const Project& project, const std::vector<std::string>& a, const Location& where, std::vector<ServerTarget>& out) {
  if (auto server = read_server_command(project.server_options, a)) {
    // The application is the first positional word, read with the server's own option table; after a
    // variable or an option the table does not know, which word that is cannot be told.
    const ServerArgs& args = server->args;
    const std::string& prog = server->table->program;
    if (args.uncertain || args.positionals.empty()) return;
    const std::string& w = args.positionals.front();
    if (w.find('/') != std::string::npos) return;
    size_t colon = w.find(':');
    std::string module = w.substr(0, colon);
    std::string attr = colon == std::string::npos ? (prog == "gunicorn" ? "application" : "") : w.substr(colon + 1);
    if (attr.find('(') != std::string::npos) attr = attr.substr(0, attr.find('('));  // factory call
    out.push_back({prog, module, attr, where});
    return;
  }
  std::string prog = program_name(a);
  size_t start = 0;
  while (start < a.size() && a[start].find(prog) == std::string::npos) ++start;
  if (start >= a.size()) return;
  if (prog == "celery") {
    for (size_t i = start + 1; i < a.size(); ++i) {
      std::string app;
      if ((a[i] == "-A" || a[i] == "--app") && i + 1 < a.size()) app = a[i + 1];
      else if (a[i].rfind("--app=", 0) == 0) app = a[i].substr(6);
      if (app.empty() || app.find('$') != std::string::npos) continue;
      size_t colon = app.find(':');
      out.push_back({"celery", app.substr(0, colon), colon == std::string::npos ? "" : app.substr(colon + 1), where});
      break;
    }
  }
}

}  // namespace

std::vector<ServerTarget> collect_server_targets(const Project& project_) {
  std::vector<ServerTarget> out;
  for (const auto& site : project_.command_sites) targets_from_command(project_, site.argv, site.where, out);
  // one per (module, attr, file, line)
  std::sort(out.begin(), out.end(), [](const ServerTarget& a, const ServerTarget& b) {
    return std::tie(a.where.file, a.where.range, a.module, a.attr) < std::tie(b.where.file, b.where.range, b.module, b.attr);
  });
  out.erase(std::unique(out.begin(), out.end(), [](const ServerTarget& a, const ServerTarget& b) {
              return a.where.file == b.where.file && a.where.range == b.where.range && a.module == b.module && a.attr == b.attr;
            }), out.end());
  return out;
}

}  // namespace cfglint
