#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo source_build_without_toolchain_template();

}  // namespace cfglint
