#include "core/strings.h"
#include "model/django_project.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "discovery/gitignore.h"
#include "frontends/python/module_facts.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

using py::Expr;
using py::Stmt;

std::string dotted(const Expr* e) { return py::dotted_name(e); }

// os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x") / os.environ["DJANGO_SETTINGS_MODULE"] = "x",
// anywhere in the module (manage.py does it inside main()).
void scan(const std::vector<Stmt*>& body, const PythonModule& m, std::vector<SettingsModuleRef>& out, int depth) {
  if (depth > 20) return;
  for (const Stmt* s : body) {
    if (s->kind == Stmt::K::Expr && s->value && s->value->kind == Expr::K::Call) {
      const Expr* c = s->value;
      std::string f = dotted(c->a);
      if ((f == "os.environ.setdefault" || f == "environ.setdefault") && c->items.size() >= 2 &&
          c->items[0]->kind == Expr::K::Str && c->items[0]->text == "DJANGO_SETTINGS_MODULE" && c->items[1]->kind == Expr::K::Str)
        out.push_back({c->items[1]->text, {m.path, m.source->range(s->begin, s->end), ""}, "os.environ.setdefault in " + m.path});
    }
    if (s->kind == Stmt::K::Assign && s->value && s->value->kind == Expr::K::Str)
      for (const Expr* t : s->targets)
        if (t->kind == Expr::K::Subscript && dotted(t->a) == "os.environ" && t->b && t->b->kind == Expr::K::Str &&
            t->b->text == "DJANGO_SETTINGS_MODULE")
          out.push_back({s->value->text, {m.path, m.source->range(s->begin, s->end), ""}, "os.environ in " + m.path});
    scan(s->body, m, out, depth + 1);
    scan(s->orelse, m, out, depth + 1);
    scan(s->finalbody, m, out, depth + 1);
    for (const auto& h : s->handlers) scan(h.body, m, out, depth + 1);
  }
}

std::vector<std::string> split_specifier(const std::string& spec) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : spec) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

std::vector<SettingsModuleRef> settings_module_refs(const Project& project) {
  std::vector<SettingsModuleRef> out;
  for (const auto& d : project.dockerfiles)
    for (size_t si = 0; si < d.parsed.stages.size(); ++si) {
      const DockerStage& st = d.parsed.stages[si];
      const auto env = d.parsed.stage_env(si);
      auto it = env.find("DJANGO_SETTINGS_MODULE");
      if (it == env.end() || it->second.empty()) continue;
      Range where = st.from_range;  // the ENV that sets it, when it is in this stage (else inherited from its base)
      for (size_t i = st.first_instruction; i < st.end_instruction && i < d.parsed.instructions.size(); ++i)
        if (d.parsed.instructions[i].keyword == "ENV" && d.parsed.instructions[i].args.find("DJANGO_SETTINGS_MODULE") != std::string::npos)
          where = d.parsed.instructions[i].range;
      out.push_back({it->second, {d.path, where, ""}, "Dockerfile ENV in " + d.path});
    }
  for (const auto& v : project.services)
    if (auto it = v.service.environment.find("DJANGO_SETTINGS_MODULE"); it != v.service.environment.end() && !it->second.value.empty() &&
                                                                          it->second.value.find('$') == std::string::npos)
      out.push_back({it->second.value, {v.file->path, it->second.range, ""}, "compose environment of `" + v.service.name + "`"});
  for (const auto& w : project.workloads)
    for (const auto& c : w.containers)
      for (const auto& [k, val] : c.env)
        if (k == "DJANGO_SETTINGS_MODULE" && !val.empty()) out.push_back({val, {w.file, c.range, ""}, "Kubernetes env of `" + c.name + "`"});
  for (const auto& m : project.python_modules)
    if (m.source) scan(m.source->ast.body, m, out, 0);
  return out;
}

