// Amazon ECS task definitions (JSON): containers, health checks, essential flags, dependsOn.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "frontends/tree/tree.h"

namespace cfglint {

struct EcsHealthCheck {
  bool present = false;
  std::vector<std::string> command;
  Range range, command_range;
  struct Field {
    std::optional<long> value;
    Range range;
  };
  Field interval, timeout, retries, start_period;
};

struct EcsContainer {
  std::string name;
  Range range;
  bool essential = true;  // the ECS default
  EcsHealthCheck health;
  std::vector<std::pair<std::string, std::string>> depends_on;  // container, condition
  std::vector<Range> depends_on_ranges;
};

struct EcsTaskDefinition {
  std::string file;
  std::string family;
  std::vector<EcsContainer> containers;
};

// A task definition when the tree looks like one (containerDefinitions), else nullopt.
std::optional<EcsTaskDefinition> build_ecs_model(const std::string& path, const ParsedTree& tree);

}  // namespace cfglint
