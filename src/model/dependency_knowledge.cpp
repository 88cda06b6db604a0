#include "model/dependency_knowledge.h"

#include <algorithm>

#include "model/deployment.h"

namespace cfglint {

std::vector<Dependency> load_dependencies(const RuleCatalog& catalog) {
  std::vector<Dependency> out;
  for (const toml::table* et : catalog.knowledge_entries("dependencies", "dependency"))
    out.push_back({(*et)["product"].value_or(std::string()), (*et)["error"].value_or(std::string()), toml_string_list(*et, "images"),
                   toml_string_list(*et, "schemes"), toml_string_list(*et, "words"), toml_string_list(*et, "names")});
  return out;
}

bool runs_dependency(const ContainerView& v, const Dependency& d) { return ImageKnowledge::matches(v.image.base_image, d.images); }

const Dependency* dependency_of_scheme(const std::vector<Dependency>& deps, const std::string& scheme) {
  for (const auto& d : deps)
    if (std::find(d.schemes.begin(), d.schemes.end(), scheme) != d.schemes.end()) return &d;
  return nullptr;
}

}  // namespace cfglint
