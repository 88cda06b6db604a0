// Template "probe-path-not-routed": a health probe asks a Django server for a path that no URL pattern
// routes, so Django answers 404 and the probe fails: the kubelet restarts the container (liveness) or never
// sends it traffic (readiness); a compose healthcheck that fails on 4xx (wget, curl -f) never passes.
// Certain only when every fact is: the server's app module is the project's and calls Django's
// get_wsgi_application()/get_asgi_application(); the settings it loads are known, with DEBUG off,
// ROOT_URLCONF a literal, every middleware Django's own (none of the project's could answer first),
// ALLOWED_HOSTS and SECURE_SSL_REDIRECT not answering first (CFG318, CFG324); the probe's port is the
// server's; and the URLconf is read whole (model/url_routes). CommonMiddleware's APPEND_SLASH redirect to
// a routed path counts as routed.
#include "checks/containers/probe_path_not_routed.h"

#include "checks/django/deploy_settings_view.h"
#include "core/strings.h"
#include "model/deployment_graph.h"
#include "model/app_registry.h"
#include "model/deployment.h"
#include "model/service_settings.h"
#include "model/url_routes.h"

namespace cfglint {
namespace {

// The path as Django's resolver sees it: no leading slash, no query.
std::string resolver_path(const std::string& path) {
  std::string p = path.substr(0, path.find_first_of("?#"));
  return p.substr(std::min(p.find_first_not_of('/'), p.size()));
}

struct Unrouted {
  std::string urlconf;
  Location setting;  // ROOT_URLCONF
};

// Everything but the probe: the settings route nothing at `path` for a request from `host`.
std::optional<Unrouted> unrouted(const Project& project, const SettingsResult& s, bool env_closed, const std::string& path, const std::string& host) {
  DeploySettingsView view(s);
  KnownSetting debug = view.known("DEBUG");
  if (!debug.known || DeploySettingsView::truthy(debug, false) || (debug.value && !debug.value->from_env_default().empty() && !env_closed))
    return std::nullopt;
  KnownSetting conf = view.known("ROOT_URLCONF");
  if (!conf.known || !conf.value || conf.value->kind != PyValue::K::Str || !conf.at) return std::nullopt;
  KnownSetting middleware = view.middleware();
  if (!middleware.known || !middleware.value || !middleware.value->is_sequence()) return std::nullopt;
  bool common = false;
  for (const auto& m : middleware.value->items) {
    if (!m || m->kind != PyValue::K::Str || m->text.rfind("django.", 0) != 0) return std::nullopt;  // it may answer first
    common |= m->text == "django.middleware.common.CommonMiddleware";
  }
  if (auto hosts = allowed_hosts(view); !hosts || !host_allowed(host, *hosts)) return std::nullopt;  // a 400 first: CFG318
  KnownSetting ssl = view.known("SECURE_SSL_REDIRECT");
  if (!ssl.known || DeploySettingsView::truthy(ssl, false)) return std::nullopt;  // a redirect first: CFG324
  std::string p = resolver_path(path);
  if (url_routed(project, conf.value->text, p) != Routed::No) return std::nullopt;
  KnownSetting append = view.known("APPEND_SLASH");
  bool appends = common && (!append.known || DeploySettingsView::truthy(append, true));
  if (appends && (p.empty() || p.back() != '/') && url_routed(project, conf.value->text, p + "/") != Routed::No) return std::nullopt;
  return Unrouted{conf.value->text, {conf.at->where.file, conf.at->where.range, "ROOT_URLCONF"}};
}

// The server the command starts loads the project's Django application.
bool serves_django(const ServiceSettings& settings, const Location& command) {
  const PythonModule* m = settings.served_module(command);
  if (!m) return false;
  for (const auto& c : m->calls)
    if (c.qualified == "django.core.wsgi.get_wsgi_application" || c.qualified == "django.core.asgi.get_asgi_application") return true;
  return false;
}

class ProbePathNotRouted final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    const ServiceSettings& settings = *project.service_settings;
    for (const auto& v : project.services) check_service(project, v, settings, out);
    for (const auto& k : project.kube_containers) check_container(project, k, settings, out);
  }

