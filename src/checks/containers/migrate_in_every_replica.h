#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo migrate_in_every_replica_template();

}  // namespace cfglint
