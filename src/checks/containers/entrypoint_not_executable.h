#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo entrypoint_not_executable_template();

}  // namespace cfglint
