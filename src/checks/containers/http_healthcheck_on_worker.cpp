// Template "http-healthcheck-on-worker": a Celery worker or beat (no HTTP server) with an HTTP
// healthcheck, typically inherited from the web image's Dockerfile HEALTHCHECK because the compose
// service overrides only `command`. It is marked unhealthy forever.
#include "checks/containers/container_checks.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

class HttpHealthcheckOnWorker final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.services) {
      if (v.health != ContainerView::Health::Compose && v.health != ContainerView::Health::Image) continue;
      if (!v.command.known || v.command.serves_http || v.command.one_shot) continue;
      const ProbeTarget* http = nullptr;
      for (const auto& t : v.healthcheck.targets)
        if (t.http) http = &t;
      if (!http) continue;
      bool inherited = v.health == ContainerView::Health::Image;
      Location at = inherited ? v.command_location : v.healthcheck_location;
      Finding f = finding(at.file, at.range,
                          "service `" + v.service.name + "` runs `" + v.command.program + "`, which serves no HTTP, but " +
                              (inherited ? "inherits the image's HEALTHCHECK, which requests " : "its healthcheck requests ") + http->text +
                              ": it will be unhealthy forever");
      f.related.push_back({v.healthcheck_location.file, v.healthcheck_location.range,
                           inherited ? "the Dockerfile HEALTHCHECK it inherits by overriding only `command`" : "the healthcheck"});
      out.push_back(under_profiles(std::move(f), v.service.profiles));
    }
  }
};

}  // namespace

TemplateInfo http_healthcheck_on_worker_template() {
  return simple_template<HttpHealthcheckOnWorker>("http-healthcheck-on-worker", "An HTTP healthcheck on a process that serves no HTTP.");
}

}  // namespace cfglint
