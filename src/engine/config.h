// .cfglint.toml: rule selection, severities, per-path overrides, excludes and user rules.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "rules/rule_catalog.h"

namespace cfglint {

struct PathOverride {
  std::vector<std::string> paths;  // globs relative to the root
  std::vector<std::string> ignore;
  std::map<std::string, Severity> severity;
};

struct Config {
  std::string path;  // the file it came from ("" when none)
  std::vector<std::string> select;  // empty: all
  std::vector<std::string> ignore;
  std::vector<std::string> exclude;
  std::map<std::string, Severity> severity;  // rule id or name -> severity
  std::vector<PathOverride> overrides;
  std::optional<Severity> fail_on;
  bool fail_on_never = false;
  std::vector<std::string> rules_dirs;  // relative to the config's folder
};

struct ConfigError {
  std::string file;
  Position position;
  std::string message;
  std::string to_string() const;
};

// Parses config text. User rules ([[rule]] tables and rules-dir files) are added to `catalog`.
// Returns false with `error` on the first problem.
bool load_config(const std::string& path, std::string_view text, Config& out, RuleCatalog& catalog, ConfigError& error);

// Walks up from `start` to find .cfglint.toml; "" when none.
std::string find_config(const std::string& start_dir);

}  // namespace cfglint
