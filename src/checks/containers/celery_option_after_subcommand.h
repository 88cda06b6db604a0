#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo celery_option_after_subcommand_template();

}  // namespace cfglint
