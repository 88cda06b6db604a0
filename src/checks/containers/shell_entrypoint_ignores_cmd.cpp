// Template "shell-entrypoint-ignores-cmd": an ENTRYPOINT in shell form (`ENTRYPOINT ./start.sh`) runs as
// `/bin/sh -c './start.sh'`, and whatever CMD Docker appends becomes sh's $0, $1...: unused unless the
// string names them. So the Dockerfile's CMD, a compose `command:` or Kubernetes `args:` given to such an
// image never run; the container runs the ENTRYPOINT's command alone. It reads the image facts of the
// Dockerfiles, the resolved compose services and the Kubernetes container views.
#include "checks/containers/shell_entrypoint_ignores_cmd.h"

#include <set>

#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

// A shell-form ENTRYPOINT that does not pass its arguments on ("$@", "$1", ...).
bool drops_arguments(const DockerInstruction* e) {
  if (!e || e->exec_form || trim(e->command).empty()) return false;
  for (const char* use : {"$@", "$*", "${@", "${*", "$0", "$1", "${1", "${0"})
    if (e->command.find(use) != std::string::npos) return false;
  return true;
}

std::string shown(const std::vector<std::string>& words) {
  std::string s = join(words, " ");
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

std::string how_to_fix() {
  return "write the ENTRYPOINT in exec form (`ENTRYPOINT [\"/entrypoint.sh\"]`, the script ending in `exec \"$@\"`), or move the "
         "whole command into CMD";
}

class ShellEntrypointIgnoresCmd final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<const DockerInstruction*> reported;
    for (const auto& d : project.dockerfiles) check_dockerfile(d, reported, out);
    for (const auto& v : project.services) {
      const ComposeService& s = v.service;
      if (!v.dockerfile || s.has_entrypoint || !s.has_command || !drops_arguments(v.image.entrypoint)) continue;
      out.push_back(ignored(v.command_location, "service `" + s.name + "`", "command", s.command, *v.dockerfile, *v.image.entrypoint));
    }
    for (const auto& v : project.kube_containers) {
      const KubeContainer& c = *v.container;
      if (!v.dockerfile || !c.command.empty() || c.args.empty() || !drops_arguments(v.image.entrypoint)) continue;
      out.push_back(ignored(v.command_location, v.who, "args", c.args, *v.dockerfile, *v.image.entrypoint));
    }
  }

 private:
  // The Dockerfile's own CMD, written in the ENTRYPOINT's stage or one built from it (a CMD of an
  // earlier stage is reset by the ENTRYPOINT and never reaches it).
  void check_dockerfile(const DockerfileUnit& d, std::set<const DockerInstruction*>& reported, std::vector<Finding>& out) const {
    for (size_t s = 0; s < d.parsed.stages.size(); ++s) {
      const DockerInstruction* e = d.parsed.last_in_stage(s, "ENTRYPOINT");
      const DockerInstruction* c = d.parsed.last_in_stage(s, "CMD");
      if (!c || !drops_arguments(e) || c->stage < e->stage || reported.count(e)) continue;
      std::vector<std::string> cmd = instruction_argv(c);
      if (cmd.empty()) continue;  // `CMD []` clears the CMD on purpose
      reported.insert(e);
      Finding f = finding(d.path, e->range,
                          "the ENTRYPOINT is in shell form, so the container runs `/bin/sh -c '" + shown({e->command}) + "'` and the CMD on line " +
                              std::to_string(c->range.begin.line) + " (`" + shown(cmd) + "`) only becomes sh's $0 and never runs; " + how_to_fix());
      f.related.push_back({d.path, c->range, "the CMD that is ignored"});
      out.push_back(std::move(f));
    }
  }

  Finding ignored(const Location& at, const std::string& who, const std::string& what, const std::vector<std::string>& words,
                  const DockerfileUnit& d, const DockerInstruction& e) const {
    Finding f = finding(at.file, at.range,
                        who + " gives the image `" + what + ": " + shown(words) + "`, but the image's ENTRYPOINT is in shell form (`" +
                            shown({e.command}) + "`), so the container runs that alone and ignores the " + what + "; " + how_to_fix());
    f.related.push_back({d.path, e.range, "the shell-form ENTRYPOINT"});
    return f;
  }
};

}  // namespace

TemplateInfo shell_entrypoint_ignores_cmd_template() {
  return simple_template<ShellEntrypointIgnoresCmd>("shell-entrypoint-ignores-cmd",
                                                    "A shell-form ENTRYPOINT ignores the CMD, compose command or Kubernetes args given to it.");
}

}  // namespace cfglint
