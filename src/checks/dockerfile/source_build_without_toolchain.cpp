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
#include "model/pip_installs.h"

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
          if (facts == stage_facts.end()) facts = stage_facts.emplace(ins.stage, dockerfile_image_facts(d, ins.stage, images)).first;
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
    for (auto& r : requested_requirements(project, d, stage, context, pip, ins))
      if (knowledge_.packages.count(r.name)) out.push_back({r.name, std::move(r.where)});
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
