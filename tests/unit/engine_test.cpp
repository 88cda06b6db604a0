#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <fstream>

#include "engine/file_pipeline.h"
#include "engine/runner.h"
#include "engine/suppressions.h"
#include "test_support.h"

using namespace cfglint;
namespace fs = std::filesystem;

namespace {
struct TempProject {
  fs::path path;
  TempProject() {
    char tmpl[] = "/tmp/cfglint-engine-XXXXXX";
    path = ::mkdtemp(tmpl);
    fs::create_directory(path / ".git");
  }
  ~TempProject() { fs::remove_all(path); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
  }
  RunResult run(RunOptions opt = {}) const {
    if (opt.paths == std::vector<std::string>{"."}) opt.paths = {path.string()};
    opt.relative_to = path.string();
    return Engine(RuleCatalog::builtin()).run(opt);
  }
};

std::vector<std::string> ids(const RunResult& r, bool with_suppressed = false) {
  std::vector<std::string> out;
  for (const auto& f : r.findings)
    if (with_suppressed || !f.suppressed) out.push_back(f.where.file + ":" + std::to_string(f.where.range.begin.line) + " " + f.rule_id);
  return out;
}

const char* kDup = "services:\n  web:\n    image: a\n    image: b\n";
}  // namespace

TEST_CASE("suppressions: same line, next line, file level, reasons") {
  SourceFile f;
  f.kind = FileKind::Compose;
  f.text = "# cfglint: ignore-file[CFG301] legacy\na: 1\n# cfglint: ignore[CFG003, duplicate-key] merging soon\n\nb: 2  # cfglint: ignore\n";
  f.lines = LineIndex(f.text);
  auto s = scan_suppressions(f);
  REQUIRE(s.size() == 3);
  CHECK(s[0].file_level);
  CHECK(s[0].rules == std::vector<std::string>{"CFG301"});
  CHECK(s[1].target_line == 5);
  CHECK(s[1].rules.size() == 2);
  CHECK(s[1].reason == "merging soon");
  CHECK(s[2].target_line == 5);
  CHECK(s[2].rules.empty());
}

TEST_CASE("engine: suppressed findings are kept and marked; unused ones are reported") {
  TempProject p;
  p.write("compose.yaml", "services:\n  web:\n    image: a\n    image: b  # cfglint: ignore[duplicate-key] known\n    # cfglint: ignore[CFG303]\n    restart: always\n");
  auto r = p.run();
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].rule_id == "CFG003");
  CHECK(r.findings[0].suppressed);
  CHECK(r.findings[0].suppression_reason == "known");
  CHECK(r.findings[1].rule_id == "CFG002");
  CHECK(r.findings[1].where.range.begin.line == 5);
}

TEST_CASE("engine: select, ignore, prefixes and severity from config") {
  TempProject p;
  p.write("compose.yaml", kDup);
  p.write("Dockerfile", "FROM x\nCMD ['a']\n");
  CHECK(ids(p.run()).size() == 2);
  RunOptions o;
  o.select = {"CFG3"};
  CHECK(ids(p.run(o)) == std::vector<std::string>{"Dockerfile:2 CFG304"});
  RunOptions o2;
  o2.ignore = {"dockerfile-exec-form-not-json"};
  CHECK(ids(p.run(o2)) == std::vector<std::string>{"compose.yaml:4 CFG003"});
  p.write(".cfglint.toml", "ignore = [\"CFG304\"]\n[severity]\nduplicate-key = \"note\"\n");
  auto r = p.run();
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].severity == Severity::Note);
  RunOptions bad;
  bad.select = {"NOPE"};
  CHECK_THROWS_AS(p.run(bad), UsageError);
}

TEST_CASE("engine: per-path overrides and excludes") {
  TempProject p;
  p.write("legacy/compose.yaml", kDup);
  p.write("vendor/compose.yaml", kDup);
  p.write("compose.yaml", kDup);
  p.write(".cfglint.toml", "exclude = [\"vendor/\"]\n[[overrides]]\npaths = [\"legacy/**\"]\nseverity = { CFG003 = \"warning\" }\n");
  auto r = p.run();
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].where.file == "compose.yaml");
  CHECK(r.findings[0].severity == Severity::Error);
  CHECK(r.findings[1].where.file == "legacy/compose.yaml");
  CHECK(r.findings[1].severity == Severity::Warning);
}

