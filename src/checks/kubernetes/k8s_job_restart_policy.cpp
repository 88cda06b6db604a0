// Template "k8s-job-restart-policy": a Job or CronJob whose pod template has restartPolicy Always, or
// none (the pod default is Always). The API server rejects it: only OnFailure or Never are allowed.
#include "checks/containers/container_checks.h"

namespace cfglint {
namespace {

class JobRestartPolicy final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& w : project.workloads) {
      if (w.kind != "Job" && w.kind != "CronJob") continue;
      if (w.partial && w.restart_policy.empty()) continue;  // a patch: the base sets the policy
      if (w.restart_policy == "OnFailure" || w.restart_policy == "Never") continue;
      bool missing = w.restart_policy.empty();
      out.push_back(finding(w.file, missing ? w.kind_range : w.restart_policy_range,
                            w.kind + " `" + w.name + "`: " +
                                (missing ? "the pod template sets no restartPolicy, so it defaults to Always"
                                         : "restartPolicy is " + w.restart_policy) +
                                ", which a " + w.kind + " does not allow; `kubectl apply` is rejected (set OnFailure or Never)"));
    }
  }
};

}  // namespace

TemplateInfo k8s_job_restart_policy_template() {
  return simple_template<JobRestartPolicy>("k8s-job-restart-policy", "Job/CronJob pods must restart OnFailure or Never.");
}

}  // namespace cfglint
