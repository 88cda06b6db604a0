// Template "probe-redirected-to-https": a health probe that asks Django over plain HTTP while
// SECURE_SSL_REDIRECT is on. SecurityMiddleware answers 301 to https://<the probe's Host><path>; the
// kubelet follows a redirect to the same host, and so do wget and curl -L, and the HTTPS request reaches a
// server that speaks plain HTTP: the probe fails and the pod is never Ready (liveness: restarted), the
// compose service never healthy.
// Certain only when every fact is: the settings module the process loads (model/service_settings),
// SECURE_SSL_REDIRECT known to be on (a literal, or the default of a variable nothing sets), SecurityMiddleware
// reached before any project middleware could answer, SECURE_REDIRECT_EXEMPT known and not matching the
// path, and a probe that sends no header SECURE_PROXY_SSL_HEADER trusts. When ALLOWED_HOSTS rejects the
// probe's Host, the 400 comes first: that is CFG318's finding.
#include "checks/containers/probe_redirected_to_https.h"

#include <re2/re2.h>

#include "checks/django/deploy_settings_view.h"
#include "core/strings.h"
#include "model/deployment_graph.h"
#include "model/deployment.h"
#include "model/service_settings.h"

namespace cfglint {
namespace {

constexpr const char* kSecurity = "django.middleware.security.SecurityMiddleware";

// SECURE_SSL_REDIRECT is on: True as written, or the default of an environment read nothing overrides
// (only where the process environment is known not to come from elsewhere: `closed`).
bool redirect_on(const DeploySettingsView& view, bool env_closed) {
  KnownSetting k = view.known("SECURE_SSL_REDIRECT");
  if (!k.known || !k.value || k.value->kind != PyValue::K::Bool || k.value->text != "True") return false;
  return k.value->from_env_default().empty() || env_closed;
}

// Django's `any(pattern.search(path.lstrip("/")) for pattern in SECURE_REDIRECT_EXEMPT)`; true when the
// list or a pattern cannot be read (it may exempt the path).
bool exempt(const DeploySettingsView& view, const std::string& path) {
  KnownSetting k = view.known("SECURE_REDIRECT_EXEMPT");
  if (!k.known) return true;
  if (!k.value) return false;  // Django's default: []
  if (!k.value->is_sequence() || k.value->partial) return true;
  std::string stripped = path.substr(std::min(path.find_first_not_of('/'), path.size()));
  for (const auto& item : k.value->items) {
    if (!item || item->kind != PyValue::K::Str) return true;
    RE2 re(item->text, RE2::Quiet);
    if (!re.ok() || RE2::PartialMatch(stripped, re)) return true;
  }
  return false;
}

// The probe sends the header SECURE_PROXY_SSL_HEADER trusts (or any X-Forwarded-Proto when the setting
// cannot be read): Django then takes the request as secure and does not redirect.
bool marked_secure(const DeploySettingsView& view, const std::vector<std::pair<std::string, std::string>>& headers) {
  KnownSetting k = view.known("SECURE_PROXY_SSL_HEADER");
  for (const auto& [name, value] : headers) {
    if (!k.known) return true;
    if (!k.value || !k.value->is_sequence() || k.value->items.size() != 2) continue;
    const ValueP& meta = k.value->items[0];
    const ValueP& expected = k.value->items[1];
    if (!meta || !expected || meta->kind != PyValue::K::Str) return true;
    std::string header = "HTTP_" + to_upper(name);
    for (char& c : header)
      if (c == '-') c = '_';
    if (header == meta->text && (expected->kind != PyValue::K::Str || expected->text == value)) return true;
  }
  return false;
}

// Everything but the probe: the settings redirect a plain-HTTP request to `path`.
const SettingsResult* redirecting_settings(const SettingsResult* s, const std::string& path, bool env_closed,
                                           const std::vector<std::pair<std::string, std::string>>& headers, const std::string& host) {
  if (!s) return nullptr;
  DeploySettingsView view(*s);
  if (!view.security_middleware() || !reaches_unanswered(view, kSecurity) || !redirect_on(view, env_closed) || exempt(view, path) ||
      marked_secure(view, headers))
    return nullptr;
  if (auto hosts = allowed_hosts(view); hosts && !host_allowed(host, *hosts)) return nullptr;  // 400 first: CFG318
  return s;
}

std::string setting_place(const SettingsResult& s) {
  auto it = s.names.find("SECURE_SSL_REDIRECT");
  return it == s.names.end() ? s.path : it->second.where.file + ":" + std::to_string(it->second.where.range.begin.line);
}

class ProbeRedirectedToHttps final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    const ServiceSettings& settings = *project.service_settings;
    for (const auto& v : project.services) check_service(v, settings, out);
    for (const auto& w : project.workloads)
      for (const auto& c : w.containers) check_container(w, c, settings, out);
  }

