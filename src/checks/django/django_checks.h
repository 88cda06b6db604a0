// Django settings checks over the evaluated settings (model/settings_eval.h). One template per file.
#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo tuple_setting_mutated_template();
TemplateInfo csp_legacy_settings_template();
TemplateInfo csp_nonce_tuple_crash_template();
TemplateInfo csp_policy_shape_template();
TemplateInfo setting_reassigned_template();
}  // namespace cfglint
