// Django settings checks over the evaluated settings (model/settings_eval.h). One template per file.
#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo tuple_setting_mutated_template();
TemplateInfo csp_legacy_settings_template();
TemplateInfo csp_nonce_tuple_crash_template();
TemplateInfo csp_policy_shape_template();
TemplateInfo setting_reassigned_template();
TemplateInfo model_import_before_app_ready_template();
TemplateInfo settings_module_not_set_template();
TemplateInfo settings_module_missing_template();
TemplateInfo server_target_missing_template();
TemplateInfo django_deploy_check_template();
TemplateInfo csrf_trusted_origins_no_scheme_template();
}  // namespace cfglint
