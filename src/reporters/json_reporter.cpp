// JSON output: schema documented in docs/json-output.md. Bump "version" on any incompatible change.
#include <nlohmann/json.hpp>

#include "reporters/reporter.h"

namespace cfglint {

namespace {
// A finding about a file as a whole (a setting that is never set) has no range: null.
nlohmann::json range_json(const Range& r) {
  if (r.begin.line == 0) return nullptr;
  return {{"start", {{"line", r.begin.line}, {"column", r.begin.column}}}, {"end", {{"line", r.end.line}, {"column", r.end.column}}}};
}
}  // namespace

namespace {
nlohmann::json graph_edges_json(const std::vector<GraphEdge>& edges) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : edges) out.push_back({{"from", e.from}, {"to", e.to}, {"label", e.label}});
  return out;
}
}  // namespace

void write_json(std::ostream& os, const ReportContext& ctx) {
  using nlohmann::json;
  json findings = json::array();
  size_t counts[3] = {0, 0, 0};
  size_t suppressed = 0;
  for (const auto& f : ctx.result.findings) {
    const RuleSpec* rule = ctx.catalog.find(f.rule_id);
    json related = json::array();
    for (const auto& r : f.related) related.push_back({{"file", r.file}, {"range", range_json(r.range)}, {"message", r.message}});
    json j = {{"id", f.rule_id},
              {"name", rule ? rule->name : ""},
              {"severity", severity_name(f.severity)},
              {"file", f.where.file},
              {"range", range_json(f.where.range)},
              {"message", f.message},
              {"help", rule ? first_paragraph(rule->fix) : ""},
              {"related", related},
              {"graph_edges", graph_edges_json(f.graph_edges)},
              {"suppressed", f.suppressed},
              {"fingerprint", f.fingerprint}};
    if (f.suppressed) {
      j["suppression_reason"] = f.suppression_reason;
      ++suppressed;
    } else {
      ++counts[static_cast<int>(f.severity)];
    }
    findings.push_back(std::move(j));
  }
  json problems = json::array();
  for (const auto& p : ctx.result.problems) problems.push_back({{"file", p.file}, {"message", p.message}});
  json skipped = json::object();
  for (const auto& [why, n] : ctx.result.files_skipped) skipped[why] = n;
  json out = {{"version", 1},
              {"tool", {{"name", "cfglint"}, {"version", CFGLINT_VERSION}}},
              {"summary",
               {{"files", ctx.result.files_analyzed},
                {"errors", counts[2]},
                {"warnings", counts[1]},
                {"notes", counts[0]},
                {"suppressed", suppressed},
                {"skipped", skipped}}},
              {"findings", findings},
              {"problems", problems}};
  // Paths and messages come from the scanned repository: invalid UTF-8 is replaced, never fatal.
  os << out.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace cfglint
