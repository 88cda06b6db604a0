// Inline suppressions in every format with '#' comments:
//   # cfglint: ignore[CFG003,duplicate-key] reason     (same line after code, or the next code line)
//   # cfglint: ignore-file[CFG003] reason              (whole file; without [...] every rule)
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"

namespace cfglint {

struct Suppression {
  std::vector<std::string> rules;  // ids or names; empty = every rule
  std::string reason;
  Range comment;           // where the comment is, for "unused suppression"
  uint32_t target_line = 0;  // 0 for file-level
  bool file_level = false;
  mutable bool used = false;
};

// Finds suppression comments. Formats without comments (JSON) have none.
std::vector<Suppression> scan_suppressions(const SourceFile& file);

}  // namespace cfglint
