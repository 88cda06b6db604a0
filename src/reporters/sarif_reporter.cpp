// SARIF 2.1.0, shaped for GitHub code scanning: full rules metadata, repo-relative URIs with
// %SRCROOT%, related locations for evidence chains, partial fingerprints and in-source suppressions.
#include <unistd.h>

#include <climits>
#include <map>
#include <nlohmann/json.hpp>

#include "reporters/reporter.h"

namespace cfglint {
namespace {

using nlohmann::json;

const char* level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "warning";
}

std::string uri_escape(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

json physical(const Location& l) {
  json artifact;
  if (!l.file.empty() && l.file[0] == '/') artifact = {{"uri", "file://" + uri_escape(l.file)}};
  else artifact = {{"uri", uri_escape(l.file)}, {"uriBaseId", "%SRCROOT%"}};
  Range r = l.range;
  // The file as a whole: code scanning needs a region (GH1003), so line 1 without columns or snippet.
  if (r.begin.line == 0) return {{"artifactLocation", artifact}, {"region", {{"startLine", 1}}}};
  if (r.end < r.begin) r.end = r.begin;
  if (r.end.line == r.begin.line && r.end.column <= r.begin.column) r.end.column = r.begin.column + 1;
  return {{"artifactLocation", artifact},
          {"region", {{"startLine", r.begin.line}, {"startColumn", r.begin.column}, {"endLine", r.end.line}, {"endColumn", r.end.column}}}};
}

std::string pascal(std::string_view kebab) {
  std::string out;
  bool up = true;
  for (char c : kebab) {
    if (c == '-') { up = true; continue; }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

json rule_json(const RuleSpec& r) {
  std::string md = "**" + r.summary + "**\n\n" + r.rationale + "\n\n";
  if (!r.bad_example.empty()) md += "Bad:\n\n```\n" + r.bad_example + "\n```\n\n";
  if (!r.good_example.empty()) md += "Good:\n\n```\n" + r.good_example + "\n```\n\n";
  if (!r.fix.empty()) md += "**Fix:** " + r.fix + "\n";
  if (!r.references.empty()) {
    md += "\nReferences:\n";
    for (const auto& ref : r.references) md += "- " + ref + "\n";
  }
  std::string text = r.summary + "\n\n" + r.rationale + (r.fix.empty() ? "" : "\n\nFix: " + r.fix);
  json props = {{"tags", r.tags}, {"precision", "high"}};
  if (r.security_severity) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", *r.security_severity);
    props["security-severity"] = buf;
  }
  json j = {{"id", r.id},
            {"name", pascal(r.name)},
            {"shortDescription", {{"text", r.summary}}},
            {"fullDescription", {{"text", r.rationale.empty() ? r.summary : first_paragraph(r.rationale)}}},
            {"help", {{"text", text}, {"markdown", md}}},
            {"defaultConfiguration", {{"level", level(r.severity)}}},
            {"properties", props}};
  std::string url = rule_doc_url(r);
  if (!url.empty()) j["helpUri"] = url;
  return j;
}

}  // namespace

void write_sarif(std::ostream& os, const ReportContext& ctx) {
  json rules = json::array();
  std::map<std::string, size_t> index;
  for (const auto& r : ctx.catalog.all()) {
    index[r.id] = rules.size();
    rules.push_back(rule_json(r));
  }
  json results = json::array();
  for (const auto& f : ctx.result.findings) {
    json res = {{"ruleId", f.rule_id},
                {"ruleIndex", index.count(f.rule_id) ? index[f.rule_id] : 0},
                {"level", level(f.severity)},
                {"message", {{"text", f.message}}},
                {"locations", json::array({{{"physicalLocation", physical(f.where)}}})},
                {"partialFingerprints", {{"cfglintFingerprint/v1", f.fingerprint}}}};
    if (!f.related.empty()) {
      json rel = json::array();
      int id = 1;
      for (const auto& r : f.related)
        rel.push_back({{"id", id++}, {"physicalLocation", physical(r)}, {"message", {{"text", r.message.empty() ? "related" : r.message}}}});
      res["relatedLocations"] = rel;
    }
    if (!f.graph_edges.empty()) {  // the links of `cfglint graph` the finding rests on
      json edges = json::array();
      for (const auto& e : f.graph_edges) edges.push_back({{"from", e.from}, {"to", e.to}, {"label", e.label}});
      res["properties"] = {{"graphEdges", edges}};
    }
    if (f.suppressed)
      res["suppressions"] = json::array({{{"kind", "inSource"}, {"justification", f.suppression_reason.empty() ? "suppressed with a cfglint: ignore comment" : f.suppression_reason}}});
    results.push_back(std::move(res));
  }
  json notes = json::array();
  for (const auto& p : ctx.result.problems)
    notes.push_back({{"level", "error"},
                     {"message", {{"text", p.file + ": " + p.message}}},
                     {"locations", json::array({{{"physicalLocation", {{"artifactLocation", physical({p.file, {}, {}})["artifactLocation"]}}}}})}});
  char buf[PATH_MAX];
  std::string cwd = ::getcwd(buf, sizeof buf) ? buf : "/";
  json run = {{"tool",
               {{"driver",
                 {{"name", "cfglint"},
                  {"version", CFGLINT_VERSION},
                  {"semanticVersion", CFGLINT_VERSION},
                  {"informationUri", kHomepage},
                  {"rules", rules}}}}},
              {"invocations", json::array({{{"executionSuccessful", true}, {"toolExecutionNotifications", notes}}})},
              {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", "file://" + uri_escape(cwd) + "/"}}}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", results}};
  json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  os << log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace cfglint
