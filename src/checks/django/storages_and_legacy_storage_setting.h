#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo storages_and_legacy_storage_setting_template();

}  // namespace cfglint