std::vector<const PythonModule*> modules_run_before(const Project& project, const PythonModule& m, uint32_t order) {
  std::vector<const PythonModule*> out;
  if (!project.modules) return out;
  const ModuleIndex& index = *project.modules;
  std::set<const PythonModule*> seen{&m};
  std::vector<const PythonModule*> work;
  auto visit = [&](const std::string& dotted, const PythonModule* from) {
    // Importing a.b.c runs a/__init__, a/b/__init__, then a/b/c.
    for (size_t dot = 0; dot != std::string::npos;) {
      dot = dotted.find('.', dot + 1);
      const PythonModule* x = index.find(dotted.substr(0, dot), from);
      if (x && seen.insert(x).second && seen.size() < 20000) work.push_back(x);
    }
  };
  auto visit_imports = [&](const PythonModule& x, uint32_t limit) {
    for (const auto& i : x.imports) {
      if (i.order >= limit || i.type_checking || i.main_guard) continue;
      std::string target = index.absolute(x, i.level, i.module());
      if (!target.empty()) visit(target, &x);
      if (!i.name().empty() && i.name() != "*") visit(target.empty() ? std::string(i.name()) : target + "." + std::string(i.name()), &x);
    }
  };
  std::string self = index.dotted_name(m);
  if (size_t dot = self.rfind('.'); dot != std::string::npos) visit(self.substr(0, dot), &m);  // the packages above
  visit_imports(m, order);
  while (!work.empty()) {
    const PythonModule* x = work.back();
    work.pop_back();
    out.push_back(x);
    visit_imports(*x, UINT32_MAX);
  }
  return out;
}

namespace {

// Adds the `c.py` and `b/c.py` ends of every Python file name in `text` (words split at blanks, quotes,
// `=`, `:`, `,`, `;` and parentheses). A word ends at its `.py`, so each character is walked back over at
// most once: linear on any line.
void add_python_file_names(std::string_view text, std::set<std::string>& out) {
  auto separator = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '=' || c == ':' || c == ',' || c == ';' || c == '(' ||
           c == ')';
  };
  for (size_t end = text.find(".py"); end != std::string_view::npos; end = text.find(".py", end + 1)) {
    size_t stop = end + 3;
    if (stop < text.size() && !separator(text[stop])) continue;  // .pyc, .pyi
    size_t start = end;
    while (start > 0 && !separator(text[start - 1])) --start;
    std::string_view word = text.substr(start, stop - start);
    size_t last = word.rfind('/');
    out.emplace(last == std::string_view::npos ? word : word.substr(last + 1));
    if (last != std::string_view::npos && last > 0) {
      size_t before = word.rfind('/', last - 1);
      out.emplace(before == std::string_view::npos ? word : word.substr(before + 1));
    }
  }
}

const std::set<std::string>& placed_python_files(const Project& project) {
  std::lock_guard<std::mutex> lock(project.placed_python_files_mutex);
  if (project.placed_python_files) return *project.placed_python_files;
  auto names = std::make_shared<std::set<std::string>>();
  for (const auto& c : project.compose_files)
    for (const auto& s : c.services)
      for (const auto& v : s.volumes) add_python_file_names(v.target, *names);
  for (const auto& d : project.dockerfiles)
    for (const auto& i : d.parsed.instructions)
      if (i.keyword == "RUN" || i.keyword == "COPY" || i.keyword == "ADD") add_python_file_names(i.args, *names);
  for (const auto& s : project.scripts)
    for (const auto& c : s.commands) add_python_file_names(c, *names);
  project.placed_python_files = names;
  return *names;
}

}  // namespace

bool placed_at_deploy(const Project& project, const std::string& dotted) {
  // a.b.c -> "b/c.py" (or "c.py"): the tail that a mount target or a copy destination names.
  std::string path = dotted;
  std::replace(path.begin(), path.end(), '.', '/');
  size_t last = path.rfind('/');
  size_t tail_start = last == std::string::npos ? 0 : path.rfind('/', last - 1);
  std::string tail = (tail_start == std::string::npos || last == std::string::npos ? path : path.substr(tail_start + 1)) + ".py";
  return placed_python_files(project).count(tail) > 0;
}

