// The last stages of a run, after the checks: severities, suppressions (and the unused ones), the
// restriction to what was asked for, snippets and fingerprints. Each is one function with one job.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/finding.h"
#include "engine/config.h"
#include "engine/suppressions.h"
#include "engine/targets.h"
#include "rules/rule_catalog.h"

namespace cfglint {

bool rule_selected(const RuleSpec& rule, const std::vector<std::string>& refs);

// Severity: rule default, then a check's own lowering, then a note below a test folder of `target`,
// then config, then per-path overrides. Drops findings of inactive rules and those a path override ignores.
std::vector<Finding> apply_severities(std::vector<Finding> findings, const RuleCatalog& catalog,
                                      const std::set<std::string>& active, const Config& config, const Target& target);

using SuppressionMap = std::map<std::string, std::vector<Suppression>>;

// Marks suppressed findings (they are kept, marked, for SARIF and JSON).
void apply_suppressions(std::vector<Finding>& findings, const SuppressionMap& suppressions, const RuleCatalog& catalog);

// A suppression that matched nothing is a finding itself (CFG002), unless it names only inactive rules.
void report_unused_suppressions(const SuppressionMap& suppressions, const RuleCatalog& catalog,
                                const std::set<std::string>& active, std::vector<Finding>& out);

// Only findings in what was named, or whose evidence runs through it.
std::vector<Finding> keep_reported(std::vector<Finding> findings, const Target& target);

// The first source line of each finding and a fingerprint that survives lines moving.
void add_snippets_and_fingerprints(std::vector<Finding>& findings, const Target& target);

}  // namespace cfglint
