#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo setting_env_string_template();

}  // namespace cfglint
