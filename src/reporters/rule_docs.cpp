#include "reporters/rule_docs.h"

#include <iomanip>
#include <nlohmann/json.hpp>

#include "checks/check.h"
#include "reporters/reporter.h"

namespace cfglint {

void write_rules_table(std::ostream& os, const RuleCatalog& cat) {
  size_t w = 4;
  for (const auto& r : cat.all()) w = std::max(w, r.name.size());
  os << std::left << std::setw(8) << "ID" << "  " << std::setw(static_cast<int>(w)) << "NAME" << "  " << std::setw(8) << "SEVERITY"
     << "  SUMMARY\n";
  for (const auto& r : cat.all())
    os << std::left << std::setw(8) << r.id << "  " << std::setw(static_cast<int>(w)) << r.name << "  " << std::setw(8)
       << severity_name(r.severity) << "  " << r.summary << "\n";
}

void write_rules_json(std::ostream& os, const RuleCatalog& cat) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& r : cat.all())
    arr.push_back({{"id", r.id},
                   {"name", r.name},
                   {"severity", severity_name(r.severity)},
                   {"summary", r.summary},
                   {"rationale", r.rationale},
                   {"fix", r.fix},
                   {"example", {{"bad", r.bad_example}, {"good", r.good_example}}},
                   {"references", r.references},
                   {"tags", r.tags},
                   {"template", r.template_name},
                   {"files", r.files}});
  os << arr.dump(2) << "\n";
}

void write_rules_markdown(std::ostream& os, const RuleCatalog& cat) {
  os << "# cfglint rules\n\nGenerated from `rules/` by `cfglint rules --format markdown`. Do not edit.\n\n";
  os << "| ID | Name | Severity | Summary |\n|---|---|---|---|\n";
  for (const auto& r : cat.all())
    os << "| [" << r.id << "](rules/" << r.id << ".md) | `" << r.name << "` | " << severity_name(r.severity) << " | " << r.summary << " |\n";
}

void write_rule_markdown(std::ostream& os, const RuleSpec& r) {
  os << "# " << r.id << " " << r.name << "\n\n";
  os << "Generated from `" << r.origin << "` by `cfglint explain " << r.id << " --format markdown`. Do not edit.\n\n";
  os << "**" << r.summary << "**\n\n";
  os << "- Default severity: " << severity_name(r.severity) << "\n- Check template: `" << r.template_name << "`\n";
  if (!r.files.empty()) {
    os << "- Reads:";
    for (const auto& f : r.files) os << " " << f;
    os << "\n";
  }
  if (!r.tags.empty()) {
    os << "- Tags:";
    for (const auto& t : r.tags) os << " `" << t << "`";
    os << "\n";
  }
  os << "\n## Why this fails at deploy time\n\n" << r.rationale << "\n";
  if (!r.bad_example.empty()) os << "\n## Bad\n\n```\n" << r.bad_example << (r.bad_example.back() == '\n' ? "" : "\n") << "```\n";
  if (!r.good_example.empty()) os << "\n## Good\n\n```\n" << r.good_example << (r.good_example.back() == '\n' ? "" : "\n") << "```\n";
  if (!r.fix.empty()) os << "\n## Fix\n\n" << r.fix << "\n";
  if (!r.references.empty()) {
    os << "\n## References\n\n";
    for (const auto& ref : r.references) os << "- " << ref << "\n";
  }
  os << "\n## Suppress\n\n```\n# cfglint: ignore[" << r.id << "] reason\n```\n";
}

void write_rule_explain(std::ostream& os, const RuleSpec& r) {
  os << r.id << " " << r.name << " (" << severity_name(r.severity) << ")\n\n" << r.summary << "\n\n";
  if (!r.rationale.empty()) os << "Why it fails:\n" << r.rationale << "\n\n";
  if (!r.bad_example.empty()) os << "Bad:\n" << r.bad_example << (r.bad_example.back() == '\n' ? "" : "\n") << "\n";
  if (!r.good_example.empty()) os << "Good:\n" << r.good_example << (r.good_example.back() == '\n' ? "" : "\n") << "\n";
  if (!r.fix.empty()) os << "Fix:\n" << r.fix << "\n\n";
  for (const auto& ref : r.references) os << "See: " << ref << "\n";
  os << "Defined in " << r.origin << " (template `" << r.template_name << "`).\n";
}

}  // namespace cfglint
