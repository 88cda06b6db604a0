#include "discovery/classify.h"

#include "core/strings.h"

namespace cfglint {

FileKind classify_path(std::string_view rel) {
  size_t slash = rel.rfind('/');
  std::string_view base = slash == std::string_view::npos ? rel : rel.substr(slash + 1);
  std::string lower = to_lower(base);
  std::string_view b = lower;
  auto ends = [&](std::string_view suf) { return b.size() >= suf.size() && b.substr(b.size() - suf.size()) == suf; };
  auto starts = [&](std::string_view pre) { return b.substr(0, pre.size()) == pre; };
  bool yaml = ends(".yml") || ends(".yaml");

  if (yaml && (starts("docker-compose") || starts("compose.") || starts("compose-") || b == "compose.yml" || b == "compose.yaml"))
    return FileKind::Compose;
  if (b == "dockerfile" || b == "containerfile" || starts("dockerfile.") || starts("containerfile.") || ends(".dockerfile") ||
      ends(".containerfile") || (starts("dockerfile-") && b.find('.') == std::string_view::npos))
    return FileKind::Dockerfile;
  if (yaml) return FileKind::Yaml;
  if (b == ".env" || starts(".env.") || ends(".env")) {
    if (ends(".py") || ends(".sh")) return ends(".py") ? FileKind::Python : FileKind::Shell;
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
  return FileKind::Unknown;
}

}  // namespace cfglint
