// The environment a container's process receives, variable by variable, with where each value comes
// from. Compose precedence: `environment:` over `env_file:` (later files over earlier) over the image's
// Dockerfile ENV. A source cfglint cannot read (an env file that is not in the tree, a variable passed
// through from the deploying shell) makes the environment open: a variable it does not show is then
// unknown, never absent.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace cfglint {

struct Project;
struct ComposeFile;
struct ComposeService;
struct ImageFacts;

struct EnvBinding {
  std::string value;
  bool value_known = true;  // false: passed through from the shell, or a `${VAR}` compose cannot resolve here
  bool interpolated = false;  // written with `${VAR}`: the deploying shell's environment may change it
  Location where;           // the line that sets it
};

struct ProcessEnv {
  std::map<std::string, EnvBinding, std::less<>> vars;
  std::vector<std::string> unread_sources;  // "env_file .env (not in the repository)", ...

  const EnvBinding* get(std::string_view name) const {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : &it->second;
  }
  // True when every source was read: a variable not in `vars` is certainly not set.
  bool closed() const { return unread_sources.empty(); }
  // name=value pairs for the command analysis (known values only).
  std::vector<std::pair<std::string, std::string>> known_pairs() const;
};

// Every value the repository gives variable `name` where a process can receive it: compose services'
// environments (`from_deployment`: with who receives it), Kubernetes container env, and env files no
// compose service reads (templates, files a platform loads: not known to reach a process).
struct VariableValue {
  std::string value;
  Location where;
  bool from_deployment = false;
  std::string receiver;  // "service `web`", "container `web`", or "" for a lone env file
};
std::vector<VariableValue> values_of_variable(const Project& project, const std::string& name);

// The scheme ("" when the value is not a URL) and host of a connection value:
// "postgres://u:p@db:5432/x" -> {postgres, db}; "redis:6379" -> {"", redis}; "[::1]:80" -> {"", ::1}.
struct ConnectionAddress {
  std::string scheme, host;
};
ConnectionAddress connection_address(std::string_view value);

// The environment of a resolved compose service (interpolation already applied to `service`).
ProcessEnv compose_process_env(const Project& project, const ComposeFile& file, const ComposeService& service,
                               const ImageFacts& image, const Location& image_location);

}  // namespace cfglint
