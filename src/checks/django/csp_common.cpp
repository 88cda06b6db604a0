#include <algorithm>
#include <cctype>
#include <map>
#include "checks/django/csp_common.h"
#include "checks/django/deploy_settings_view.h"

namespace cfglint {

const std::vector<std::string>& legacy_csp_settings() {
  static const std::vector<std::string> names = {
      "CSP_CHILD_SRC", "CSP_CONNECT_SRC", "CSP_DEFAULT_SRC", "CSP_SCRIPT_SRC", "CSP_SCRIPT_SRC_ATTR", "CSP_SCRIPT_SRC_ELEM",
      "CSP_OBJECT_SRC", "CSP_STYLE_SRC", "CSP_STYLE_SRC_ATTR", "CSP_STYLE_SRC_ELEM", "CSP_FONT_SRC", "CSP_FRAME_SRC",
      "CSP_IMG_SRC", "CSP_MANIFEST_SRC", "CSP_MEDIA_SRC", "CSP_PREFETCH_SRC", "CSP_WORKER_SRC", "CSP_BASE_URI",
      "CSP_PLUGIN_TYPES", "CSP_SANDBOX", "CSP_FORM_ACTION", "CSP_FRAME_ANCESTORS", "CSP_NAVIGATE_TO", "CSP_REQUIRE_SRI_FOR",
      "CSP_REQUIRE_TRUSTED_TYPES_FOR", "CSP_TRUSTED_TYPES", "CSP_UPGRADE_INSECURE_REQUESTS", "CSP_BLOCK_ALL_MIXED_CONTENT",
      "CSP_REPORT_URI", "CSP_REPORT_TO", "CSP_REPORT_ONLY", "CSP_EXCLUDE_URL_PREFIXES", "CSP_REPORT_PERCENTAGE",
      "CSP_INCLUDE_NONCE_IN"};
  return names;
}

CspInstall csp_install(const Project& project, const SettingsResult& settings) {
  CspInstall c;
  c.version = package_version(project, "django-csp", settings.path);
  DeploySettingsView view(settings);
  KnownSetting apps = view.known("INSTALLED_APPS");
  std::optional<bool> app = DeploySettingsView::contains(apps, "csp");
  if (app && !*app) app = DeploySettingsView::contains(apps, "csp.apps.CspConfig");
  c.app_installed = !app ? Tri::Unknown : *app ? Tri::Yes : Tri::No;
  c.middleware = view.has_middleware("csp.middleware.CSPMiddleware");
  c.used = c.version.declared || project.csp_in_settings;
  c.v4 = version_at_least(c.version, {4, 0, 0});
  if (!c.version.declared) c.version_note = "django-csp's version is not declared in any dependency file";
  else if (c.v4 == Tri::Unknown)
    c.version_note = "`django-csp" + c.version.specifier + "` (" + c.version.where.file + ") does not pin the version; pip installs 4.x today";
  else
    c.version_note = "`django-csp" + c.version.specifier + "` in " + c.version.where.file;
  return c;
}

}  // namespace cfglint