 private:
  void check_service(const Project& project, const ContainerView& v, const ServiceSettings& settings, std::vector<Finding>& out) const {
    if (v.health != ContainerView::Health::Compose && v.health != ContainerView::Health::Image) return;
    const HealthcheckInfo& hc = v.healthcheck;
    if (!hc.fails_on_client_error || hc.sets_host || !v.command.known || !v.command.serves_http || v.command.listen_unknown) return;
    for (const auto& t : hc.targets) {
      std::string host = to_lower(t.host);
      if (!t.http || !is_loopback_host(host) || t.text.rfind("https", 0) == 0 || !v.command.listens_on(t.port)) continue;
      const SettingsResult* s = settings.of(v);
      if (!s || !serves_django(settings, v.command_location)) return;
      auto miss = unrouted(project, *s, v.env.closed(), t.path.empty() ? "/" : t.path, host);
      if (!miss) return;
      Finding f = finding(v.healthcheck_location.file, v.healthcheck_location.range,
                          "service `" + v.service.name + "`: the healthcheck asks " + t.text + ", a path no pattern of the URLconf " +
                              miss->urlconf + " routes: Django answers `404 Not Found`, " + hc.programs.front() +
                              " fails and the container is never healthy; route the path (a view that returns 200) or check one that is routed");
      f.related.push_back(miss->setting);
      f.graph_edges.push_back(loads_edge(v, s->path));
      out.push_back(under_profiles(std::move(f), v.service.profiles));
      return;
    }
  }

  void check_container(const Project& project, const KubeContainerView& k, const ServiceSettings& settings, std::vector<Finding>& out) const {
    const KubeContainer& c = *k.container;
    if (c.init || k.workload->partial || !k.argv_known) return;
    const CommandModel& command = k.command;
    if (!command.known || !command.serves_http || command.listen_unknown) return;
    for (const KubeProbe* p : {&c.startup, &c.readiness, &c.liveness}) {
      if (!p->present || p->type != "httpGet" || to_upper(p->scheme) != "HTTP" || !p->host.empty() || p->sets_host) continue;
      int port = p->port_is_name ? 0 : static_cast<int>(parse_decimal(p->port, 65535).value_or(0));
      for (const auto& [name, number] : c.ports)
        if (p->port_is_name && name == p->port) port = number;
      if (!command.listens_on(port)) continue;
      const SettingsResult* s = settings.of(c);
      if (!s || !serves_django(settings, k.command_location)) return;
      auto miss = unrouted(project, *s, !c.env_from, p->path.empty() ? "/" : p->path, "10.0.0.1");
      if (!miss) continue;
      std::string kind = p == &c.liveness ? "liveness" : p == &c.readiness ? "readiness" : "startup";
      std::string effect = p == &c.liveness ? "the kubelet restarts the container forever" : p == &c.readiness ? "the pod is never Ready"
                                                                                                           : "the container never starts";
      Finding f = finding(k.workload->file, p->path_range.begin.line ? p->path_range : p->range,
                          k.who + ": the kubelet's " + kind + " probe asks " + (p->path.empty() ? "/" : p->path) +
                              ", a path no pattern of the URLconf " + miss->urlconf + " routes: Django answers `404 Not Found`, the probe fails and " +
                              effect + "; route the path (a view that returns 200) or probe one that is routed");
      f.related.push_back(miss->setting);
      f.graph_edges.push_back(loads_edge(*k.workload, c, s->path));
      out.push_back(std::move(f));
    }
  }

};

}  // namespace

TemplateInfo probe_path_not_routed_template() {
  return simple_template<ProbePathNotRouted>("probe-path-not-routed", "A health probe asks Django for a path its URLconf does not route: 404.");
}

}  // namespace cfglint
