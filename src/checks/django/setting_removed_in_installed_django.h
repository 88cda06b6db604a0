#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo setting_removed_in_installed_django_template();

}  // namespace cfglint