bool gitignored_module(const Project& project, const PythonModule& package, const std::string& rest) {
  if (project.root.empty() || rest.empty()) return false;
  std::string base = dirname_of(package.path);
  std::string relative = rest;
  std::replace(relative.begin(), relative.end(), '.', '/');
  std::string stem = base + relative;  // dirname_of keeps the trailing '/'
  return gitignored(project.root, stem + ".py") || gitignored(project.root, stem + "/__init__.py");
}

std::vector<SettingsResult> evaluate_all_settings(const Project& project) {
  std::vector<SettingsResult> out;
  if (!project.modules) return out;
  SettingsCache cache;  // a base module star-imported by several settings modules is evaluated once
  for (const auto& m : project.python_modules)
    if (m.looks_like_settings && m.source) out.push_back(evaluate_settings(m, *project.modules, &cache));
  return out;
}

// Set by the environment of a service in a development-only compose file, or by the ENV of a Dockerfile
// that only such compose files build (patchwork's tools/docker/Dockerfile, ENV ...settings.dev): no
// deployment runs those settings.
static bool dev_compose_ref(const Project& project, const SettingsModuleRef& r) {
  if (project.development_compose_files.count(r.where.file) > 0) return true;
  // Both must say so: the module's own name (a Dockerfile ENV of ...settings.production is the image's
  // deployed default even when only a development stack builds it here) and who builds the image.
  std::string last = to_lower(r.dotted.substr(r.dotted.rfind('.') + 1));
  if (!development_word(last) && last != "local_settings") return false;
  bool built_for_development = false;
  for (const auto& v : project.services) {
    if (!v.dockerfile || v.dockerfile->path != r.where.file) continue;
    if (!project.development_compose_files.count(v.file->path)) return false;
    built_for_development = true;
  }
  if (!built_for_development) return false;
  bool built_elsewhere = false;  // a script, workflow or skaffold file that builds it for a deployment
  project.image_builds.for_each([&](const ImageBuild& b) {
    if (b.dockerfile == r.where.file && !project.development_compose_files.count(b.evidence.file)) built_elsewhere = true;
  });
  return !built_elsewhere;
}

namespace {

// The code's setdefault names a settings module; when a production module sits beside it and nothing in
// the repository selects either, the deployment sets DJANGO_SETTINGS_MODULE where cfglint cannot see
// (a platform's dashboard, a secret store): the production module is what it deploys, not the default.
const PythonModule* production_sibling(const std::map<std::string, const PythonModule*>& by_path, const PythonModule& chosen) {
  std::string dir = dirname_of(chosen.path);
  for (const char* name : {"production.py", "prod.py", "live.py", "settings_production.py", "settings_prod.py", "production/__init__.py"})
    if (auto it = by_path.find(dir + name); it != by_path.end() && it->second != &chosen && it->second->looks_like_settings) return it->second;
  return nullptr;
}

}  // namespace

std::vector<std::string> deployed_settings_paths(const Project& project, const std::vector<std::string>& served) {
  std::set<std::string> out;
  if (!project.modules) return {};
  std::set<std::string> served_set(served.begin(), served.end());
  std::vector<SettingsModuleRef> refs = settings_module_refs(project);
  auto is_manifest = [](const SettingsModuleRef& r) { return !r.is_default(); };
  // A Dockerfile ENV, compose or Kubernetes env wins over the code's os.environ.setdefault fallback.
  bool any_manifest = std::any_of(refs.begin(), refs.end(), [&](const SettingsModuleRef& r) {
    return is_manifest(r) && !dev_compose_ref(project, r) && project.modules->find_near(r.dotted, r.where.file);
  });
  std::map<std::string, const PythonModule*> by_path;
  for (const auto& m : project.python_modules) by_path.emplace(m.path, &m);
  for (const auto& r : refs) {
    bool manifest = is_manifest(r);
    if (!manifest && (any_manifest || !served_set.count(r.where.file))) continue;
    if (manifest && dev_compose_ref(project, r)) continue;  // a development stack's settings are not deployed
    const PythonModule* m = project.modules->find_near(r.dotted, r.where.file);
    if (!m) continue;
    const PythonModule* production = manifest ? nullptr : production_sibling(by_path, *m);
    out.insert(production ? production->path : m->path);
  }
  return {out.begin(), out.end()};
}

