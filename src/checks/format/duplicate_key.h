#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo duplicate_key_template();
}
