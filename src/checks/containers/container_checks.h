// Container checks over the resolved deployment (model/deployment.h). One template per file.
#pragma once
#include "checks/check.h"

namespace cfglint {
TemplateInfo restart_loop_one_shot_template();
TemplateInfo healthcheck_tool_missing_template();
TemplateInfo healthcheck_port_mismatch_template();
TemplateInfo http_healthcheck_on_worker_template();
TemplateInfo compose_healthcheck_malformed_template();
TemplateInfo start_period_too_short_template();
TemplateInfo depends_on_without_health_condition_template();
TemplateInfo named_volume_over_workdir_template();
TemplateInfo k8s_job_restart_policy_template();
TemplateInfo k8s_probe_port_not_declared_template();
TemplateInfo k8s_liveness_without_startup_probe_template();
TemplateInfo k8s_liveness_checks_dependencies_template();
TemplateInfo ecs_healthcheck_invalid_template();
TemplateInfo ecs_healthy_dependency_without_healthcheck_template();
}  // namespace cfglint
