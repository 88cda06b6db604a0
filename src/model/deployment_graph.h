// The deployment model as a graph, for `cfglint graph`: what cfglint understood, so a user who doubts a
// finding can see the links it used. Nodes are services and Kubernetes containers, the images they run,
// the settings modules they load, the env files they read and the commands they start; edges say how
// they are linked (depends_on, env_file, loads, proxies, connects).
#pragma once
#include <string>
#include <vector>

#include "model/project.h"
#include "rules/rule_catalog.h"

namespace cfglint {

struct GraphNode {
  std::string id;     // stable: "service:compose.yaml#web"
  std::string kind;   // service, container, image, settings, env-file, missing-env-file
  std::string label;  // first line: the name; further lines: facts ("gunicorn 0.0.0.0:8000")
  std::string file;   // where it is defined ("" for external images)
  uint32_t line = 0;
};

struct GraphEdge {
  std::string from, to;
  std::string label;
};

struct DeploymentGraph {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  // Only `service` (a compose service or Kubernetes container name) and what it links to directly.
  DeploymentGraph around(const std::string& service) const;
};

DeploymentGraph deployment_graph(const Project& project, const RuleCatalog& catalog);

}  // namespace cfglint
