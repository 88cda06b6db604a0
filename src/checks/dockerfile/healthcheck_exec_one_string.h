#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo dockerfile_healthcheck_exec_one_string_template();
}
