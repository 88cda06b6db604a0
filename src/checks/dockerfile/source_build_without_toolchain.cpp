// Template "source-build-without-toolchain": a RUN installs, with pip or `uv pip`, a package PyPI has no
// Linux wheel for (psycopg2, mysqlclient, ... : rules/knowledge/source_builds.toml), in a stage whose
// python:* base has neither the compiler nor the library's config tool (images.toml `build_tools`) and no
// earlier RUN of the stage chain installs a system package that provides them. The requirements come from
// the command line and from the `-r` files the image holds (model/image_files), with their `-r` includes.
// A private index or wheel folder (--index-url, --find-links, --no-index), an installer script, or a base
// cfglint does not know leaves the build unknown: nothing is said.
#include "checks/dockerfile/source_build_without_toolchain.h"

#include <map>
#include <set>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/deployment.h"
#include "model/image_files.h"

namespace cfglint {
namespace {

struct SourcePackage {
  std::vector<std::string> needs;
  std::string error, instead;
};

struct Knowledge {
  std::map<std::string, SourcePackage> packages;                 // normalised name -> what its build needs
  std::map<std::string, std::vector<std::string>> tool_packages;  // tool -> system packages that provide it
  explicit Knowledge(const RuleCatalog& catalog) {
    for (const toml::table* t : catalog.knowledge_entries("source_builds", "package"))
      packages[normalize_package_name((*t)["name"].value_or(std::string()))] = {
          toml_string_list(*t, "needs"), (*t)["error"].value_or(std::string()), (*t)["instead"].value_or(std::string())};
    for (const toml::table* t : catalog.knowledge_entries("source_builds", "tool"))
      tool_packages[(*t)["name"].value_or(std::string())] = toml_string_list(*t, "packages");
  }
};

// One `pip install` of a RUN: its requirement files and the packages named on the command line.
struct PipInstall {
  std::vector<std::string> files;
  std::vector<std::string> names;
  bool wheels_elsewhere = false;  // an index or wheel folder of its own may have a wheel
};

std::optional<PipInstall> pip_install(const std::vector<std::string>& a) {
  size_t i = 0;
  while (i < a.size()) {
    std::string p = basename_of(a[i]);
    if (p.rfind("pip", 0) == 0 && p.find_first_not_of("pip0123456789.") == std::string::npos) { ++i; break; }
    if ((p == "uv" || p.rfind("python", 0) == 0) && i + 1 < a.size() && (a[i + 1] == "pip" || (a[i + 1] == "-m" && i + 2 < a.size() && a[i + 2] == "pip"))) {
      i += a[i + 1] == "-m" ? 3 : 2;
      break;
    }
    ++i;
  }
  if (i >= a.size() || a[i] != "install") return std::nullopt;
  PipInstall out;
  for (++i; i < a.size(); ++i) {
    const std::string& w = a[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      if (w == flag && i + 1 < a.size()) return a[++i];
      if (w.size() > flag.size() && w.compare(0, flag.size(), flag) == 0 && (w[flag.size()] == '=' || flag.size() == 2))
        return w.substr(flag.size() + (w[flag.size()] == '=' ? 1 : 0));
      return std::nullopt;
    };
    if (auto f = value("-r")) out.files.push_back(*f);
    else if (auto g = value("--requirement")) out.files.push_back(*g);
    else if (w == "--no-index" || w.rfind("--find-links", 0) == 0 || w.rfind("-f", 0) == 0 || w.rfind("--index-url", 0) == 0 ||
             w.rfind("-i", 0) == 0 || w.rfind("--extra-index-url", 0) == 0 || w.rfind("--only-binary", 0) == 0)
      out.wheels_elsewhere = true;
    else if (w == "-c" || w == "--constraint" || w == "-e" || w == "--editable" || w == "-t" || w == "--target" || w == "--prefix" ||
             w == "--root")
      ++i;
    else if (!w.empty() && w[0] != '-' && w.find('/') == std::string::npos && w.find('$') == std::string::npos)
      out.names.push_back(normalize_package_name(w.substr(0, w.find_first_of("<>=!~[;@ "))));
  }
  return out;
}

std::string tool_name(const std::string& tool) {
  if (tool == "compiler") return "C compiler";
  if (tool == "pg_config") return "pg_config (libpq headers)";
  if (tool == "mysql_config") return "MySQL client headers";
  if (tool == "ldap_headers") return "LDAP headers";
  return tool;
}

class SourceBuildWithoutToolchain final : public ProjectCheck {
 public:
  SourceBuildWithoutToolchain(const RuleSpec& rule, const RuleCatalog& catalog) : ProjectCheck(rule), catalog_(catalog), knowledge_(catalog) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    ImageKnowledge images(catalog_);
    for (const auto& d : project.dockerfiles) {
      std::map<size_t, ImageFacts> stage_facts;
      std::string context;
      bool context_known = false;
      for (size_t index = 0; index < d.parsed.instructions.size(); ++index) {
        const DockerInstruction& ins = d.parsed.instructions[index];
        if (ins.keyword != "RUN") continue;
        std::string script = ins.exec_form ? join(ins.exec_args, " ") : ins.command;
        for (const auto& h : ins.heredocs) script += "\n" + h;
        if (script.find("install") == std::string::npos) continue;
        for (const auto& cmd : shell_split(script)) {
          auto pip = pip_install(cmd.argv);
          if (!pip || pip->wheels_elsewhere) continue;
          if (!context_known) context = build_context_of(project, d), context_known = true;
          auto facts = stage_facts.find(ins.stage);
          if (facts == stage_facts.end()) facts = stage_facts.emplace(ins.stage, dockerfile_image_facts(d.path, d.parsed, ins.stage, images)).first;
          check_install(project, d, index, context, facts->second, *pip, out);
        }
      }
    }
  }

