// Template "requirement-needs-newer-python": a Dockerfile's pip install asks for an exact release
// (`Django==5.0.1`, on the command line or in a `-r` file the image holds: model/pip_installs) whose
// Requires-Python excludes the Python of the stage's python:X.Y base (rules/knowledge/python_requires.toml).
// pip then finds no release it may install and the build stops. A note: the knowledge lists lower bounds
// of a few packages only. An index or wheel folder of the build's own, --ignore-requires-python, a base
// whose tag names no minor version (python:3, python:slim), or an interpreter the stage installs itself
// (pyenv, conda, uv python) leave the Python unknown: nothing is said.
#include "checks/dockerfile/requirement_needs_newer_python.h"

#include <cctype>
#include <map>
#include <set>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/deployment.h"
#include "model/django_project.h"
#include "model/image_facts.h"
#include "model/pip_installs.h"

namespace cfglint {
namespace {

struct Series {
  std::vector<int> first, python;
};
struct PackageSeries {
  std::string shown, older;
  std::vector<Series> series;
};

// "3.10" -> {3, 10}: a Python version as major and minor, to compare with base_python().
std::vector<int> minor_version(const std::string& text) {
  std::vector<int> v = parse_version(text);
  v.resize(2);
  return v;
}

std::map<std::string, PackageSeries> load_series(const RuleCatalog& catalog) {
  std::map<std::string, PackageSeries> out;
  for (const toml::table* t : catalog.knowledge_entries("python_requires", "package")) {
    PackageSeries p{t->get_as<std::string>("shown") ? **t->get_as<std::string>("shown") : "",
                    t->get_as<std::string>("older") ? **t->get_as<std::string>("older") : "", {}};
    if (const toml::array* series = t->get_as<toml::array>("series"))
      for (const auto& pair : *series)
        if (const toml::array* a = pair.as_array(); a && a->size() == 2 && a->get_as<std::string>(0) && a->get_as<std::string>(1))
          p.series.push_back({parse_version(**a->get_as<std::string>(0)), minor_version(**a->get_as<std::string>(1))});
    if (const auto* name = t->get_as<std::string>("name")) out[**name] = std::move(p);
  }
  return out;
}

// X.Y of a python:X.Y[.Z][-variant] base; empty when the tag names no minor version.
std::vector<int> base_python(const std::string& image) {
  std::string ref = ImageKnowledge::normalize(image);
  if (ref.rfind("python:", 0) != 0) return {};
  std::string tag = ref.substr(7);
  std::string version = tag.substr(0, tag.find_first_not_of("0123456789."));
  size_t dot = version.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= version.size() || !std::isdigit(static_cast<unsigned char>(version[dot + 1]))) return {};
  std::vector<int> v = parse_version(version);
  v.resize(2);
  return v;
}

std::string dotted(const std::vector<int>& v) {
  std::string s;
  for (int part : v) s += (s.empty() ? "" : ".") + std::to_string(part);
  return s;
}

// The stage runs pip under an interpreter of its own making: the base's Python may not be the one.
bool own_interpreter(const Dockerfile& df, size_t stage, size_t before) {
  for (size_t i = 0; i < before && i < df.instructions.size(); ++i) {
    const DockerInstruction& ins = df.instructions[i];
    if (ins.keyword != "RUN" || ins.stage > stage) continue;
    std::string text = ins.exec_form ? join(ins.exec_args, " ") : ins.command;
    for (const char* tool : {"pyenv", "conda", "mamba", "uv python", "deadsnakes", "virtualenv -p", "--python"})
      if (text.find(tool) != std::string::npos) return true;
  }
  return false;
}

class RequirementNeedsNewerPython final : public ProjectCheck {
 public:
  RequirementNeedsNewerPython(const RuleSpec& rule, const RuleCatalog& catalog)
      : ProjectCheck(rule), catalog_(catalog), packages_(load_series(catalog)) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    ImageKnowledge images(catalog_);
    for (const auto& d : project.dockerfiles) {
      std::set<std::pair<std::string, uint32_t>> seen;  // one finding per requirement line
      for (size_t index = 0; index < d.parsed.instructions.size(); ++index) {
        const DockerInstruction& ins = d.parsed.instructions[index];
        if (ins.keyword != "RUN") continue;
        std::string script = ins.exec_form ? join(ins.exec_args, " ") : ins.command;
        if (script.find("install") == std::string::npos) continue;
        for (const auto& cmd : shell_split(script)) {
          auto pip = pip_install(cmd.argv);
          if (!pip || pip->wheels_elsewhere || pip->ignores_python || own_interpreter(d.parsed, ins.stage, index)) continue;
          if (!cmd.argv.empty() && basename_of(cmd.argv[0]).rfind("python3.", 0) == 0) continue;  // a versioned interpreter
          ImageFacts facts = dockerfile_image_facts(d, ins.stage, images);
          std::vector<int> python = base_python(facts.base_image);
          if (python.empty()) continue;
          for (const auto& r : requested_requirements(project, d, ins.stage, build_context_of(project, d), *pip, ins))
            if (seen.insert({r.where.file, r.where.range.begin.line}).second) check_requirement(r, python, facts, d, ins, out);
        }
      }
    }
  }

 private:
  void check_requirement(const RequestedRequirement& r, const std::vector<int>& python, const ImageFacts& facts, const DockerfileUnit& d,
                         const DockerInstruction& ins, std::vector<Finding>& out) const {
    auto known = packages_.find(r.name);
    if (known == packages_.end() || r.specifier.rfind("==", 0) != 0 || r.specifier.find_first_of(",*") != std::string::npos) return;
    std::vector<int> release = parse_version(r.specifier.substr(2));
    const Series* applies = nullptr;
    for (const auto& s : known->second.series)
      if (!release.empty() && s.first <= release) applies = &s;
    if (!applies || python >= applies->python) return;
    const PackageSeries& p = known->second;
    std::string pin = p.shown + r.specifier;
    Finding f = finding(r.where.file, r.where.range,
                        pin + " needs Python " + dotted(applies->python) + " or later, but pip runs under Python " + dotted(python) + " of the base " +
                            facts.base_image + ": it finds no release it may install and `docker build` stops with \"ERROR: Could not find a "
                            "version that satisfies the requirement " + pin + "\"; build from a python:" + dotted(applies->python) +
                            " (or newer) base, or pin an older " + p.shown + ": " + p.older);
    if (r.where.file != d.path) f.related.push_back({d.path, ins.range, "pip install"});
    f.related.push_back({facts.from.file, facts.from.range, "the base image, with Python " + dotted(python)});
    out.push_back(std::move(f));
  }

  const RuleCatalog& catalog_;
  std::map<std::string, PackageSeries> packages_;
};

}  // namespace

TemplateInfo requirement_needs_newer_python_template() {
  return catalog_template<RequirementNeedsNewerPython>("requirement-needs-newer-python",
                                                       "A pinned requirement has no release for the Python of the image that installs it.");
}

}  // namespace cfglint
