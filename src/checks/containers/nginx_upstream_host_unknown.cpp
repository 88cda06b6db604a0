// Template "nginx-upstream-host-unknown": an nginx container's configuration (mounted or copied into
// /etc/nginx) proxies to a host name that nginx must resolve when it starts (proxy_pass and the other
// *_pass directives without variables, `upstream` servers without `resolve`), and no compose file of the
// repository has a service, alias, container name or hostname of that name. nginx exits with
// `[emerg] host not found in upstream`. Names with a dot (DNS names, IP addresses) and localhost are
// not the compose network's business. Certain only when the nginx container resolves names through this
// repository's compose networks alone: no network_mode, no external network, no links or extra_hosts of
// that name. Names are looked up across every compose file, since files may be combined with `-f`.
#include "checks/containers/nginx_upstream_host_unknown.h"

#include <set>

#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

// What nginx prints for a target: the host and port, without scheme or path ("backend:8000").
std::string upstream_text(const std::string& target) {
  size_t scheme = target.find("://");
  std::string t = scheme == std::string::npos ? target : target.substr(scheme + 3);
  return t.substr(0, t.find('/'));
}

class NginxUpstreamHostUnknown final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::string> known;
    bool known_built = false;
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& v : project.services) {
      if (v.nginx.startup_hosts.empty() || v.service.network_mode.present || joins_external_network(v)) continue;
      if (!known_built) known = names_in_repository(project), known_built = true;
      std::set<std::string> own(v.service.extra_names.begin(), v.service.extra_names.end());
      for (const auto& h : v.nginx.startup_hosts) {
        std::string host = to_lower(h.host);
        if (!compose_network_name(host) || known.count(host) || own.count(h.host)) continue;
        if (!seen.insert({h.where.file, h.where.range.begin.line}).second) continue;
        out.push_back(report(project, v, h));
      }
    }
  }

 private:
  Finding report(const Project& project, const ContainerView& v, const NginxStartupHost& h) const {
    std::vector<std::string> services;
    for (const auto& s : project.services)
      if (s.file && same_compose_project(project, *v.file, *s.file) && &s != &v) services.push_back("`" + s.service.name + "`");
    Finding f = finding(h.where.file, h.where.range,
                        "nginx in service `" + v.service.name + "` must resolve `" + h.host + "` (" + h.where.message +
                            ") when it starts, but no compose service, alias or container is called `" + h.host +
                            "`: nginx exits with `[emerg] host not found in upstream \"" + upstream_text(h.target) + "\"`" +
                            (v.service.restart.present ? " and restarts in a loop" : "") +
                            (services.empty() ? "" : "; the services here are " + join(services, ", ")));
    f.related.push_back({v.name.file, v.name.range, "the nginx service"});
    if (development_compose(project, *v.file)) f.severity_override = Severity::Warning;
    return under_profiles(std::move(f), v.service.profiles);
  }
};

}  // namespace

TemplateInfo nginx_upstream_host_unknown_template() {
  return simple_template<NginxUpstreamHostUnknown>("nginx-upstream-host-unknown",
                                                   "nginx proxies to a host name no compose service has; it exits at start.");
}

}  // namespace cfglint
