#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo path_template();
}
