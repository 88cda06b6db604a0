// The fixture driver: every folder under fixtures/ that holds an expected.txt is a project; cfglint's
// findings on it must equal the expectations exactly (nothing missing, nothing extra).
// expected.txt lines: FILE:LINE RULE-ID [suppressed], or FILE RULE-ID for a finding about the file as a whole   ('#' starts a comment; an empty file = no findings)
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
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

std::set<std::string> read_expected(const fs::path& dir) {
  std::set<std::string> out;
  std::ifstream in(dir / "expected.txt");
  std::string line;
  while (std::getline(in, line)) {
    auto hash = line.find('#');
    if (hash != std::string::npos) line = line.substr(0, hash);
    std::istringstream ss(line);
    std::string loc, rule, flag;
    if (!(ss >> loc >> rule)) continue;
    ss >> flag;
    out.insert(loc + " " + rule + (flag == "suppressed" ? " suppressed" : ""));
  }
  return out;
}

std::set<std::string> actual(const fs::path& dir, unsigned jobs) {
  Engine engine(RuleCatalog::builtin());
  RunOptions opt;
  opt.paths = {dir.string()};
  opt.relative_to = dir.string();
  opt.root = dir.string();  // each fixture is a project of its own inside this repository
  opt.jobs = jobs;
  RunResult r = engine.run(opt);
  std::set<std::string> out;
  for (const auto& f : r.findings)
    // a finding about a file as a whole (line 0) is written FILE RULE, without a line
    out.insert(f.where.file + (f.where.range.begin.line ? ":" + std::to_string(f.where.range.begin.line) : "") + " " + f.rule_id +
               (f.suppressed ? " suppressed" : ""));
  return out;
}

std::string diff(const std::set<std::string>& expected, const std::set<std::string>& got) {
  std::string msg;
  for (const auto& e : expected)
    if (!got.count(e)) msg += "  missing:    " + e + "\n";
  for (const auto& g : got)
    if (!expected.count(g)) msg += "  unexpected: " + g + "\n";
  return msg;
}

}  // namespace

TEST_CASE("every fixture reports exactly its expected findings") {
  auto dirs = fixture_dirs();
  REQUIRE(dirs.size() >= 2);
  for (const auto& dir : dirs) {
    std::string rel = fs::relative(dir, CFGLINT_SOURCE_DIR).string();
    INFO("fixture " << rel);
    std::string d = diff(read_expected(dir), actual(dir, 2));
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
