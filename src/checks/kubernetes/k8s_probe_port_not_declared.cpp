// Template "k8s-probe-port-not-declared": a probe names a port (`port: http`) that the container does
// not declare in `ports`. The kubelet cannot resolve it and the probe fails every time (kube-linter parity).
#include "checks/containers/container_checks.h"

namespace cfglint {
namespace {

class ProbePortNotDeclared final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& w : project.workloads)
      for (const auto& c : w.containers)
        for (auto [probe, label] : {std::pair{&c.liveness, "livenessProbe"}, {&c.readiness, "readinessProbe"}, {&c.startup, "startupProbe"}}) {
          if (!probe->present || !probe->port_is_name) continue;
          bool declared = false;
          for (const auto& [name, number] : c.ports) declared |= name == probe->port;
          if (declared) continue;
          Finding f = finding(w.file, probe->port_range,
                              "container `" + c.name + "`: " + label + " uses the port name `" + probe->port +
                                  "`, which the container does not declare in `ports`; the probe fails every time");
          f.related.push_back({w.file, c.range, "container `" + c.name + "`"});
          out.push_back(std::move(f));
        }
  }
};

}  // namespace

TemplateInfo k8s_probe_port_not_declared_template() {
  return simple_template<ProbePortNotDeclared>("k8s-probe-port-not-declared", "A probe's named port is not declared by the container.");
}

}  // namespace cfglint
