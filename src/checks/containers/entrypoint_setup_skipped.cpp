// Template "entrypoint-setup-skipped": an image built here whose ENTRYPOINT is a repository script that
// migrates the database, while every container of the repository that runs the image replaces that
// ENTRYPOINT (compose `entrypoint:`, Kubernetes `command:`) and nothing else in the repository migrates
// (no other command line, script, Job or init container runs a migration). Then the deployment's schema
// is never migrated and the application fails on its first query ("relation ... does not exist").
// A container that keeps the ENTRYPOINT, or any other migration anywhere, silences it.
#include "checks/containers/entrypoint_setup_skipped.h"

#include <map>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/command_sites.h"
#include "model/deployment.h"
#include "model/image_files.h"
#include "model/replicas.h"

namespace cfglint {
namespace {

// The simple command migrates a database (manage.py/django-admin migrate, alembic or flask db upgrade).
bool migrates(const std::vector<std::string>& argv) { return !migration_at_start(analyze_command(argv), {}).empty(); }

// The repository script an image's ENTRYPOINT starts, when it is one (through tini/dumb-init as well).
using ScriptsByPath = std::map<std::string, const ShellScriptUnit*>;

const ShellScriptUnit* entrypoint_script(const Project& project, const ScriptsByPath& scripts, const DockerfileUnit& d, size_t stage,
                                         const std::string& context, const ImageFacts& image) {
  std::vector<std::string> argv = instruction_argv(image.entrypoint);
  size_t i = skip_process_wrappers(argv);
  if (i >= argv.size() || !image.entrypoint->exec_form) return nullptr;
  ImageFiles files(project, d, context);
  for (const auto& p : executable_paths(argv[i], image.workdir.empty() ? "/" : image.workdir))
    if (auto file = files.at_end_of(stage, p))
      if (auto it = scripts.find(file->repo_path); it != scripts.end()) return it->second;
  return nullptr;
}

struct Runner {
  Location where;    // the override (or the container when it keeps the ENTRYPOINT)
  std::string who;
  bool overrides = false;
  bool development = false;
};

struct ImageUse {
  const DockerfileUnit* dockerfile = nullptr;
  size_t stage = 0;
  std::string context;
  const ImageFacts* image = nullptr;
  std::vector<Runner> runners;
};

class EntrypointSetupSkipped final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::map<std::pair<const DockerfileUnit*, size_t>, ImageUse> uses;
    for (const auto& v : project.services) {
      if (!v.dockerfile || !v.image.entrypoint) continue;
      ImageUse& u = uses[{v.dockerfile, v.stage}];
      u = u.dockerfile ? u : ImageUse{v.dockerfile, v.stage, v.build_context, &v.image, {}};
      u.runners.push_back({v.service.has_entrypoint ? v.entrypoint_location : v.name, "service `" + v.service.name + "`",
                           v.service.has_entrypoint, development_compose(project, *v.file)});
    }
    for (const auto& v : project.kube_containers) {
      if (!v.dockerfile || !v.image.entrypoint) continue;
      ImageUse& u = uses[{v.dockerfile, v.stage}];
      u = u.dockerfile ? u : ImageUse{v.dockerfile, v.stage, v.build_context, &v.image, {}};
      bool overrides = !v.container->command.empty();
      u.runners.push_back({overrides ? v.entrypoint_location : Location{v.workload->file, v.container->range, ""}, v.who, overrides, false});
    }
    if (uses.empty()) return;
    ScriptsByPath scripts;
    for (const auto& s : project.scripts) scripts.emplace(s.path, &s);
    for (const auto& [key, u] : uses) check_image(project, scripts, u, out);
  }

 private:
  void check_image(const Project& project, const ScriptsByPath& scripts, const ImageUse& u, std::vector<Finding>& out) const {
    for (const auto& r : u.runners)
      if (!r.overrides) return;  // some container runs the ENTRYPOINT, and migrates
    const ShellScriptUnit* script = entrypoint_script(project, scripts, *u.dockerfile, u.stage, u.context, *u.image);
    if (!script) return;
    int line = 0;
    for (size_t i = 0; i < script->commands.size() && !line; ++i)
      for (const auto& c : simple_commands(shell_words(script->commands[i])))
        if (migrates(c)) line = i < script->lines.size() ? script->lines[i] : 1;
    if (!line) return;
    for (const auto& site : project.command_sites)
      if (site.where.file != script->path && migrates(site.argv)) return;  // something else migrates
    const Runner& first = u.runners.front();
    bool development = true;
    for (const auto& r : u.runners) development &= r.development;
    std::vector<std::string> names;
    for (const auto& r : u.runners) names.push_back(r.who);
    std::string who = names.size() == 1 ? names[0] : join(std::vector<std::string>(names.begin(), names.end() - 1), ", ") + " and " + names.back();
    Finding f = finding(first.where.file, first.where.range,
                        who + (names.size() == 1 ? " replaces" : " replace") + " the ENTRYPOINT of the image built from `" +
                            u.dockerfile->path + "`, so `" + script->path + "` never runs, and it is the only place the repository migrates the "
                            "database (line " + std::to_string(line) + "): the schema is never created or updated and the first query fails "
                            "with \"relation ... does not exist\"; run the script from the override (`" + script->path +
                            "` ending in exec \"$@\", with the command as arguments), or add a migration Job / one-shot service");
    f.related.push_back({script->path, Range{{static_cast<uint32_t>(line), 1}, {static_cast<uint32_t>(line), 1}}, "the migration that is skipped"});
    f.related.push_back({u.dockerfile->path, u.image->entrypoint->range, "the ENTRYPOINT"});
    for (size_t i = 1; i < u.runners.size() && i < 6; ++i) f.related.push_back({u.runners[i].where.file, u.runners[i].where.range, "also replaced here"});
    if (development) f.severity_override = Severity::Note;
    out.push_back(std::move(f));
  }
};

}  // namespace

TemplateInfo entrypoint_setup_skipped_template() {
  return simple_template<EntrypointSetupSkipped>(
      "entrypoint-setup-skipped", "A command override skips the image's entrypoint script, and with it the only database migration of the deployment.");
}

}  // namespace cfglint
