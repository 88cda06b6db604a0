// Template "ecs-healthy-dependency-without-healthcheck": dependsOn with condition HEALTHY on a container
// that has no healthCheck. ECS requires one; the task cannot start.
#include "checks/containers/container_checks.h"

namespace cfglint {
namespace {

class EcsHealthyDependency final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& t : project.task_definitions)
      for (const auto& c : t.containers)
        for (size_t i = 0; i < c.depends_on.size(); ++i) {
          const auto& [name, condition] = c.depends_on[i];
          if (condition != "HEALTHY") continue;
          const EcsContainer* target = nullptr;
          for (const auto& o : t.containers)
            if (o.name == name) target = &o;
          if (!target || target->health.present) continue;
          Finding f = finding(t.file, c.depends_on_ranges[i],
                              "container `" + c.name + "` waits for `" + name + "` to be HEALTHY, but `" + name +
                                  "` has no healthCheck; the task cannot start");
          f.related.push_back({t.file, target->range, "container `" + name + "` has no healthCheck"});
          out.push_back(std::move(f));
        }
  }
};

}  // namespace

TemplateInfo ecs_healthy_dependency_without_healthcheck_template() {
  return simple_template<EcsHealthyDependency>("ecs-healthy-dependency-without-healthcheck",
                                               "dependsOn HEALTHY on a container without a healthCheck.");
}

}  // namespace cfglint
