// Template "duplicate-key": a mapping key written twice. docker compose rejects the file; kubectl and
// most JSON/YAML loaders keep the last value silently, so the first is dead configuration.
#include "checks/format/duplicate_key.h"

namespace cfglint {
namespace {

class DuplicateKeyCheck final : public Check {
 public:
  using Check::Check;
  void check_file(const FileUnit& unit, std::vector<Finding>& out) const override {
    if (!unit.tree) return;
    for (const auto& d : unit.tree->duplicates) {
      std::string effect = unit.source.kind == FileKind::Compose
                               ? "docker compose refuses the file (\"mapping key already defined\")"
                               : unit.source.kind == FileKind::Kubernetes
                                     ? "kubectl only warns and keeps this later value, so the first one is ignored"
                                     : "most loaders silently keep this later value, so the first one is ignored";
      Finding f = finding(unit.source.path, d.duplicate,
                          "key `" + d.key + "` is defined twice in this mapping (first at line " + std::to_string(d.first.begin.line) +
                              "): " + effect);
      f.related.push_back({unit.source.path, d.first, "first definition of `" + d.key + "`"});
      // Only compose refuses the file; elsewhere the later value wins: dead configuration to clean up,
      // not a promise that the deployment fails.
      if (unit.source.kind != FileKind::Compose) f.severity_override = Severity::Warning;
      out.push_back(std::move(f));
    }
  }
};

}  // namespace

TemplateInfo duplicate_key_template() {
  return {"duplicate-key", "Keys repeated within one mapping of a YAML or JSON document.", "files",
          [](const RuleSpec& rule, const RuleCatalog&, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<DuplicateKeyCheck>(rule);
          }};
}

}  // namespace cfglint
