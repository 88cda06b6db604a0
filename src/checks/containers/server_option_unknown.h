#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo server_option_unknown_template();

}  // namespace cfglint
