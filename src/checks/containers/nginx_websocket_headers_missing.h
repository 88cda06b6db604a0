#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo nginx_websocket_headers_missing_template();

}  // namespace cfglint
