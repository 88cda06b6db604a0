// Template "k8s-liveness-checks-dependencies": a liveness probe on an endpoint that checks dependencies
// (database, cache, readiness). When the database blips, every pod fails liveness at once and the
// kubelet restarts them all, turning a short outage into a full one. Readiness is the right probe.
#include <re2/re2.h>

#include "checks/containers/container_checks.h"

namespace cfglint {
namespace {

class LivenessChecksDependencies final : public ProjectCheck {
 public:
  LivenessChecksDependencies(const RuleSpec& rule, const std::string& paths) : ProjectCheck(rule), paths_(paths) {}
  bool ok() const { return paths_.ok(); }
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& w : project.workloads)
      for (const auto& c : w.containers) {
        const KubeProbe& p = c.liveness;
        if (!p.present || p.type != "httpGet" || p.path.empty() || !RE2::PartialMatch(p.path, paths_)) continue;
        out.push_back(finding(w.file, p.path_range,
                              "container `" + c.name + "`: the liveness probe calls `" + p.path +
                                  "`, which checks dependencies; when one of them blips every pod is restarted at once. "
                                  "Probe a process-only endpoint for liveness and use this one for readiness"));
      }
  }

 private:
  RE2 paths_;
};

}  // namespace

TemplateInfo k8s_liveness_checks_dependencies_template() {
  return {"k8s-liveness-checks-dependencies", "Liveness probe on an endpoint that checks dependencies.", "paths (RE2 over the probe path)",
          [](const RuleSpec& rule, const RuleCatalog&, std::string& error) -> std::unique_ptr<Check> {
            auto c = std::make_unique<LivenessChecksDependencies>(rule, rule.params["paths"].value_or(std::string("$^")));
            if (!c->ok()) {
              error = "`paths` is not a valid RE2 regex";
              return nullptr;
            }
            return c;
          }};
}

}  // namespace cfglint
