// The deployment model as a graph, for `cfglint graph`: what cfglint understood, so a user who doubts a
// finding can see the links it used. Nodes are services and Kubernetes containers, the images they run,
// the settings modules they load, the env files they read and the commands they start; edges say how
// they are linked (depends_on, env_file, loads, proxies, connects).
#pragma once
#include <string>
#include <vector>

#include "model/project.h"

namespace cfglint {

struct GraphNode {
  std::string id;     // stable: "service:compose.yaml#web"
  std::string kind;   // service, container, image, settings, env-file, missing-env-file
  std::string label;  // first line: the name; further lines: facts ("gunicorn 0.0.0.0:8000")
  std::string file;   // where it is defined ("" for external images)
  uint32_t line = 0;
};

struct DeploymentGraph {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  // Only `service` (a compose service or Kubernetes container name) and what it links to directly.
  DeploymentGraph around(const std::string& service) const;
};

DeploymentGraph deployment_graph(const Project& project);

// Node ids, for findings that name the edges they used (Finding::graph_edges).
std::string graph_service_id(const std::string& compose_path, const std::string& service_name);
std::string graph_id(const ContainerView& service);
std::string graph_id(const KubeWorkload& workload, const KubeContainer& container);
std::string graph_settings_id(const std::string& path);
std::string graph_env_file_id(const std::string& path);
// The edges a finding about a process that loads settings rests on.
GraphEdge loads_edge(const std::string& process_id, const std::string& settings_path);
GraphEdge loads_edge(const ContainerView& service, const std::string& settings_path);
GraphEdge loads_edge(const KubeWorkload& workload, const KubeContainer& container, const std::string& settings_path);
GraphEdge depends_on_edge(const ContainerView& service, const ContainerView& target, const std::string& condition);
GraphEdge env_file_edge(const std::string& env_file_path, const std::string& service_id);
GraphEdge proxies_edge(const ContainerView& proxy, const ContainerView& target, const std::string& written_target);
// Only for a service built from a Dockerfile in the repository (ContainerView::dockerfile).
GraphEdge builds_edge(const ContainerView& service);

}  // namespace cfglint
