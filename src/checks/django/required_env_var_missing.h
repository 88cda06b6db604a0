#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo required_env_var_missing_template();

}  // namespace cfglint