std::vector<int> parse_version(std::string_view v) {
  size_t i = 0;
  while (i < v.size() && !std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  std::vector<int> out = leading_version_numbers(v.substr(i));
  while (out.size() < 3) out.push_back(0);
  return out;
}

std::vector<int> leading_version_numbers(std::string_view v) {
  std::vector<int> out;
  size_t i = 0;
  while (i < v.size()) {
    if (!std::isdigit(static_cast<unsigned char>(v[i]))) break;
    int n = 0;
    for (; i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])); ++i)
      n = n > 100000000 ? 1000000000 : n * 10 + (v[i] - '0');  // saturates: "3.99999999999" must not overflow
    out.push_back(n);
    if (i < v.size() && v[i] == '.') ++i;
    else break;
  }
  return out;
}

// The first version above `v` that changes component `at`: bump({3,7,1}, 0) is {4,0,0}.
static std::vector<int> bump(std::vector<int> v, size_t at) {
  if (at >= v.size()) return v;
  ++v[at];
  for (size_t i = at + 1; i < v.size(); ++i) v[i] = 0;
  return v;
}

void index_dependencies(Project& project) {
  auto& effective = project.dependency_scopes;
  effective.clear();
  project.requirements_by_name.clear();
  for (const auto& d : project.dependencies) effective[d.path].insert(dirname_of(d.path));
  for (int round = 0; round < 4; ++round)
    for (const auto& d : project.dependencies)
      for (const auto& [inc, range] : d.includes) {
        std::string target = normalize_path(dirname_of(d.path) + inc);
        auto it = effective.find(target);
        if (it == effective.end()) continue;
        for (const auto& dir : effective[d.path]) it->second.insert(dir);
      }
  for (const auto& d : project.dependencies)
    for (const auto& r : d.requirements) project.requirements_by_name[r.name].emplace_back(&d, &r);
}

// The declarations of one package by the folder where they take effect: the best one per folder (a lock
// file over a specifier, else the first), so that a lookup walks up the folders of its path instead of
// scanning every declaration (a monorepo declares Django thousands of times).
struct Declared {
  const Requirement* requirement = nullptr;
  const DependencyUnit* unit = nullptr;
};
struct PackageDeclarations {
  std::map<std::string, Declared> by_folder;
  Declared anywhere;  // for a lookup without a path: the first lock, else the first declaration
};

struct PackageVersionCache {
  std::map<std::pair<std::string, std::string>, PackageVersion> answers;
  std::map<std::string, PackageDeclarations> declarations;
};

static PackageVersion find_package_version(const Project& project, const std::string& name, const std::string& near_path);

PackageVersion package_version(const Project& project, const std::string& name, const std::string& near_path) {
  std::lock_guard<std::mutex> lock(project.package_versions_mutex);
  if (!project.package_versions) project.package_versions = std::make_shared<PackageVersionCache>();
  auto key = std::make_pair(name, near_path.empty() ? std::string("\n") : dirname_of(near_path));  // "" path: any folder
  auto& answers = project.package_versions->answers;
  if (auto it = answers.find(key); it != answers.end()) return it->second;
  return answers.emplace(key, find_package_version(project, name, near_path)).first->second;
}

