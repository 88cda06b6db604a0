// Template "ecs-healthcheck-invalid": an ECS container healthCheck outside what ECS accepts
// (interval 5-300 s, timeout 2-60 s, retries 1-10, startPeriod 0-300 s; command starting with CMD or
// CMD-SHELL). RegisterTaskDefinition fails, or the command never runs as intended.
#include "checks/containers/container_checks.h"

namespace cfglint {
namespace {

struct Bound {
  const char* name;
  const EcsHealthCheck::Field EcsHealthCheck::*field;
  long lo, hi;
};

class EcsHealthcheckInvalid final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    static const Bound bounds[] = {{"interval", &EcsHealthCheck::interval, 5, 300},
                                   {"timeout", &EcsHealthCheck::timeout, 2, 60},
                                   {"retries", &EcsHealthCheck::retries, 1, 10},
                                   {"startPeriod", &EcsHealthCheck::start_period, 0, 300}};
    for (const auto& t : project.task_definitions)
      for (const auto& c : t.containers) {
        if (!c.health.present) continue;
        for (const auto& b : bounds) {
          const auto& f = c.health.*(b.field);
          if (!f.value || (*f.value >= b.lo && *f.value <= b.hi)) continue;
          out.push_back(finding(t.file, f.range,
                                "container `" + c.name + "`: healthCheck." + b.name + " is " + std::to_string(*f.value) +
                                    ", outside what ECS accepts (" + std::to_string(b.lo) + "-" + std::to_string(b.hi) +
                                    "); registering the task definition fails"));
        }
        const auto& cmd = c.health.command;
        if (cmd.empty() || (cmd[0] != "CMD" && cmd[0] != "CMD-SHELL"))
          out.push_back(finding(t.file, c.health.command_range.begin.line ? c.health.command_range : c.health.range,
                                "container `" + c.name + "`: healthCheck.command must start with \"CMD\" or \"CMD-SHELL\"" +
                                    (cmd.empty() ? "" : ", not \"" + cmd[0] + "\"") + "; the health check cannot run"));
        else if (cmd[0] == "CMD-SHELL" && cmd.size() != 2)
          out.push_back(finding(t.file, c.health.command_range,
                                "container `" + c.name + "`: \"CMD-SHELL\" takes one string (the shell command), not " +
                                    std::to_string(cmd.size() - 1) + " items"));
      }
  }
};

}  // namespace

TemplateInfo ecs_healthcheck_invalid_template() {
  return simple_template<EcsHealthcheckInvalid>("ecs-healthcheck-invalid", "ECS healthCheck values out of bounds or badly formed.");
}

}  // namespace cfglint
