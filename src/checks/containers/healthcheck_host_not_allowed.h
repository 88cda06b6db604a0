#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo healthcheck_host_not_allowed_template();

}  // namespace cfglint
