// Template "entrypoint-not-executable": a script the container runtime or `sh -c` executes by its path,
// whose file in the image has no executable bit. The mode comes from git's index (else the file system),
// and COPY keeps it; only `COPY --chmod` or a later `RUN chmod` can add it, and cfglint counts any chmod
// that may reach the file. A compose bind mount puts the host file there, with the host's mode, hiding
// what the image did. Scripts handed to an interpreter (`sh entrypoint.sh`) need no executable bit.
#include "checks/containers/entrypoint_not_executable.h"

#include "checks/containers/started_script_check.h"

namespace cfglint {
namespace {

class EntrypointNotExecutable final : public StartedScriptCheck {
 public:
  using StartedScriptCheck::StartedScriptCheck;

 protected:
  std::optional<Finding> problem(const StartedScript& s) const override {
    if (s.how == StartedScript::How::Interpreter || s.facts.executable || s.file.made_executable) return std::nullopt;
    std::string error = s.how == StartedScript::How::Exec ? "exec " + s.container_path + ": permission denied"
                                                          : "/bin/sh: 1: " + s.container_path + ": Permission denied";
    std::string why = s.file.bind_mounted
                          ? "a bind mount puts the host's file there, and it is not executable in the repository (whatever the "
                            "Dockerfile does to its own copy)"
                          : "it is not executable in the repository and nothing in the Dockerfile makes it so (no `COPY --chmod=755`, "
                            "no `RUN chmod +x`)";
    Finding f = finding(s.file.placed_by.file, s.file.placed_by.range,
                        s.who + " runs " + named(s) + ", but " + why + ": the container exits with \"" + error +
                            "\" and restarts; run `git update-index --chmod=+x " + s.file.repo_path + "`" +
                            (s.file.bind_mounted ? "" : " or copy it with `COPY --chmod=755`"));
    f.related.push_back({s.file.repo_path, {{1, 1}, {1, 1}}, "the script, not executable"});
    return f;
  }
};

}  // namespace

TemplateInfo entrypoint_not_executable_template() {
  return simple_template<EntrypointNotExecutable>("entrypoint-not-executable", "A script the container starts is not executable in the image.");
}

}  // namespace cfglint
