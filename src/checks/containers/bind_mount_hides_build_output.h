#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo bind_mount_hides_build_output_template();

}  // namespace cfglint
