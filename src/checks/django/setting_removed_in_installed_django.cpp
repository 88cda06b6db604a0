// Template "setting-removed-in-installed-django": a settings module a deployment loads assigns a setting
// that the Django version its dependency files install no longer reads (MIDDLEWARE_CLASSES in 2.0,
// USE_L10N in 5.0, STATICFILES_STORAGE in 5.1 ...). Django ignores settings it does not know, silently:
// what the setting configured falls back to the default. The table is data
// (rules/knowledge/django_settings.toml); the installed version must be known to be at least the one that
// removed it.
#include "checks/django/setting_removed_in_installed_django.h"

#include <algorithm>
#include <map>

#include "core/strings.h"
#include "model/django_project.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

struct Removed {
  std::string setting, removed, instead, effect;
  std::vector<std::string> harmless;  // values that ask for what Django now does anyway
};

// The value as Python writes a literal: True, False, 'sha256' without quotes; "" when not a literal.
std::string literal(const ValueP& v) {
  if (!v) return "";
  return v->kind == PyValue::K::Bool || v->kind == PyValue::K::Str ? v->text : "";
}

class SettingRemovedInInstalledDjango final : public ProjectCheck {
 public:
  SettingRemovedInInstalledDjango(const RuleSpec& rule, const RuleCatalog& catalog) : ProjectCheck(rule) {
    for (const toml::table* et : catalog.knowledge_entries("django_settings", "removed"))
      removed_.push_back({(*et)["setting"].value_or(std::string()), (*et)["removed"].value_or(std::string()),
                          (*et)["instead"].value_or(std::string()), (*et)["effect"].value_or(std::string()),
                          toml_string_list(*et, "harmless")});
  }

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> reported;  // one finding per assignment, shared by the modules importing it
    std::map<std::string, PackageVersion> by_folder;  // the declaration depends only on the folder (a monorepo has thousands of settings)
    for (const SettingsResult* s : project.deployed_settings_results) {
      auto known = by_folder.find(dirname_of(s->path));
      if (known == by_folder.end()) known = by_folder.emplace(dirname_of(s->path), package_version(project, "django", s->path)).first;
      const PackageVersion& django = known->second;
      for (const auto& r : removed_) {
        auto it = s->names.find(r.setting);
        if (it == s->names.end() || version_at_least(django, parse_version(r.removed)) != Tri::Yes) continue;
        std::string value = literal(it->second.value);
        if (!value.empty() && std::find(r.harmless.begin(), r.harmless.end(), value) != r.harmless.end()) continue;
        const Location& at = it->second.where;
        if (!reported.insert({at.file, at.range.begin.line}).second) continue;
        Finding f = finding(at.file, at.range,
                            r.setting + " was removed in Django " + r.removed + ", and the deployment installs Django `" + django.specifier +
                                "` (" + django.where.file + "), which ignores it without a warning: " + r.effect + "; use " + r.instead);
        f.related.push_back({django.where.file, django.where.range, "the Django version installed"});
        out.push_back(std::move(f));
      }
    }
  }

 private:
  std::vector<Removed> removed_;
};

}  // namespace

TemplateInfo setting_removed_in_installed_django_template() {
  return catalog_template<SettingRemovedInInstalledDjango>("setting-removed-in-installed-django",
                                                           "A setting that the installed Django version no longer reads.");
}

}  // namespace cfglint
