// Every check template, registered in one place.
#include "checks/builtin_marker.h"
#include "checks/check.h"
#include "checks/compose/healthy_dependency.h"
#include "checks/declarative/path_check.h"
#include "checks/declarative/regex_check.h"
#include "checks/dockerfile/exec_form_not_json.h"
#include "checks/dockerfile/healthcheck_exec_one_string.h"
#include "checks/format/duplicate_key.h"

namespace cfglint {

const std::vector<TemplateInfo>& check_templates() {
  static const std::vector<TemplateInfo> templates = [] {
    std::vector<TemplateInfo> t;
    t.push_back({"builtin", "Findings the engine emits itself (parse errors, suppressions).", "",
                 [](const RuleSpec& rule, const RuleCatalog&, std::string&) -> std::unique_ptr<Check> {
                   return std::make_unique<BuiltinMarker>(rule);
                 }});
    t.push_back(regex_template());
    t.push_back(path_template());
    t.push_back(duplicate_key_template());
    t.push_back(compose_healthy_dependency_template());
    t.push_back(dockerfile_exec_form_not_json_template());
    t.push_back(dockerfile_healthcheck_exec_one_string_template());
    return t;
  }();
  return templates;
}

const TemplateInfo* find_template(std::string_view name) {
  for (const auto& t : check_templates())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace cfglint
