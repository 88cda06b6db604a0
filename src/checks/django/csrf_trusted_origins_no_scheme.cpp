// Template "csrf-trusted-origins-no-scheme": Django 4.0 made CSRF_TRUSTED_ORIGINS entries origins with a
// scheme (`https://example.com`); a bare host is system check 4_0.E001, an Error, so `migrate`,
// `runserver` and every management command that runs checks stop. Read on the settings modules
// deployments load, with the Django version their dependency files install.
#include <set>

#include "checks/django/deploy_settings_view.h"
#include "checks/django/django_checks.h"
#include "model/django_project.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

// Whether pip installs Django 4.0 or later for code at `path`: a pin says so; otherwise pip installs the
// newest release the specifier allows, which is 4.0 or later unless an upper bound keeps it below.
Tri django_4_or_later(const Project& project, const std::string& path) {
  PackageVersion p = package_version(project, "django", path);
  Tri t = version_at_least(p, {4, 0, 0});
  return t == Tri::Unknown && p.declared ? Tri::Yes : t;
}

class CsrfTrustedOriginsNoScheme final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const SettingsResult* deployed : project.deployed_settings_results) {
      const SettingsResult& s = *deployed;
      if (may_be_silenced(s, "4_0.E001")) continue;
      auto it = s.names.find("CSRF_TRUSTED_ORIGINS");
      if (it == s.names.end() || !it->second.value || !it->second.value->is_sequence()) continue;
      Tri version = django_4_or_later(project, s.path);
      if (version == Tri::No) continue;
      for (const auto& item : it->second.value->items) {
        if (!item || item->kind != PyValue::K::Str || item->text.find("://") != std::string::npos) continue;
        Location where = item->origin.known() ? item->origin.location() : it->second.where;
        if (!seen.insert({where.file, where.range.begin.line}).second) continue;
        Finding f = finding(where.file, where.range,
                            "CSRF_TRUSTED_ORIGINS entry `" + item->text + "` has no scheme: Django 4.0+ stops `migrate` and `runserver` with " +
                                "\"(4_0.E001) As of Django 4.0, the values in the CSRF_TRUSTED_ORIGINS setting must start with a scheme " +
                                "(usually http:// or https://) but found " + item->text + "\", and POST requests from that origin fail the " +
                                "CSRF check (403); write `https://" + item->text + "`");
        if (version == Tri::Unknown) {
          f.severity_override = Severity::Warning;
          f.message += " (no dependency file says which Django is installed)";
        }
        if (!item->from_env_default().empty() || !it->second.value->from_env_default().empty()) {
          f.severity_override = Severity::Note;
          f.message += " (the default of " + (item->from_env_default().empty() ? it->second.value->from_env_default() : item->from_env_default()) +
                       ", which nothing in the repository sets)";
        }
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

TemplateInfo csrf_trusted_origins_no_scheme_template() {
  return simple_template<CsrfTrustedOriginsNoScheme>("csrf-trusted-origins-no-scheme",
                                                     "A CSRF_TRUSTED_ORIGINS entry without a scheme under Django 4.0 or later.");
}

}  // namespace cfglint
