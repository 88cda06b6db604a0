// Template "required-env-var-missing": the settings module a compose service's (or a Kubernetes
// container's) Django process loads
// reads a variable with no default (`os.environ["X"]`, django-environ `env("X")`, python-decouple
// `config("X")`), unconditionally, and the process environment does not have it: Django stops at import
// with KeyError / ImproperlyConfigured / UndefinedValueError and the container restarts.
// Certain only when every source of the environment is known (model/process_env.h: compose environment,
// env files in the tree, the image's ENV from a base image cfglint knows), no script or dotenv loader could
// set the variable, and the process is one that imports the settings (a Django server, a Celery worker,
// manage.py). Where a dotenv file could supply it, a note.
#include "checks/django/required_env_var_missing.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/strings.h"
#include "model/deployment_graph.h"
#include "model/service_settings.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

std::string error_of(const EnvRead& r) {
  if (r.reader == "os.environ[...]") return "KeyError: '" + r.var + "'";
  if (r.reader == "config" || r.reader.rfind("config.", 0) == 0)
    return "decouple.UndefinedValueError: " + r.var + " not found. Declare it as envvar or define a default value.";
  return "django.core.exceptions.ImproperlyConfigured: Set the " + r.var + " environment variable";
}

// A script in the repository, or a module that loads a dotenv file, may set variables cfglint cannot see.
struct OtherSetters {
  std::set<std::string> script_words;  // every word a shell script or Procfile writes
  bool scripts_load_files = false;     // `set -a`, `source`, `export $(...)`
  bool python_loads_dotenv = false;    // an entry module (wsgi, manage.py, celery app) loads a dotenv file
};

OtherSetters other_setters(const Project& project) {
  OtherSetters o;
  for (const auto& s : project.scripts)
    for (const auto& c : s.commands) {
      for (auto w : split(c, ' ')) o.script_words.emplace(w.substr(0, w.find('=')));
      o.scripts_load_files |= c.rfind("set -a", 0) == 0 || c.rfind("source ", 0) == 0 || c.rfind(". ", 0) == 0 ||
                              c.find("export $(") != std::string::npos;
    }
  for (const auto& m : project.python_modules)
    if (m.source && mentions_dotenv_loader(m.source->text)) o.python_loads_dotenv = true;
  return o;
}

class RequiredEnvVarMissing final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    const ServiceSettings& settings = *project.service_settings;
    std::optional<OtherSetters> others;
    std::map<std::pair<std::string, uint32_t>, size_t> reported;  // read location -> finding
    for (const auto& v : project.services) {
      if (!loads_django_settings(v) || !v.env.closed() || !v.image.base_known || v.entrypoint_unknown) continue;
      const SettingsResult* s = settings.of(v);
      if (!s) continue;
      if (!others) others = other_setters(project);
      if (others->scripts_load_files) return;
      bool file_may_set = s->reads_env_file || others->python_loads_dotenv;
      std::set<std::string> seen;
      for (const auto& r : s->env_reads) {
        if (!r.raises || r.maybe || v.env.get(r.var) || others->script_words.count(r.var) || !seen.insert(r.var).second) continue;
        auto key = std::make_pair(r.where.file, r.where.range.begin.line);
        if (auto it = reported.find(key); it != reported.end()) {
          out[it->second].message += "; service `" + v.service.name + "` does not receive it either";
          out[it->second].graph_edges.push_back(loads_edge(v, s->path));
          continue;
        }
        reported.emplace(key, out.size());
        out.push_back(report(project, v, r, s->path, file_may_set));
      }
    }
    for (const auto& k : project.kube_containers) check_container(project, k, settings, others, reported, out);
  }

 private:
  // Kubernetes: only with the environment closed (env, and ConfigMaps of the repository; a Secret key is
  // received, value unknown), the image built here from a known base, and the manifest's own command (an
  // image ENTRYPOINT may be a script that sets variables first).
  void check_container(const Project& project, const KubeContainerView& k, const ServiceSettings& settings, std::optional<OtherSetters>& others,
                       std::map<std::pair<std::string, uint32_t>, size_t>& reported, std::vector<Finding>& out) const {
    const KubeContainer& c = *k.container;
    if (!k.env_closed || !k.dockerfile || !k.image.base_known || !k.argv_known || c.command.empty()) return;
    if (!loads_django_settings(k.command, k.command.startup_work)) return;
    const SettingsResult* s = settings.of(k);
    if (!s) return;
    if (!others) others = other_setters(project);
    if (others->scripts_load_files || s->reads_env_file || others->python_loads_dotenv) return;
    auto in_image = [&](const std::string& var) {
      return std::any_of(k.image.env.begin(), k.image.env.end(), [&](const auto& e) { return e.first == var; });
    };
    std::set<std::string> seen;
    for (const auto& r : s->env_reads) {
      if (!r.raises || r.maybe || k.env_value(r.var) || in_image(r.var) || others->script_words.count(r.var) || !seen.insert(r.var).second)
        continue;
      auto key = std::make_pair(r.where.file, r.where.range.begin.line);
      if (auto it = reported.find(key); it != reported.end()) {
        out[it->second].message += "; " + k.who + " does not receive it either";
        out[it->second].graph_edges.push_back(loads_edge(*k.workload, c, s->path));
        continue;
      }
      reported.emplace(key, out.size());
      Finding f = finding(r.where.file, r.where.range,
                          "the settings read `" + r.var + "` with no default, but " + k.who +
                              " does not receive it (its env, the ConfigMaps it names and the image's ENV do not set it): Django stops at "
                              "import with \"" + error_of(r) + "\" and the pod restarts in CrashLoopBackOff; add `" + r.var +
                              "` to the container's env, from a Secret (secretKeyRef) if it is one");
      f.related.push_back({k.workload->file, c.range, k.who});
      f.graph_edges.push_back(loads_edge(*k.workload, c, s->path));
      out.push_back(std::move(f));
    }
  }

  Finding report(const Project& project, const ContainerView& v, const EnvRead& r, const std::string& settings_path, bool file_may_set) const {
    std::string sources = "its `environment:`";
    for (const auto& f : v.service.env_files) sources += ", `env_file: " + f.value + "`";
    sources += v.dockerfile ? " and the image's ENV" : "";
    Finding f = finding(r.where.file, r.where.range,
                        "the settings read `" + r.var + "` with no default, but service `" + v.service.name + "` does not receive it (" +
                            sources + " do not set it): " +
                            (file_may_set ? "unless a dotenv file the settings load supplies it, " : "") + "Django stops at import with \"" +
                            error_of(r) + "\" and the container restarts; add `" + r.var + "` to the service's environment or env file");
    f.related.push_back({v.file->path, v.service.name_range, "service `" + v.service.name + "`"});
    f.graph_edges.push_back(loads_edge(v, settings_path));
    if (file_may_set) f.severity_override = Severity::Note;
    else if (development_compose(project, *v.file)) f.severity_override = Severity::Warning;
    return under_profiles(std::move(f), v.service.profiles);
  }

};

}  // namespace

TemplateInfo required_env_var_missing_template() {
  return simple_template<RequiredEnvVarMissing>(
      "required-env-var-missing", "A setting reads an environment variable without a default, and the process that loads it does not receive it.");
}

}  // namespace cfglint
