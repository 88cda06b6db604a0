#include "engine/config.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace cfglint {
namespace {

Position pos_of(const toml::node* n) {
  if (!n) return {1, 1};
  return {static_cast<uint32_t>(n->source().begin.line), static_cast<uint32_t>(n->source().begin.column)};
}

bool string_list(const toml::table& t, std::string_view key, std::vector<std::string>& out, std::string& msg,
                 const toml::node*& where) {
  const toml::node* n = t.get(key);
  if (!n) return true;
  where = n;
  const auto* arr = n->as_array();
  if (!arr) {
    msg = "`" + std::string(key) + "` must be a list of strings";
    return false;
  }
  for (const auto& v : *arr) {
    auto s = v.value<std::string>();
    if (!s) {
      where = &v;
      msg = "`" + std::string(key) + "` must be a list of strings";
      return false;
    }
    out.push_back(*s);
  }
  return true;
}

bool severity_map(const toml::table& t, std::map<std::string, Severity>& out, const RuleCatalog& cat, std::string& msg,
                  const toml::node*& where) {
  for (const auto& [k, v] : t) {
    where = &v;
    auto s = v.value<std::string>();
    auto sev = s ? parse_severity(*s) : std::nullopt;
    if (!sev) {
      msg = "severity for `" + std::string(k.str()) + "` must be \"error\", \"warning\" or \"note\"";
      return false;
    }
    if (!cat.find(k.str())) {
      msg = "unknown rule `" + std::string(k.str()) + "` (see `cfglint rules`)";
      return false;
    }
    out[cat.find(k.str())->id] = *sev;
  }
  return true;
}

bool check_rule_refs(const std::vector<std::string>& refs, const RuleCatalog& cat, std::string& msg) {
  for (const auto& r : refs) {
    if (r == "ALL") continue;
    bool prefix = false;
    for (const auto& spec : cat.all())
      if (starts_with_icase(spec.id, r)) prefix = true;  // ruff-style prefixes: "CFG3"
    if (!cat.find(r) && !prefix) {
      msg = "unknown rule `" + r + "` (see `cfglint rules`)";
      return false;
    }
  }
  return true;
}

std::string read_file(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string ConfigError::to_string() const {
  return file + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) + ": " + message;
}

std::string find_config(const std::string& start) {
  std::string dir = start;
  while (!dir.empty()) {
    std::string candidate = dir + "/.cfglint.toml";
    struct stat st;
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return candidate;
    if (::stat((dir + "/.git").c_str(), &st) == 0) return "";  // stop at the repository root
    size_t slash = dir.rfind('/');
    if (slash == std::string::npos || dir == "/") break;
    dir = slash == 0 ? "/" : dir.substr(0, slash);
    if (dir == "/") {
      if (::stat("/.cfglint.toml", &st) == 0) return "/.cfglint.toml";
      break;
    }
  }
  return "";
}

bool load_config(const std::string& path, std::string_view text, Config& out, RuleCatalog& catalog, ConfigError& error) {
  out.path = path;
  toml::table t;
  try {
    t = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    error = {path, {static_cast<uint32_t>(e.source().begin.line), static_cast<uint32_t>(e.source().begin.column)},
             std::string(e.description())};
    return false;
  }
  std::string msg;
  const toml::node* where = &t;
  auto fail = [&]() {
    error = {path, pos_of(where), msg};
    return false;
  };
  static const std::vector<std::string> known = {"select", "ignore", "exclude", "severity", "overrides", "fail-on", "rule", "rules-dir"};
  for (const auto& [k, v] : t) {
    if (std::find(known.begin(), known.end(), std::string(k.str())) == known.end()) {
      where = &v;
      msg = "unknown setting `" + std::string(k.str()) + "` (known: select, ignore, exclude, severity, overrides, fail-on, rule, rules-dir)";
      return fail();
    }
  }
  // User rules first, so that the settings below can refer to them.
  std::string dir = path.substr(0, path.rfind('/') == std::string::npos ? 0 : path.rfind('/'));
  if (const auto* rules = t["rule"].as_array()) {
    for (const auto& r : *rules) {
      RuleLoadError le;
      if (!r.is_table() || !catalog.add(*r.as_table(), path, le)) {
        error = {path, r.is_table() ? le.position : pos_of(&r), r.is_table() ? le.message : "each [[rule]] must be a table"};
        return false;
      }
    }
  }
  if (const toml::node* rd = t.get("rules-dir")) {
    auto s = rd->value<std::string>();
    where = rd;
    if (!s) { msg = "`rules-dir` must be a folder path"; return fail(); }
    std::string full = (!s->empty() && (*s)[0] == '/') ? *s : dir + "/" + *s;
    DIR* d = ::opendir(full.c_str());
    if (!d) { msg = "`rules-dir` folder " + full + " cannot be read"; return fail(); }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 5 && n.substr(n.size() - 5) == ".toml") names.push_back(n);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto& n : names) {
      std::vector<RuleLoadError> errs;
      if (!catalog.add_file(read_file(full + "/" + n), full + "/" + n, errs)) {
        error = {errs[0].origin, errs[0].position, errs[0].message};
        return false;
      }
    }
    out.rules_dirs.push_back(*s);
  }
  if (!string_list(t, "select", out.select, msg, where) || !check_rule_refs(out.select, catalog, msg)) return fail();
  if (!string_list(t, "ignore", out.ignore, msg, where) || !check_rule_refs(out.ignore, catalog, msg)) return fail();
  if (!string_list(t, "exclude", out.exclude, msg, where)) return fail();
  if (const toml::node* sev = t.get("severity")) {
    where = sev;
    if (!sev->is_table()) { msg = "`severity` must be a table: [severity] CFG003 = \"warning\""; return fail(); }
    if (!severity_map(*sev->as_table(), out.severity, catalog, msg, where)) return fail();
  }
  if (const toml::node* fo = t.get("fail-on")) {
    where = fo;
    auto s = fo->value<std::string>();
    if (s && *s == "never") out.fail_on_never = true;
    else if (s && parse_severity(*s)) out.fail_on = parse_severity(*s);
    else { msg = "`fail-on` must be \"error\", \"warning\", \"note\" or \"never\""; return fail(); }
  }
  if (const toml::node* ov = t.get("overrides")) {
    where = ov;
    const auto* arr = ov->as_array();
    if (!arr) { msg = "`overrides` must be an array of tables: [[overrides]]"; return fail(); }
    for (const auto& o : *arr) {
      where = &o;
      const auto* ot = o.as_table();
      if (!ot) { msg = "each [[overrides]] entry must be a table"; return fail(); }
      PathOverride po;
      if (!string_list(*ot, "paths", po.paths, msg, where)) return fail();
      if (po.paths.empty()) { msg = "an [[overrides]] entry needs `paths` (globs relative to the project root)"; return fail(); }
      if (!string_list(*ot, "ignore", po.ignore, msg, where) || !check_rule_refs(po.ignore, catalog, msg)) return fail();
      if (const toml::node* sev = ot->get("severity")) {
        where = sev;
        if (!sev->is_table() || !severity_map(*sev->as_table(), po.severity, catalog, msg, where)) {
          if (msg.empty()) msg = "`severity` must be a table";
          return fail();
        }
      }
      for (const auto& [k, v] : *ot) {
        if (k.str() != "paths" && k.str() != "ignore" && k.str() != "severity") {
          where = &v;
          msg = "unknown setting `" + std::string(k.str()) + "` in [[overrides]] (known: paths, ignore, severity)";
          return fail();
        }
      }
      out.overrides.push_back(std::move(po));
    }
  }
  return true;
}

}  // namespace cfglint
