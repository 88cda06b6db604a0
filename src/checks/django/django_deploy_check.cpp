// Template "django-deploy-check": Django's `manage.py check --deploy` security checks, statically, on the
// settings modules a deployment loads (DJANGO_SETTINGS_MODULE). The [check] table names the Django check
// id (`check = "W004"`); the checks themselves are a table (deploy_check_table.cpp). A finding needs a
// known value: a literal, Django's default when the setting is absent from a complete evaluation, or the
// default of a variable nothing in the repository sets; values read from the environment or set on a
// branch are unknown and never reported.
#include <set>

#include "checks/django/deploy_check_table.h"
#include "checks/django/django_checks.h"

namespace cfglint {
namespace {

class DjangoDeployCheck final : public ProjectCheck {
 public:
  DjangoDeployCheck(const RuleSpec& rule, const DeployCheckSpec& check) : ProjectCheck(rule), check_(check), id_(check.id) {}

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.modules) return;
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const SettingsResult* deployed : project.deployed_settings_results) {
      const SettingsResult& s = *deployed;
      if (may_be_silenced(s, "security." + id_)) continue;
      Tri django_2 = version_at_least(package_version(project, "django", s.path), {2, 0, 0});
      auto r = check_.run(DeploySettingsView(s, django_2));
      if (!r) continue;
      Location at = r->at ? r->at->where : Location{s.path, Range{}, ""}  /* the module as a whole */;
      if (!seen.insert({at.file, at.range.begin.line}).second) continue;
      std::string where = r->at ? "" : " (not set in " + s.path + ")";
      // From the default of a variable nothing in the repository sets: the deployment may still set it
      // where cfglint cannot see (a platform's settings): an error-level check says it as a note.
      const std::string& var = r->at && r->at->value ? r->at->value->from_env_default() : std::string();
      if (!var.empty()) where = " (the default of " + var + ", which nothing in the repository sets)";
      Finding f = finding(at.file, at.range, r->message + where + " [Django security." + id_ + "]");
      if (!var.empty() && rule().severity == Severity::Error) f.severity_override = Severity::Note;
      out.push_back(std::move(f));
    }
  }

 private:
  const DeployCheckSpec& check_;
  std::string id_;
};

}  // namespace

TemplateInfo django_deploy_check_template() {
  return {"django-deploy-check", "One of Django's `check --deploy` security checks, on the deployed settings.", "check (a Django id: W001..W025, E023, E024)",
          [](const RuleSpec& rule, const RuleCatalog&, std::string& error) -> std::unique_ptr<Check> {
            const DeployCheckSpec* check = find_deploy_check(rule.params["check"].value_or(std::string()));
            if (!check) {
              error = "`check` must name one of Django's deploy checks (" + deploy_check_ids() + ")";
              return nullptr;
            }
            return std::make_unique<DjangoDeployCheck>(rule, *check);
          }};
}

}  // namespace cfglint
