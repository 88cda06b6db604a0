#include "model/references.h"

#include <set>

#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

// Names that are data or documentation whatever references them (a compose `dockerfile:` can name
// any file, but a `.yml` there is a mistake, not a Dockerfile to read).
bool data_file_name(const std::string& path) {
  std::string b = to_lower(basename_of(path));
  for (const char* ext : {".yml", ".yaml", ".json", ".md", ".rst", ".j2", ".jinja", ".tmpl", ".tpl", ".template"})
    if (b.size() > std::string_view(ext).size() && ends_with(b, ext)) return true;
  return false;
}

// A path that interpolation has not resolved, or that leaves the project, cannot be read.
bool readable_reference(const std::string& path) {
  return !path.empty() && path.find('$') == std::string::npos && path.rfind("../", 0) != 0 && path[0] != '/' && !data_file_name(path);
}

}  // namespace

std::vector<FileReference> referenced_files(const Project& project) {
  std::vector<FileReference> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& path, FileKind kind, bool optional = false) {
    std::string p = normalize_path(path);
    if (readable_reference(p) && seen.insert(p).second) out.push_back({p, kind, optional});
  };
  // Configuration a container is given may be named anything (default.conf.template): only the path rules.
  auto add_config = [&](const std::string& path, FileKind kind) {
    std::string p = normalize_path(path);
    if (!p.empty() && p.find('$') == std::string::npos && p.rfind("../", 0) != 0 && seen.insert(p).second) out.push_back({p, kind, true});
  };
  for (const auto& cf : project.compose_files)
    for (const auto& s : cf.services) {
      if (s.build_context.present && s.build_dockerfile.present) add(compose_dockerfile_path(cf, s), FileKind::Dockerfile);
      for (const auto& e : s.env_files) add(dirname_of(cf.path) + e.value, FileKind::Dotenv);
      for (const auto& e : s.optional_env_files) add(dirname_of(cf.path) + e.value, FileKind::Dotenv, true);
      // nginx configuration mounted into /etc/nginx (a file, or a folder the reader lists): whatever its name
      for (const auto& path : nginx_config_mounts(cf, s)) add_config(path, FileKind::Nginx);
    }
  for (const auto& d : project.dockerfiles)  // COPY nginx/site.conf /etc/nginx/conf.d/
    for (const auto& path : nginx_config_copies(d)) add_config(path, FileKind::Nginx);
  for (const auto& d : project.dependencies)
    if (d.kind == FileKind::Requirements)
      for (const auto& [inc, range] : d.includes) add(dirname_of(d.path) + inc, FileKind::Requirements);
  return out;
}

}  // namespace cfglint
