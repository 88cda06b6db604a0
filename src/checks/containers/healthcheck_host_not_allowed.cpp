// Template "healthcheck-host-not-allowed": a container's healthcheck requests its own Django server
// (curl -f / wget to localhost, 127.0.0.1 or the service name) with a Host that the ALLOWED_HOSTS of
// the settings module that process loads does not allow. Django's CommonMiddleware calls get_host() on
// every request and answers 400 (DisallowedHost); a client that fails on 4xx makes the container
// unhealthy forever, and `depends_on: service_healthy` waits on it.
// Certain only when every fact is: the settings module (model/service_settings), ALLOWED_HOSTS a literal
// list, DEBUG known when the list is empty, MIDDLEWARE known with CommonMiddleware and nothing but
// Django's own (or known pass-through) middleware before it, and a probe that fails on 4xx and sends no
// Host header of its own.
#include "checks/containers/healthcheck_host_not_allowed.h"

#include "checks/django/deploy_settings_view.h"
#include "core/strings.h"
#include "model/deployment_graph.h"
#include "model/deployment.h"
#include "model/service_settings.h"

namespace cfglint {
namespace {

// A name to send in the probe's Host header: the first allowed one, without its subdomain dot.
std::string public_name(const std::vector<std::string>& hosts) {
  for (const auto& h : hosts)
    if (h != "*" && !h.empty()) return h[0] == '.' ? h.substr(1) : h;
  return "example.com";
}

class HealthcheckHostNotAllowed final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    const ServiceSettings& settings = *project.service_settings;
    for (const auto& v : project.services) {
      if (v.health != ContainerView::Health::Compose && v.health != ContainerView::Health::Image) continue;
      const HealthcheckInfo& hc = v.healthcheck;
      // A known program that serves no HTTP (a worker) is not what the probe reaches; an entrypoint script
      // that cfglint cannot follow may well start the server.
      if (!hc.fails_on_client_error || hc.sets_host || (v.command.known && !v.command.serves_http)) continue;
      const SettingsResult* s = settings.of(v);
      if (!s || !s->complete) continue;
      DeploySettingsView view(*s);
      auto hosts = allowed_hosts(view);
      if (!hosts || !reaches_unanswered(view, "django.middleware.common.CommonMiddleware")) continue;
      for (const auto& t : hc.targets) {
        std::string host = to_lower(t.host);
        bool own = is_loopback_host(host) || host == to_lower(v.service.name);
        if (!t.http || !own || !listens_on(v.command, t.port) || host_allowed(host, *hosts)) continue;
        out.push_back(report(project, v, *s, t, *hosts));
        break;
      }
    }
    for (const auto& w : project.workloads)
      for (const auto& c : w.containers) check_container(w, c, settings, out);
  }

 private:
  static bool listens_on(const CommandModel& m, int port) {
    return m.listen_unknown || m.listens.empty() || m.listens_on(port);  // a port mismatch is CFG307's
  }

  // The kubelet sends `Host: <pod IP>:<port>` unless the probe sets `host` or a Host header: no literal
  // list but `*` allows an address that changes with every pod.
  void check_container(const KubeWorkload& w, const KubeContainer& c, const ServiceSettings& settings,
                       std::vector<Finding>& out) const {
    if (c.init || w.partial) return;
    for (const KubeProbe* p : {&c.startup, &c.readiness, &c.liveness}) {
      if (!p->present || p->type != "httpGet" || !p->host.empty() || p->sets_host) continue;
      const SettingsResult* s = settings.of(c);
      if (!s || !s->complete) return;
      DeploySettingsView view(*s);
      auto hosts = allowed_hosts(view);
      if (!hosts || !reaches_unanswered(view, "django.middleware.common.CommonMiddleware") || host_allowed("10.0.0.1", *hosts)) return;  // `*` (or a pattern matching any IP)
      std::vector<std::string> quoted;
      for (const auto& h : *hosts) quoted.push_back("\"" + h + "\"");
      std::string kind = p == &c.liveness ? "liveness" : p == &c.readiness ? "readiness" : "startup";
      Finding f = finding(w.file, p->range,
                          "container `" + c.name + "`: the kubelet's " + kind + " probe sends `Host: <pod IP>:" + p->port +
                              "`, which ALLOWED_HOSTS in " + s->path + " (" + (quoted.empty() ? "empty" : join(quoted, ", ")) +
                              ") does not allow: Django answers 400 Bad Request (DisallowedHost), the probe fails and the pod is " +
                              (kind == "readiness" ? "never Ready" : "restarted in a loop") + "; add an httpHeaders entry " +
                              "`{name: Host, value: " + public_name(*hosts) + "}` to the probe");
      if (auto it = s->names.find("ALLOWED_HOSTS"); it != s->names.end())
        f.related.push_back({it->second.where.file, it->second.where.range, "ALLOWED_HOSTS"});
      f.graph_edges.push_back(loads_edge(w, c, s->path));
      out.push_back(std::move(f));
      return;  // one per container: the others fail the same way
    }
  }

  Finding report(const Project& project, const ContainerView& v, const SettingsResult& s, const ProbeTarget& t,
                 const std::vector<std::string>& hosts) const {
    std::vector<std::string> quoted;
    for (const auto& h : hosts) quoted.push_back("\"" + h + "\"");
    std::string host_port = t.host + (t.port == 80 ? "" : ":" + std::to_string(t.port));
    Finding f = finding(v.healthcheck_location.file, v.healthcheck_location.range,
                        "service `" + v.service.name + "`: the healthcheck requests " + t.text + " with Host `" + t.host +
                            "`, which ALLOWED_HOSTS in " + s.path + " (" + (quoted.empty() ? "empty" : join(quoted, ", ")) +
                            ") does not allow: Django answers 400 Bad Request (\"Invalid HTTP_HOST header: '" + host_port +
                            "'. You may need to add '" + t.host + "' to ALLOWED_HOSTS.\"), the check fails and the container is " +
                            "never healthy; allow \"" + t.host + "\" or send the public name: `curl -fsS -H 'Host: " +
                            public_name(hosts) + "' " + t.text + "`");
    if (auto it = s.names.find("ALLOWED_HOSTS"); it != s.names.end())
      f.related.push_back({it->second.where.file, it->second.where.range, "ALLOWED_HOSTS"});
    f.graph_edges.push_back(loads_edge(v, s.path));
    if (development_compose(project, *v.file)) f.severity_override = Severity::Warning;
    return under_profiles(std::move(f), v.service.profiles);
  }

};

}  // namespace

TemplateInfo healthcheck_host_not_allowed_template() {
  return simple_template<HealthcheckHostNotAllowed>("healthcheck-host-not-allowed",
                                                     "A healthcheck's Host is not in ALLOWED_HOSTS: Django answers 400.");
}

}  // namespace cfglint
