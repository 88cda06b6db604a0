// Template "csp-legacy-settings": django-csp >= 4 installed while the settings still use the CSP_*
// format. django-csp's own system check (csp.E001) is an Error, so `manage.py migrate`, `check` and
// `runserver` stop with SystemCheckError; the policy you wrote is not applied either.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "checks/django/csp_common.h"
#include "checks/django/django_checks.h"

namespace cfglint {
namespace {

class CspLegacySettings final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  // What follows depends on the `csp` app: its system check stops the start, or, without it, the
  // middleware sends django-csp 4's default policy. When INSTALLED_APPS is not known (local settings
  // outside the repository, a computed list), both are said.
  static std::string message(const CspInstall& csp, size_t count, const std::string& names) {
    std::string head = std::to_string(count) + " django-csp 3.x setting(s) (" + names + ") with django-csp " +
                       (csp.v4 == Tri::Yes ? "4" : "possibly 4") + " installed";
    const std::string check_stops = "its system check csp.E001 is an error, so `manage.py migrate` and `runserver` stop with SystemCheckError";
    const std::string default_policy = "CSPMiddleware ignores them and sends django-csp 4's default policy instead of yours";
    std::string tail = " (" + csp.version_note + ")";
    if (csp.app_installed == Tri::No) return head + " and `csp` not in INSTALLED_APPS: " + default_policy + tail;
    if (csp.app_installed == Tri::Yes) return head + ": " + check_stops + tail;
    return head + ": if `csp` is in INSTALLED_APPS (cfglint cannot tell what INSTALLED_APPS holds), " + check_stops +
           "; if not, " + default_policy + tail;
  }

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& s : project.settings) {
      const auto& legacy = legacy_csp_settings();
      if (std::none_of(legacy.begin(), legacy.end(), [&](const auto& name) { return s.names.count(name) > 0; })) continue;
      CspInstall csp = csp_install(project, s);  // only where it matters: it reads every settings module
      if (!csp.used || csp.v4 == Tri::No) continue;
      // Without the `csp` app no system check runs; the middleware alone ignores the old settings and
      // sends django-csp 4's default policy: a warning where it runs, nothing where it does not.
      if (csp.app_installed == Tri::No && !(csp.middleware && *csp.middleware)) continue;
      // one finding per file that defines legacy settings, at the first of them
      std::map<std::string, std::vector<std::pair<std::string, const SettingValue*>>> by_file;
      for (const auto& name : legacy_csp_settings())
        if (auto it = s.names.find(name); it != s.names.end()) by_file[it->second.where.file].emplace_back(name, &it->second);
      for (auto& [file, list] : by_file) {
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second->where.range < b.second->where.range; });
        const SettingValue* first = list.front().second;
        if (!seen.insert({file, first->where.range.begin.line}).second) continue;
        std::string names;
        for (size_t i = 0; i < list.size() && i < 4; ++i) names += (i ? ", " : "") + list[i].first;
        if (list.size() > 4) names += ", ...";
        Finding f = finding(file, first->where.range, message(csp, list.size(), names));
        if (csp.v4 == Tri::Unknown || csp.app_installed != Tri::Yes) f.severity_override = Severity::Warning;
        if (csp.version.declared) f.related.push_back({csp.version.where.file, csp.version.where.range, "django-csp is declared here"});
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

TemplateInfo csp_legacy_settings_template() {
  return simple_template<CspLegacySettings>("csp-legacy-settings", "Old CSP_* settings with django-csp >= 4.");
}

}  // namespace cfglint
