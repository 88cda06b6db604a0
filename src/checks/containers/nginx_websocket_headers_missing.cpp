// Template "nginx-websocket-headers-missing": an nginx location whose path is a WebSocket endpoint
// (`/ws/`, `/websocket`, `/socket.io`, `/cable`) proxies without what a WebSocket handshake needs through
// nginx: `proxy_http_version 1.1` (nginx speaks HTTP/1.0 to upstreams by default) and the hop-by-hop
// `Upgrade` and `Connection` headers, which nginx does not forward unless told. The upstream then sees a
// plain GET and answers 400 or 404; the browser reports a failed handshake. Read from the configuration
// an nginx container is given (model/nginx_model); a location that includes files, or inherits proxy
// settings from a main file cfglint did not link, is left alone.
#include "checks/containers/nginx_websocket_headers_missing.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

// The location's path or regex names a WebSocket endpoint (regex escapes dropped: `^/socket\.io/`).
bool websocket_path(std::string path) {
  path.erase(std::remove(path.begin(), path.end(), '\\'), path.end());
  static const RE2 ws(R"((?i)(^|[/^ ])(ws|wss|websockets?|socket\.io|sockjs|cable)([/$ ]|$))");
  return RE2::PartialMatch(path, ws);
}

class NginxWebsocketHeadersMissing final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& v : project.services)
      for (const auto& l : v.nginx.proxy_locations) {
        if (l.includes || !websocket_path(l.path) || (l.http11 && l.upgrade && l.connection)) continue;
        if (!seen.insert({l.where.file, l.where.range.begin.line}).second) continue;
        std::vector<std::string> missing;
        if (!l.http11) missing.push_back("`proxy_http_version 1.1;`");
        if (!l.upgrade) missing.push_back("`proxy_set_header Upgrade $http_upgrade;`");
        if (!l.connection) missing.push_back("`proxy_set_header Connection \"upgrade\";`");
        Finding f = finding(l.where.file, l.where.range,
                            "`location " + l.path + "` proxies WebSocket connections to " + l.target + " without " + join(missing, ", ") +
                                ": nginx sends the handshake upstream as a plain HTTP" + (l.http11 ? "/1.1" : "/1.0") +
                                " request without the Upgrade header, the server answers 400 or 404, and browsers report " +
                                "\"WebSocket connection failed: Error during WebSocket handshake\"; add them to this location");
        f.related.push_back({v.name.file, v.name.range, "the nginx service that loads it"});
        if (development_compose(project, *v.file)) f.severity_override = Severity::Warning;
        out.push_back(under_profiles(std::move(f), v.service.profiles));
      }
  }
};

}  // namespace

TemplateInfo nginx_websocket_headers_missing_template() {
  return simple_template<NginxWebsocketHeadersMissing>("nginx-websocket-headers-missing",
                                                       "An nginx WebSocket location without HTTP/1.1 and the Upgrade headers.");
}

}  // namespace cfglint
