#include "model/deployment_graph.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/strings.h"
#include "model/deployment.h"
#include "model/service_settings.h"

namespace cfglint {
namespace {

class Builder {
 public:
  explicit Builder(const Project& project) : project_(project), settings_(project.service_settings.get()) {}

  DeploymentGraph build() {
    for (const auto& v : project_.services) service_node(v);  // every service first: edges find them described
    for (const auto& v : project_.services) service_edges(v);
    for (const auto& k : project_.kube_containers) container(k);
    std::sort(g_.edges.begin(), g_.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
      return std::tie(a.from, a.to, a.label) < std::tie(b.from, b.to, b.label);
    });
    g_.edges.erase(std::unique(g_.edges.begin(), g_.edges.end(),
                               [](const GraphEdge& a, const GraphEdge& b) { return a.from == b.from && a.to == b.to && a.label == b.label; }),
                   g_.edges.end());
    return std::move(g_);
  }

 private:
  // Adds the node once (the first description wins) and returns its id.
  std::string node(std::string id, std::string kind, std::string label, std::string file = {}, uint32_t line = 0) {
    if (seen_.insert(id).second) g_.nodes.push_back({id, std::move(kind), std::move(label), std::move(file), line});
    return id;
  }
  void edge(const std::string& from, const std::string& to, std::string label) { g_.edges.push_back({from, to, std::move(label)}); }

  static std::string service_id(const ContainerView& v) { return graph_id(v); }

  static std::string command_text(const CommandModel& m) {
    if (m.program.empty()) return {};
    std::string out = m.program;
    for (const auto& l : m.listens) out += " " + (l.host.empty() ? "*" : l.host) + ":" + std::to_string(l.port);
    if (m.one_shot) out += " (one-shot)";
    return out;
  }

  void service_node(const ContainerView& v) {
    std::string label = v.service.name;
    if (std::string c = command_text(v.command); !c.empty()) label += "\n" + c;
    if (!v.service.profiles.empty()) label += "\nprofile " + v.service.profiles.front();
    node(service_id(v), "service", label, v.file->path, v.name.range.begin.line);
  }

  void service_edges(const ContainerView& v) {
    std::string id = service_id(v);
    image(id, v);
    if (const SettingsResult* s = settings_ ? settings_->of(v) : nullptr) edge(id, node(graph_settings_id(s->path), "settings", s->path, s->path, 1), "loads");
    std::string dir = dirname_of(v.file->path);
    for (const auto& f : v.service.env_files) {
      std::string path = normalize_path(dir + f.value);
      bool missing = project_.env_file(path) == nullptr;
      GraphEdge e = env_file_edge(path, id);
      edge(node(e.from, missing ? "missing-env-file" : "env-file", path + (missing ? "\n(not in the repository)" : ""), path), id, e.label);
    }
    for (const auto& d : v.service.depends_on)
      if (const ContainerView* target = find_service(project_, v, d.service))
        edge(id, node(service_id(*target), "service", target->service.name, target->file->path), depends_on_edge(v, *target, d.condition).label);
    for (const auto& h : v.nginx.startup_hosts)
      if (const ContainerView* target = find_service(project_, v, h.host))
        edge(id, node(service_id(*target), "service", target->service.name, target->file->path), proxies_edge(v, *target, h.target).label);
    connections(id, v);
  }

  // Environment values that name another service of the project as a URL host: what it talks to.
  void connections(const std::string& id, const ContainerView& v) {
    for (const auto& [name, b] : v.env.vars) {
      if (!b.value_known || b.value.find("://") == std::string::npos) continue;
      std::string host = connection_address(b.value).host;
      if (const ContainerView* target = host.empty() ? nullptr : find_service(project_, v, host); target && target != &v)
        edge(id, node(service_id(*target), "service", target->service.name, target->file->path), "connects " + name);
    }
  }