static const PackageDeclarations& declarations_of(const Project& project, const std::string& name) {
  auto& all = project.package_versions->declarations;
  if (auto it = all.find(name); it != all.end()) return it->second;
  PackageDeclarations& out = all[name];
  auto better = [](const Declared& have, const Requirement* r) { return !have.requirement || (r->locked && !have.requirement->locked); };
  if (auto found = project.requirements_by_name.find(name); found != project.requirements_by_name.end())
    for (const auto& [d, r] : found->second) {
      if (better(out.anywhere, r)) out.anywhere = {r, d};
      if (auto scope = project.dependency_scopes.find(d->path); scope != project.dependency_scopes.end())
        for (const auto& dir : scope->second)
          if (better(out.by_folder[dir], r)) out.by_folder[dir] = {r, d};
    }
  return out;
}

static PackageVersion find_package_version(const Project& project, const std::string& name, const std::string& near_path) {
  const PackageDeclarations& declared = declarations_of(project, name);
  Declared best;
  // The deepest folder above the path (its own first) that a declaration applies to; "" is the root.
  std::string dir = dirname_of(near_path);
  for (;;) {
    if (auto it = declared.by_folder.find(dir); it != declared.by_folder.end()) {
      best = it->second;
      break;
    }
    if (dir.empty()) break;
    size_t slash = dir.rfind('/', dir.size() - 2);
    dir = slash == std::string::npos || dir.size() < 2 ? "" : dir.substr(0, slash + 1);
  }
  if (!best.requirement && near_path.empty()) best = declared.anywhere;
  if (!best.requirement && !near_path.empty()) return find_package_version(project, name, "");
  PackageVersion p;
  if (!best.requirement) return p;
  p.declared = true;
  p.locked = best.requirement->locked;
  p.specifier = best.requirement->specifier;
  p.where = {best.unit->path, best.requirement->range, ""};
  std::string lower_text;
  for (auto clause : split_specifier(best.requirement->specifier)) {
    std::string_view c = clause;
    auto take = [&](std::string_view op) {
      if (c.substr(0, op.size()) != op) return false;
      c.remove_prefix(op.size());
      return true;
    };
    if (take("===") || take("==")) {
      if (c.find('*') == std::string_view::npos) p.exact = parse_version(c);
      else p.lower = parse_version(c);
    } else if (take("~=")) {  // PEP 440 compatible release: ~=3.7 is <4, ~=3.7.1 is <3.8
      p.lower = parse_version(c);
      lower_text = std::string(c);
      p.upper = bump(*p.lower, std::max<size_t>(1, std::count(c.begin(), c.end(), '.')) - 1);
    } else if (take(">=") || take(">")) {
      p.lower = parse_version(c);
      lower_text = std::string(c);
    } else if (c == "caret" && p.lower) {  // Poetry ^3.7: <4; ^0.3: <0.4
      size_t i = 0;
      while (i + 1 < p.lower->size() && (*p.lower)[i] == 0) ++i;
      p.upper = bump(*p.lower, i);
    } else if (c == "tilde" && p.lower) {  // Poetry ~3.7: <3.8; ~3: <4
      p.upper = bump(*p.lower, std::count(lower_text.begin(), lower_text.end(), '.') == 0 ? 0 : 1);
    } else if (take("<=")) {
      p.upper = parse_version(c);
      p.upper_inclusive = true;
    } else if (take("<")) {
      p.upper = parse_version(c);
    } else if (!c.empty() && std::isdigit(static_cast<unsigned char>(c[0]))) {
      p.exact = parse_version(c);  // Pipfile.lock "4.0"
    }
  }
  return p;
}

Tri version_at_least(const PackageVersion& p, std::vector<int> v) {
  while (v.size() < 3) v.push_back(0);  // parsed versions have three parts: 4.0 is 4.0.0
  if (!p.declared) return Tri::Unknown;
  if (p.exact) return *p.exact >= v ? Tri::Yes : Tri::No;
  if (p.lower && *p.lower >= v) return Tri::Yes;
  if (p.upper && (p.upper_inclusive ? *p.upper < v : *p.upper <= v)) return Tri::No;
  return Tri::Unknown;
}

}  // namespace cfglint
