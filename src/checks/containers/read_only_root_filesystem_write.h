#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo read_only_root_filesystem_write_template();

}  // namespace cfglint
