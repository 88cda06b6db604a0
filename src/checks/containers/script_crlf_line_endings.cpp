// Template "script-crlf-line-endings": a script a container starts whose lines end in CRLF, in the file
// the image gets (the checkout's bytes; a Windows checkout with core.autocrlf writes them so). With CRLF on
// the shebang line the kernel looks for the interpreter `/bin/sh\r`; on the other lines every command gets
// a trailing \r (`set: Illegal option -`, `$'\r': command not found`). Not reported when a RUN converts
// the file (dos2unix, sed 's/\r$//', tr -d '\r') after copying it.
#include "checks/containers/script_crlf_line_endings.h"

#include "checks/containers/started_script_check.h"

namespace cfglint {
namespace {

class ScriptCrlfLineEndings final : public StartedScriptCheck {
 public:
  using StartedScriptCheck::StartedScriptCheck;

 protected:
  std::optional<Finding> problem(const StartedScript& s) const override {
    if (!s.facts.crlf || s.file.line_endings_fixed) return std::nullopt;
    bool shebang = s.facts.crlf_line == 1 && !s.facts.shebang.empty() && s.how != StartedScript::How::Interpreter;
    std::string error = shebang ? "exec " + s.container_path + ": no such file or directory"
                                : "$'\\r': command not found";
    uint32_t line = static_cast<uint32_t>(s.facts.crlf_line);
    Finding f = finding(s.file.repo_path, {{line, 1}, {line, 1}},
                        s.who + " runs " + named(s) + ", whose lines end in CRLF (Windows line endings): " +
                            (shebang ? "the interpreter the shebang names becomes `" + s.facts.shebang.substr(2) + "\\r`, which does not exist, "
                                     : "every command gets a trailing carriage return, ") +
                            "and the container exits with \"" + error + "\"; convert it to LF and add `*.sh text eol=lf` to .gitattributes");
    f.related.push_back(s.file.placed_by);
    return f;
  }
};

}  // namespace

TemplateInfo script_crlf_line_endings_template() {
  return simple_template<ScriptCrlfLineEndings>("script-crlf-line-endings", "A script the container starts has Windows (CRLF) line endings.");
}

}  // namespace cfglint
