// YAML front-end: libfyaml's event API into our positioned tree.
// Also parses JSON (libfyaml's JSON mode), so both formats share one tree and one duplicate-key check.
#pragma once
#include <string_view>

#include "frontends/tree/tree.h"

namespace cfglint {

enum class TreeSyntax { Yaml, Json };

// `text` must outlive nothing: the tree copies what it keeps. Never throws.
ParsedTree parse_yaml(std::string_view text, const LineIndex& lines, TreeSyntax syntax = TreeSyntax::Yaml,
                      const TreeLimits& limits = {});

}  // namespace cfglint
