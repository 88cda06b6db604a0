// TOML front-end: toml++ into the shared positioned tree.
#pragma once
#include <string_view>

#include "frontends/tree/tree.h"

namespace cfglint {

ParsedTree parse_toml(std::string_view text, const LineIndex& lines, const TreeLimits& limits = {});

}  // namespace cfglint
