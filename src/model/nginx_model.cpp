#include "model/nginx_model.h"

#include <algorithm>
#include <set>

#include "core/source.h"
#include "core/strings.h"
#include "frontends/nginx/nginx_parser.h"
#include "frontends/shell/shell_words.h"
#include "model/deployment.h"
#include "model/project.h"

namespace cfglint {
namespace {

constexpr size_t kMaxFiles = 200;

// `8080`, `0.0.0.0:80`, `[::]:80`, `unix:/run/nginx.sock` (skipped).
void add_listen(const NginxDirective& d, NginxFacts& out) {
  if (d.args.empty()) return;
  std::string_view arg = d.args[0];
  ListenAddress a;
  size_t colon = arg.rfind(':');
  if (arg.rfind("unix:", 0) == 0 || (colon != std::string_view::npos && arg.find(']') != std::string_view::npos && colon < arg.find(']')))
    return;
  std::string_view port = colon == std::string_view::npos ? arg : arg.substr(colon + 1);
  if (colon != std::string_view::npos) a.host = std::string(arg.substr(0, colon));
  if (!a.host.empty() && a.host.front() == '[') a.host = a.host.substr(1, a.host.size() - 2);
  auto number = parse_decimal(port, 65535);
  if (!number) return;
  a.port = static_cast<int>(*number);
  out.listens.push_back(a);
}

// The host of a `*_pass` target or an upstream `server`: "http://backend:8000/x" -> backend.
std::string host_of(std::string_view target) {
  if (size_t scheme = target.find("://"); scheme != std::string_view::npos) target = target.substr(scheme + 3);
  target = target.substr(0, target.find('/'));
  if (!target.empty() && target[0] == '[') return std::string(target.substr(1, target.find(']') - 1));
  return std::string(target.substr(0, target.find(':')));
}

// The port of an HTTP target: written, or the scheme's (an upstream server without one: 80). 0 for other
// protocols (uwsgi_pass, fastcgi_pass, ...) and ports that are not numbers.
int http_port_of(std::string_view directive, std::string_view target) {
  if (directive != "proxy_pass" && directive != "server") return 0;
  int fallback = target.rfind("https://", 0) == 0 ? 443 : 80;
  if (size_t scheme = target.find("://"); scheme != std::string_view::npos) target = target.substr(scheme + 3);
  target = target.substr(0, target.find('/'));
  size_t colon = target.rfind(':');
  if (colon == std::string_view::npos || target.find(']', colon) != std::string_view::npos) return fallback;
  auto n = parse_decimal(target.substr(colon + 1), 65535);
  return n ? static_cast<int>(*n) : 0;
}

const char* const kPassDirectives[] = {"proxy_pass", "uwsgi_pass", "fastcgi_pass", "grpc_pass", "scgi_pass", "memcached_pass"};

// The proxying locations of one file, with what is in effect in each.
void read_locations(const std::string& rel, const std::vector<NginxDirective>& ds, NginxFacts& out) {
  std::vector<std::vector<int>> children(ds.size());
  for (size_t i = 0; i < ds.size(); ++i)
    if (ds[i].parent >= 0) children[static_cast<size_t>(ds[i].parent)].push_back(static_cast<int>(i));
  auto own = [&](int block, const char* name) {
    std::vector<const NginxDirective*> found;
    for (int c : children[static_cast<size_t>(block)])
      if (ds[static_cast<size_t>(c)].name == name) found.push_back(&ds[static_cast<size_t>(c)]);
    return found;
  };
  for (size_t i = 0; i < ds.size(); ++i) {
    const NginxDirective& loc = ds[i];
    if (loc.name != "location" || !loc.opens_block) continue;
    auto pass = own(static_cast<int>(i), "proxy_pass");
    if (pass.empty() || pass.front()->args.empty()) continue;
    NginxProxyLocation l{join(loc.args, " "), pass.front()->args[0], {rel, loc.range, "location " + join(loc.args, " ")}};
    bool version_seen = false, headers_seen = false;
    for (int b = static_cast<int>(i); b >= 0; b = ds[static_cast<size_t>(b)].parent) {
      l.includes |= !own(b, "include").empty();
      if (auto v = own(b, "proxy_http_version"); !version_seen && !v.empty()) {
        version_seen = true;
        l.http11 = !v.back()->args.empty() && v.back()->args[0] != "1.0";
      }
      auto headers = own(b, "proxy_set_header");
      if (headers_seen || headers.empty()) continue;
      headers_seen = true;
      for (const auto* h : headers) {
        if (h->args.size() < 2) continue;
        std::string name = to_lower(h->args[0]), value = to_lower(h->args[1]);
        l.upgrade |= name == "upgrade";
        l.connection |= name == "connection" && (value.find("upgrade") != std::string::npos || value[0] == '$');
      }
    }
    out.proxy_locations.push_back(std::move(l));
  }
}

void read_unit(const NginxFileUnit& unit, NginxFacts& out, std::vector<const NginxDirective*>& all, std::vector<const std::string*>& files) {
  read_locations(unit.path, unit.directives, out);
  for (const auto& d : unit.directives) {
    all.push_back(&d);
    files.push_back(&unit.path);
  }
  ++out.files_read;
}

}  // namespace

std::vector<std::string> nginx_config_mounts(const ComposeFile& file, const ComposeService& service) {
  std::vector<std::string> out;
  for (const auto& v : service.volumes)
    if (v.target.rfind("/etc/nginx", 0) == 0 && !v.named && !v.source.empty() && v.source[0] == '.')
      out.push_back(normalize_path(dirname_of(file.path) + v.source));
  return out;
}

std::vector<std::string> nginx_config_copies(const DockerfileUnit& dockerfile) {
  std::vector<std::string> out;
  for (const auto& ins : dockerfile.parsed.instructions)
    if ((ins.keyword == "COPY" || ins.keyword == "ADD") && ins.flags.empty()) {
      auto words = shell_words(ins.command);
      if (words.size() == 2 && words[1].rfind("/etc/nginx", 0) == 0) out.push_back(normalize_path(dirname_of(dockerfile.path) + words[0]));
    }
  return out;
}

NginxFacts read_nginx_configs(const Project& project, const std::vector<std::string>& paths) {
  NginxFacts out;
  std::vector<const NginxDirective*> all;
  std::vector<const std::string*> file_of;  // parallel to `all`
  std::set<std::string> seen;
  auto unit_at = [&](const std::string& path) -> const NginxFileUnit* {
    auto it = std::lower_bound(project.nginx_files.begin(), project.nginx_files.end(), path,
                               [](const NginxFileUnit& u, const std::string& p) { return u.path < p; });
    return it != project.nginx_files.end() && it->path == path ? &*it : nullptr;
  };
  for (const auto& p : paths) {
    if (const NginxFileUnit* u = unit_at(p)) {
      if (seen.size() < kMaxFiles && seen.insert(p).second) read_unit(*u, out, all, file_of);
      continue;
    }
    std::string folder = p.empty() ? "" : p + "/";  // a folder: the files right inside it, in name order
    for (auto it = std::lower_bound(project.nginx_files.begin(), project.nginx_files.end(), folder,
                                    [](const NginxFileUnit& u, const std::string& f) { return u.path < f; });
         it != project.nginx_files.end() && it->path.compare(0, folder.size(), folder) == 0; ++it) {
      std::string_view name = std::string_view(it->path).substr(folder.size());
      if (name.find('/') != std::string_view::npos || !(ends_with(name, ".conf") || ends_with(name, ".template"))) continue;
      if (seen.size() < kMaxFiles && seen.insert(it->path).second) read_unit(*it, out, all, file_of);
    }
  }
  // Proxy settings at the http level of a main file (nginx.conf) reach the server blocks of the files it
  // includes, which cfglint does not link: a snippet's locations may inherit them.
  bool http_level_proxy = false;
  for (const NginxDirective* d : all)
    http_level_proxy |= d->context.size() == 1 && d->context[0] == "http" && (d->name == "proxy_set_header" || d->name == "proxy_http_version");
  if (http_level_proxy)
    for (auto& l : out.proxy_locations) l.includes = true;
  std::set<std::string> upstreams;
  for (const NginxDirective* d : all)
    if (d->opens_block && d->name == "upstream" && !d->args.empty()) upstreams.insert(d->args[0]);
  for (size_t i = 0; i < all.size(); ++i) {
    const NginxDirective& d = *all[i];
    if (d.name == "listen") add_listen(d, out);
    bool pass = std::find(std::begin(kPassDirectives), std::end(kPassDirectives), d.name) != std::end(kPassDirectives);
    bool upstream_server = d.name == "server" && !d.context.empty() && d.context.back() == "upstream";
    if ((!pass && !upstream_server) || d.args.empty()) continue;
    const std::string& target = d.args[0];
    if (target.find('$') != std::string::npos || target.find("unix:") != std::string::npos) continue;  // per request, or a socket
    if (upstream_server && std::find(d.args.begin(), d.args.end(), "resolve") != d.args.end()) continue;
    std::string host = host_of(target);
    if (host.empty() || (pass && upstreams.count(host))) continue;
    out.startup_hosts.push_back({host, target, {*file_of[i], d.range, d.name + " " + target}, http_port_of(d.name, target)});
  }
  return out;
}

}  // namespace cfglint
