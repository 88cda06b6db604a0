#pragma once
#include "checks/check.h"

namespace cfglint {

TemplateInfo script_crlf_line_endings_template();

}  // namespace cfglint
