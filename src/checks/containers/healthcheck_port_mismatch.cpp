// Template "healthcheck-port-mismatch": the healthcheck (or a Kubernetes probe) probes a port or address
// the process does not listen on: a different port, or localhost while the server binds only another
// interface (or binds loopback while the kubelet probes the pod IP). The check can never pass.
#include "checks/containers/container_checks.h"
#include "core/strings.h"
#include "model/deployment.h"
#include "model/listen_certainty.h"

namespace cfglint {
namespace {

bool local_host(const std::string& host, const std::string& service) {
  std::string h = to_lower(host);
  return is_loopback_host(h, true) || h == to_lower(service);
}

class HealthcheckPortMismatch final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    const ListenCertainty certainty(project);
    for (const auto& v : project.services) {
      if (v.health != ContainerView::Health::Compose && v.health != ContainerView::Health::Image) continue;
      const CommandModel& m = v.command;
      if (!m.known || !m.serves_http || m.listen_unknown || m.listens.empty() || certainty.any_may_be_moved(v)) continue;
      for (const auto& t : v.healthcheck.targets) {
        if (!local_host(t.host, v.service.name)) continue;  // probing another service: not about this process
        std::string probe_host = to_lower(t.host) == to_lower(v.service.name) ? "container-ip" : t.host;
        bool ok = false;
        for (const auto& l : m.listens)
          if (l.port == t.port && listener_reachable(l, probe_host)) ok = true;
        if (ok) continue;
        bool port_matches = false;
        for (const auto& l : m.listens) port_matches |= l.port == t.port;
        std::string why = port_matches ? "it binds only " + listens_text(m) + ", which `" + t.host + "` does not reach"
                                       : "it listens on " + listens_text(m);
        Finding f = finding(v.healthcheck_location.file, v.healthcheck_location.range,
                            "service `" + v.service.name + "`: the healthcheck probes " + t.text + " but " + m.program + " is not there: " +
                                why + "; the check can never pass");
        f.related.push_back({v.command_location.file, v.command_location.range, "the command that starts " + m.program});
        out.push_back(under_profiles(std::move(f), v.service.profiles));
        break;
      }
    }
    for (const auto& view : project.kube_containers) {
      const KubeWorkload& w = *view.workload;
      const KubeContainer& c = *view.container;
      const CommandModel& m = view.manifest_command;
      if (!m.known || !m.serves_http || m.listen_unknown || m.listens.empty()) continue;
      bool movable = false;  // variables from envFrom (a ConfigMap, a Secret) are not known here
      for (const auto& l : m.listens) movable |= c.env_from && ListenCertainty::may_be_moved_anywhere(m, l);
      if (movable) continue;
      for (const KubeProbe* p : {&c.liveness, &c.readiness, &c.startup}) {
        if (!p->present || (p->type != "httpGet" && p->type != "tcpSocket")) continue;
        int port = 0;
        if (p->port_is_name) {
          for (const auto& [name, number] : c.ports)
            if (name == p->port) port = number;
        } else {
          port = std::atoi(p->port.c_str());
        }
        if (port == 0) continue;  // unknown or undeclared name: another rule
        // The kubelet probes the pod IP (or httpGet.host): a loopback-only listener is unreachable.
        std::string host = p->host.empty() ? "pod-ip" : p->host;
        bool ok = false;
        for (const auto& l : m.listens)
          if (l.port == port && listener_reachable(l, host)) ok = true;
        if (ok) continue;
        Finding f = finding(w.file, p->port_range.begin.line ? p->port_range : p->range,
                            "container `" + c.name + "`: the " + p->type + " probe targets port " + std::to_string(port) +
                                (p->host.empty() ? " on the pod IP" : " on " + p->host) + ", but " + m.program + " listens on " +
                                listens_text(m) + "; the probe can never pass");
        f.related.push_back({w.file, c.command_range, "the command that starts " + m.program});
        out.push_back(std::move(f));
      }
    }
  }
};

}  // namespace

TemplateInfo healthcheck_port_mismatch_template() {
  return simple_template<HealthcheckPortMismatch>("healthcheck-port-mismatch",
                                                  "A healthcheck or probe targets a port/address the process does not listen on.");
}

}  // namespace cfglint
