// dotenv front-end: KEY=value lines as docker compose reads env files and `.env`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "frontends/tree/tree.h"

namespace cfglint {

struct EnvEntry {
  std::string key;
  std::string value;
  bool quoted = false;
  Range range;      // whole line
  Range key_range;
};

struct EnvFile {
  std::vector<EnvEntry> entries;
  std::vector<TreeDiagnostic> errors;
  const EnvEntry* find(std::string_view key) const;
};

EnvFile parse_dotenv(std::string_view text, const LineIndex& lines);

}  // namespace cfglint
