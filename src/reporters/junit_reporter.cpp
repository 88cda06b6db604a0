// JUnit XML: one test case per analysed file, one failure per unsuppressed finding in it.
#include <map>

#include "core/strings.h"
#include "reporters/reporter.h"

namespace cfglint {
namespace {

std::string xml(std::string_view raw) {
  std::string out;
  std::string s = to_valid_utf8(raw);  // XML must be valid UTF-8 whatever the file names hold
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';  // not allowed in XML 1.0
        else out += c;
    }
  }
  return out;
}

}  // namespace

void write_junit(std::ostream& os, const ReportContext& ctx) {
  std::map<std::string, std::vector<const Finding*>> by_file;
  for (const auto& f : ctx.result.files) by_file[f];
  size_t failures = 0;
  for (const auto& f : ctx.result.findings) {
    if (f.suppressed) continue;
    by_file[f.where.file].push_back(&f);
    ++failures;
  }
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  os << "<testsuites name=\"cfglint\" tests=\"" << by_file.size() << "\" failures=\"" << failures << "\">\n";
  os << "  <testsuite name=\"cfglint\" tests=\"" << by_file.size() << "\" failures=\"" << failures << "\" errors=\"0\">\n";
  for (const auto& [file, list] : by_file) {
    os << "    <testcase classname=\"cfglint\" name=\"" << xml(file) << "\" file=\"" << xml(file) << "\">\n";
    for (const Finding* f : list) {
      const RuleSpec* rule = ctx.catalog.find(f->rule_id);
      os << "      <failure type=\"" << xml(f->rule_id) << "\" message=\"" << xml(f->message) << "\">"
         << xml(file + ":" + std::to_string(f->where.range.begin.line) + ":" + std::to_string(f->where.range.begin.column) + ": " +
                std::string(severity_name(f->severity)) + "[" + f->rule_id + " " + (rule ? rule->name : "") + "] " + f->message)
         << "</failure>\n";
    }
    os << "    </testcase>\n";
  }
  os << "  </testsuite>\n</testsuites>\n";
}

}  // namespace cfglint
