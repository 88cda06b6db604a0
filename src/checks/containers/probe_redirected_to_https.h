#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo probe_redirected_to_https_template();

}  // namespace cfglint
