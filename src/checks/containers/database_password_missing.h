#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo database_password_missing_template();

}  // namespace cfglint
