// Template "dockerfile-healthcheck-exec-one-string": HEALTHCHECK CMD ["curl -f http://x/"], an exec form
// whose only item is a whole command line. Docker looks for a program with that name (spaces included).
#include "checks/dockerfile/healthcheck_exec_one_string.h"

namespace cfglint {
namespace {

class HealthcheckExecOneString final : public Check {
 public:
  using Check::Check;
  void check_file(const FileUnit& unit, std::vector<Finding>& out) const override {
    if (!unit.dockerfile) return;
    for (const auto& ins : unit.dockerfile->instructions) {
      if (ins.keyword != "HEALTHCHECK" || !ins.exec_form || ins.exec_args.size() != 1) continue;
      const std::string& only = ins.exec_args[0];
      if (only.find(' ') == std::string::npos && only.find('\t') == std::string::npos) continue;
      out.push_back(finding(unit.source.path, ins.range,
                            "HEALTHCHECK runs a program literally named `" + only +
                                "` (spaces included); Docker cannot find it, so the container is never healthy"));
    }
  }
};

}  // namespace

TemplateInfo dockerfile_healthcheck_exec_one_string_template() {
  return {"dockerfile-healthcheck-exec-one-string", "HEALTHCHECK exec form with a whole command line as its only item.", "files",
          [](const RuleSpec& rule, const RuleCatalog&, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<HealthcheckExecOneString>(rule);
          }};
}

}  // namespace cfglint
