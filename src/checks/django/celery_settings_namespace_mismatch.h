#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo celery_settings_namespace_mismatch_template();

}  // namespace cfglint
