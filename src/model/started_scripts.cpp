#include "model/started_scripts.h"

#include <functional>
#include <map>
#include <set>

#include "core/strings.h"
#include "frontends/shell/shell_words.h"
#include "model/command_sites.h"
#include "model/deployment.h"
#include "model/image_facts.h"

namespace cfglint {
namespace {

struct Invocation {
  StartedScript::How how;
  std::string word;         // the script as the command names it
  std::string interpreter;
  bool from_entrypoint = false;
};

void from_simple(const std::vector<std::string>& a, StartedScript::How how, bool from_entrypoint, std::vector<Invocation>& out) {
  size_t i = skip_process_wrappers(a);
  if (i >= a.size()) return;
  if (is_shell_program(a[i])) {
    size_t j = i + 1;
    while (j < a.size() && a[j].size() > 1 && a[j][0] == '-') {
      if (a[j].back() == 'c' && a[j][1] != '-') return;  // sh -c: handled by the caller
      ++j;
    }
    if (j < a.size()) out.push_back({StartedScript::How::Interpreter, a[j], basename_of(a[i]), from_entrypoint});
    return;
  }
  out.push_back({how, a[i], "", from_entrypoint});
}

// The scripts argv starts, first to last.
std::vector<Invocation> invocations(const std::vector<std::string>& argv, size_t entrypoint_words) {
  std::vector<Invocation> out;
  size_t i = skip_process_wrappers(argv);
  bool entry = i < entrypoint_words;
  if (i < argv.size() && is_shell_program(argv[i])) {
    std::vector<std::string> rest(argv.begin() + static_cast<long>(i), argv.end());
    auto commands = simple_commands(rest);
    if (commands.size() == 1 && commands[0] == rest) {
      from_simple(rest, StartedScript::How::Exec, entry, out);
    } else {
      for (const auto& c : commands) from_simple(c, StartedScript::How::Shell, entry, out);
    }
    return out;
  }
  std::vector<std::string> rest(argv.begin() + static_cast<long>(i), argv.end());
  from_simple(rest, StartedScript::How::Exec, entry, out);
  return out;
}

using Lookup = std::function<std::optional<ImageFile>(const std::string& path)>;
// What one pass over the services shares: file facts by repository path (several services start one
// script) and the scripts that hand over to CMD.
struct Shared {
  std::map<std::string, RepoFileFacts> facts;
  std::set<std::string> handing_over;
};

// The repository scripts that end in `exec "$@"`, handing over to the CMD.
std::set<std::string> scripts_handing_over(const Project& project) {
  std::set<std::string> out;
  for (const auto& script : project.scripts)
    if (script.execs_args) out.insert(script.path);
  return out;
}

// `handed_over`: argv is the CMD an entrypoint script runs with `exec "$@"`, so a shell executes it.
void add_scripts(const Project& project, const std::vector<std::string>& argv, size_t entrypoint_words, const std::string& workdir,
                 const Lookup& lookup, StartedScript base, const Location& entry_location, Shared& cache,
                 std::vector<StartedScript>& out, bool handed_over = false) {
  for (const auto& inv : invocations(argv, entrypoint_words)) {
    std::vector<std::string> paths;
    if (std::string p = container_path(inv.word, workdir); !p.empty()) paths.push_back(p);
    else if (inv.how != StartedScript::How::Interpreter) paths = executable_paths(inv.word, workdir);
    else if (inv.word.find('$') == std::string::npos)
      paths.push_back(container_path("./" + inv.word, workdir));
    for (const auto& path : paths) {
      if (path.empty()) continue;
      auto file = lookup(path);
      if (!file) continue;
      StartedScript s = base;
      s.how = handed_over && inv.how == StartedScript::How::Exec ? StartedScript::How::Shell : inv.how;
      s.interpreter = inv.interpreter;
      s.container_path = path;
      s.file = *file;
      auto cached = cache.facts.find(file->repo_path);
      if (cached == cache.facts.end()) cached = cache.facts.emplace(file->repo_path, repo_file_facts(project, file->repo_path)).first;
      s.facts = cached->second;
      if (inv.from_entrypoint && !entry_location.file.empty()) s.command = entry_location;
      if (!s.facts.readable) break;
      bool next = inv.from_entrypoint && entrypoint_words < argv.size() && cache.handing_over.count(file->repo_path) > 0;
      out.push_back(std::move(s));
      if (next) {
        std::vector<std::string> cmd(argv.begin() + static_cast<long>(entrypoint_words), argv.end());
        add_scripts(project, cmd, 0, workdir, lookup, base, Location{}, cache, out, true);
      }
      break;
    }
  }
}

// Windows containers have no executable bits, shebangs or CRLF trouble: an `escape=\`` directive, a
// Windows base image, or a drive-letter WORKDIR says so.
bool windows_image(const Dockerfile& df, const std::string& base_image, const std::string& workdir) {
  std::string base = to_lower(base_image);
  return df.escape == '`' || base.find("windows") != std::string::npos || base.find("nanoserver") != std::string::npos ||
         workdir.find(":\\") != std::string::npos || workdir.find(":/") != std::string::npos;
}

}  // namespace

std::vector<StartedScript> collect_started_scripts(const Project& project, const RuleCatalog& catalog) {
  std::vector<StartedScript> out;
  Shared cache{{}, scripts_handing_over(project)};
  std::set<std::string> built_by_compose;
  for (const auto& v : project.services) {
    if (v.dockerfile) built_by_compose.insert(v.dockerfile->path);
    bool mounts = false;
    for (const auto& vol : v.service.volumes) mounts |= !vol.named && !vol.source.empty();
    if (!v.dockerfile && !mounts) continue;
    if (v.dockerfile && windows_image(v.dockerfile->parsed, v.image.base_image, v.image.workdir)) continue;
    std::optional<ImageFiles> image;
    if (v.dockerfile) image.emplace(project, *v.dockerfile, v.build_context);
    Lookup lookup = [&](const std::string& path) {
      return service_file(project, *v.file, v.service, image ? &*image : nullptr, v.stage, path);
    };
    StartedScript base;
    base.command = v.command_location;
    base.who = "service `" + v.service.name + "`";
    if (v.dockerfile || v.image.base_known) base.bash = v.image.bash;
    base.base_image = v.image.base_image;
    base.base_from = v.image.from;
    base.development = development_compose(project, *v.file);
    base.profiles = v.service.profiles;
    add_scripts(project, v.argv, v.entrypoint_words, v.image.workdir.empty() ? "/" : v.image.workdir, lookup, base, v.entrypoint_location, cache, out);
  }
  // Kubernetes containers whose command or args replace the image's: what the Dockerfile loop below
  // cannot see. A path under a volumeMount comes from the volume, not the image.
  for (const auto& v : project.kube_containers) {
    const KubeContainer& c = *v.container;
    if (!v.dockerfile || !v.argv_known || (c.command.empty() && c.args.empty())) continue;
    if (windows_image(v.dockerfile->parsed, v.image.base_image, v.image.workdir)) continue;
    ImageFiles image(project, *v.dockerfile, v.build_context);
    Lookup lookup = [&](const std::string& path) -> std::optional<ImageFile> {
      for (const auto& m : c.mount_paths)
        if (path == m || path.rfind(m.back() == '/' ? m : m + "/", 0) == 0) return std::nullopt;
      return image.at_end_of(v.stage, path);
    };
    StartedScript base;
    base.command = v.command_location;
    base.who = v.who;
    base.bash = v.image.bash;
    base.base_image = v.image.base_image;
    base.base_from = v.image.from;
    add_scripts(project, v.argv, v.entrypoint_words, v.image.workdir.empty() ? "/" : v.image.workdir, lookup, base, v.entrypoint_location,
                cache, out);
  }
  ImageKnowledge knowledge(catalog);
  for (const auto& d : project.dockerfiles) {
    if (built_by_compose.count(d.path) || d.parsed.stages.empty()) continue;
    size_t stage = d.parsed.stages.size() - 1;
    ImageFacts facts = dockerfile_image_facts(d, stage, knowledge);
    if ((!facts.entrypoint && !facts.cmd) || windows_image(d.parsed, facts.base_image, facts.workdir)) continue;
    std::vector<std::string> argv = instruction_argv(facts.entrypoint);
    size_t entry = argv.size();
    if (!facts.entrypoint || facts.entrypoint->exec_form)
      for (auto& w : instruction_argv(facts.cmd)) argv.push_back(std::move(w));
    std::string context = dirname_of(d.path);
    if (!context.empty()) context.pop_back();
    ImageFiles image(project, d, context);
    Lookup lookup = [&](const std::string& path) { return image.at_end_of(stage, path); };
    StartedScript base;
    const DockerInstruction* shown = facts.cmd && !facts.entrypoint ? facts.cmd : facts.entrypoint;
    base.command = {d.path, shown->range, shown->keyword};
    base.who = "the image built from `" + d.path + "`";
    base.bash = facts.bash;
    base.base_image = facts.base_image;
    base.base_from = facts.from;
    Location entry_location = facts.entrypoint ? Location{d.path, facts.entrypoint->range, "ENTRYPOINT"} : Location{};
    add_scripts(project, argv, entry, facts.workdir.empty() ? "/" : facts.workdir, lookup, base, entry_location, cache, out);
  }
  return out;
}

}  // namespace cfglint
