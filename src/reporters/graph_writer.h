// `cfglint graph` output: Mermaid (pastes into a GitHub comment), Graphviz DOT, or JSON.
#pragma once
#include <ostream>
#include <string>

#include "model/deployment_graph.h"

namespace cfglint {

void write_graph_mermaid(std::ostream& out, const DeploymentGraph& g);
void write_graph_dot(std::ostream& out, const DeploymentGraph& g);
void write_graph_json(std::ostream& out, const DeploymentGraph& g);

}  // namespace cfglint