TEST_CASE("engine: a bad config is a usage error with file:line:column") {
  TempProject p;
  p.write("compose.yaml", kDup);
  auto message = [&](const std::string& cfg) {
    p.write(".cfglint.toml", cfg);
    try {
      p.run();
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("select = [\"CFG999\"]\n").find(".cfglint.toml:1:10: unknown rule `CFG999`") != std::string::npos);
  CHECK(message("\n\nfail-on = \"sometimes\"\n").find(":3:11:") != std::string::npos);
  CHECK(message("selct = []\n").find("unknown setting `selct`") != std::string::npos);
  CHECK(message("[severity\n").find(".cfglint.toml:1:") != std::string::npos);
  CHECK(message("[[rule]]\nid = \"X1\"\nname = \"x\"\nsummary = \"s\"\n[rule.check]\ntemplate = \"regex\"\nfiles = [\"dockerfile\"]\npattern = \"(\"\n")
            .find("not a valid RE2 regex") != std::string::npos);
  CHECK(message("[[rule]]\nid = \"X1\"\nname = \"x\"\nsummary = \"s\"\n[rule.check]\ntemplate = \"nope\"\n").find("unknown check template") !=
        std::string::npos);
}

TEST_CASE("engine: user rules of both kinds, from config and from a rules folder") {
  TempProject p;
  p.write("compose.yaml", "services:\n  web:\n    image: app:latest\n    privileged: true\n");
  p.write("Dockerfile", "FROM python:3.12\nRUN pip install -r requirements.txt\n");
  p.write(".cfglint.toml",
          "rules-dir = \"team-rules\"\n"
          "[[rule]]\nid = \"TEAM001\"\nname = \"no-latest-tag\"\nseverity = \"warning\"\nsummary = \"Pin image tags\"\n"
          "[rule.check]\ntemplate = \"path\"\nfiles = [\"compose\"]\npath = \"services.*.image\"\n"
          "where = [{ matches = ':latest$' }]\nmessage = \"service `{1}` uses `{value}`\"\n");
  p.write("team-rules/pip.toml",
          "id = \"TEAM002\"\nname = \"pip-no-cache\"\nsummary = \"Use --no-cache-dir\"\n"
          "[check]\ntemplate = \"regex\"\nfiles = [\"dockerfile\"]\npattern = '(?m)^RUN (pip install) -r'\n");
  auto r = p.run();
  REQUIRE(ids(r) == std::vector<std::string>{"Dockerfile:2 TEAM002", "compose.yaml:3 TEAM001"});
  CHECK(r.findings[1].message == "service `web` uses `app:latest`");
  CHECK(r.findings[1].severity == Severity::Warning);
}

TEST_CASE("engine: given files are reported on, but the whole project is read") {
  TempProject p;
  p.write("compose.yaml",
          "services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres\n"
          "    env_file: db.env\n");
  p.write("db.env", "POSTGRES_PASSWORD=secret\n");
  p.write("other/compose.yaml", kDup);
  RunOptions o;
  o.paths = {(p.path / "compose.yaml").string()};
  auto r = p.run(o);
  CHECK(ids(r) == std::vector<std::string>{"compose.yaml:4 CFG302"});
}

TEST_CASE("engine: unreadable and oversized files do not stop the run") {
  TempProject p;
  p.write("compose.yaml", kDup);
  p.write("big/compose.yaml", std::string(2 << 20, '#'));
  RunOptions o;
  o.max_file_size = 1 << 20;
  auto r = p.run(o);
  CHECK(ids(r) == std::vector<std::string>{"big/compose.yaml:0 CFG001", "compose.yaml:4 CFG003"});  // the file as a whole
  if (::geteuid() != 0) {  // root reads everything
    p.write("locked/Dockerfile", "FROM x\n");
    fs::permissions(p.path / "locked/Dockerfile", fs::perms::none);
    auto r2 = p.run();
    CHECK(r2.problems.size() == 1);
  }
}

TEST_CASE("engine: fingerprints survive lines moving") {
  TempProject p;
  p.write("compose.yaml", kDup);
  auto before = p.run().findings.at(0).fingerprint;
  p.write("compose.yaml", std::string("# a new comment\n\n") + kDup);
  auto after = p.run().findings.at(0);
  CHECK(after.where.range.begin.line == 6);
  CHECK(after.fingerprint == before);
  CHECK(after.snippet == "    image: b");
}

TEST_CASE("engine: a parse error where no deployment reads the file is a note") {
  TempProject p;
  const char* broken = "rules: [unclosed\n";
  p.write("deploy/policies.yml", broken);
  p.write("app/tests/data/broken_policies.yml", broken);
  p.write("docs/examples/snippet.yaml", broken);
  RunResult r = p.run();
  std::map<std::string, Severity> by_file;
  for (const auto& f : r.findings)
    if (f.rule_id == "CFG001") by_file[f.where.file] = f.severity;
  REQUIRE(by_file.size() == 3);
  CHECK(by_file["deploy/policies.yml"] == Severity::Error);
  CHECK(by_file["app/tests/data/broken_policies.yml"] == Severity::Note);
  CHECK(by_file["docs/examples/snippet.yaml"] == Severity::Note);
}

TEST_CASE("engine: a file that names another makes cfglint read it, whatever its name") {
  TempProject p;
  p.write("compose.yaml", "services:\n  web:\n    build: {context: ., dockerfile: images/web.df}\n    env_file: [.envs/.prod/.django]\n");
  p.write("images/web.df", "FROM python:3.12-slim\nHEALTHCHECK CMD [\"curl -f http://localhost/\"]\n");
  p.write(".envs/.prod/.django", "DJANGO_SETTINGS_MODULE=shop.settings\n");
  p.write("unrelated/other.df", "FROM python:3.12-slim\nHEALTHCHECK CMD [\"curl -f http://localhost/\"]\n");
  RunResult r = p.run();
  auto found = ids(r);
  CHECK(std::find(found.begin(), found.end(), "images/web.df:2 CFG305") != found.end());
  CHECK(std::count_if(found.begin(), found.end(), [](const std::string& s) { return s.rfind("unrelated/", 0) == 0; }) == 0);
  CHECK(std::find(r.files.begin(), r.files.end(), ".envs/.prod/.django") != r.files.end());
}

TEST_CASE("engine: a UTF-16 requirements file is read as pip reads it") {
  TempProject p;
  std::string text = "\xFF\xFE";
  for (char c : std::string("Django==5.1.4\ndjango-csp==4.0\n")) text += {c, '\0'};
  p.write("requirements.txt", text);
  p.write("settings.py", "CSP_DEFAULT_SRC = (\"'self'\",)\nSECRET_KEY = \"x\"\nINSTALLED_APPS = [\"csp\"]\n");
  RunResult r = p.run();
  CHECK(std::find(r.files.begin(), r.files.end(), "requirements.txt") != r.files.end());
  bool v4_error = std::any_of(r.findings.begin(), r.findings.end(),
                              [](const Finding& f) { return f.rule_id == "CFG102" && f.severity == Severity::Error; });
  CHECK(v4_error);  // the version came from the UTF-16 file: django-csp 4 is installed
}

TEST_CASE("engine: below the named folder, test folders hold test stacks: their findings are notes") {
  TempProject p;
  const char* db_without_password = "services:\n  db:\n    image: postgres:16\n";
  p.write("compose.yaml", db_without_password);
  p.write("tests/stack/compose.yaml", db_without_password);
  auto whole = p.run();
  REQUIRE(ids(whole) == std::vector<std::string>{"compose.yaml:2 CFG315", "tests/stack/compose.yaml:2 CFG315"});
  CHECK(whole.findings[0].severity == Severity::Error);
  CHECK(whole.findings[1].severity == Severity::Note);
  // Named on the command line, the folder is what the user asked about, whatever it is called.
  RunOptions o;
  o.paths = {(p.path / "tests" / "stack").string()};
  auto named = p.run(o);
  // (a warning: the path's words mark a test stack as development, which CFG315 says less loudly)
  REQUIRE(ids(named) == std::vector<std::string>{"tests/stack/compose.yaml:2 CFG315"});
  CHECK(named.findings[0].severity == Severity::Warning);
}

TEST_CASE("engine: a module on a settings path is settings when it reads like settings") {
  CheckSet none({});
  auto module = [&](const std::string& path, const std::string& text) {
    FileResult r = process_file(path, "/nonexistent/" + path, FileKind::Python, 1 << 20, none, &text);
    REQUIRE(r.python);
    return std::move(*r.python);
  };
  // A settings package: constants, a star import of its base, an empty __init__.
  CHECK(module("config/settings/prod.py", "from .base import *\nDEBUG = False\n").looks_like_settings);
  CHECK(module("config/settings/base.py", "import os\nDEBUG = True\nTIME_ZONE = 'UTC'\ndef helper():\n    pass\n").looks_like_settings);
  CHECK(module("config/settings/__init__.py", "").looks_like_settings);
  // A Django app named `settings`: models and views are not settings, and their trees are not kept.
  PythonModule views = module("apps/settings/views.py", "from django.views import View\nclass Home(View):\n    pass\ndef index(r):\n    return r\n");
  CHECK_FALSE(views.looks_like_settings);
  CHECK(views.source == nullptr);
  // Settings names anywhere make a module settings, whatever its path.
  CHECK(module("shop/conf.py", "SECRET_KEY = 'x'\nINSTALLED_APPS = []\n").looks_like_settings);
}
