#include "engine/finalize.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/strings.h"
#include "discovery/classify.h"

namespace cfglint {
namespace {

std::string normalize_snippet(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : trim(s)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool names_rule(const Suppression& s, const RuleSpec& rule) {
  if (s.rules.empty()) return true;
  return std::any_of(s.rules.begin(), s.rules.end(), [&](const std::string& r) { return iequals(r, rule.id) || r == rule.name; });
}

// A finding about something absent (a setting never set) has no line of its own: its fingerprint
// must not depend on whatever line 1 happens to hold.
bool is_whole_file(const Finding& f) { return f.where.range.begin.line == 0; }

}  // namespace

bool rule_selected(const RuleSpec& rule, const std::vector<std::string>& refs) {
  for (const auto& r : refs)
    if (r == "ALL" || iequals(r, rule.id) || r == rule.name || starts_with_icase(rule.id, r)) return true;
  return false;
}

// Below the folder the user named, a test folder (tests/, testdata/, fixtures/) holds test stacks and
// test data, not the deployment: what is wrong there is said as a note. A folder or file named on the
// command line is what the user asked about, whatever it is called.
static bool in_test_data(const std::string& file, const Target& target) {
  if (target.only_files.count(file)) return false;
  size_t skip = 0;
  for (const auto& d : target.only_dirs)
    if (file.compare(0, d.size(), d) == 0) skip = std::max(skip, d.size());
  return test_data_path(std::string_view(file).substr(skip));
}

std::vector<Finding> apply_severities(std::vector<Finding> findings, const RuleCatalog& catalog,
                                      const std::set<std::string>& active, const Config& cfg, const Target& target) {
  std::vector<Finding> kept;
  for (auto& f : findings) {
    const RuleSpec* rule = catalog.find(f.rule_id);
    if (!rule || !active.count(rule->id)) continue;
    f.rule_id = rule->id;
    f.severity = f.severity_override.value_or(rule->severity);
    if (f.severity != Severity::Note && in_test_data(f.where.file, target)) f.severity = Severity::Note;
    if (auto it = cfg.severity.find(rule->id); it != cfg.severity.end()) f.severity = it->second;
    bool ignored = false;
    for (const auto& o : cfg.overrides) {
      bool match = std::any_of(o.paths.begin(), o.paths.end(), [&](const std::string& g) { return glob_match(g, f.where.file); });
      if (!match) continue;
      if (rule_selected(*rule, o.ignore)) ignored = true;
      if (auto it = o.severity.find(rule->id); it != o.severity.end()) f.severity = it->second;
    }
    if (!ignored) kept.push_back(std::move(f));
  }
  return kept;
}

void apply_suppressions(std::vector<Finding>& findings, const SuppressionMap& suppressions, const RuleCatalog& catalog) {
  for (auto& f : findings) {
    auto it = suppressions.find(f.where.file);
    if (it == suppressions.end()) continue;
    const RuleSpec* rule = catalog.find(f.rule_id);
    for (const auto& s : it->second) {
      // A finding about the whole file is suppressed by a file-level comment only.
      if (!s.file_level && (is_whole_file(f) || s.target_line != f.where.range.begin.line)) continue;
      if (!names_rule(s, *rule)) continue;
      s.used = true;
      f.suppressed = true;
      f.suppression_reason = s.reason;
      break;
    }
  }
}

void report_unused_suppressions(const SuppressionMap& suppressions, const RuleCatalog& catalog,
                                const std::set<std::string>& active, std::vector<Finding>& out) {
  const RuleSpec* unused = catalog.find(kUnusedSuppressionRule);
  if (!unused || !active.count(unused->id)) return;
  for (const auto& [file, list] : suppressions) {
    for (const auto& s : list) {
      if (s.used) continue;
      std::string unknown;
      bool only_inactive = !s.rules.empty();
      for (const auto& r : s.rules) {
        const RuleSpec* named = catalog.find(r);
        if (!named) {
          unknown = r;
          only_inactive = false;
          break;
        }
        if (active.count(named->id)) only_inactive = false;
      }
      if (only_inactive) continue;  // the rule is switched off: the comment cannot be tested here
      Finding f;
      f.rule_id = unused->id;
      f.severity = unused->severity;
      f.where = {file, s.comment, {}};
      f.message = unknown.empty() ? "this suppression matches no finding; remove it so it cannot hide a future one"
                                  : "this suppression names unknown rule `" + unknown + "`; see `cfglint rules`";
      out.push_back(std::move(f));
    }
  }
}

std::vector<Finding> keep_reported(std::vector<Finding> findings, const Target& target) {
  if (target.whole) return findings;
  std::vector<Finding> kept;
  for (auto& f : findings) {
    bool in = target.reports(f.where.file);
    for (const auto& rl : f.related) in = in || target.reports(rl.file);
    if (in) kept.push_back(std::move(f));
  }
  return kept;
}

void add_snippets_and_fingerprints(std::vector<Finding>& findings, const Target& target) {
  std::map<std::string, std::vector<Finding*>> by_file;
  for (auto& f : findings) by_file[f.where.file].push_back(&f);
  for (auto& [file, list] : by_file) {
    auto in = target.stdin_text.find(file);
    // As the front-ends read it: a UTF-16 requirements file's lines are shown decoded.
    std::string text = decode_bom_text(in != target.stdin_text.end() ? in->second : read_whole_file(target.root + "/" + file));
    LineIndex lines(text);
    std::map<std::string, int> seen;
    std::sort(list.begin(), list.end(), [](const Finding* a, const Finding* b) {
      return std::tie(a->where.range, a->rule_id, a->message) < std::tie(b->where.range, b->rule_id, b->message);
    });
    for (Finding* f : list) {
      std::string_view line = is_whole_file(*f) ? std::string_view() : lines.line_text(text, f->where.range.begin.line);
      f->snippet = std::string(line.substr(0, 400));
      // rule + file + normalised line text (or the message, for a whole-file finding) + occurrence
      std::string key = f->rule_id + "\n" + file + "\n" + (is_whole_file(*f) ? f->message : normalize_snippet(line));
      int n = seen[key]++;
      f->fingerprint = hex64(fnv1a(key + "\n" + std::to_string(n)));
    }
  }
}

}  // namespace cfglint
