// Template "nginx-upstream-port-mismatch": an nginx container proxies (proxy_pass, or an upstream
// `server` a proxy_pass uses) to a compose service of its project, on a port where that service's server
// does not listen. The listening side is the resolved command (model/command_model: gunicorn --bind,
// uvicorn --port, runserver's address, their defaults, a gunicorn.conf.py); it must be fully known: an
// address from an unset variable or a config file cfglint cannot read says nothing. nginx then answers
// every request with 502 Bad Gateway.
#include "checks/containers/nginx_upstream_port_mismatch.h"

#include <set>

#include "core/strings.h"
#include "model/deployment_graph.h"
#include "model/deployment.h"
#include "model/listen_certainty.h"

namespace cfglint {
namespace {

class NginxUpstreamPortMismatch final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    const ListenCertainty certainty(project);
    for (const auto& v : project.services)
      for (const auto& h : v.nginx.startup_hosts) {
        if (h.port <= 0 || v.service.network_mode.present) continue;
        const ContainerView* t = find_service(project, v, to_lower(h.host));
        if (!t || t == &v || t->service.network_mode.present) continue;
        const CommandModel& m = t->command;
        if (!m.known || !m.serves_http || m.listen_unknown || m.listens.empty() || m.listens_on(h.port)) continue;
        if (certainty.any_may_be_moved(*t)) continue;  // FLOWER_PORT or PORT from an env file cfglint cannot read
        if (!seen.insert({h.where.file, h.where.range.begin.line}).second) continue;
        Finding f = finding(h.where.file, h.where.range,
                            "nginx in service `" + v.service.name + "` proxies to `" + h.host + ":" + std::to_string(h.port) + "` (" +
                                h.where.message + "), but " + m.program + " in service `" + t->service.name + "` listens on " +
                                listens_text(m) + ": nginx answers every request with 502 Bad Gateway (\"connect() failed (111: Connection "
                                "refused) while connecting to upstream\"); proxy to port " + std::to_string(m.listens.front().port) +
                                " or bind the server to port " + std::to_string(h.port));
        f.related.push_back({t->command_location.file, t->command_location.range, "where `" + t->service.name + "` gets its address"});
        f.related.push_back({v.name.file, v.name.range, "the nginx service"});
        f.graph_edges.push_back(proxies_edge(v, *t, h.target));
        if (development_compose(project, *v.file)) f.severity_override = Severity::Warning;
        out.push_back(under_profiles(std::move(f), v.service.profiles));
      }
  }
};

}  // namespace

TemplateInfo nginx_upstream_port_mismatch_template() {
  return simple_template<NginxUpstreamPortMismatch>("nginx-upstream-port-mismatch",
                                                    "nginx proxies to a compose service on a port its server does not listen on.");
}

}  // namespace cfglint
