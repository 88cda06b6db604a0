// All known rules: the embedded rules/ files plus user rules from config. Loaded once per run.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_spec.h"

namespace cfglint {

struct RuleLoadError {
  std::string origin;
  Position position;
  std::string message;
};

// The strings of an array setting (non-strings skipped); empty when the key is absent.
std::vector<std::string> toml_string_list(const toml::table& t, std::string_view key);

class RuleCatalog {
 public:
  // The built-in rules from the binary.
  static RuleCatalog builtin();

  // Adds a rule from a TOML table; returns false and fills `error` when the table is not a valid rule.
  bool add(const toml::table& table, std::string_view origin, RuleLoadError& error);
  // Parses a whole rule file (one rule per file, or [[rule]] arrays).
  bool add_file(std::string_view text, std::string_view origin, std::vector<RuleLoadError>& errors);

  const RuleSpec* find(std::string_view id_or_name) const;
  const std::vector<RuleSpec>& all() const { return rules_; }
  // Knowledge tables (rules/knowledge/*.toml) by file stem, e.g. "images".
  const toml::table* knowledge(std::string_view name) const;
  // The entries of an array of tables in a knowledge file (`[[image]]` in images.toml); none when absent.
  std::vector<const toml::table*> knowledge_entries(std::string_view name, std::string_view array) const;

 private:
  std::vector<RuleSpec> rules_;
  std::map<std::string, toml::table, std::less<>> knowledge_;
};

}  // namespace cfglint
