#include "model/service_settings.h"

#include "core/strings.h"

namespace cfglint {

bool loads_django_settings(const ContainerView& v) {
  const std::string& p = v.command.program;
  if (v.command.known && (p == "gunicorn" || p == "uvicorn" || p == "daphne" || p == "hypercorn" || p == "runserver" ||
                          p.rfind("celery ", 0) == 0))
    return true;
  if (v.command.one_shot && v.command.one_shot_what.find("manage.py") != std::string::npos) return true;
  for (const auto& w : v.startup_work)
    if (w.find("manage.py") != std::string::npos || w == "migrate" || w == "collectstatic") return true;
  return false;
}

ServiceSettings::ServiceSettings(const Project& project, const RuleCatalog& catalog) : project_(project) {
  for (auto& t : AppRegistry(project, catalog).server_targets())
    targets_.emplace(std::make_pair(t.where.file, t.where.range), t);
  for (const auto& r : settings_module_refs(project))
    if (r.source.rfind("os.environ", 0) == 0) setdefaults_.emplace(r.where.file, r.dotted);
  for (const auto& s : project.settings) settings_by_path_.emplace(s.path, &s);
}

const SettingsResult* ServiceSettings::by_dotted(const std::string& dotted) const {
  if (!project_.modules || dotted.empty()) return nullptr;
  const PythonModule* m = project_.modules->find(dotted);
  if (!m) return nullptr;
  auto it = settings_by_path_.find(m->path);
  return it == settings_by_path_.end() ? nullptr : it->second;
}

// The settings named by the os.environ.setdefault of the module at `path`, or nullptr.
const SettingsResult* ServiceSettings::set_by(const std::string& path) const {
  auto r = setdefaults_.find(path);
  return r == setdefaults_.end() ? nullptr : by_dotted(r->second);
}

const SettingsResult* ServiceSettings::of(const ContainerView& v) const {
  if (const EnvBinding* b = v.env.get("DJANGO_SETTINGS_MODULE")) return b->value_known ? by_dotted(b->value) : nullptr;
  if (!v.env.closed() || !project_.modules) return nullptr;
  // The server's app module (gunicorn shop.wsgi), or Celery's app (-A shop: shop/celery.py sets it).
  for (auto [t, end] = targets_.equal_range({v.command_location.file, v.command_location.range}); t != end; ++t) {
    std::vector<std::string> candidates{t->second.module};
    if (t->second.program == "celery") candidates = {t->second.module, t->second.module + ".celery", t->second.module + ".celery_app"};
    for (const auto& dotted : candidates)
      if (const PythonModule* m = project_.modules->find(dotted))
        if (const SettingsResult* s = set_by(m->path)) return s;
  }
  // manage.py runserver / migrate: manage.py's own setdefault, from the build context.
  if (!v.service.build_context.present && !v.built_here) return nullptr;
  const std::string& context = v.build_context;
  for (const auto& w : v.argv)
    if (w == "manage.py" || ends_with(w, "/manage.py"))
      for (const std::string& path : {normalize_path(context + "/" + w), normalize_path(context + "/manage.py")})
        if (const SettingsResult* s = set_by(path)) return s;
  return nullptr;
}

const SettingsResult* ServiceSettings::of_build(const Dockerfile& df, size_t stage, const std::string& context) const {
  auto env = df.stage_env(stage);
  if (auto it = env.find("DJANGO_SETTINGS_MODULE"); it != env.end())
    return it->second.find('$') == std::string::npos ? by_dotted(it->second) : nullptr;
  return set_by(normalize_path(context + "/manage.py"));
}

const SettingsResult* ServiceSettings::of(const KubeContainer& c) const {
  for (const auto& [k, value] : c.env)
    if (k == "DJANGO_SETTINGS_MODULE") return value.find('$') == std::string::npos ? by_dotted(value) : nullptr;
  return nullptr;
}

}  // namespace cfglint
