// Decides what a file is from its path alone (content-based refinements, e.g. Kubernetes, come later).
#pragma once
#include <string_view>

#include "core/source.h"

namespace cfglint {

FileKind classify_path(std::string_view rel_path);

}  // namespace cfglint
