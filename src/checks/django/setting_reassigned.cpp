// Template "setting-reassigned": a setting assigned twice in one module, unconditionally, where the
// second silently replaces the first (not `X = X + [...]`). One of the two is dead configuration.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "checks/django/django_checks.h"
#include "model/settings_eval.h"

namespace cfglint {
namespace {

class SettingReassigned final : public ProjectCheck {
 public:
  using ProjectCheck::ProjectCheck;
  void check_project(const Project& project, std::vector<Finding>& out) const override {
    std::set<std::pair<std::string, uint32_t>> seen;
    for (const auto& s : project.settings)
      for (const auto& r : s.reassignments) {
        if (r.first.file != r.second.file || !seen.insert({r.second.file, r.second.range.begin.line}).second) continue;
        Finding f = finding(r.second.file, r.second.range,
                            r.name + " is assigned again here and replaces the value from line " + std::to_string(r.first.range.begin.line) +
                                "; the first assignment has no effect");
        f.related.push_back({r.first.file, r.first.range, "first assignment of " + r.name});
        out.push_back(std::move(f));
      }
  }
};

}  // namespace

TemplateInfo setting_reassigned_template() {
  return simple_template<SettingReassigned>("setting-reassigned", "A setting assigned twice in one module.");
}

}  // namespace cfglint
