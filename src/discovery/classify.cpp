#include "discovery/classify.h"

#include "core/strings.h"

namespace cfglint {

namespace {
// A folder that holds nginx configuration: a segment naming nginx, or nginx's own conf.d/ and sites-*/.
bool nginx_folder(std::string_view dir) {
  std::string d = "/" + to_lower(dir);
  return d.find("nginx") != std::string::npos || d.find("/conf.d/") != std::string::npos ||
         d.find("/sites-available/") != std::string::npos || d.find("/sites-enabled/") != std::string::npos;
}
}  // namespace

FileKind classify_path(std::string_view rel) {
  size_t slash = rel.rfind('/');
  std::string_view base = slash == std::string_view::npos ? rel : rel.substr(slash + 1);
  std::string lower = to_lower(base);
  std::string_view b = lower;
  auto ends = [&](std::string_view suf) { return b.size() >= suf.size() && b.substr(b.size() - suf.size()) == suf; };
  auto starts = [&](std::string_view pre) { return b.substr(0, pre.size()) == pre; };
  bool yaml = ends(".yml") || ends(".yaml");

  // Templates are sources of a file, not the file: `Dockerfile.j2`, `compose.yml.tmpl`, `settings.py.tpl`.
  for (std::string_view t : {".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template", ".mustache", ".erb"})
    if (ends(t)) return FileKind::Unknown;
  // JSON with comments (tsconfig, devcontainer, editor settings) is not strict JSON and not deployment config.
  if (ends(".jsonc") || ((starts("tsconfig") || starts("jsconfig")) && ends(".json")) || b == "devcontainer.json" ||
      b == ".devcontainer.json" || rel.find(".vscode/") != std::string_view::npos)
    return FileKind::Unknown;

  // Package managers' lock files (pnpm-lock.yaml, package-lock.json, conda-lock.yml) are generated and
  // read by their own tools, not by a deployment: large, and not ours to judge.
  if ((yaml || ends(".json")) && (b.find("-lock.") != std::string_view::npos || b.find(".lock.") != std::string_view::npos ||
                                 b == "npm-shrinkwrap.json" || b == "composer.lock.json"))
    return FileKind::Unknown;
  if (yaml && (starts("docker-compose") || starts("compose.") || starts("compose-") || b == "compose.yml" || b == "compose.yaml"))
    return FileKind::Compose;
  // Dockerfiles by name; `dockerfile.yml` (a workflow, a playbook) or `Dockerfile.md` is not one.
  bool data_ext = yaml || ends(".json") || ends(".md") || ends(".txt") || ends(".rst") || ends(".sh") || ends(".py") ||
                  ends(".toml") || ends(".lock") || ends(".patch") || ends(".diff") || ends(".orig") || ends(".bak");
  if (!data_ext && (b == "dockerfile" || b == "containerfile" || starts("dockerfile.") || starts("containerfile.") ||
                    ends(".dockerfile") || ends(".containerfile") || (starts("dockerfile-") && b.find('.') == std::string_view::npos)))
    return FileKind::Dockerfile;
  if (yaml) return FileKind::Yaml;
  if (b == ".env" || starts(".env.") || ends(".env")) {
    if (ends(".py") || ends(".sh")) return ends(".py") ? FileKind::Python : FileKind::Shell;
    if (ends(".patch") || ends(".diff") || ends(".orig") || ends(".rej") || ends(".md") || ends(".json") || yaml)
      return yaml ? FileKind::Yaml : FileKind::Unknown;
    return FileKind::Dotenv;
  }
  if (ends(".py")) return FileKind::Python;
  if (b == "pyproject.toml") return FileKind::Pyproject;
  if (b == "pipfile") return FileKind::Pipfile;
  if (b == "pipfile.lock") return FileKind::PipfileLock;
  if (b == "poetry.lock") return FileKind::PoetryLock;
  if (ends(".toml")) return FileKind::Toml;
  if (ends(".txt") && (b.find("requirements") != std::string_view::npos || starts("constraints") ||
                       rel.find("requirements/") != std::string_view::npos))
    return FileKind::Requirements;
  if (ends(".in") && b.find("requirements") != std::string_view::npos) return FileKind::Requirements;
  if (ends(".json")) return FileKind::Json;
  if (b == "procfile" || starts("procfile.")) return FileKind::Procfile;
  if (ends(".sh") || starts("docker-entrypoint") || starts("entrypoint")) return FileKind::Shell;
  if (b == "nginx.conf" || (ends(".conf") && nginx_folder(rel.substr(0, rel.size() - base.size())))) return FileKind::Nginx;
  return FileKind::Unknown;
}

namespace {

bool one_of(const std::string& folder, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (folder == n) return true;
  return false;
}

bool test_folder(const std::string& f) {
  return one_of(f, {"test", "tests", "testing", "testdata", "test_data", "test-data", "__tests__", "fixtures", "__fixtures__", "spec",
                    "specs"});
}

bool docs_folder(const std::string& f) { return one_of(f, {"doc", "docs", "example", "examples"}); }

template <typename Pred>
bool under_folder(std::string_view rel_path, Pred pred) {
  size_t start = 0;
  for (size_t slash; (slash = rel_path.find('/', start)) != std::string_view::npos; start = slash + 1)
    if (pred(to_lower(rel_path.substr(start, slash - start)))) return true;
  return false;
}

}  // namespace

bool test_or_docs_path(std::string_view rel_path) {
  return under_folder(rel_path, [](const std::string& f) { return test_folder(f) || docs_folder(f); });
}

bool test_data_path(std::string_view rel_path) { return under_folder(rel_path, test_folder); }

}  // namespace cfglint
