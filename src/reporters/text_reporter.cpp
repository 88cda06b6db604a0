// Text output, for a tired engineer at deploy time: where, what, why, and how to fix it.
#include <map>

#include "reporters/reporter.h"

namespace cfglint {
namespace {

struct Style {
  bool on;
  std::string c(const char* code, const std::string& s) const { return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s; }
};

const char* sev_color(Severity s) {
  switch (s) {
    case Severity::Error: return "1;31";
    case Severity::Warning: return "1;33";
    case Severity::Note: return "1;36";
  }
  return "0";
}

// Everything that comes from the scanned repository (paths, messages that quote it, source lines) goes
// through printable(): no escape sequence or newline of a hostile file reaches the terminal or CI log.
std::string pos(const Location& l) {
  if (l.range.begin.line == 0) return printable(l.file);  // the file as a whole
  return printable(l.file) + ":" + std::to_string(l.range.begin.line) + ":" + std::to_string(l.range.begin.column);
}

}  // namespace

void write_text(std::ostream& os, const ReportContext& ctx) {
  Style st{ctx.color};
  std::map<Severity, size_t> counts;
  std::map<std::string, std::pair<size_t, Severity>> per_rule;
  size_t suppressed = 0;
  for (const auto& f : ctx.result.findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    ++counts[f.severity];
    auto& pr = per_rule[f.rule_id];
    ++pr.first;
    pr.second = f.severity;
    if (ctx.quiet) {
      os << pos(f.where) << ": " << severity_name(f.severity) << "[" << f.rule_id << "] " << printable(f.message) << "\n";
      continue;
    }
    const RuleSpec* rule = ctx.catalog.find(f.rule_id);
    os << st.c("1", pos(f.where) + ":") << " " << st.c(sev_color(f.severity), std::string(severity_name(f.severity)))
       << st.c("1", "[" + f.rule_id + " " + (rule ? rule->name : "") + "]") << " " << printable(f.message) << "\n";
    std::string snippet = printable(f.snippet);
    if (!snippet.empty()) {
      std::string num = std::to_string(f.where.range.begin.line);
      std::string pad(num.size(), ' ');
      os << st.c("34", pad + " |") << "\n" << st.c("34", num + " |") << " " << snippet << "\n";
      // caret under the range (columns are code points; tabs kept so the caret lines up)
      std::string marker;
      uint32_t col = 1, cp = 0;
      size_t i = 0;
      for (; i < snippet.size() && col < f.where.range.begin.column; ++i) {
        unsigned char c = static_cast<unsigned char>(snippet[i]);
        if ((c & 0xC0) == 0x80) continue;
        marker += (c == '\t') ? '\t' : ' ';
        ++col;
      }
      uint32_t end = f.where.range.end.line == f.where.range.begin.line ? f.where.range.end.column : UINT32_MAX;
      for (; i < snippet.size() && col < end; ++i) {
        unsigned char c = static_cast<unsigned char>(snippet[i]);
        if ((c & 0xC0) == 0x80) continue;
        marker += '^';
        ++col;
        ++cp;
      }
      if (cp == 0) marker += '^';
      os << st.c("34", pad + " |") << " " << st.c(sev_color(f.severity), marker) << "\n";
    }
    for (const auto& r : f.related) os << "  " << st.c("34", "= note:") << " " << pos(r) << ": " << printable(r.message) << "\n";
    for (const auto& e : f.graph_edges)  // the same ids `cfglint graph` prints
      os << "  " << st.c("34", "= via:") << " " << printable(e.from) << " -[" << printable(e.label) << "]-> " << printable(e.to) << "\n";
    if (rule && !rule->fix.empty()) os << "  " << st.c("1;32", "= help:") << " " << first_paragraph(rule->fix) << "\n";
    os << "\n";
  }
  for (const auto& p : ctx.result.problems) os << printable(p.file) << ": " << st.c("1;31", "error") << ": " << p.message << "\n";
  if (ctx.statistics && !per_rule.empty()) {
    os << "Findings per rule:\n";
    for (const auto& [id, pr] : per_rule) {
      const RuleSpec* rule = ctx.catalog.find(id);
      os << "  " << pr.first << "\t" << id << "\t" << (rule ? rule->name : "") << "\t" << severity_name(pr.second) << "\n";
    }
  }
  if (ctx.statistics)
    for (const auto& [why, n] : ctx.result.files_skipped) os << "Not analysed: " << n << " " << why << "\n";
  size_t total = counts[Severity::Error] + counts[Severity::Warning] + counts[Severity::Note];
  std::string summary;
  if (total == 0) summary = "No problems found";
  else
    summary = "Found " + std::to_string(counts[Severity::Error]) + " error(s), " + std::to_string(counts[Severity::Warning]) +
              " warning(s), " + std::to_string(counts[Severity::Note]) + " note(s)";
  if (suppressed) summary += " (" + std::to_string(suppressed) + " suppressed)";
  summary += " in " + std::to_string(ctx.result.files_analyzed) + " file(s).";
  if (!ctx.quiet || total) os << st.c("1", summary) << "\n";
  if (ctx.result.baseline_fixed)
    os << ctx.result.baseline_fixed << " finding(s) in the baseline no longer occur: refresh it with `cfglint baseline --output FILE`.\n";
}

}  // namespace cfglint
