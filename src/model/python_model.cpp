#include "core/strings.h"
#include "model/python_model.h"

#include <algorithm>
#include <set>

namespace cfglint {

namespace {
}  // namespace

void keep_names(PythonModule& m, const py::ModuleFacts& facts, const std::function<Range(const py::ImportFact&)>& range_of) {
  auto clamp = [](size_t n) { return static_cast<uint16_t>(std::min<size_t>(n, UINT16_MAX)); };
  size_t total = 0;
  for (const auto& i : facts.imports) total += clamp(i.module.size()) + clamp(i.name.size()) + clamp(i.asname.size());
  for (const auto& b : facts.bindings) total += b.name.size();
  auto text = std::make_shared<std::string>();
  text->reserve(total);  // pointers are taken while it fills: it must never reallocate
  auto keep = [&](std::string_view s) {
    size_t at = text->size();
    text->append(s);
    return std::string_view(text->data() + at, s.size());
  };
  m.imports.reserve(facts.imports.size());
  for (const auto& i : facts.imports) {
    PythonImport imp;
    imp.module_len = clamp(i.module.size());
    imp.name_len = clamp(i.name.size());
    imp.asname_len = clamp(i.asname.size());
    imp.text = keep(std::string_view(i.module).substr(0, imp.module_len)).data();
    keep(std::string_view(i.name).substr(0, imp.name_len));
    keep(std::string_view(i.asname).substr(0, imp.asname_len));
    imp.level = static_cast<uint8_t>(std::min(i.level, 255));
    imp.type_checking = i.type_checking;
    imp.main_guard = i.main_guard;
    imp.order = i.offset;
    imp.range = range_of(i);
    m.imports.push_back(imp);
  }
  m.top_level_names.reserve(facts.bindings.size());
  for (const auto& b : facts.bindings) m.top_level_names.push_back(keep(b.name));
  m.names_text = std::move(text);
}

std::string qualify_callee(const std::string& callee, const std::vector<PythonImport>& imports) {
  std::string head = callee.substr(0, callee.find('.'));
  std::string rest = callee.size() > head.size() ? callee.substr(head.size()) : "";
  std::string bound;  // the last import binding `head` wins, as at run time
  for (const auto& i : imports) {
    if (i.level > 0) continue;
    if (i.name().empty()) {  // import a.b.c binds a; import a.b as c binds c to a.b
      if (!i.asname().empty() && i.asname() == head) bound = i.module();
      else if (i.asname().empty() && i.module().substr(0, i.module().find('.')) == head) bound = head;
    } else if (i.name() != "*" && (i.asname().empty() ? i.name() : i.asname()) == head) {
      bound = std::string(i.module()) + "." + std::string(i.name());
    }
  }
  return bound.empty() ? "" : bound + rest;
}

ModuleIndex::ModuleIndex(const std::vector<PythonModule>& modules, const std::vector<std::string>& extra_roots) {
  // Folders Python puts on sys.path: the top, where a deployment runs, where manage.py lives, a src/ layout.
  std::set<std::string> roots{""};
  for (const auto& r : extra_roots) roots.insert(r.empty() || r.back() == '/' ? r : r + "/");
  for (const auto& m : modules) {
    std::string base = basename_of(m.path);
    if (base == "manage.py" || base == "setup.py") roots.insert(dirname_of(m.path));
    size_t src = m.path.find("src/");
    if (src != std::string::npos && (src == 0 || m.path[src - 1] == '/')) roots.insert(m.path.substr(0, src + 4));
  }
  // Every (root, module) naming once.
  std::vector<std::pair<std::string, std::pair<size_t, uint32_t>>> found;  // dotted -> (module, root length)
  size_t total = 0;
  for (size_t k = 0; k < modules.size(); ++k) {
    const PythonModule& m = modules[k];
    for (size_t cut = 0;; cut = m.path.find('/', cut) + 1) {
      if (roots.count(m.path.substr(0, cut))) {
        std::string rel = m.path.substr(cut);
        if (rel.size() > 12 && rel.substr(rel.size() - 12) == "/__init__.py") rel = rel.substr(0, rel.size() - 12);
        else if (rel.size() > 3 && rel.substr(rel.size() - 3) == ".py") rel = rel.substr(0, rel.size() - 3);
        else rel.clear();
        // A hyphen is allowed in the module's own file name only: `import` cannot name it, but importlib
        // can, and DJANGO_SETTINGS_MODULE and server targets go through importlib (project.local-settings).
        size_t last = rel.rfind('/');
        bool hyphen_in_folder = rel.find('-') < (last == std::string::npos ? 0 : last);
        if (!rel.empty() && rel.find('.') == std::string::npos && !hyphen_in_folder) {
          std::replace(rel.begin(), rel.end(), '/', '.');
          total += rel.size();
          found.push_back({std::move(rel), {k, static_cast<uint32_t>(cut)}});
        }
      }
      if (m.path.find('/', cut) == std::string::npos) break;
    }
  }
  names_.reserve(total);  // the namings view it: it must never reallocate
  namings_.reserve(found.size());
  for (const auto& [dotted, at] : found) {
    namings_.push_back({std::string_view(names_.data() + names_.size(), dotted.size()), &modules[at.first], at.second});
    names_.append(dotted);
  }
  found.clear();
  found.shrink_to_fit();
  std::sort(namings_.begin(), namings_.end(), [](const Naming& a, const Naming& b) {
    return a.dotted != b.dotted ? a.dotted < b.dotted : a.root() != b.root() ? a.root() < b.root() : a.module->path < b.module->path;
  });
  // A module's own name: from the deepest root it can be imported from as itself (the shortest name).
  std::vector<std::vector<std::string_view>> own(modules.size());
  for (const auto& n : namings_) own[static_cast<size_t>(n.module - modules.data())].push_back(n.dotted);
  for (size_t k = 0; k < modules.size(); ++k) {
    std::sort(own[k].begin(), own[k].end(), [](std::string_view a, std::string_view b) { return a.size() < b.size(); });
    for (std::string_view rel : own[k])
      if (find(std::string(rel), &modules[k]) == &modules[k]) {
        dotted_names_.emplace(&modules[k], rel);
        break;
      }
  }
}

ModuleIndex::Candidates ModuleIndex::named(std::string_view dotted) const {
  auto lo = std::lower_bound(namings_.begin(), namings_.end(), dotted, [](const Naming& n, std::string_view d) { return n.dotted < d; });
  auto hi = std::upper_bound(lo, namings_.end(), dotted, [](std::string_view d, const Naming& n) { return d < n.dotted; });
  return {lo, hi};
}

// The module `range` names from `root` (the first by path), or nullptr.
const PythonModule* ModuleIndex::from_root(Candidates range, std::string_view root) const {
  auto it = std::lower_bound(range.first, range.second, root, [](const Naming& n, std::string_view r) { return n.root() < r; });
  return it != range.second && it->root() == root ? it->module : nullptr;
}

const PythonModule* ModuleIndex::find(const std::string& dotted, const PythonModule* from) const {
  if (dotted.empty()) return nullptr;
  Candidates range = named(dotted);
  if (range.first == range.second) return nullptr;
  // A root on the importer's path beats any other, the deepest first; then the deepest root anywhere.
  if (from) {
    std::string_view path = from->path;
    for (size_t end = path.size(); end > 0;) {
      size_t slash = path.rfind('/', end - 1);
      if (slash == std::string_view::npos) break;
      if (const PythonModule* hit = from_root(range, path.substr(0, slash + 1))) return hit;
      end = slash;
    }
    if (const PythonModule* hit = from_root(range, "")) return hit;
  }
  return preferred(range, [](std::string_view) { return size_t{0}; });
}

const PythonModule* ModuleIndex::find_near(const std::string& dotted, std::string_view near) const {
  if (dotted.empty()) return nullptr;
  Candidates range = named(dotted);
  if (range.first == range.second) return nullptr;
  auto shared_folders = [&](std::string_view path) {
    size_t n = 0;
    for (size_t i = 0; i < path.size() && i < near.size() && path[i] == near[i]; ++i)
      if (path[i] == '/') ++n;
    return n;
  };
  return preferred(range, shared_folders);
}

// Of several candidates: the highest `closeness`, then the deepest root, then the first path.
const PythonModule* ModuleIndex::preferred(Candidates range, const std::function<size_t(std::string_view)>& closeness) {
  auto pick = range.first;
  size_t best = closeness(pick->module->path);
  for (auto it = std::next(range.first); it != range.second; ++it) {
    size_t close = closeness(it->module->path);
    if (close > best || (close == best && (it->root_len > pick->root_len ||
                                           (it->root_len == pick->root_len && it->module->path < pick->module->path)))) {
      pick = it;
      best = close;
    }
  }
  return pick->module;
}

std::string ModuleIndex::dotted_name(const PythonModule& m) const {
  auto it = dotted_names_.find(&m);
  return it == dotted_names_.end() ? std::string() : std::string(it->second);
}

std::string ModuleIndex::absolute(const PythonModule& from, int level, std::string_view module) const {
  if (level == 0) return std::string(module);
  std::string pkg = dotted_name(from);
  bool is_init = from.path.size() >= 11 && from.path.substr(from.path.size() - 11) == "__init__.py";
  // the package of a module is its name minus the last part; a package's __init__ is its own package
  if (!is_init) {
    size_t dot = pkg.rfind('.');
    pkg = dot == std::string::npos ? "" : pkg.substr(0, dot);
  }
  for (int i = 1; i < level; ++i) {
    size_t dot = pkg.rfind('.');
    pkg = dot == std::string::npos ? "" : pkg.substr(0, dot);
  }
  if (module.empty()) return pkg;
  return pkg.empty() ? std::string(module) : pkg + "." + std::string(module);
}

}  // namespace cfglint

namespace cfglint {

bool PythonModule::binds(std::string_view name) const {
  if (std::find(top_level_names.begin(), top_level_names.end(), name) != top_level_names.end()) return true;
  for (const auto& i : imports) {
    if (i.type_checking) continue;
    if (i.name() == "*") return true;
    std::string_view bound = !i.asname().empty() ? i.asname() : !i.name().empty() ? i.name() : i.module().substr(0, i.module().find('.'));
    if (bound == name) return true;
  }
  return false;
}

}  // namespace cfglint
