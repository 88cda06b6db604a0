#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo compose_healthy_dependency_template();
}
