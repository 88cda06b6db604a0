// Template "tuple-setting-mutated": a setting defined as a tuple is mutated as if it were a list
// (.append/.extend/.insert, += [..], item assignment), at import time, in the same module, in a branch,
// or in another settings module through a star import. Python raises at import, so every process that
// loads the settings (web, worker, migrate) dies at start and its restart policy loops it.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "checks/django/django_checks.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

class TupleSettingMutated final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& s : project.settings)
      for (const auto& m : s.mutations) {
        if (!m.fails || m.setting.empty() || !std::isupper(static_cast<unsigned char>(m.setting[0]))) continue;
        if (!seen.insert({m.where.file, m.where.range.begin.line}).second) continue;
        std::string what = m.how == "item assignment" ? m.target + "[...] = ..." : m.how == "+=" ? m.target + " += [...]" : m.target + "." + m.how + "(...)";
        Finding f = finding(m.where.file, m.where.range,
                            "`" + what + "` mutates " + m.target + ", which is a tuple: importing the settings raises " + m.error +
                                ", so every process that loads them exits at start" + (m.maybe ? " (on this branch)" : ""));
        if (m.before && m.before->origin.known())
          f.related.push_back(m.before->origin.location(m.target + " is defined as a tuple here"));
        out.push_back(std::move(f));
      }
  }
};

}  // namespace

TemplateInfo tuple_setting_mutated_template() {
  return simple_template<TupleSettingMutated>("tuple-setting-mutated", "A tuple-valued setting mutated like a list at import time.");
}

}  // namespace cfglint
