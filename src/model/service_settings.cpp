#include "model/service_settings.h"

namespace cfglint {

ServiceSettings::ServiceSettings(const Project& project, const RuleCatalog& catalog) : project_(project) {
  for (auto& t : AppRegistry(project, catalog).server_targets())
    if (t.program != "celery") targets_.emplace(std::make_pair(t.where.file, t.where.range), t);
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

const SettingsResult* ServiceSettings::of(const ContainerView& v) const {
  if (const EnvBinding* b = v.env.get("DJANGO_SETTINGS_MODULE")) return b->value_known ? by_dotted(b->value) : nullptr;
  if (!v.env.closed() || !project_.modules) return nullptr;
  auto t = targets_.find({v.command_location.file, v.command_location.range});
  if (t == targets_.end()) return nullptr;
  const PythonModule* served = project_.modules->find(t->second.module);
  if (!served) return nullptr;
  auto r = setdefaults_.find(served->path);
  return r == setdefaults_.end() ? nullptr : by_dotted(r->second);
}

const SettingsResult* ServiceSettings::of(const KubeContainer& c) const {
  for (const auto& [k, value] : c.env)
    if (k == "DJANGO_SETTINGS_MODULE") return value.find('$') == std::string::npos ? by_dotted(value) : nullptr;
  return nullptr;
}

}  // namespace cfglint
