#include "model/service_settings.h"

namespace cfglint {

ServiceSettings::ServiceSettings(const Project& project, const RuleCatalog& catalog)
    : project_(project), targets_(AppRegistry(project, catalog).server_targets()), refs_(settings_module_refs(project)) {}

const SettingsResult* ServiceSettings::by_dotted(const std::string& dotted) const {
  if (!project_.modules || dotted.empty()) return nullptr;
  const PythonModule* m = project_.modules->find(dotted);
  if (!m) return nullptr;
  for (const auto& s : project_.settings)
    if (s.path == m->path) return &s;
  return nullptr;
}

const SettingsResult* ServiceSettings::of(const ContainerView& v) const {
  if (const EnvBinding* b = v.env.get("DJANGO_SETTINGS_MODULE")) return b->value_known ? by_dotted(b->value) : nullptr;
  if (!v.env.closed() || !project_.modules) return nullptr;
  for (const auto& t : targets_) {
    if (t.program == "celery" || t.where.file != v.command_location.file || !(t.where.range == v.command_location.range)) continue;
    const PythonModule* served = project_.modules->find(t.module);
    if (!served) return nullptr;
    for (const auto& r : refs_)
      if (r.where.file == served->path && r.source.rfind("os.environ", 0) == 0) return by_dotted(r.dotted);
    return nullptr;
  }
  return nullptr;
}

const SettingsResult* ServiceSettings::of(const KubeContainer& c) const {
  for (const auto& [k, value] : c.env)
    if (k == "DJANGO_SETTINGS_MODULE") return value.find('$') == std::string::npos ? by_dotted(value) : nullptr;
  return nullptr;
}

}  // namespace cfglint
