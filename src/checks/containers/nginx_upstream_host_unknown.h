#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo nginx_upstream_host_unknown_template();

}  // namespace cfglint
