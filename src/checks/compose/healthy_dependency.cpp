// Template "compose-healthy-dependency-without-healthcheck": `depends_on: {x: {condition: service_healthy}}`
// where x has no healthcheck. `docker compose up` refuses: "dependency failed to start: container x has
// no healthcheck configured". A healthcheck may come from the compose service or the image's Dockerfile.
#include "checks/compose/healthy_dependency.h"

#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

std::string dirname_of(const std::string& p) {
  size_t s = p.rfind('/');
  return s == std::string::npos ? "" : p.substr(0, s + 1);
}

// Normalises "a/./b/../c" style paths relative to the project root.
std::string normalize(const std::string& path) {
  std::vector<std::string> parts;
  for (auto seg : split(path, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.emplace_back(seg);
  }
  return join(parts, "/");
}

class HealthyDependencyCheck final : public Check {
 public:
  using Check::Check;
  bool reads(FileKind) const override { return false; }

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& cf : project.compose_files) {
      for (const auto& svc : cf.services) {
        for (const auto& dep : svc.depends_on) {
          if (dep.condition != "service_healthy" || !dep.required) continue;  // required: false is skipped, not fatal
          const ComposeService* target = find_service(project, cf, dep.service);
          if (!target) continue;  // an unknown service is another rule's business
          if (target->healthcheck.present && !target->healthcheck.disabled) continue;
          ImageInfo image = image_healthcheck(project, cf, *target);
          if (image.healthcheck && !target->healthcheck.disabled) continue;
          Finding f = finding(cf.path, dep.range,
                              "`" + svc.name + "` waits for `" + dep.service + "` to be healthy, but `" + dep.service +
                                  "` has no healthcheck" + (target->healthcheck.disabled ? " (it is disabled)" : "") +
                                  "; `docker compose up` stops with \"dependency failed to start: container " +
                                  dep.service + " has no healthcheck configured\"");
          f.related.push_back({cf.path, target->name_range, "service `" + dep.service + "` is defined here without a healthcheck"});
          if (image.dockerfile)  // evidence in the Dockerfile: changing it alone must still surface this finding
            f.related.push_back({image.dockerfile->path, image.from_range, "the image `" + dep.service + "` builds from here has no HEALTHCHECK"});
          out.push_back(std::move(f));
        }
      }
    }
  }

 private:
  static const ComposeService* find_service(const Project& project, const ComposeFile& cf, const std::string& name) {
    if (const auto* s = cf.service(name)) return s;
    // override files beside it and included files start with it
    for (const auto& other : project.compose_files)
      if (&other != &cf && (dirname_of(other.path) == dirname_of(cf.path) || same_compose_project(project, cf, other)))
        if (const auto* s = other.service(name)) return s;
    return nullptr;
  }

  struct ImageInfo {
    const DockerInstruction* healthcheck = nullptr;
    const DockerfileUnit* dockerfile = nullptr;
    Range from_range;
  };

  static ImageInfo image_healthcheck(const Project& project, const ComposeFile& cf, const ComposeService& s) {
    ImageInfo info;
    if (!s.build_context.present) return info;
    std::string ctx = normalize(dirname_of(cf.path) + s.build_context.value);
    std::string df = s.build_dockerfile.present ? s.build_dockerfile.value : "Dockerfile";
    std::string path = normalize((ctx.empty() ? "" : ctx + "/") + df);
    const DockerfileUnit* unit = project.dockerfile(path);
    if (!unit || unit->parsed.stages.empty()) return info;
    size_t stage = unit->parsed.stages.size() - 1;
    if (s.build_target.present)
      for (size_t i = 0; i < unit->parsed.stages.size(); ++i)
        if (unit->parsed.stages[i].name == to_lower(s.build_target.value)) stage = i;
    info.dockerfile = unit;
    info.from_range = unit->parsed.stages[stage].from_range;
    const DockerInstruction* hc = unit->parsed.last_in_stage(stage, "HEALTHCHECK");
    if (hc && hc->command != "NONE") info.healthcheck = hc;
    return info;
  }
};

}  // namespace

TemplateInfo compose_healthy_dependency_template() {
  return {"compose-healthy-dependency-without-healthcheck",
          "depends_on with condition service_healthy on a service that has no healthcheck (compose or image).", "",
          [](const RuleSpec& rule, const RuleCatalog&, std::string&) -> std::unique_ptr<Check> {
            return std::make_unique<HealthyDependencyCheck>(rule);
          }};
}

}  // namespace cfglint
