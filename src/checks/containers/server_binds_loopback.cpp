// Template "server-binds-loopback": an HTTP server whose every listener is loopback (127.0.0.1, ::1,
// localhost), written on the command line or the program's own default (gunicorn, uvicorn, daphne,
// hypercorn, runserver, flask run), in a container whose port compose publishes or whose Kubernetes
// container declares it. Inside a container loopback is the container's own: the published port or the
// Service connects to the container's network address and is refused.
// Certain only when nothing else can move the listener: no network_mode sharing another namespace, no
// environment variable or config file the server reads for its address (PORT, GUNICORN_CMD_ARGS,
// UVICORN_HOST, gunicorn.conf.py) that cfglint cannot see, and an image whose ENV it knows.
#include "checks/containers/server_binds_loopback.h"

#include <map>

#include "core/strings.h"
#include "model/deployment.h"
#include "model/listen_certainty.h"

namespace cfglint {
namespace {

// The loopback listener on `port` when the server listens only on loopback, else nullptr.
const ListenAddress* only_loopback(const CommandModel& m, int port) {
  if (!m.known || !m.serves_http || m.listen_unknown || m.listens.empty()) return nullptr;
  const ListenAddress* hit = nullptr;
  for (const auto& l : m.listens) {
    if (!is_loopback_host(l.host)) return nullptr;
    if (l.port == port) hit = &l;
  }
  return hit;
}

std::string how_to_fix(const CommandModel& m) {
  if (m.program == "gunicorn") return "add `--bind 0.0.0.0:PORT`";
  if (m.program == "uvicorn") return "add `--host 0.0.0.0`";
  if (m.program == "daphne") return "add `-b 0.0.0.0`";
  if (m.program == "hypercorn") return "add `--bind 0.0.0.0:PORT`";
  if (m.program == "runserver") return "give runserver the address `0.0.0.0:PORT`";
  if (m.program == "flask") return "add `--host 0.0.0.0`";
  return "make it listen on 0.0.0.0";
}

class ServerBindsLoopback final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    const ListenCertainty certainty(project);
    for (const auto& v : project.services) check_service(project, certainty, v, out);
    for (const auto& v : project.kube_containers) check_container(*v.workload, *v.container, v.manifest_command, out);
  }

 private:
  void check_service(const Project& project, const ListenCertainty& certainty, const ContainerView& v, std::vector<Finding>& out) const {
    if (v.service.network_mode.present) return;  // host / service:x / container:x: another namespace's loopback
    for (const auto& p : v.service.ports) {
      const ListenAddress* l = only_loopback(v.command, p.target);
      if (!l || certainty.may_be_moved(v, *l)) continue;
      std::string port = std::to_string(p.target);
      Finding f = finding(v.file->path, p.range,
                          "service `" + v.service.name + "` publishes port " + port + ", but " + v.command.program + " listens on " +
                              listen_text(*l) + " inside the container, which the published port cannot reach: requests fail with " +
                              "\"connection reset by peer\" / \"Empty reply from server\"; " + how_to_fix(v.command));
      f.related.push_back({v.command_location.file, v.command_location.range, "the command that starts " + v.command.program});
      if (development_compose(project, *v.file)) f.severity_override = Severity::Warning;
      out.push_back(under_profiles(std::move(f), v.service.profiles));
      return;  // one finding per service
    }
  }

  void check_container(const KubeWorkload& w, const KubeContainer& c, const CommandModel& m, std::vector<Finding>& out) const {
    if (c.init || c.command.empty()) return;
    for (const auto& [name, number] : c.ports) {
      const ListenAddress* l = only_loopback(m, number);
      // The image's ENV and envFrom sources are not known here: only a listener the command line fixes.
      if (!l || ListenCertainty::may_be_moved_anywhere(m, *l)) continue;
      Finding f = finding(w.file, c.command_range,
                          "container `" + c.name + "` declares port " + std::to_string(number) + ", but " + m.program + " listens on " +
                              listen_text(*l) + " inside the pod, which Services, probes and other pods cannot reach (connection refused); " +
                              how_to_fix(m));
      out.push_back(std::move(f));
      return;
    }
  }
};

}  // namespace

TemplateInfo server_binds_loopback_template() {
  return simple_template<ServerBindsLoopback>("server-binds-loopback",
                                              "An HTTP server listens only on loopback in a container whose port is published or declared.");
}

}  // namespace cfglint
