// What nginx does with the configuration files a container gives it (compose mounts, Dockerfile COPY
// into /etc/nginx): where it listens, and which host names it must resolve when it starts (proxy_pass
// and friends without variables, `upstream` servers without `resolve`): nginx exits with
// `[emerg] host not found in upstream` when one of them does not resolve.
#pragma once
#include <string>
#include <vector>

#include "core/finding.h"
#include "model/command_model.h"

namespace cfglint {

struct NginxStartupHost {
  std::string host;    // as nginx resolves it
  std::string target;  // as written: "backend:8000", "http://backend:8000/api"
  Location where;      // the directive
  int port = 0;        // the port nginx connects to (80/443 by scheme when none is written; 0: not HTTP or unknown)
};

// A `location` that proxies, with the settings in effect there (inherited as nginx inherits them:
// proxy_http_version from any enclosing level, proxy_set_header only from the nearest level that has one).
struct NginxProxyLocation {
  std::string path;     // the location's arguments, joined: "/ws/", "~ ^/socket"
  std::string target;   // proxy_pass argument
  Location where;       // the location directive
  bool http11 = false;  // proxy_http_version 1.1 (or later)
  bool upgrade = false;     // proxy_set_header Upgrade ...
  bool connection = false;  // proxy_set_header Connection upgrade (or a variable, as with a map)
  bool includes = false;    // an `include` there or above: settings cfglint did not read
};

struct NginxFacts {
  std::vector<ListenAddress> listens;
  std::vector<NginxStartupHost> startup_hosts;
  std::vector<NginxProxyLocation> proxy_locations;
  size_t files_read = 0;
};

struct Project;
struct ComposeFile;
struct ComposeService;
struct DockerfileUnit;

// Where a container gets its nginx configuration, as project paths (a file, or a folder of them): the
// service's bind mounts of a relative source onto /etc/nginx..., and a Dockerfile's `COPY src /etc/nginx...`.
// Read by the file pipeline's references and by the model's nginx facts alike.
std::vector<std::string> nginx_config_mounts(const ComposeFile& file, const ComposeService& service);
std::vector<std::string> nginx_config_copies(const DockerfileUnit& dockerfile);

// What the configuration files and folders at `paths` say (a folder: its *.conf and *.template files),
// from the nginx files the project read (Project::nginx_files); a path it did not read adds nothing.
NginxFacts read_nginx_configs(const Project& project, const std::vector<std::string>& paths);

}  // namespace cfglint
