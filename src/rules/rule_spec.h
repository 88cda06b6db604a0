// A rule as data: what `cfglint rules`, `explain`, SARIF and the docs print, and which check
// template (with which parameters) finds it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/finding.h"

namespace cfglint {

struct RuleSpec {
  std::string id;    // stable, e.g. CFG003
  std::string name;  // kebab-case, e.g. duplicate-key
  Severity severity = Severity::Warning;
  std::string summary;
  std::string rationale;
  std::string fix;
  std::string bad_example;
  std::string good_example;
  std::vector<std::string> references;
  std::vector<std::string> tags;
  std::optional<double> security_severity;  // 0.0-10.0, for GitHub code scanning
  std::string template_name;                // check template implemented in C++ ("regex", "path", ...)
  std::vector<std::string> files;           // file kinds the check reads (see file_kind_matches)
  toml::table params;                       // the [check] table, template-specific parameters
  std::string origin;                       // where the rule was defined ("rules/CFG003-....toml", ".cfglint.toml")
  bool builtin = false;                     // shipped with cfglint (embedded), not the project's own
};

}  // namespace cfglint
