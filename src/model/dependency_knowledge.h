// The backing services processes connect to (PostgreSQL, MySQL, Redis, RabbitMQ, ...): the images that
// run each, the URL schemes and variable names that point at it, and the error a client prints when it
// cannot connect. Read once from rules/knowledge/dependencies.toml for every check that needs it.
#pragma once
#include <string>
#include <vector>

#include "rules/rule_catalog.h"

namespace cfglint {

struct ContainerView;

struct Dependency {
  std::string product, error;
  std::vector<std::string> images, schemes, words, names;
};

std::vector<Dependency> load_dependencies(const RuleCatalog& catalog);

// Whether the container runs the backing service itself (its image is one of `d.images`).
bool runs_dependency(const ContainerView& v, const Dependency& d);

// The dependency a URL scheme names ("postgres" -> PostgreSQL), or nullptr.
const Dependency* dependency_of_scheme(const std::vector<Dependency>& deps, const std::string& scheme);

}  // namespace cfglint
