// The rules/ folder, embedded at build time by cmake/embed_rules.cmake.
#pragma once
#include <string_view>
#include <vector>

namespace cfglint {

struct EmbeddedFile {
  std::string_view path;  // relative to rules/
  std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_rule_files();

}  // namespace cfglint
