// The fixture driver: every folder under fixtures/ that holds an expected.txt is a project; cfglint's
// findings on it must equal the expectations exactly (nothing missing, nothing extra).
// expected.txt lines: FILE:LINE RULE-ID [suppressed] [severity=note] [~ text the message contains], or
// FILE RULE-ID for a finding about the file as a whole ('#' starts a comment; an empty file = no
// findings). Expectations are a multiset: a finding reported twice must be listed twice.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <set>
#include <sstream>

#include "engine/runner.h"

namespace fs = std::filesystem;
using namespace cfglint;

namespace {

std::vector<fs::path> fixture_dirs() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(CFGLINT_SOURCE_DIR) / "fixtures"))
    if (e.is_regular_file() && e.path().filename() == "expected.txt") out.push_back(e.path().parent_path());
  std::sort(out.begin(), out.end());
  return out;
}

// One line of expected.txt: `FILE:LINE RULE [suppressed] [severity=note] [~ text the message contains]`.
struct Expectation {
  std::string key;       // FILE:LINE RULE [suppressed]
  std::string severity;  // "" = any
  std::string message;   // "" = any
};

std::vector<Expectation> read_expectations(const fs::path& dir) {
  std::vector<Expectation> out;
  std::ifstream in(dir / "expected.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos && line.find(" ~ ") > hash) line = line.substr(0, hash);
    Expectation e;
    if (auto tilde = line.find(" ~ "); tilde != std::string::npos) {
      e.message = line.substr(tilde + 3);
      line = line.substr(0, tilde);
    }
    std::istringstream ss(line);
    std::string loc, rule, word;
    if (!(ss >> loc >> rule)) continue;
    bool suppressed = false;
    while (ss >> word) {
      if (word == "suppressed") suppressed = true;
      else if (word.rfind("severity=", 0) == 0) e.severity = word.substr(9);
    }
    e.key = loc + " " + rule + (suppressed ? " suppressed" : "");
    out.push_back(std::move(e));
  }
  return out;
}

// The keys only, as a multiset: a finding reported twice must be expected twice.
std::multiset<std::string> read_expected(const fs::path& dir) {
  std::multiset<std::string> out;
  for (const auto& e : read_expectations(dir)) out.insert(e.key);
  return out;
}

std::string key_of(const Finding& f) {
  // a finding about a file as a whole (line 0) is written FILE RULE, without a line
  return f.where.file + (f.where.range.begin.line ? ":" + std::to_string(f.where.range.begin.line) : "") + " " + f.rule_id +
         (f.suppressed ? " suppressed" : "");
}

RunResult run_fixture(const fs::path& dir, unsigned jobs) {
  Engine engine(RuleCatalog::builtin());
  RunOptions opt;
  opt.paths = {dir.string()};
  opt.relative_to = dir.string();
  opt.root = dir.string();  // each fixture is a project of its own inside this repository
  opt.jobs = jobs;
  return engine.run(opt);
}

std::multiset<std::string> actual(const fs::path& dir, unsigned jobs) {
  std::multiset<std::string> out;
  for (const auto& f : run_fixture(dir, jobs).findings) out.insert(key_of(f));
  return out;
}

std::string diff(const std::multiset<std::string>& expected, const std::multiset<std::string>& got) {
  std::string msg;
  for (auto it = expected.begin(); it != expected.end(); it = expected.upper_bound(*it))
    if (got.count(*it) < expected.count(*it)) msg += "  missing:    " + *it + "\n";
  for (auto it = got.begin(); it != got.end(); it = got.upper_bound(*it))
    if (expected.count(*it) < got.count(*it)) msg += "  unexpected: " + *it + (got.count(*it) > 1 ? " (reported " + std::to_string(got.count(*it)) + " times)" : "") + "\n";
  return msg;
}

// Severity and message constraints: some finding with the key has that severity and message text.
std::string constraint_failures(const std::vector<Expectation>& expected, const RunResult& r) {
  std::string msg;
  for (const auto& e : expected) {
    if (e.severity.empty() && e.message.empty()) continue;
    bool ok = std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
      return key_of(f) == e.key && (e.severity.empty() || severity_name(f.severity) == e.severity) &&
             (e.message.empty() || f.message.find(e.message) != std::string::npos);
    });
    if (!ok) msg += "  no finding " + e.key + (e.severity.empty() ? "" : " with severity " + e.severity) +
                    (e.message.empty() ? "" : " whose message contains: " + e.message) + "\n";
  }
  return msg;
}

}  // namespace

TEST_CASE("every fixture reports exactly its expected findings") {
  auto dirs = fixture_dirs();
  REQUIRE(dirs.size() >= 2);
  for (const auto& dir : dirs) {
    std::string rel = fs::relative(dir, CFGLINT_SOURCE_DIR).string();
    INFO("fixture " << rel);
    RunResult r = run_fixture(dir, 2);
    std::multiset<std::string> got;
    for (const auto& f : r.findings) got.insert(key_of(f));
    std::string d = diff(read_expected(dir), got) + constraint_failures(read_expectations(dir), r);
    INFO(d);
    CHECK(d.empty());
  }
}

TEST_CASE("every rule has a positive and a negative fixture") {
  auto cat = RuleCatalog::builtin();
  fs::path rules_dir = fs::path(CFGLINT_SOURCE_DIR) / "fixtures" / "rules";
  for (const auto& rule : cat.all()) {
    INFO("rule " << rule.id << " " << rule.name);
    fs::path pos = rules_dir / rule.id / "positive";
    fs::path neg = rules_dir / rule.id / "negative";
    REQUIRE(fs::exists(pos / "expected.txt"));
    REQUIRE(fs::exists(neg / "expected.txt"));
    bool positive_expects_rule = false;
    for (const auto& e : read_expected(pos))
      if (e.find(" " + rule.id) != std::string::npos) positive_expects_rule = true;
    CHECK(positive_expects_rule);
    for (const auto& e : read_expected(neg)) CHECK(e.find(" " + rule.id) == std::string::npos);
  }
}

TEST_CASE("results do not depend on the number of jobs") {
  fs::path example = fs::path(CFGLINT_SOURCE_DIR) / "fixtures" / "examples" / "django-channels-celery";
  auto one = actual(example, 1);
  CHECK(one == actual(example, 2));
  CHECK(one == actual(example, 8));
  CHECK(!one.empty());
}

TEST_CASE("the fixture driver tells a duplicate, a severity and a message apart") {
  std::multiset<std::string> twice{"a.py:1 CFG001", "a.py:1 CFG001"}, once{"a.py:1 CFG001"};
  CHECK(diff(twice, once).find("missing:    a.py:1 CFG001") != std::string::npos);
  CHECK(diff(once, twice).find("reported 2 times") != std::string::npos);
  CHECK(diff(once, once).empty());
  RunResult r;
  Finding f;
  f.rule_id = "CFG001";
  f.where = {"a.py", {{1, 1}, {1, 2}}, {}};
  f.severity = Severity::Note;
  f.message = "Python: not analysed: nesting is too deep";
  r.findings.push_back(f);
  CHECK(constraint_failures({{"a.py:1 CFG001", "note", "not analysed"}}, r).empty());
  CHECK(!constraint_failures({{"a.py:1 CFG001", "error", ""}}, r).empty());
  CHECK(!constraint_failures({{"a.py:1 CFG001", "", "syntax error"}}, r).empty());
}
