// Template "depends-on-without-health-condition": a service whose start-up opens a database connection
// (`manage.py migrate` in its command or entrypoint) depends on the database with only
// `service_started`: compose starts it as soon as the database container exists, before the server
// accepts connections, and the first connection is refused.
// Judged by what the client does: servers, workers and caches connect lazily or retry, so they are not
// start-up dependencies; a start-up that waits (wait-for-it, pg_isready, a /dev/tcp loop) is fine; a
// race that `restart:` heals is a note, and only a process that is not restarted is a warning.
// One finding per `depends_on` entry, naming every service that shares it through a YAML anchor.
#include <re2/re2.h>

#include <map>

#include "checks/containers/container_checks.h"
#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {
namespace {

bool restart_heals(const ComposeService& s) {
  const std::string& r = s.restart.value;
  const std::string& d = s.deploy_restart_condition.value;
  return r == "always" || r == "unless-stopped" || r.rfind("on-failure", 0) == 0 || d == "any" || d == "on-failure";
}

struct Race {
  const ContainerView* dependant = nullptr;
  const ContainerView* target = nullptr;
  const ComposeDependency* dep = nullptr;
  std::vector<std::string> services;  // every service that shares this depends_on entry
  bool heals = true;
  bool maybe = false;  // the start-up is not known to connect at once
};

class DependsOnWithoutHealth final : public ProjectCheck {
 public:
  DependsOnWithoutHealth(const RuleSpec& rule, const std::string& images) : ProjectCheck(rule), images_(images) {}
  bool ok() const { return images_.ok(); }

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::map<std::pair<std::string, Range>, Race> races;  // keyed by where the depends_on entry is written
    for (const auto& v : project.services) {
      if (v.waits_for_dependencies || v.entrypoint_unknown) continue;
      // A program cfglint does not know, built here, may connect at start: say so, as a note.
      bool maybe = v.connects_at_start.empty() && !v.command.known && v.dockerfile;
      if (v.connects_at_start.empty() && !maybe) continue;
      for (const auto& d : v.service.depends_on) {
        if (d.condition != "service_started") continue;
        const ContainerView* target = database(project, v, d.service);
        if (!target) continue;
        Race& r = races[{v.name.file, d.range}];
        if (!r.dependant) r = {&v, target, &d, {}, true, maybe};
        r.services.push_back(v.service.name);
        r.heals = r.heals && restart_heals(v.service);
      }
    }
    for (const auto& [key, r] : races) out.push_back(under_profiles(report(project, r), r.dependant->service.profiles));
  }

 private:
  const ContainerView* database(const Project& project, const ContainerView& v, const std::string& name) const {
    const ContainerView* other = find_service(project, v, name);
    if (other && other->service.image.present && RE2::PartialMatch(ImageKnowledge::normalize(other->service.image.value), images_))
      return other;
    return nullptr;
  }

  Finding report(const Project& project, const Race& r) const {
    const ContainerView& v = *r.dependant;
    std::string image = ImageKnowledge::normalize(r.target->service.image.value);
    std::string who = r.services.size() == 1 ? "`" + r.services[0] + "`" : "services `" + join(r.services, "`, `") + "` (one YAML anchor)";
    bool has_health = r.target->health == ContainerView::Health::Compose || r.target->health == ContainerView::Health::Image;
    std::string shown = v.command.display.empty() ? join(v.argv, " ") : v.command.display;
    std::string what = r.maybe ? " `" + shown + "`, which may connect at start-up," : " `" + v.connects_at_start + "` at start-up,";
    Finding f = finding(v.name.file, r.dep->range,
                        who + " run" + (r.services.size() == 1 ? "s" : "") + what + " as soon as the `" +
                            r.dep->service + "` container starts (" + image + "), not when it accepts connections: the first start " +
                            "can fail with \"connection refused\"" +
                            (r.heals ? "; `restart:` retries it, so this costs restarts, not the deployment" : " and nothing restarts it") + "; " +
                            (has_health ? "use `condition: service_healthy`" : "give `" + r.dep->service + "` a healthcheck and use `condition: service_healthy`"));
    if (r.heals || r.maybe || development_compose(project, *v.file)) f.severity_override = Severity::Note;
    f.related.push_back({r.target->name.file, r.target->name.range, "`" + r.dep->service + "` is defined here"});
    if (!v.startup_location.file.empty()) f.related.push_back({v.startup_location.file, v.startup_location.range, "the start-up work"});
    return f;
  }

  RE2 images_;
};

}  // namespace

TemplateInfo depends_on_without_health_condition_template() {
  return {"depends-on-without-health-condition", "A start-up that connects to a database depends on it without waiting for it to be ready.",
          "images (RE2 over the normalised image name of the databases)",
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