 private:
  // The requirements a pip install asks for that must be built from source, with where each is written.
  std::vector<std::pair<std::string, Location>> source_builds(const Project& project, const DockerfileUnit& d, size_t stage,
                                                              const std::string& context, const PipInstall& pip, const DockerInstruction& ins) const {
    std::vector<std::pair<std::string, Location>> out;
    for (const auto& n : pip.names)
      if (knowledge_.packages.count(n)) out.push_back({n, {d.path, ins.range, "RUN"}});
    const std::string& workdir = d.parsed.stages[stage].workdir;
    std::vector<std::string> queue;
    for (const auto& f : pip.files)
      if (auto file = image_file(project, d, stage, context, f[0] == '/' ? f : container_path(f.find('/') == std::string::npos ? "./" + f : f, workdir.empty() ? "/" : workdir)))
        queue.push_back(file->repo_path);
    std::set<std::string> seen;
    while (!queue.empty() && seen.size() < 32) {
      std::string path = queue.back();
      queue.pop_back();
      if (!seen.insert(path).second) continue;
      for (const auto& dep : project.dependencies) {
        if (dep.path != path) continue;
        for (const auto& r : dep.requirements)
          if (knowledge_.packages.count(r.name)) out.push_back({r.name, {dep.path, r.range, "the requirement"}});
        for (const auto& [inc, range] : dep.includes) queue.push_back(normalize_path(dirname_of(dep.path) + inc));
      }
    }
    return out;
  }

  bool provides(const std::string& tool, const ImageFacts& base, const InstalledPackages& installed) const {
    if (base.build_tools->count(tool)) return true;
    auto it = knowledge_.tool_packages.find(tool);
    if (it == knowledge_.tool_packages.end()) return true;  // a tool the knowledge does not describe: assume present
    for (const auto& name : installed.names)
      for (const auto& pattern : it->second)
        if (glob_match(pattern, name)) return true;
    return false;
  }

  void check_install(const Project& project, const DockerfileUnit& d, size_t index, const std::string& context, const ImageFacts& facts,
                     const PipInstall& pip, std::vector<Finding>& out) const {
    if (!facts.build_tools || ImageKnowledge::normalize(facts.base_image).rfind("python:", 0) != 0) return;
    const DockerInstruction& ins = d.parsed.instructions[index];
    auto builds = source_builds(project, d, ins.stage, context, pip, ins);
    if (builds.empty()) return;
    // this RUN's own `apt-get install ... && pip install` counts: packages_installed_before(index + 1)
    InstalledPackages installed = packages_installed_before(d.parsed, ins.stage, index + 1);
    if (installed.anything) return;
    for (const auto& [name, where] : builds) {
      const SourcePackage& p = knowledge_.packages.at(name);
      std::vector<std::string> missing;
      for (const auto& tool : p.needs)
        if (!provides(tool, facts, installed)) missing.push_back(tool_name(tool));
      if (missing.empty()) continue;
      Finding f = finding(d.path, ins.range,
                          "this RUN installs " + name + ", which pip builds from source (PyPI has no Linux wheel for it), but the stage (" +
                              facts.base_image + ") has no " + join(missing, " and no ") + " and installs none: `docker build` stops with \"" + p.error +
                              "\"; " + p.instead);
      if (where.file != d.path) f.related.push_back(where);
      f.related.push_back({facts.from.file, facts.from.range, "the base image, without build tools"});
      out.push_back(std::move(f));
      return;  // one finding per RUN: the first package that fails stops the build
    }
  }

  const RuleCatalog& catalog_;
  Knowledge knowledge_;
};

}  // namespace

TemplateInfo source_build_without_toolchain_template() {
  return catalog_template<SourceBuildWithoutToolchain>("source-build-without-toolchain",
                                                       "pip builds a package from source in a stage without the compiler or library headers it needs.");
}

}  // namespace cfglint
