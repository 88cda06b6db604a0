#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo dockerfile_exec_form_not_json_template();
}
