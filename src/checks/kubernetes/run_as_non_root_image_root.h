#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo run_as_non_root_image_root_template();

}  // namespace cfglint
