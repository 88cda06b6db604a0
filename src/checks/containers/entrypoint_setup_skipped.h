#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo entrypoint_setup_skipped_template();

}  // namespace cfglint
