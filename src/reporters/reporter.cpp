#include "reporters/reporter.h"

#include "core/strings.h"

namespace cfglint {

const std::vector<ReporterInfo>& reporters() {
  static const std::vector<ReporterInfo> all = {
      {"text", "human-readable, with source lines and fixes (default)", write_text},
      {"json", "stable machine-readable schema (docs/json-output.md)", write_json},
      {"sarif", "SARIF 2.1.0 for GitHub code scanning and other viewers", write_sarif},
      {"github", "GitHub Actions workflow commands (annotations)", write_github},
      {"gitlab", "GitLab Code Quality report (artifacts:reports:codequality)", write_gitlab},
      {"junit", "JUnit XML: a test case per file, a failure per finding", write_junit, true},
  };
  return all;
}

const ReporterInfo* find_reporter(std::string_view name) {
  for (const auto& r : reporters())
    if (r.name == name) return &r;
  return nullptr;
}

std::string rule_doc_url(const RuleSpec& rule) {
  if (rule.origin.rfind("rules/", 0) != 0) return "";  // user rules have no hosted docs
  return std::string(kHomepage) + "/blob/main/docs/rules/" + rule.id + ".md";
}

std::string printable(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = utf8_sequence_length(s, i);
    if (n > 1 && !(n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0)) {  // C1 controls are escapes too
      out.append(s.substr(i, n));
      i += n;
      continue;
    }
    if (n == 1 && (c >= 0x20 || c == '\t') && c != 0x7f) out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
    ++i;
  }
  return out;
}

std::string first_paragraph(std::string_view text) {
  size_t p = text.find("\n\n");
  std::string s(text.substr(0, p));
  for (auto& c : s)
    if (c == '\n') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace cfglint
