// Reporters turn a RunResult into one output format. They know nothing of how findings were made.
#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/runner.h"

namespace cfglint {

struct ReportContext {
  const RunResult& result;
  const RuleCatalog& catalog;
  bool color = false;
  bool statistics = false;
  bool quiet = false;
};

struct ReporterInfo {
  std::string name;
  std::string description;
  std::function<void(std::ostream&, const ReportContext&)> write;
  bool lists_files = false;  // reads RunResult::files
};

const std::vector<ReporterInfo>& reporters();
const ReporterInfo* find_reporter(std::string_view name);

// Shared helpers.
// Text from the scanned repository made safe for a terminal or a CI log: control characters and escape
// sequences shown as `\x1b`, `\n`, invalid UTF-8 bytes as `\xNN`; tabs kept.
std::string printable(std::string_view s);

std::string rule_doc_url(const RuleSpec& rule);
std::string first_paragraph(std::string_view text);
inline constexpr const char* kHomepage = "https://github.com/cfglint/cfglint";

void write_text(std::ostream&, const ReportContext&);
void write_json(std::ostream&, const ReportContext&);
void write_sarif(std::ostream&, const ReportContext&);
void write_github(std::ostream&, const ReportContext&);
void write_gitlab(std::ostream&, const ReportContext&);
void write_junit(std::ostream&, const ReportContext&);

}  // namespace cfglint