 private:
  void check_service(const ContainerView& v, const ServiceSettings& settings, std::vector<Finding>& out) const {
    if (v.health != ContainerView::Health::Compose && v.health != ContainerView::Health::Image) return;
    const HealthcheckInfo& hc = v.healthcheck;
    if (!hc.follows_redirects || hc.sets_host || (v.command.known && !v.command.serves_http)) return;
    for (const auto& t : hc.targets) {
      std::string host = to_lower(t.host);
      bool own = is_loopback_host(host) || host == to_lower(v.service.name);
      if (!t.http || !own || t.text.rfind("https", 0) == 0) continue;
      const SettingsResult* s = redirecting_settings(settings.of(v), t.path.empty() ? "/" : t.path, v.env.closed(), hc.headers, host);
      if (!s) return;
      Finding f = finding(v.healthcheck_location.file, v.healthcheck_location.range,
                          "service `" + v.service.name + "`: the healthcheck asks " + t.text + " over plain HTTP, and SECURE_SSL_REDIRECT (" +
                              setting_place(*s) + ") answers `301 Moved Permanently` to https://" + host + "…; " + hc.programs.front() +
                              " follows it to HTTPS on a port that speaks plain HTTP, so the check fails and the container is never healthy; " +
                              "exempt the path (SECURE_REDIRECT_EXEMPT = [r\"^" + regex_of(t.path) + "$\"]) or send the header "
                              "SECURE_PROXY_SSL_HEADER trusts");
      f.graph_edges.push_back(loads_edge(v, s->path));
      out.push_back(under_profiles(std::move(f), v.service.profiles));
      return;
    }
  }

  void check_container(const KubeWorkload& w, const KubeContainer& c, const ServiceSettings& settings,
                       std::vector<Finding>& out) const {
    if (c.init || w.partial) return;
    for (const KubeProbe* p : {&c.startup, &c.readiness, &c.liveness}) {
      if (!p->present || p->type != "httpGet" || to_upper(p->scheme) != "HTTP" || !p->host.empty() || p->sets_host) continue;
      const SettingsResult* s = redirecting_settings(settings.of(c), p->path.empty() ? "/" : p->path, !c.env_from, p->headers, "10.0.0.1");
      if (!s) return;
      std::string kind = p == &c.liveness ? "liveness" : p == &c.readiness ? "readiness" : "startup";
      std::string effect = p == &c.liveness ? "the kubelet restarts the container forever" : p == &c.readiness ? "the pod is never Ready"
                                                                                                           : "the container never starts";
      Finding f = finding(w.file, p->range,
                          "container `" + c.name + "`: the kubelet's " + kind + " probe asks http://<pod IP>:" + p->port + p->path +
                              ", and SECURE_SSL_REDIRECT (" + setting_place(*s) + ") answers `301 Moved Permanently` to https://<pod IP>…; " +
                              "the kubelet follows a redirect to the same host and speaks TLS to a port that serves plain HTTP, so the probe " +
                              "fails and " + effect + "; exempt the path (SECURE_REDIRECT_EXEMPT = [r\"^" + regex_of(p->path) +
                              "$\"]) or send `X-Forwarded-Proto: https` in httpHeaders if SECURE_PROXY_SSL_HEADER trusts it");
      f.graph_edges.push_back(loads_edge(w, c, s->path));
      out.push_back(std::move(f));
      return;
    }
  }

  // The path as SECURE_REDIRECT_EXEMPT sees it: without its leading slashes.
  static std::string regex_of(const std::string& path) { return path.substr(std::min(path.find_first_not_of('/'), path.size())); }

};

}  // namespace

TemplateInfo probe_redirected_to_https_template() {
  return simple_template<ProbeRedirectedToHttps>("probe-redirected-to-https",
                                                  "A health probe gets Django's HTTPS redirect (SECURE_SSL_REDIRECT) and fails.");
}

}  // namespace cfglint
