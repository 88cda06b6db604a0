#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo server_binds_loopback_template();

}  // namespace cfglint
