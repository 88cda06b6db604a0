// django-csp facts shared by the CSP checks.
#pragma once
#include <string>
#include <vector>

#include "model/django_project.h"

namespace cfglint {

// The CSP_* settings django-csp 4's check (csp.E001) treats as the old format.
const std::vector<std::string>& legacy_csp_settings();

struct CspInstall {
  bool used = false;       // django-csp is declared, or `csp` is in INSTALLED_APPS / MIDDLEWARE
  Tri v4 = Tri::Unknown;   // is the installed version >= 4.0
  PackageVersion version;
  std::string version_note;  // for messages
};

// django-csp as installed for the settings module at `settings_path`.
CspInstall csp_install(const Project& project, const std::string& settings_path);

}  // namespace cfglint
