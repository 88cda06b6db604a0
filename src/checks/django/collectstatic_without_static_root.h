#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo collectstatic_without_static_root_template();

}  // namespace cfglint
