// Template "compose-healthy-dependency-without-healthcheck": `depends_on: {x: {condition: service_healthy}}`
// where x has no healthcheck. `docker compose up` refuses: "dependency failed to start: container x has
// no healthcheck configured". A healthcheck may come from the compose service or the image's Dockerfile;
// the resolved services (model/deployment.h) already merged overrides, extends and include.
#include "checks/compose/healthy_dependency.h"

#include "model/deployment.h"
#include "model/deployment_graph.h"

namespace cfglint {
namespace {

class HealthyDependencyCheck final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.services) {
      for (const auto& dep : v.service.depends_on) {
        if (dep.condition != "service_healthy" || !dep.required) continue;  // required: false is skipped, not fatal
        const ContainerView* target = find_service(project, v, dep.service);
        if (!target) continue;  // an unknown service is another rule's business
        // Only certain absence: an image cfglint does not know may have its own HEALTHCHECK.
        if (target->health != ContainerView::Health::None && target->health != ContainerView::Health::Disabled) continue;
        bool disabled = target->health == ContainerView::Health::Disabled;
        Finding f = finding(v.name.file, dep.range,
                            "`" + v.service.name + "` waits for `" + dep.service + "` to be healthy, but `" + dep.service +
                                "` has no healthcheck" + (disabled ? " (it is disabled)" : "") +
                                "; `docker compose up` stops with \"dependency failed to start: container " + dep.service +
                                " has no healthcheck configured\"");
        f.related.push_back({target->name.file, target->name.range, "service `" + dep.service + "` is defined here without a healthcheck"});
        f.graph_edges.push_back(depends_on_edge(v, *target, dep.condition));
        if (target->dockerfile) {  // evidence in the Dockerfile: changing it alone must still surface this finding
          f.related.push_back({target->dockerfile->path, target->image.from.range, "the image `" + dep.service + "` builds from here has no HEALTHCHECK"});
          f.graph_edges.push_back(builds_edge(*target));
        }
        out.push_back(under_profiles(std::move(f), v.service.profiles));
      }
    }
  }
};

}  // namespace

TemplateInfo compose_healthy_dependency_template() {
  return simple_template<HealthyDependencyCheck>("compose-healthy-dependency-without-healthcheck",
                                                 "depends_on with condition service_healthy on a service that has no healthcheck (compose or image).");
}

}  // namespace cfglint
