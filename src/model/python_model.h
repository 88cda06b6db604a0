// Python modules of the project: where they are (the module index), what they import at import time,
// and, for modules that build settings, their syntax tree for abstract evaluation.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/finding.h"
#include "frontends/python/module_facts.h"
#include "frontends/python/python_ast.h"

namespace cfglint {

// The names of an import view the module's `names_text` (PythonModule): a monorepo has a quarter of a
// million imports, and three strings each were most of the memory cfglint used.
struct PythonImport {
  // module, name and asname lie one after another in the module's names_text (keep_names): one pointer
  // and three lengths instead of three views (381,000 imports on a real tree: 80 -> 40 bytes each).
  const char* text = nullptr;
  uint16_t module_len = 0, name_len = 0, asname_len = 0;
  uint8_t level = 0;
  bool type_checking = false;
  bool main_guard = false;
  uint32_t order = 0;  // source offset: orders imports and calls
  Range range;         // the import statement

  std::string_view module() const { return {text, module_len}; }  // as written (relative part without dots)
  std::string_view name() const { return {text + module_len, name_len}; }  // from-import name, "" for `import x`
  std::string_view asname() const { return {text + module_len + name_len, asname_len}; }
};

// A call made at import time (module level or class body).
struct PythonCall {
  std::string callee;     // dotted, as written
  std::string qualified;  // resolved through the module's absolute imports ("django.setup" for
                          // `import django; django.setup()` or `from django import setup; setup()`);
                          // "" when the name is not imported (a local `def setup()`, a builtin)
  Range range;
  uint32_t order = 0;
  bool main_guard = false;
};

// A parsed source kept alive for analyses that need statements and exact positions.
struct PythonSource {
  std::string text;
  LineIndex lines;
  py::Module ast;
  Range range(uint32_t begin, uint32_t end) const { return lines.span(text, begin, end); }
};

struct PythonModule {
  std::string path;  // project-relative
  std::vector<PythonImport> imports;  // module level (import time)
  std::vector<PythonCall> calls;      // import-time calls
  std::vector<std::string_view> top_level_names;
  // The text `imports` and `top_level_names` view, shared by copies of the module (keep_names fills it).
  std::shared_ptr<const std::string> names_text;
  bool looks_like_settings = false;
  // Where the text first names DJANGO_SETTINGS_MODULE, in any form (a setdefault with a computed value,
  // a helper that sets it); UINT32_MAX when it never does.
  uint32_t settings_env_offset = UINT32_MAX;
  std::shared_ptr<const PythonSource> source;  // kept for settings-like and entry modules only
  // A management command named wait_for_* / wait-for-* (`manage.py wait_for_db`) that waits on the
  // database (catches OperationalError) but never asks for a connection: Django connects lazily, so
  // `connections["default"]` alone never raises and the wait returns at once. 0: not such a command;
  // else the line of the wait.
  uint32_t wait_without_connecting_line = 0;
  // The text names beat_scheduler or beat_schedule_filename (any case, CELERY_ prefixed or not): where
  // Celery beat keeps its schedule is configured here.
  bool names_beat_storage = false;
  // A urls.py module: what its urlpatterns route (model/url_routes), read at file time.
  std::shared_ptr<const struct UrlConf> url_conf;

  // The module has a top-level name `name` after import: assigned, defined or imported
  // (`from app import notify_celery` binds it; a star import may bind anything).
  bool binds(std::string_view name) const;
};

// Fills `m.imports` and `m.top_level_names` from the parser's facts, their names copied once into
// `m.names_text`. `range_of` gives each import statement's range.
void keep_names(PythonModule& m, const py::ModuleFacts& facts, const std::function<Range(const py::ImportFact&)>& range_of);

// Dotted module names to files, for the folders Python would have on sys.path.
// `callee` as written, qualified through `imports` (absolute ones; relative imports name project code).
std::string qualify_callee(const std::string& callee, const std::vector<PythonImport>& imports);

class ModuleIndex {
 public:
  // `extra_roots`: folders a deployment runs from (where a Dockerfile, compose file or Procfile lives).
  explicit ModuleIndex(const std::vector<PythonModule>& modules, const std::vector<std::string>& extra_roots = {});
  // The module for an absolute dotted name, or nullptr (third-party or missing). With `from`, the
  // folders on the importer's own path win, so two projects in one repository do not mix.
  const PythonModule* find(const std::string& dotted, const PythonModule* from = nullptr) const;
  // The same for a name written in another file at `near` (a compose file, a Dockerfile ENV, a script):
  // of several candidates, the one whose path shares the most folders with `near` (a tutorial repository
  // holds `core.wsgi` in Final/ and in Starting/; the compose file in Final/ means Final's).
  const PythonModule* find_near(const std::string& dotted, std::string_view near) const;
  // Resolves `from ..x import y` / `import a.b` written in `from` to an absolute dotted name.
  std::string absolute(const PythonModule& from, int level, std::string_view module) const;
  std::string dotted_name(const PythonModule& m) const;

 private:
  // One way to import a module: its dotted name from one root (a folder on sys.path).
  struct Naming {
    std::string_view dotted;  // views names_
    const PythonModule* module;
    uint32_t root_len;  // the root is module->path's first root_len bytes
    std::string_view root() const { return std::string_view(module->path).substr(0, root_len); }
  };
  // Sorted by dotted name, then root, then path: one binary search finds a name, a second the candidates
  // from one root (monorepos hold hundreds of `config.settings`). Kept flat: a map node and a key string per
  // naming were a quarter of the memory of a large run.
  std::string names_;
  std::vector<Naming> namings_;
  std::unordered_map<const PythonModule*, std::string_view> dotted_names_;  // computed once
  using Candidates = std::pair<std::vector<Naming>::const_iterator, std::vector<Naming>::const_iterator>;
  Candidates named(std::string_view dotted) const;
  const PythonModule* from_root(Candidates range, std::string_view root) const;
  static const PythonModule* preferred(Candidates range, const std::function<size_t(std::string_view)>& closeness);
};

}  // namespace cfglint
