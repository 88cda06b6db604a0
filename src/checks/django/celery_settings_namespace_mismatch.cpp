// Template "celery-settings-namespace-mismatch": the Celery app a worker runs configures itself with
// `app.config_from_object("django.conf:settings", namespace="CELERY")`, so it reads only CELERY_-prefixed
// settings, while the Django settings name the broker BROKER_URL / broker_url; or it reads without a
// namespace while the settings say CELERY_BROKER_URL. Celery then uses its default broker,
// amqp://guest@localhost:5672//, and the worker retries "Connection refused" forever.
// Certain only when: the app module is read whole and names no broker of its own (no `broker=`, no
// `app.conf...`: any mention of "broker" in it), the worker's settings module and whole environment are
// known (Celery also reads CELERY_BROKER_URL from the environment), and the settings set the broker under
// the other name only.
#include "checks/django/celery_settings_namespace_mismatch.h"

#include <map>

#include "core/strings.h"
#include "frontends/python/module_facts.h"
#include "model/deployment_graph.h"
#include "model/service_settings.h"

namespace cfglint {
namespace {

// A Celery app module that otherwise leaves the broker alone (a `broker=` or `broker_url` of its own wins).
std::optional<CeleryDjangoConfig> django_configured(const PythonModule& m) {
  if (!m.source || to_lower(m.source->text).find("broker") != std::string::npos) return std::nullopt;
  return celery_django_config(m);
}

class CelerySettingsNamespaceMismatch final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;

  void check_project(const Project& project, std::vector<Finding>& out) const override {
    if (!project.modules) return;
    const ServiceSettings& settings = *project.service_settings;
    std::set<std::pair<std::string, uint32_t>> reported;
    // Services by the location of their command: a target names where it is written.
    std::multimap<std::pair<std::string, Range>, const ContainerView*> by_command;
    for (const auto& v : project.services) by_command.emplace(std::make_pair(v.command_location.file, v.command_location.range), &v);
    if (!project.app_registry) return;
    for (const auto& t : project.app_registry->server_targets()) {
      if (t.program != "celery") continue;
      auto [first, last] = by_command.equal_range({t.where.file, t.where.range});
      if (first == last) continue;
      auto app = app_of(project, t.module);
      if (!app) continue;
      for (auto it = first; it != last; ++it) {
        const ContainerView& v = *it->second;
        if (v.command.program.rfind("celery ", 0) != 0 || !v.env.closed() || v.env.get("CELERY_BROKER_URL")) continue;
        const SettingsResult* s = settings.of(v);
        if (!s) continue;
        auto mismatch = misnamed_broker(*s, app->ns);
        if (!mismatch || !reported.insert({mismatch->where.file, mismatch->where.range.begin.line}).second) continue;
        out.push_back(report(project, v, *app, *s, *mismatch));
      }
    }
  }

 private:
  struct Misnamed {
    std::string written, expected;
    Location where;
  };

  // The broker setting under the name the app does not read, when the name it reads is not set.
  static std::optional<Misnamed> misnamed_broker(const SettingsResult& s, const std::string& ns) {
    std::string expected = ns.empty() ? "broker_url" : ns + "_BROKER_URL";
    std::vector<std::string> others = ns.empty() ? std::vector<std::string>{"CELERY_BROKER_URL"}
                                                 : std::vector<std::string>{"BROKER_URL", "broker_url"};
    if (s.names.count(expected) || (ns.empty() && s.names.count("BROKER_URL"))) return std::nullopt;
    for (const auto& name : others)
      if (auto it = s.names.find(name); it != s.names.end()) return Misnamed{name, expected, it->second.where};
    return std::nullopt;
  }

  static std::optional<CeleryDjangoConfig> app_of(const Project& project, const std::string& module) {
    for (const std::string& dotted : {module, module + ".celery", module + ".celery_app"})
      if (const PythonModule* m = project.modules->find(dotted))
        if (auto app = django_configured(*m)) return app;
    return std::nullopt;
  }

  Finding report(const Project& project, const ContainerView& v, const CeleryDjangoConfig& app, const SettingsResult& s,
                 const Misnamed& m) const {
    std::string how = app.ns.empty() ? "without a namespace" : "with namespace=\"" + app.ns + "\"";
    Finding f = finding(m.where.file, m.where.range,
                        "the Celery app of service `" + v.service.name + "` (" + app.module->path + ") reads the Django settings " + how +
                            ", so its broker setting is `" + m.expected + "`, but " + s.path + " sets `" + m.written +
                            "`, which it ignores: the worker uses the default broker amqp://guest@localhost:5672// and retries \"consumer: "
                            "Cannot connect to amqp://guest:**@127.0.0.1:5672//: [Errno 111] Connection refused\" forever; rename it to `" +
                            m.expected + "`");
    f.related.push_back(app.call);
    f.related.push_back({v.name.file, v.name.range, "the worker"});
    f.graph_edges.push_back(loads_edge(v, s.path));
    if (development_compose(project, *v.file)) f.severity_override = Severity::Warning;
    return under_profiles(std::move(f), v.service.profiles);
  }

};

}  // namespace

TemplateInfo celery_settings_namespace_mismatch_template() {
  return simple_template<CelerySettingsNamespaceMismatch>(
      "celery-settings-namespace-mismatch",
      "The Celery app reads Django settings under a namespace the broker setting does not use, so the worker connects to the default broker.");
}

}  // namespace cfglint
