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

// A defaulted listener that a variable or config file could still move, where cfglint cannot see all of
// them. `context` is the build context (config files the server loads from its working directory come
// from there); nullptr when the image was not built from this repository.
// `config_files`: the project's Python modules by file name (gunicorn.conf.py), gathered once.
using ConfigFiles = std::multimap<std::string, std::string>;
bool may_be_moved(const ConfigFiles& config_files, const CommandModel& m, const ListenAddress& l, bool env_closed, const std::string* context) {
  if (!l.defaulted || m.listen_overridden_by.empty()) return false;
  if (!env_closed || !context) return true;
  std::string prefix = context->empty() ? "" : *context + "/";
  for (const auto& name : m.listen_overridden_by)
    for (auto [it, end] = config_files.equal_range(name); it != end; ++it)
      if (it->second.compare(0, prefix.size(), prefix) == 0) return true;
  return false;
}

ConfigFiles config_files(const Project& project) {
  ConfigFiles out;
  for (const auto& mod : project.python_modules)
    if (std::string base = basename_of(mod.path); base == "gunicorn.conf.py") out.emplace(base, mod.path);
  return out;
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
    const ConfigFiles configs = config_files(project);
    for (const auto& v : project.services) check_service(project, configs, v, out);
    for (const auto& w : project.workloads)
      for (const auto& c : w.containers) check_container(w, c, out);
  }

 private:
  void check_service(const Project& project, const ConfigFiles& configs, const ContainerView& v, std::vector<Finding>& out) const {
    if (v.service.network_mode.present) return;  // host / service:x / container:x: another namespace's loopback
    bool env_closed = v.env.closed() && (v.dockerfile || v.image.base_known);
    const std::string* built_here = v.service.build_context.present || v.built_here ? &v.build_context : nullptr;
    for (const auto& p : v.service.ports) {
      const ListenAddress* l = only_loopback(v.command, p.target);
      if (!l || may_be_moved(configs, v.command, *l, env_closed, built_here)) continue;
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

  void check_container(const KubeWorkload& w, const KubeContainer& c, std::vector<Finding>& out) const {
    if (c.init || c.command.empty()) return;
    std::vector<std::string> argv = c.command;
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    CommandModel m = analyze_command(argv, c.env);
    for (const auto& [name, number] : c.ports) {
      const ListenAddress* l = only_loopback(m, number);
      // The image's ENV and envFrom sources are not known here: only a listener the command line fixes.
      if (!l || may_be_moved({}, m, *l, false, nullptr)) continue;
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
