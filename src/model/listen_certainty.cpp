#include "model/listen_certainty.h"

#include "core/strings.h"
#include "model/deployment.h"

namespace cfglint {

ListenCertainty::ListenCertainty(const Project& project) {
  for (const auto& mod : project.python_modules)
    if (std::string base = basename_of(mod.path); base == "gunicorn.conf.py") config_files_.emplace(base, mod.path);
}

bool ListenCertainty::may_be_moved(const CommandModel& m, const ListenAddress& l, bool env_closed, const std::string* context) const {
  if (!l.defaulted || m.listen_overridden_by.empty()) return false;
  if (!env_closed) return true;
  // Variables are all known now; what is left are config files (names with a dot), which an image
  // built elsewhere may hold.
  bool reads_config_file = false;
  for (const auto& name : m.listen_overridden_by) reads_config_file |= name.find('.') != std::string::npos;
  if (!reads_config_file) return false;
  if (!context) return true;
  std::string prefix = context->empty() ? "" : *context + "/";
  for (const auto& name : m.listen_overridden_by)
    for (auto [it, end] = config_files_.equal_range(name); it != end; ++it)
      if (it->second.compare(0, prefix.size(), prefix) == 0) return true;
  return false;
}

bool ListenCertainty::may_be_moved(const ContainerView& v, const ListenAddress& l) const {
  bool env_closed = v.env.closed() && (v.dockerfile || v.image.base_known);
  const std::string* built_here = v.service.build_context.present || v.built_here ? &v.build_context : nullptr;
  return may_be_moved(v.command, l, env_closed, built_here);
}

bool ListenCertainty::any_may_be_moved(const ContainerView& v) const {
  for (const auto& l : v.command.listens)
    if (may_be_moved(v, l)) return true;
  return false;
}

}  // namespace cfglint
