#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo regex_template();
}
