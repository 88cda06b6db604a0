// GitHub Actions workflow commands: one annotation per unsuppressed finding.
#include "reporters/reporter.h"

namespace cfglint {
namespace {

std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

void write_github(std::ostream& os, const ReportContext& ctx) {
  for (const auto& f : ctx.result.findings) {
    if (f.suppressed) continue;
    const RuleSpec* rule = ctx.catalog.find(f.rule_id);
    const char* cmd = f.severity == Severity::Error ? "error" : f.severity == Severity::Warning ? "warning" : "notice";
    std::string msg = f.message;
    for (const auto& r : f.related)
      msg += "\n" + r.file + (r.range.begin.line ? ":" + std::to_string(r.range.begin.line) : "") + ": " + r.message;
    if (rule && !rule->fix.empty()) msg += "\nhelp: " + first_paragraph(rule->fix);
    os << "::" << cmd << " file=" << escape_property(f.where.file);
    if (f.where.range.begin.line)  // a finding about the file as a whole has no line
      os << ",line=" << f.where.range.begin.line << ",col=" << f.where.range.begin.column << ",endLine=" << f.where.range.end.line
         << ",endColumn=" << f.where.range.end.column;
    os << ",title=" << escape_property(f.rule_id + " " + (rule ? rule->name : ""))
       << "::" << escape_data(msg) << "\n";
  }
  for (const auto& p : ctx.result.problems) os << "::error file=" << escape_property(p.file) << "::" << escape_data(p.message) << "\n";
}

}  // namespace cfglint