  void image(const std::string& id, const ContainerView& v) {
    if (v.dockerfile) {
      std::string label = v.dockerfile->path + (v.image.base_image.empty() ? "" : "\nFROM " + v.image.base_image);
      GraphEdge e = builds_edge(v);
      edge(id, node(e.to, "image", label, v.dockerfile->path, 1), e.label);
    } else if (!v.image.base_image.empty()) {
      edge(id, node("image:" + v.image.base_image, "image", v.image.base_image), "runs");
    }
  }

  void container(const KubeContainerView& k) {
    const KubeWorkload& w = *k.workload;
    const KubeContainer& c = *k.container;
    std::string label = w.kind + "/" + w.name + " " + c.name + (c.init ? " (init)" : "");
    if (std::string cmd = command_text(k.manifest_command); !cmd.empty()) label += "\n" + cmd;
    std::string id = node(graph_id(w, c), "container", label, w.file, c.range.begin.line);
    if (!c.image.empty()) edge(id, node("image:" + c.image, "image", c.image), "runs");
    if (const SettingsResult* s = settings_ ? settings_->of(c) : nullptr) edge(id, node(graph_settings_id(s->path), "settings", s->path, s->path, 1), "loads");
  }

  const Project& project_;
  const ServiceSettings* settings_;  // null when the model could not be built
  DeploymentGraph g_;
  std::set<std::string> seen_;
};

}  // namespace

DeploymentGraph deployment_graph(const Project& project) { return Builder(project).build(); }

std::string graph_service_id(const std::string& compose_path, const std::string& name) { return "service:" + compose_path + "#" + name; }
std::string graph_id(const ContainerView& v) { return graph_service_id(v.file->path, v.service.name); }
std::string graph_id(const KubeWorkload& w, const KubeContainer& c) { return "container:" + w.file + "#" + w.name + "/" + c.name; }
std::string graph_settings_id(const std::string& path) { return "settings:" + path; }
std::string graph_env_file_id(const std::string& path) { return "env:" + path; }
GraphEdge loads_edge(const std::string& process_id, const std::string& settings_path) { return {process_id, graph_settings_id(settings_path), "loads"}; }
GraphEdge loads_edge(const ContainerView& v, const std::string& settings_path) { return loads_edge(graph_id(v), settings_path); }
GraphEdge depends_on_edge(const ContainerView& v, const ContainerView& target, const std::string& condition) {
  return {graph_id(v), graph_id(target), "depends_on " + condition};
}
GraphEdge env_file_edge(const std::string& path, const std::string& service_id) { return {graph_env_file_id(path), service_id, "env_file"}; }
GraphEdge proxies_edge(const ContainerView& v, const ContainerView& target, const std::string& written_target) {
  return {graph_id(v), graph_id(target), "proxies " + written_target};
}
GraphEdge builds_edge(const ContainerView& v) { return {graph_id(v), "image:" + (v.dockerfile ? v.dockerfile->path : std::string()), "builds"}; }
GraphEdge loads_edge(const KubeWorkload& w, const KubeContainer& c, const std::string& settings_path) {
  return loads_edge(graph_id(w, c), settings_path);
}

DeploymentGraph DeploymentGraph::around(const std::string& service) const {
  std::set<std::string> keep;
  for (const auto& n : nodes) {
    bool named = (n.kind == "service" && n.id.substr(n.id.rfind('#') + 1) == service) ||
                 (n.kind == "container" && n.id.substr(n.id.rfind('/') + 1) == service);
    if (named) keep.insert(n.id);
  }
  std::set<std::string> centre = keep;
  DeploymentGraph out;
  for (const auto& e : edges)
    if (centre.count(e.from) || centre.count(e.to)) {
      keep.insert(e.from);
      keep.insert(e.to);
      out.edges.push_back(e);
    }
  for (const auto& n : nodes)
    if (keep.count(n.id)) out.nodes.push_back(n);
  return out;
}

}  // namespace cfglint
