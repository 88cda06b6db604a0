// Template "env-file-missing": a service's `env_file:` names a file that is not in the repository.
// `docker compose up` reads every env_file before it creates a container and stops on the first that is
// missing, so nothing starts. A file that is gitignored, or has a template beside it (.env.example), is
// a setup step the README asks for: a note that says what to create. So is a file a script or CI step of
// the repository writes (model/written_files.h). Dev-only stacks get notes too.
#include "checks/compose/env_file_missing.h"

#include <map>
#include <optional>

#include "core/strings.h"
#include "model/deployment.h"
#include "model/deployment_graph.h"

namespace cfglint {
namespace {

// Env files a platform writes itself when it deploys the stack: Portainer saves the variables loaded in
// its stack editor as `stack.env` beside the compose file.
bool platform_env_file(const std::string& path) { return basename_of(path) == "stack.env"; }

class EnvFileMissing final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (project.missing_references.empty()) return;
    std::map<std::string, const Project::MissingFile*> missing;
    for (const auto& m : project.missing_references) missing[m.path] = &m;
    for (const auto& cf : project.compose_files) {
      // One finding per missing file of a compose file, at its first mention, naming every service.
      struct Use {
        const Located* first = nullptr;
        std::vector<std::string> services;
        std::vector<GraphEdge> edges;  // env file -> each service that reads it
        std::vector<std::string> profiles;  // of the services that read it, when every one has profiles
        bool all_profiled = true;
      };
      std::map<std::string, Use> uses;
      for (const auto& s : cf.services)
        for (const auto& e : s.env_files) {
          std::string path = normalize_path(dirname_of(cf.path) + e.value);
          if (!missing.count(path) || platform_env_file(path)) continue;
          Use& u = uses[path];
          if (!u.first) u.first = &e;
          u.services.push_back("`" + s.name + "`");
          u.edges.push_back(env_file_edge(path, graph_service_id(cf.path, s.name)));
          u.all_profiled &= !s.profiles.empty();
          if (u.profiles.empty()) u.profiles = s.profiles;
        }
      for (const auto& [path, u] : uses)
        if (auto f = report(project, cf, *u.first, u.services, *missing[path])) {
          f->graph_edges = u.edges;
          out.push_back(u.all_profiled ? under_profiles(std::move(*f), u.profiles) : std::move(*f));
        }
    }
  }

 private:
  std::optional<Finding> report(const Project& project, const ComposeFile& cf, const Located& e, const std::vector<std::string>& services,
                                const Project::MissingFile& m) const {
    // Gitignored with a template beside it: the documented "cp .env.example .env" step, nothing to say.
    if (m.gitignored && !m.template_path.empty()) return std::nullopt;
    bool development = project.development_compose_files.count(cf.path) > 0;
    std::string message = (services.size() == 1 ? "service " : "services ") + join(services, ", ") + (services.size() == 1 ? " reads" : " read") + " `env_file: " + e.value +
                          "`, which is not in the repository: `docker compose up` stops with \"env file " + m.path +
                          " not found\" before any container starts";
    if (m.written_by)
      message += "; " + m.written_by->file + ":" + std::to_string(m.written_by->line) +
                 " writes a file of that name: make sure that step runs before the stack starts, in the compose file's folder";
    else if (!m.template_path.empty()) message += "; create it from " + m.template_path + " first";
    else if (m.gitignored) message += "; it is gitignored, so each machine must create it first";
    else message += "; commit it, or mark it `required: false` if the service can start without it";
    Finding f = finding(cf.path, e.range, message);
    if (m.gitignored || !m.template_path.empty() || m.written_by || development) f.severity_override = Severity::Note;
    if (m.written_by) {
      Position at{m.written_by->line, 1};
      f.related.push_back({m.written_by->file, {at, at}, "writes " + m.written_by->path});
    }
    if (!m.template_path.empty()) f.related.push_back({m.template_path, Range{}, "the template to create it from"});
    return f;
  }
};

}  // namespace

TemplateInfo env_file_missing_template() {
  return simple_template<EnvFileMissing>("env-file-missing", "A compose env_file that is not in the repository.");
}

}  // namespace cfglint
