// Template "depends-on-without-health-condition": depends_on a database, cache or broker with only
// `service_started` (the short list form): compose starts the app as soon as the container exists,
// before the server accepts connections, and the app crashes on its first connection at start-up.
#include <re2/re2.h>

#include "checks/containers/container_checks.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

class DependsOnWithoutHealth final : public ProjectCheck {
 public:
  DependsOnWithoutHealth(const RuleSpec& rule, const std::string& images) : ProjectCheck(rule), images_(images) {}
  bool ok() const { return images_.ok(); }

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    for (const auto& v : project.services) {
      // Its own start-up may already wait for the dependency (an entrypoint we cannot read, or one that waits).
      if (v.waits_for_dependencies || v.entrypoint_unknown) continue;
      for (const auto& d : v.service.depends_on) {
        if (d.condition != "service_started") continue;
        const ContainerView* target = nullptr;
        for (const auto& other : project.services)
          if (other.service.name == d.service && same_compose_project(project, *other.file, *v.file)) target = &other;
        if (!target || !target->service.image.present) continue;
        std::string image = ImageKnowledge::normalize(target->service.image.value);
        if (!RE2::PartialMatch(image, images_)) continue;
        bool has_health = target->health == ContainerView::Health::Compose || target->health == ContainerView::Health::Image;
        Finding f = finding(v.name.file, d.range,
                            "`" + v.service.name + "` starts as soon as the `" + d.service + "` container starts (" + image +
                                "), not when it accepts connections; " +
                                (has_health ? "use `condition: service_healthy`" : "give `" + d.service + "` a healthcheck and use `condition: service_healthy`") +
                                " so start-up does not race it");
        f.related.push_back({target->name.file, target->name.range, "`" + d.service + "` is defined here"});
        out.push_back(std::move(f));
      }
    }
  }

 private:
  RE2 images_;
};

}  // namespace

TemplateInfo depends_on_without_health_condition_template() {
  return {"depends-on-without-health-condition", "depends_on a database/cache/broker without waiting for it to be ready.",
          "images (RE2 over the normalised image name)",
          [](const RuleSpec& rule, const RuleCatalog&, std::string& error) -> std::unique_ptr<Check> {
            std::string images = rule.params["images"].value_or(std::string());
            if (images.empty()) {
              error = "`images` (an RE2 pattern over image names) is required";
              return nullptr;
            }
            auto c = std::make_unique<DependsOnWithoutHealth>(rule, images);
            if (!c->ok()) {
              error = "`images` is not a valid RE2 regex";
              return nullptr;
            }
            return c;
          }};
}

}  // namespace cfglint
