#include "model/pip_installs.h"

#include <set>

#include "core/strings.h"
#include "frontends/requirements/requirements_parser.h"
#include "model/deployment.h"
#include "model/image_files.h"

namespace cfglint {

std::optional<PipInstall> pip_install(const std::vector<std::string>& a) {
  size_t i = 0;
  while (i < a.size()) {
    std::string p = basename_of(a[i]);
    if (p.rfind("pip", 0) == 0 && p.find_first_not_of("pip0123456789.") == std::string::npos) { ++i; break; }
    if ((p == "uv" || p.rfind("python", 0) == 0) && i + 1 < a.size() && (a[i + 1] == "pip" || (a[i + 1] == "-m" && i + 2 < a.size() && a[i + 2] == "pip"))) {
      i += a[i + 1] == "-m" ? 3 : 2;
      break;
    }
    ++i;
  }
  if (i >= a.size() || a[i] != "install") return std::nullopt;
  PipInstall out;
  for (++i; i < a.size(); ++i) {
    const std::string& w = a[i];
    auto value = [&](std::string_view flag) -> std::optional<std::string> {
      if (w == flag && i + 1 < a.size()) return a[++i];
      if (w.size() > flag.size() && w.compare(0, flag.size(), flag) == 0 && (w[flag.size()] == '=' || flag.size() == 2))
        return w.substr(flag.size() + (w[flag.size()] == '=' ? 1 : 0));
      return std::nullopt;
    };
    if (auto f = value("-r")) out.files.push_back(*f);
    else if (auto g = value("--requirement")) out.files.push_back(*g);
    else if (w == "--no-index" || w.rfind("--find-links", 0) == 0 || w.rfind("-f", 0) == 0 || w.rfind("--index-url", 0) == 0 ||
             w.rfind("-i", 0) == 0 || w.rfind("--extra-index-url", 0) == 0 || w.rfind("--only-binary", 0) == 0)
      out.wheels_elsewhere = true;
    else if (w == "--ignore-requires-python" || w.rfind("--python-version", 0) == 0 || w.rfind("--python", 0) == 0 || w == "-p")
      out.ignores_python = true;
    else if (w == "-c" || w == "--constraint" || w == "-e" || w == "--editable" || w == "-t" || w == "--target" || w == "--prefix" ||
             w == "--root")
      ++i;
    else if (!w.empty() && w[0] != '-' && w.find('/') == std::string::npos && w.find('$') == std::string::npos) {
      std::string name, specifier;
      if (parse_pep508(w, name, specifier)) out.names.push_back({name, specifier});
    }
  }
  return out;
}

std::vector<RequestedRequirement> requested_requirements(const Project& project, const DockerfileUnit& d, size_t stage,
                                                         const std::string& context, const PipInstall& pip, const DockerInstruction& ins) {
  std::vector<RequestedRequirement> out;
  for (const auto& [name, specifier] : pip.names) out.push_back({name, specifier, {d.path, ins.range, "RUN"}});
  const std::string& workdir = d.parsed.stages[stage].workdir;
  std::vector<std::string> queue;
  if (!pip.files.empty()) {
    ImageFiles image(project, d, context);
    for (const auto& f : pip.files) {
      std::string in_image = f[0] == '/' ? f : container_path(f.find('/') == std::string::npos ? "./" + f : f, workdir.empty() ? "/" : workdir);
      if (auto file = image.at_end_of(stage, in_image)) queue.push_back(file->repo_path);
    }
  }
  std::set<std::string> seen;
  while (!queue.empty() && seen.size() < 32) {
    std::string path = queue.back();
    queue.pop_back();
    if (!seen.insert(path).second) continue;
    for (const auto& dep : project.dependencies) {
      if (dep.path != path) continue;
      for (const auto& r : dep.requirements) out.push_back({r.name, r.specifier, {dep.path, r.range, "the requirement"}});
      for (const auto& [inc, range] : dep.includes) queue.push_back(normalize_path(dirname_of(dep.path) + inc));
    }
  }
  return out;
}

}  // namespace cfglint
