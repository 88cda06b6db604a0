#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo nginx_upstream_port_mismatch_template();

}  // namespace cfglint
