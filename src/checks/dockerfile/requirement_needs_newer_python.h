#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo requirement_needs_newer_python_template();

}  // namespace cfglint
