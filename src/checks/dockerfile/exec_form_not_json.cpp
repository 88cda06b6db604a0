// Template "dockerfile-exec-form-not-json": CMD/ENTRYPOINT/HEALTHCHECK written with brackets that are
// not a valid JSON array of strings. Docker then silently uses shell form: `/bin/sh -c "['gunicorn', ...]"`
// fails with "[gunicorn,: not found" when the container starts.
#include "checks/dockerfile/exec_form_not_json.h"

namespace cfglint {
namespace {

std::string why(const std::string& command) {
  if (command.find('\'') != std::string::npos && command.find('"') == std::string::npos) return "single quotes are not JSON";
  if (command.find(",]") != std::string::npos || command.find(", ]") != std::string::npos) return "a trailing comma is not JSON";
  if (command.find('\\') != std::string::npos) return "a backslash that is not a JSON escape";
  return "it is not a JSON array of strings";
}

class ExecFormNotJson final : public Check {
 public:
  using Check::Check;
  void check_file(const FileUnit& unit, std::vector<Finding>& out) const override {
    if (!unit.dockerfile) return;
    for (const auto& ins : unit.dockerfile->instructions) {
      if (ins.keyword != "CMD" && ins.keyword != "ENTRYPOINT" && ins.keyword != "HEALTHCHECK") continue;
      if (!ins.looks_like_exec || ins.exec_form) continue;
      std::string shown = ins.command.size() > 80 ? ins.command.substr(0, 77) + "..." : ins.command;
      out.push_back(finding(unit.source.path, ins.range,
                            ins.keyword + " `" + shown + "` is not valid JSON (" + why(ins.command) +
                                "), so Docker runs it as a shell string and the program is not found at start"));
    }
  }
};

}  // namespace

TemplateInfo dockerfile_exec_form_not_json_template() {
  return {"dockerfile-exec-form-not-json", "CMD/ENTRYPOINT/HEALTHCHECK in brackets that are not valid JSON.", "files",
          [](const RuleSpec& rule, const RuleCatalog&, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<ExecFormNotJson>(rule);
          }};
}

}  // namespace cfglint
