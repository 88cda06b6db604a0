#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/strings.h"
#include "discovery/classify.h"
#include "discovery/gitignore.h"
#include "discovery/walker.h"
#include "test_support.h"

using namespace cfglint;
namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/cfglint-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
  }
};

std::vector<std::string> walk(const TempDir& d, WalkOptions opt = {}) {
  std::vector<std::string> out;
  for (const auto& f : walk_project(fs::canonical(d.path).string(), opt)) out.push_back(f.rel_path);
  return out;
}
}  // namespace

TEST_CASE("glob matching") {
  CHECK(glob_match("*.yml", "a.yml"));
  CHECK(!glob_match("*.yml", "d/a.yml"));
  CHECK(glob_match("**/a.yml", "a.yml"));
  CHECK(glob_match("**/a.yml", "x/y/a.yml"));
  CHECK(glob_match("legacy/**", "legacy/x/y.yml"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK(glob_match("[Dd]ocker?ile", "Dockerfile"));
  CHECK(!glob_match("[!D]ockerfile", "Dockerfile"));
  CHECK(glob_match("compose.*.y*ml", "compose.prod.yaml"));
}

TEST_CASE("classification by name") {
  CHECK(classify_path("docker-compose.yml") == FileKind::Compose);
  CHECK(classify_path("deploy/docker-compose.override.yaml") == FileKind::Compose);
  CHECK(classify_path("compose.prod.yaml") == FileKind::Compose);
  CHECK(classify_path("web/pnpm-lock.yaml") == FileKind::Unknown);  // generated lock files are not deployment config
  CHECK(classify_path("package-lock.json") == FileKind::Unknown);
  CHECK(classify_path("conda-lock.yml") == FileKind::Unknown);
  CHECK(classify_path("deploy/values.yaml") == FileKind::Yaml);
  CHECK(classify_path("Dockerfile") == FileKind::Dockerfile);
  CHECK(classify_path("docker/Dockerfile.worker") == FileKind::Dockerfile);
  CHECK(classify_path("web.Dockerfile") == FileKind::Dockerfile);
  CHECK(classify_path("Containerfile") == FileKind::Dockerfile);
  CHECK(classify_path("k8s/deploy.yaml") == FileKind::Yaml);
  CHECK(classify_path(".env") == FileKind::Dotenv);
  CHECK(classify_path(".env.production") == FileKind::Dotenv);
  CHECK(classify_path("prod.env") == FileKind::Dotenv);
  CHECK(classify_path("app/settings.py") == FileKind::Python);
  CHECK(classify_path("requirements.txt") == FileKind::Requirements);
  CHECK(classify_path("requirements/prod.txt") == FileKind::Requirements);
  CHECK(classify_path("pyproject.toml") == FileKind::Pyproject);
  CHECK(classify_path("Pipfile.lock") == FileKind::PipfileLock);
  CHECK(classify_path("poetry.lock") == FileKind::PoetryLock);
  CHECK(classify_path("task-definition.json") == FileKind::Json);
  CHECK(classify_path("Procfile") == FileKind::Procfile);
  CHECK(classify_path("README.md") == FileKind::Unknown);
}

TEST_CASE("gitignore semantics") {
  IgnoreRules root;
  root.patterns = parse_gitignore("*.log\n/build/\nsecret.env\n!keep.log\ndocs/**/gen\n# comment\n\\#hash\n", "");
  CHECK(root.ignored("a.log", false));
  CHECK(root.ignored("x/y/a.log", false));
  CHECK(!root.ignored("keep.log", false));
  CHECK(root.ignored("build", true));
  CHECK(!root.ignored("build", false));  // dir-only pattern
  CHECK(!root.ignored("src/build", true));  // anchored
  CHECK(root.ignored("x/secret.env", false));
  CHECK(root.ignored("docs/a/b/gen", true));
  CHECK(root.ignored("#hash", false));
  auto child = std::make_shared<IgnoreRules>();
  child->parent = std::make_shared<IgnoreRules>(root);
  child->patterns = parse_gitignore("!important.log\nlocal.yml\n", "sub/");
  CHECK(!child->ignored("sub/important.log", false));
  CHECK(child->ignored("sub/other.log", false));
  CHECK(child->ignored("sub/local.yml", false));
  CHECK(!child->ignored("local.yml", false));
}

TEST_CASE("walker: skips tool folders, honours .gitignore and excludes, sorts, and stays inside the root") {
  TempDir d;
  d.write("compose.yaml", "services: {}\n");
  d.write("app/Dockerfile", "FROM x\n");
  d.write("app/settings.py", "X = 1\n");
  d.write("README.md", "# not analysed\n");
  d.write("node_modules/pkg/compose.yaml", "x\n");
  d.write(".git/config", "x\n");
  d.write("venv/pyvenv.cfg", "home = /usr\n");
  d.write("venv/lib/site.py", "x\n");
  d.write("build/CMakeCache.txt", "x\n");
  d.write("build/deps/compose.yaml", "x\n");
  d.write("src/pyvenv.cfg.example", "x\n");  // only the marker's exact name makes a virtualenv
  d.write("src/app.py", "x\n");
  d.write(".gitignore", "generated/\n*.local.yml\n");
  d.write("generated/compose.yaml", "x\n");
  d.write("dev.local.yml", "x\n");
  d.write("legacy/old.yml", "x\n");
  d.write("sub/.gitignore", "ignored.py\n");
  d.write("sub/ignored.py", "x\n");
  d.write("sub/kept.py", "x\n");
  TempDir outside;
  outside.write("secret.yml", "x\n");
  fs::create_symlink(outside.path / "secret.yml", d.path / "link-out.yml");
  fs::create_symlink(d.path / "compose.yaml", d.path / "link-in.yml");
  fs::create_directories(d.path / "loop");
  fs::create_directory_symlink(d.path, d.path / "loop" / "back");

  WalkOptions opt;
  opt.exclude_globs = {"legacy/**"};
  opt.jobs = 4;
  auto files = walk(d, opt);
  std::vector<std::string> expected = {"app/Dockerfile", "app/settings.py", "compose.yaml", "link-in.yml", "src/app.py", "sub/kept.py"};
  CHECK(files == expected);
}

TEST_CASE("walker: a root that is itself a virtualenv or a build tree is still walked") {
  TempDir d;
  d.write("pyvenv.cfg", "home = /usr\n");
  d.write("CMakeCache.txt", "x\n");
  d.write("app/settings.py", "X = 1\n");
  WalkOptions opt;
  auto files = walk(d, opt);
  CHECK(files == std::vector<std::string>{"app/settings.py"});
}
