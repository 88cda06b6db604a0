#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo wait_command_never_connects_template();

}  // namespace cfglint
