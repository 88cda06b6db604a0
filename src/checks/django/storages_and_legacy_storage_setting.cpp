// Template "storages-and-legacy-storage-setting": a deployed settings module sets STORAGES and also
// STATICFILES_STORAGE or DEFAULT_FILE_STORAGE, under a Django version from 4.2 (which added STORAGES) to
// 5.0 (5.1 removed the old settings). Django's Settings refuses the pair when the settings load:
// "ImproperlyConfigured: STATICFILES_STORAGE/STORAGES are mutually exclusive." and every process exits.
#include "checks/django/storages_and_legacy_storage_setting.h"

#include <map>
#include <set>

#include "core/strings.h"
#include "model/django_project.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

class StoragesAndLegacyStorageSetting final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> reported;
    for (const SettingsResult* s : project.deployed_settings_results) {
      auto storages = s->names.find("STORAGES");
      if (storages == s->names.end() || storages->second.maybe) continue;
      PackageVersion django = package_version(project, "django", s->path);
      if (version_at_least(django, {4, 2}) != Tri::Yes || version_at_least(django, {5, 1}) != Tri::No) continue;
      for (const char* legacy : {"STATICFILES_STORAGE", "DEFAULT_FILE_STORAGE"}) {
        auto it = s->names.find(legacy);
        if (it == s->names.end() || it->second.maybe) continue;
        const Location& at = it->second.where;
        if (!reported.insert({at.file, at.range.begin.line}).second) continue;
        Finding f = finding(at.file, at.range,
                            std::string(legacy) + " and STORAGES are both set in " + s->path + ", and Django `" + django.specifier + "` (" +
                                django.where.file + ") refuses the pair when the settings load: every process exits with " +
                                "\"django.core.exceptions.ImproperlyConfigured: " + legacy + "/STORAGES are mutually exclusive.\"; move its " +
                                "backend into STORAGES[\"" + (std::string(legacy) == "STATICFILES_STORAGE" ? "staticfiles" : "default") +
                                "\"] and delete it");
        f.related.push_back({storages->second.where.file, storages->second.where.range, "STORAGES"});
        f.related.push_back({django.where.file, django.where.range, "the Django version installed"});
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

TemplateInfo storages_and_legacy_storage_setting_template() {
  return simple_template<StoragesAndLegacyStorageSetting>(
      "storages-and-legacy-storage-setting", "STORAGES and a legacy storage setting are both set, which Django 4.2 and 5.0 refuse.");
}

}  // namespace cfglint
