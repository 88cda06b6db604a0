#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo dependency_host_localhost_template();

}  // namespace cfglint
