// Every check template, registered in one place.
#include "checks/builtin_marker.h"
#include "checks/check.h"
#include "checks/compose/healthy_dependency.h"
#include "checks/containers/container_checks.h"
#include "checks/declarative/path_check.h"
#include "checks/django/django_checks.h"
#include "checks/declarative/regex_check.h"
#include "checks/dockerfile/exec_form_not_json.h"
#include "checks/dockerfile/healthcheck_exec_one_string.h"
#include "checks/format/duplicate_key.h"
#include "checks/compose/env_file_missing.h"
#include "checks/containers/server_binds_loopback.h"
#include "checks/containers/database_password_missing.h"
#include "checks/containers/dependency_host_localhost.h"
#include "checks/django/setting_env_string.h"
#include "checks/containers/nginx_upstream_host_unknown.h"
#include "checks/containers/healthcheck_host_not_allowed.h"
#include "checks/containers/nginx_websocket_headers_missing.h"
#include "checks/containers/celery_option_after_subcommand.h"
#include "checks/containers/entrypoint_not_executable.h"
#include "checks/containers/script_crlf_line_endings.h"
#include "checks/containers/entrypoint_interpreter_missing.h"
#include "checks/django/required_env_var_missing.h"
#include "checks/containers/migrate_in_every_replica.h"
#include "checks/containers/celery_beat_replicated.h"
#include "checks/containers/probe_redirected_to_https.h"
#include "checks/django/collectstatic_without_static_root.h"
#include "checks/django/setting_removed_in_installed_django.h"
#include "checks/django/celery_settings_namespace_mismatch.h"
#include "checks/django/storages_and_legacy_storage_setting.h"
#include "checks/containers/dependency_host_unknown.h"
#include "checks/kubernetes/run_as_non_root_image_root.h"
#include "checks/containers/shell_entrypoint_ignores_cmd.h"
#include "checks/containers/entrypoint_setup_skipped.h"
#include "checks/containers/wait_command_never_connects.h"
#include "checks/dockerfile/source_build_without_toolchain.h"
#include "checks/containers/nginx_upstream_port_mismatch.h"
#include "checks/containers/read_only_root_filesystem_write.h"
#include "checks/containers/server_option_unknown.h"
#include "checks/containers/bind_mount_hides_build_output.h"
#include "checks/dockerfile/requirement_needs_newer_python.h"
#include "checks/containers/probe_path_not_routed.h"

namespace cfglint {

const std::vector<TemplateInfo>& check_templates() {
  static const std::vector<TemplateInfo> templates = [] {
    std::vector<TemplateInfo> t;
    t.push_back({"builtin", "Findings the engine emits itself (parse errors, suppressions).", "",
                 [](const RuleSpec& rule, const RuleCatalog&, std::string&) -> std::unique_ptr<Check> {
                   return std::make_unique<BuiltinMarker>(rule);
                 }});
    t.push_back(regex_template());
    t.push_back(path_template());
    t.push_back(duplicate_key_template());
    t.push_back(compose_healthy_dependency_template());
    t.push_back(dockerfile_exec_form_not_json_template());
    t.push_back(dockerfile_healthcheck_exec_one_string_template());
    t.push_back(restart_loop_one_shot_template());
    t.push_back(healthcheck_tool_missing_template());
    t.push_back(healthcheck_port_mismatch_template());
    t.push_back(http_healthcheck_on_worker_template());
    t.push_back(compose_healthcheck_malformed_template());
    t.push_back(start_period_too_short_template());
    t.push_back(depends_on_without_health_condition_template());
    t.push_back(named_volume_over_workdir_template());
    t.push_back(k8s_job_restart_policy_template());
    t.push_back(k8s_probe_port_not_declared_template());
    t.push_back(k8s_liveness_without_startup_probe_template());
    t.push_back(k8s_liveness_checks_dependencies_template());
    t.push_back(ecs_healthcheck_invalid_template());
    t.push_back(ecs_healthy_dependency_without_healthcheck_template());
    t.push_back(tuple_setting_mutated_template());
    t.push_back(csp_legacy_settings_template());
    t.push_back(csp_nonce_tuple_crash_template());
    t.push_back(csp_policy_shape_template());
    t.push_back(setting_reassigned_template());
    t.push_back(model_import_before_app_ready_template());
    t.push_back(settings_module_not_set_template());
    t.push_back(settings_module_missing_template());
    t.push_back(server_target_missing_template());
    t.push_back(django_deploy_check_template());
    t.push_back(env_file_missing_template());
    t.push_back(server_binds_loopback_template());
    t.push_back(database_password_missing_template());
    t.push_back(dependency_host_localhost_template());
    t.push_back(setting_env_string_template());
    t.push_back(csrf_trusted_origins_no_scheme_template());
    t.push_back(nginx_upstream_host_unknown_template());
    t.push_back(healthcheck_host_not_allowed_template());
    t.push_back(nginx_websocket_headers_missing_template());
    t.push_back(celery_option_after_subcommand_template());
    t.push_back(entrypoint_not_executable_template());
    t.push_back(script_crlf_line_endings_template());
    t.push_back(entrypoint_interpreter_missing_template());
    t.push_back(required_env_var_missing_template());
    t.push_back(migrate_in_every_replica_template());
    t.push_back(celery_beat_replicated_template());
    t.push_back(probe_redirected_to_https_template());
    t.push_back(collectstatic_without_static_root_template());
    t.push_back(setting_removed_in_installed_django_template());
    t.push_back(celery_settings_namespace_mismatch_template());
    t.push_back(storages_and_legacy_storage_setting_template());
    t.push_back(dependency_host_unknown_template());
    t.push_back(run_as_non_root_image_root_template());
    t.push_back(shell_entrypoint_ignores_cmd_template());
    t.push_back(entrypoint_setup_skipped_template());
    t.push_back(wait_command_never_connects_template());
    t.push_back(source_build_without_toolchain_template());
    t.push_back(nginx_upstream_port_mismatch_template());
    t.push_back(read_only_root_filesystem_write_template());
    t.push_back(server_option_unknown_template());
    t.push_back(bind_mount_hides_build_output_template());
    t.push_back(requirement_needs_newer_python_template());
    t.push_back(probe_path_not_routed_template());
    return t;
  }();
  return templates;
}

const TemplateInfo* find_template(std::string_view name) {
  for (const auto& t : check_templates())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace cfglint
