#include "model/process_env.h"

#include <set>

#include "core/strings.h"
#include "model/deployment.h"
#include "model/image_facts.h"
#include "model/project.h"

namespace cfglint {
namespace {

// Compose interpolates `${VAR}` in values it could not resolve from the `.env` beside it: the deploying
// shell decides them.
bool unresolved(const std::string& value) {
  for (size_t i = 0; i + 1 < value.size(); ++i)
    if (value[i] == '$' && (value[i + 1] == '{' || std::isalpha(static_cast<unsigned char>(value[i + 1])) || value[i + 1] == '_'))
      return true;
  return false;
}

void read_env_file(const Project& project, const std::string& path, bool required, ProcessEnv& env) {
  const EnvFileUnit* unit = project.env_file(path);
  if (!unit) {
    // A required file that is missing stops compose (CFG313); either way its variables are unknown.
    env.unread_sources.push_back("env_file " + path + (required ? " (not in the repository)" : " (optional, not in the repository)"));
    return;
  }
  for (const auto& e : unit->parsed.entries)
    env.vars[e.key] = {e.value, !unresolved(e.value), unresolved(e.value), {path, e.key_range, "env_file " + path + " sets " + e.key}};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ProcessEnv::known_pairs() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [k, b] : vars)
    if (b.value_known) out.emplace_back(k, b.value);
  return out;
}

ProcessEnv compose_process_env(const Project& project, const ComposeFile& file, const ComposeService& service,
                               const ImageFacts& image, const Location& image_location) {
  ProcessEnv env;
  for (const auto& [k, v] : image.env)
    env.vars[k] = {v, !unresolved(v), false, {image_location.file, image_location.range, "the image's ENV " + k}};
  std::string dir = dirname_of(file.path);
  for (const auto& f : service.env_files) read_env_file(project, normalize_path(dir + f.value), true, env);
  for (const auto& f : service.optional_env_files) {
    std::string path = normalize_path(dir + f.value);
    if (project.env_file(path)) read_env_file(project, path, false, env);
    else env.unread_sources.push_back("env_file " + path + " (optional, not in the repository)");
  }
  for (const auto& [k, l] : service.environment) {
    // `environment: [FOO]` (no `=`) or `FOO:` with no value passes the deploying shell's FOO through.
    bool pass_through = service.environment_from_shell.count(k) > 0;
    env.vars[k] = {l.value, !pass_through && !unresolved(l.value), service.environment_interpolated.count(k) > 0,
                   {file.path, l.range, "compose environment " + k}};
  }
  return env;
}

ConnectionAddress connection_address(std::string_view value) {
  ConnectionAddress a;
  value = trim(value);
  if (size_t sep = value.find("://"); sep != std::string_view::npos) {
    a.scheme = to_lower(value.substr(0, sep));
    value = value.substr(sep + 3);
    value = value.substr(0, value.find_first_of("/?#,"));
    if (size_t at = value.rfind('@'); at != std::string_view::npos) value = value.substr(at + 1);
  }
  if (!value.empty() && value[0] == '[') {
    size_t close = value.find(']');
    a.host = std::string(value.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  } else {
    a.host = std::string(value.substr(0, value.find(':')));
  }
  return a;
}

std::vector<VariableValue> values_of_variable(const Project& project, const std::string& name) {
  std::vector<VariableValue> out;
  std::set<std::string> read_by_services;
  for (const auto& v : project.services) {
    if (const EnvBinding* b = v.env.get(name); b && b->value_known)
      out.push_back({b->value, b->where, true, "service `" + v.service.name + "`"});
    for (const auto& f : v.service.env_files) read_by_services.insert(normalize_path(dirname_of(v.file->path) + f.value));
  }
  for (const auto& w : project.workloads)
    for (const auto& c : w.containers)
      for (const auto& [k, value] : c.env)
        if (k == name) out.push_back({value, {w.file, c.range, "container `" + c.name + "` env " + name}, true, "container `" + c.name + "`"});
  for (const auto& e : project.env_files) {
    if (read_by_services.count(e.path)) continue;
    if (const EnvEntry* entry = e.parsed.find(name)) out.push_back({entry->value, {e.path, entry->key_range, e.path + " sets " + name}, false, ""});
  }
  return out;
}

}  // namespace cfglint
