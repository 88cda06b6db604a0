#include "reporters/reporter.h"

namespace cfglint {

const std::vector<ReporterInfo>& reporters() {
  static const std::vector<ReporterInfo> all = {
      {"text", "human-readable, with source lines and fixes (default)", write_text},
      {"json", "stable machine-readable schema (docs/json-output.md)", write_json},
      {"sarif", "SARIF 2.1.0 for GitHub code scanning and other viewers", write_sarif},
      {"github", "GitHub Actions workflow commands (annotations)", write_github},
      {"gitlab", "GitLab Code Quality report (artifacts:reports:codequality)", write_gitlab},
      {"junit", "JUnit XML: a test case per file, a failure per finding", write_junit},
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

std::string first_paragraph(std::string_view text) {
  size_t p = text.find("\n\n");
  std::string s(text.substr(0, p));
  for (auto& c : s)
    if (c == '\n') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace cfglint
