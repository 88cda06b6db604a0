// Compose files into ComposeFile: services and the settings the checks read.
#pragma once
#include "frontends/tree/tree.h"
#include "model/project.h"

namespace cfglint {

ComposeFile build_compose_model(const std::string& path, const ParsedTree& tree);

}  // namespace cfglint
