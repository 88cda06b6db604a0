// Template "entrypoint-interpreter-missing": a script the container runtime executes (exec form, tini,
// gosu) that has no `#!` line, so execve fails with "exec format error"; or a script whose interpreter is
// bash (shebang, or `bash script.sh`) in an image that has no bash (Alpine, BusyBox, distroless) and whose
// Dockerfile does not install it. Whether bash is there comes from rules/knowledge/images.toml and the
// packages the Dockerfile installs; an image cfglint does not know is never reported.
#include "checks/containers/entrypoint_interpreter_missing.h"

#include "checks/containers/started_script_check.h"
#include "core/strings.h"
#include "frontends/shell/shell_words.h"

namespace cfglint {
namespace {

// `#!/bin/bash`, `#!/usr/bin/env bash`, `#! /bin/bash -e`
bool names_bash(const std::string& shebang) {
  auto words = shell_words(shebang.substr(std::min<size_t>(2, shebang.size())));
  size_t i = !words.empty() && basename_of(words[0]) == "env" ? 1 : 0;
  return i < words.size() && basename_of(words[i]) == "bash";
}

class EntrypointInterpreterMissing final : public StartedScriptCheck {
 public:
  using StartedScriptCheck::StartedScriptCheck;

 protected:
  std::optional<Finding> problem(const StartedScript& s) const override {
    Range first_line{{1, 1}, {1, 1}};
    if (s.how == StartedScript::How::Exec && s.facts.shebang.empty() && s.facts.text) {
      Finding f = finding(s.file.repo_path, first_line,
                          s.who + " executes " + named(s) + " directly, but it has no `#!` line, so the kernel cannot tell how to run " +
                              "it: the container exits with \"exec " + s.container_path + ": exec format error\"; start it with `#!/bin/sh`");
      f.related.push_back(s.file.placed_by);
      return f;
    }
    bool bash = s.how == StartedScript::How::Interpreter ? s.interpreter == "bash" : names_bash(s.facts.shebang);
    if (!bash || s.bash != false) return std::nullopt;
    std::string error = s.how == StartedScript::How::Interpreter ? "exec: \"bash\": executable file not found in $PATH"
                                                                 : "exec " + s.container_path + ": no such file or directory";
    Finding f = finding(s.file.repo_path, first_line,
                        s.who + " runs " + named(s) + " with bash, but its image (`" + s.base_image +
                            "`) has no bash and the Dockerfile does not install it: the container exits with \"" + error +
                            "\"; use `#!/bin/sh` or install bash (`apk add --no-cache bash`)");
    f.related.push_back(s.file.placed_by);
    f.related.push_back({s.base_from.file, s.base_from.range, "the image without bash"});
    return f;
  }
};

}  // namespace

TemplateInfo entrypoint_interpreter_missing_template() {
  return simple_template<EntrypointInterpreterMissing>("entrypoint-interpreter-missing",
                                                       "A script the container executes has no shebang, or names an interpreter the image does not have.");
}

}  // namespace cfglint
