#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo probe_path_not_routed_template();

}  // namespace cfglint
