#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo entrypoint_interpreter_missing_template();

}  // namespace cfglint
