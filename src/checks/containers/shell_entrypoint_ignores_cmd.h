#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo shell_entrypoint_ignores_cmd_template();

}  // namespace cfglint
