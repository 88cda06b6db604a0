#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo env_file_missing_template();

}  // namespace cfglint
