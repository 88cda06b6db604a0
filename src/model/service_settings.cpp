#include "model/service_settings.h"

#include "core/strings.h"

namespace cfglint {

bool loads_django_settings(const ContainerView& v) { return loads_django_settings(v.command, v.startup_work); }

bool loads_django_settings(const CommandModel& command, const std::vector<std::string>& startup_work) {
  const std::string& p = command.program;
  if (command.known && (p == "gunicorn" || p == "uvicorn" || p == "daphne" || p == "hypercorn" || p == "runserver" ||
                        p.rfind("celery ", 0) == 0))
    return true;
  if (command.one_shot && command.one_shot_what.find("manage.py") != std::string::npos) return true;
  for (const auto& w : startup_work)
    if (w.find("manage.py") != std::string::npos || w == "migrate" || w == "collectstatic") return true;
  return false;
}

ServiceSettings::ServiceSettings(const Project& project) : project_(project) {
  if (project.app_registry)
    for (const auto& t : project.app_registry->server_targets()) targets_.emplace(std::make_pair(t.where.file, t.where.range), t);
  for (const auto& r : settings_module_refs(project))
    if (r.is_default()) setdefaults_.emplace(r.where.file, r.dotted);
  for (const auto& s : project.settings) settings_by_path_.emplace(s.path, &s);
  for (const auto& k : project.kube_containers) views_.emplace(k.container, &k);
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

const PythonModule* ServiceSettings::served_module(const Location& command) const {
  if (!project_.modules) return nullptr;
  for (auto [t, end] = targets_.equal_range({command.file, command.range}); t != end; ++t)
    if (t->second.program != "celery")
      if (const PythonModule* m = project_.modules->find_near(t->second.module, t->second.where.file)) return m;
  return nullptr;
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

const SettingsResult* ServiceSettings::of(const KubeContainerView& k) const {
  const KubeEnvValue* e = k.env_value("DJANGO_SETTINGS_MODULE");
  return e && e->value_known && e->value.find('$') == std::string_view::npos ? by_dotted(std::string(e->value)) : nullptr;
}

const SettingsResult* ServiceSettings::of(const KubeContainer& c) const {
  auto it = views_.find(&c);
  return it == views_.end() ? nullptr : of(*it->second);
}

std::optional<CeleryDjangoConfig> celery_django_config(const PythonModule& m) {
  if (!m.source) return std::nullopt;
  for (const py::Stmt* s : m.source->ast.body) {
    if (s->kind != py::Stmt::K::Expr || !s->value || s->value->kind != py::Expr::K::Call) continue;
    const py::Expr* call = s->value;
    if (!ends_with(py::dotted_name(call->a), ".config_from_object") || call->items.empty()) continue;
    const py::Expr* source = call->items[0];
    if (source->kind != py::Expr::K::Str || (source->text != "django.conf:settings" && source->text != "django.conf.settings")) continue;
    CeleryDjangoConfig app{&m, "", {m.path, m.source->range(call->begin, call->end), "config_from_object"}};
    for (const auto& [k, v] : call->keywords)
      if (k == "namespace") {
        if (v->kind == py::Expr::K::Str) app.ns = v->text;
        else if (!(v->kind == py::Expr::K::Const && v->text == "None")) return std::nullopt;  // computed: unknown
      }
    return app;
  }
  return std::nullopt;
}

std::string celery_settings_namespace(const Project& project) {
  std::set<std::string> namespaces;
  for (const auto& m : project.python_modules)
    if (m.source && m.source->text.find("config_from_object") != std::string::npos) {
      auto app = celery_django_config(m);
      if (!app) return "";  // configured some other way: unknown
      namespaces.insert(app->ns);
    }
  return namespaces.size() == 1 ? *namespaces.begin() : "";
}

bool celery_may_read_setting(const std::string& ns, std::string_view name) {
  bool celery_only = false;
  for (std::string_view prefix : {"BROKER_", "CELERY_", "CELERYD_", "CELERYBEAT_"}) celery_only |= name.rfind(prefix, 0) == 0;
  return !celery_only || ns.empty() || name.rfind(ns + "_", 0) == 0;
}

}  // namespace cfglint
