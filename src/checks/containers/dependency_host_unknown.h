#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo dependency_host_unknown_template();

}  // namespace cfglint
