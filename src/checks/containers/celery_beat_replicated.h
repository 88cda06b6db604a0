#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo celery_beat_replicated_template();

}  // namespace cfglint
