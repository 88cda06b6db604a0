// django-csp facts shared by the CSP checks.
#pragma once
#include <string>
#include <vector>

#include <optional>

#include "model/django_project.h"
#include "model/settings_eval.h"

namespace cfglint {

// The CSP_* settings django-csp 4's check (csp.E001) treats as the old format.
const std::vector<std::string>& legacy_csp_settings();

struct CspInstall {
  bool used = false;       // django-csp is declared, or `csp` is in INSTALLED_APPS / MIDDLEWARE
  Tri v4 = Tri::Unknown;   // is the installed version >= 4.0
  // `csp` is in the settings module's INSTALLED_APPS: django-csp registers its system checks (csp.E001,
  // the one that migrates the old settings and appends NONCE) in its AppConfig's ready(), so without
  // the app no check runs and nothing stops at start.
  Tri app_installed = Tri::Unknown;
  std::optional<bool> middleware;  // CSPMiddleware is in MIDDLEWARE (nullopt: unknown)
  PackageVersion version;
  std::string version_note;  // for messages
};

// django-csp as installed for the settings module `settings`.
CspInstall csp_install(const Project& project, const SettingsResult& settings);

}  // namespace cfglint
