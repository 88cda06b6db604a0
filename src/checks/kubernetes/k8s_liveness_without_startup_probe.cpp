// Template "k8s-liveness-without-startup-probe": a slow-starting app (a Python web server, or one that
// migrates first) has a liveness probe, no startupProbe, and less than `min_seconds` before the first
// restart (initialDelaySeconds + periodSeconds x failureThreshold). The kubelet kills it mid-start,
// forever: CrashLoopBackOff on every cold start or slow node.
#include "checks/containers/container_checks.h"
#include "model/command_model.h"

namespace cfglint {
namespace {

class LivenessWithoutStartup final : public ProjectCheck {
 public:
  LivenessWithoutStartup(const RuleSpec& rule, int min_seconds) : ProjectCheck(rule), min_seconds_(min_seconds) {}
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.kube_containers) {
      const KubeWorkload& w = *v.workload;
      const KubeContainer& c = *v.container;
      if (c.init || !c.liveness.present || c.startup.present) continue;
      const CommandModel& m = v.manifest_command;
      bool slow = (m.known && m.serves_http) || !m.startup_work.empty();
      if (!slow) continue;
      int window = c.liveness.initial_delay + c.liveness.period * c.liveness.failure_threshold;
      if (window >= min_seconds_) continue;
      out.push_back(finding(w.file, c.liveness.range,
                            "container `" + c.name + "` (" + m.program + ") gets only " + std::to_string(window) +
                                "s (initialDelaySeconds + periodSeconds x failureThreshold) before the liveness probe restarts it, and has no "
                                "startupProbe; a slow start is killed and restarted forever"));
    }
  }

 private:
  int min_seconds_;
};

}  // namespace

TemplateInfo k8s_liveness_without_startup_probe_template() {
  return {"k8s-liveness-without-startup-probe", "Liveness probe without a startupProbe and too little initial delay.",
          "min_seconds (default 30)",
          [](const RuleSpec& rule, const RuleCatalog&, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<LivenessWithoutStartup>(rule, rule.params["min_seconds"].value_or(30));
          }};
}

}  // namespace cfglint
