// Template "start-period-too-short": a service does slow start-up work (migrations, collectstatic, waits)
// before it serves, its healthcheck gives it less than `min_seconds` (start_period + interval * retries)
// and another service waits for it with service_healthy. In plain compose an unhealthy container is not
// restarted, but the dependant fails with "dependency failed to start: container ... is unhealthy".
#include <map>

#include "checks/containers/container_checks.h"
#include "core/strings.h"
#include "model/deployment.h"
#include "model/duration.h"

namespace cfglint {
namespace {

class StartPeriodTooShort final : public ProjectCheck {
 public:
  StartPeriodTooShort(const RuleSpec& rule, double min_seconds) : ProjectCheck(rule), min_seconds_(min_seconds) {}
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::multimap<std::string, const ContainerView*> waiters;  // dependency name -> services waiting for it to be healthy
    for (const auto& other : project.services)
      for (const auto& d : other.service.depends_on)
        if (d.condition == "service_healthy") waiters.emplace(d.service, &other);
    for (const auto& v : project.services) {
      if (v.health != ContainerView::Health::Compose && v.health != ContainerView::Health::Image) continue;
      if (v.startup_work.empty()) continue;
      const ContainerView* waiter = nullptr;
      auto [wb, we] = waiters.equal_range(v.service.name);
      for (auto it = wb; it != we; ++it)
        if (same_compose_project(project, *it->second->file, *v.file)) waiter = it->second;
      if (!waiter) continue;
      double start = 0, interval = 30, retries = 3;
      if (v.health == ContainerView::Health::Compose) {
        const ComposeHealthcheck& h = v.service.healthcheck;
        if (h.start_period.present) start = parse_duration(h.start_period.value).value_or(start);
        if (h.interval.present) interval = parse_duration(h.interval.value).value_or(interval);
        auto n = h.retries.present ? parse_decimal(h.retries.value, 1000000) : std::nullopt;
        if (n && *n > 0) retries = static_cast<double>(*n);
      } else {
        for (const auto& [flag, value] : v.image.healthcheck->flags) {
          if (flag == "start-period") start = parse_duration(value).value_or(start);
          if (flag == "interval") interval = parse_duration(value).value_or(interval);
          auto n = flag == "retries" ? parse_decimal(value, 1000000) : std::nullopt;
          if (n) retries = static_cast<double>(*n);
        }
      }
      double window = start + interval * retries;
      if (window >= min_seconds_) continue;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0fs", window);
      Finding f = finding(v.healthcheck_location.file, v.healthcheck_location.range,
                          "service `" + v.service.name + "` runs " + join(v.startup_work, ", ") + " before it serves, but its healthcheck allows only " +
                              buf + " (start_period + interval x retries) before it is unhealthy; `" + waiter->service.name +
                              "` waits for service_healthy and fails to start when that happens");
      if (!v.startup_location.file.empty()) f.related.push_back({v.startup_location.file, v.startup_location.range, "the start-up work"});
      f.related.push_back({waiter->name.file, waiter->name.range, "`" + waiter->service.name + "` waits for it to be healthy"});
      out.push_back(under_profiles(std::move(f), v.service.profiles));
    }
  }

 private:
  double min_seconds_;
};

}  // namespace

TemplateInfo start_period_too_short_template() {
  return {"start-period-too-short", "A healthcheck grace window shorter than the service's start-up work.", "min_seconds (default 60)",
          [](const RuleSpec& rule, const RuleCatalog&, std::string& error) -> std::unique_ptr<Check> {
            double min = rule.params["min_seconds"].value_or(60.0);
            if (min <= 0) {
              error = "`min_seconds` must be positive";
              return nullptr;
            }
            return std::make_unique<StartPeriodTooShort>(rule, min);
          }};
}

}  // namespace cfglint
