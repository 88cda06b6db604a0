// Import-time analysis for Django's app registry: which modules load models when imported (directly,
// through any depth of project imports, or through known third-party modules), the entry points that
// run before django.setup() (ASGI/WSGI modules, Celery apps, scripts, server targets), and the settings
// each entry needs.
#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "model/project.h"
#include "rules/rule_catalog.h"

namespace cfglint {

struct ModelLoad {
  bool loads = false;
  std::vector<Location> chain;  // import statements from the first importer down, then the model-loading cause
  std::string cause;            // "checkins/models.py defines models", "calls get_user_model()"
};

struct ServerTarget {
  std::string program;  // gunicorn, daphne, uvicorn, hypercorn, celery
  std::string module;
  std::string attr;     // "" when the program finds it itself (celery -A)
  Location where;       // the command
};

class AppRegistry {
 public:
  AppRegistry(const Project& project, const RuleCatalog& catalog);

  // Importing `dotted` (and the packages above it) from `from`: does it load models?
  const ModelLoad& import_loads(const std::string& dotted, const PythonModule* from = nullptr);
  const PythonModule* module(const std::string& dotted, const PythonModule* from = nullptr) const {
    return project_.modules ? project_.modules->find(dotted, from) : nullptr;
  }
  std::string dotted(const PythonModule& m) const { return project_.modules ? project_.modules->dotted_name(m) : ""; }
  std::string absolute(const PythonModule& from, const PythonImport& i) const;

  // Every server and worker command's application (gunicorn/daphne/uvicorn/hypercorn target, celery -A),
  // one per (module, attribute, file, line), read from the command sites once at construction.
  const std::vector<ServerTarget>& server_targets() const { return targets_; }
  // True when some project module lives under the top-level package of `dotted`.
  bool project_package(const std::string& dotted) const;

 private:
  const ModelLoad& module_loads(const PythonModule& m);
  std::optional<std::string> knowledge_loads(const std::string& dotted) const;

  const Project& project_;
  struct Entry {
    std::vector<std::string> patterns;
    std::string package, before, note;
  };
  std::vector<Entry> knowledge_;
  // import_loads' answers, made on the first question; checks run on several threads, so the memo is
  // filled under a lock (recursive: a module's imports ask import_loads again).
  std::recursive_mutex memo_mutex_;
  std::map<std::string, ModelLoad> import_memo_;
  std::map<const PythonModule*, ModelLoad> module_memo_;
  std::map<const PythonModule*, bool> in_progress_;
  std::vector<ServerTarget> targets_;
};

// Setup points: calls that populate the app registry, by their qualified name (PythonCall::qualified).
bool is_setup_call(const std::string& qualified);
bool is_model_loading_call(const std::string& callee);
// The import-time calls the model reads: setup points, model loading, a Celery app. A PythonModule keeps
// only these; a large tree makes hundreds of thousands of others, which nothing reads.
bool is_registry_call(const std::string& callee, const std::string& qualified);

}  // namespace cfglint
