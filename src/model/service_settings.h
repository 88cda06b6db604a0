// Which evaluated settings module a container's Django process loads: DJANGO_SETTINGS_MODULE from its
// environment, or, when the environment is known whole and does not set it, the os.environ.setdefault
// of the module its server command loads (gunicorn shop.wsgi -> shop/wsgi.py). nullptr when unsure.
#pragma once
#include <map>
#include <vector>

#include "model/app_registry.h"
#include "model/deployment.h"
#include "model/django_project.h"

namespace cfglint {

// The process imports Django's settings at start: a server or Celery worker (for the app a settings module
// configures), or manage.py, in the command or the start-up work before it.
bool loads_django_settings(const ContainerView& v);
bool loads_django_settings(const CommandModel& command, const std::vector<std::string>& startup_work);

// `<app>.config_from_object("django.conf:settings", namespace=...)` at module level: a Celery app that
// reads its configuration from Django's settings, and the prefix it reads them with.
struct CeleryDjangoConfig {
  const PythonModule* module = nullptr;
  std::string ns;  // "" when read without a namespace
  Location call;
};
std::optional<CeleryDjangoConfig> celery_django_config(const PythonModule& module);

// The one namespace every Django-configured Celery app of the repository uses ("CELERY"), or "" when
// there is none, several, or an app cfglint cannot read.
std::string celery_settings_namespace(const Project& project);
// Whether a Celery app reading with namespace `ns` (from celery_settings_namespace) may read the Django
// setting `name`: false only for a Celery-only name (BROKER_*, CELERY_*, CELERYD_*, CELERYBEAT_*) without
// that prefix (`BROKER_URL` under namespace="CELERY" has no effect).
bool celery_may_read_setting(const std::string& ns, std::string_view name);

class ServiceSettings {
 public:
  explicit ServiceSettings(const Project& project);  // after the settings and the app registry
  const SettingsResult* of(const ContainerView& v) const;
  // A Kubernetes container's image is usually built elsewhere (its ENV unknown): only an explicit
  // DJANGO_SETTINGS_MODULE in the container's environment (its env, or a ConfigMap of the repository it
  // names) says which settings it loads.
  const SettingsResult* of(const KubeContainerView& k) const;
  const SettingsResult* of(const KubeContainer& c) const;  // through its view
  // A Dockerfile stage's `RUN python manage.py ...`: DJANGO_SETTINGS_MODULE from the stage's ENV, else
  // the setdefault of manage.py at the root of the build context.
  const SettingsResult* of_build(const Dockerfile& df, size_t stage, const std::string& context) const;

  const SettingsResult* by_dotted(const std::string& dotted) const;
  // The project module a web server started by the command at `command` loads (gunicorn shop.wsgi ->
  // shop/wsgi.py), or nullptr.
  const PythonModule* served_module(const Location& command) const;
  // The settings named by the os.environ.setdefault of the module at `module_path`.
  const SettingsResult* set_by(const std::string& module_path) const;

 private:
  const Project& project_;
  // Indexed once: a monorepo has thousands of services, commands and settings modules.
  std::multimap<std::pair<std::string, Range>, ServerTarget> targets_;  // by the command's location
  std::multimap<std::string, std::string> setdefaults_;                 // module path -> settings it names
  std::map<std::string, const SettingsResult*> settings_by_path_;
  std::map<const KubeContainer*, const KubeContainerView*> views_;
};

}  // namespace cfglint
