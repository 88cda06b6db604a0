// GitLab Code Quality report (artifacts:reports:codequality): a JSON array of issues.
#include <nlohmann/json.hpp>

#include "reporters/reporter.h"

namespace cfglint {

void write_gitlab(std::ostream& os, const ReportContext& ctx) {
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& f : ctx.result.findings) {
    if (f.suppressed) continue;
    const RuleSpec* rule = ctx.catalog.find(f.rule_id);
    const char* severity = f.severity == Severity::Error ? "critical" : f.severity == Severity::Warning ? "major" : "info";
    issues.push_back({{"type", "issue"},
                      {"check_name", f.rule_id + " " + (rule ? rule->name : "")},
                      {"description", f.message},
                      {"content", {{"body", rule ? rule->fix : ""}}},
                      {"categories", {"Bug Risk"}},
                      {"severity", severity},
                      {"fingerprint", f.fingerprint + "-" + f.rule_id},
                      {"location",
                       {{"path", f.where.file},
                        {"lines", {{"begin", std::max(1u, f.where.range.begin.line)}, {"end", std::max({1u, f.where.range.end.line, f.where.range.begin.line})}}}}}});
  }
  os << issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace cfglint
